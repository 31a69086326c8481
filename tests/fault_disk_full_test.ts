/**
 * Fault injection: the history store's snapshot folder is a tiny tmpfs that fills up under an ingest load. Ingest
 * keeps answering 200 and every acknowledged row stays queryable from the live tables; snapshot writes fail with
 * "no space" and are retried; once space is freed the snapshots are written, and after a SIGKILL and restart the
 * history holds every acknowledged row exactly once.
 *
 * It mounts tmpfs, so it needs root (or CAP_SYS_ADMIN) and is skipped otherwise.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { type SiemProcess, startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats, waitFor } from "./harness/nats.ts";
import { eventRows } from "./harness/events.ts";
import { compareStored, logonRow, startIngestLoad } from "./harness/ingest_load.ts";

async function run(cmd: string, ...args: string[]): Promise<boolean> {
  const out = await new Deno.Command(cmd, { args, stdout: "null", stderr: "null" }).output().catch(() =>
    null
  );
  return out?.success ?? false;
}

/** Whether this process may mount a tmpfs (probed once, on a throwaway folder). */
async function canMount(): Promise<boolean> {
  if (Deno.build.os !== "linux") return false;
  const dir = await Deno.makeTempDir({ prefix: "siem-mount-probe-" });
  try {
    if (!(await run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", dir))) return false;
    await run("umount", dir);
    return true;
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
}

const MOUNTABLE = await canMount();

async function queryCount(siem: SiemProcess, query: string): Promise<number | undefined> {
  const res = await siem.api("/api/v1/query", { method: "POST", body: JSON.stringify({ query }) });
  if (res.status !== 200) {
    await res.body?.cancel();
    return undefined;
  }
  return Number((await res.json()).rows?.[0]?.[0]);
}

Deno.test({
  name: "a full snapshot disk loses no acknowledged event and recovers when space is freed",
  ignore: !MOUNTABLE,
  async fn() {
    await using nats = await startTestNats();
    const dataDir = await Deno.makeTempDir({ prefix: "siem-fault-disk-" });
    const snapshots = `${dataDir}/snapshots`;
    await Deno.mkdir(snapshots);
    assert.ok(await run("mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", snapshots), "mount failed");
    const env = {
      NATS_URL: nats.url,
      NATS_USER: nats.user,
      NATS_PASSWORD: nats.password,
      SIEM_SYSLOG_PORT: "off",
      SIEM_SNAPSHOT_INTERVAL: "1s",
    };
    let siem: SiemProcess | undefined;
    try {
      siem = await startSiemProcess({ env, dataDir });
      const current = siem;
      const load = startIngestLoad({
        url: () => current.httpUrl,
        token: current.token,
        table: "SecurityEvent",
        clients: 2,
        batch: 50,
        row: logonRow,
      });
      await new Promise((r) => setTimeout(r, 3000));
      const report = await load.finish();
      console.log(
        `fault_disk_full: ${report.acked.size} rows acknowledged at ${report.rowsPerSecond} rows/s with a full disk, ` +
          `errors seen: ${JSON.stringify(report.errors)}`,
      );
      assert.deepEqual(report.errors, {}, "ingest failed while only the snapshot disk was full");
      // The live tables hold everything while the disk is full (on a loaded machine the history store may take a
      // while to start; the first query waits for it).
      assert.ok(
        await waitFor(
          async () => (await queryCount(current, "SecurityEvent | count")) === report.acked.size,
          45_000,
        ),
        `hunting sees ${await queryCount(current, "SecurityEvent | count")} of ${report.acked.size} rows`,
      );
      assert.ok(
        await waitFor(
          () => /Cannot write a snapshot.*(No space|ENOSPC|os error 28)/i.test(current.stderr()),
          20_000,
        ),
        `no snapshot write failed for lack of space: ${
          current.stderr().split("\n").filter((l) => /snapshot/i.test(l)).slice(-5).join("\n")
        }`,
      );
      const { lost, twice } = compareStored(
        await eventRows(await jetstreamManager(await nats.connect()), "SecurityEvent"),
        report.acked,
        "Activity",
      );
      assert.deepEqual([lost.length, twice.length], [0, 0]);

      // Space freed: the next rounds write the snapshots.
      assert.ok(await run("mount", "-o", "remount,size=64m", snapshots));
      const written = async () => {
        const manifest = await Deno.readTextFile(`${snapshots}/manifest.json`).catch(() => "");
        return manifest.includes("SecurityEvent");
      };
      assert.ok(await waitFor(written, 20_000), "no snapshot after space was freed");

      // A crash and restart: snapshots plus the stream's tail give every row once.
      await siem.kill("SIGKILL");
      await siem[Symbol.asyncDispose]();
      siem = await startSiemProcess({ env, dataDir });
      const again = siem;
      const distinct = "SecurityEvent | summarize dcount(Activity)";
      assert.ok(
        await waitFor(
          async () => (await queryCount(again, "SecurityEvent | count")) === report.acked.size,
          20_000,
        ),
        `after the restart hunting sees ${await queryCount(
          again,
          "SecurityEvent | count",
        )} of ${report.acked.size}`,
      );
      assert.equal(await queryCount(again, distinct), report.acked.size);
    } finally {
      await siem?.[Symbol.asyncDispose]();
      await run("umount", snapshots);
      await Deno.remove(dataDir, { recursive: true }).catch(() => {});
    }
  },
});
