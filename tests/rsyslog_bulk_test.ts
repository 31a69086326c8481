/**
 * A real log shipper on the Elasticsearch bulk door: Debian's rsyslog with omelasticsearch (bulk mode, basic auth
 * with the token as password) forwards what the system `logger` sends it.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { TOPOLOGY } from "../runtime/nats/topology.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

Deno.test("rsyslog's omelasticsearch ships syslog lines through /_bulk into a custom table", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
  const dir = await Deno.makeTempDir({ prefix: "siem-rsyslog-" });
  const httpPort = new URL(siem.httpUrl).port;
  // A port number the OS just handed out for TCP is free for UDP too in practice; rsyslog binds it next.
  const probe = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const udpPort = (probe.addr as Deno.NetAddr).port;
  probe.close();
  await Deno.writeTextFile(
    `${dir}/rsyslog.conf`,
    `global(workDirectory="${dir}")
module(load="imudp")
module(load="omelasticsearch")
input(type="imudp" address="127.0.0.1" port="${udpPort}" ruleset="toSiem")
template(name="siemJson" type="list" option.jsonf="on") {
  property(outname="@timestamp" name="timereported" dateFormat="rfc3339" format="jsonf")
  property(outname="host" name="hostname" format="jsonf")
  property(outname="program" name="programname" format="jsonf")
  property(outname="message" name="msg" format="jsonf")
}
ruleset(name="toSiem") {
  action(type="omelasticsearch" server="127.0.0.1" serverport="${httpPort}" searchIndex="rsyslog-test"
         bulkmode="on" uid="rsyslog" pwd="${siem.token}" template="siemJson" errorFile="${dir}/errors.json")
}
`,
  );
  const rsyslog = new Deno.Command("rsyslogd", {
    args: ["-n", "-f", `${dir}/rsyslog.conf`, "-i", `${dir}/rsyslog.pid`],
    stdout: "null",
    stderr: "piped",
  }).spawn();
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    const jsm = await jetstreamManager(nc);
    const rows = async () => {
      const info = await jsm.streams.info(TOPOLOGY.events.stream);
      const out: Array<Record<string, unknown>> = [];
      for (let seq = 1; seq <= info.state.last_seq; seq++) {
        const msg = await jsm.streams.getMessage(TOPOLOGY.events.stream, { seq }).catch(() => null);
        if (msg?.subject === "siem.events.rsyslog_test_CL") {
          out.push(...msg.string().split("\n").map((l) => JSON.parse(l)));
        }
      }
      return out;
    };
    // rsyslog needs a moment to bind; resend until the row shows up.
    const arrived = await waitFor(async () => {
      await new Deno.Command("logger", {
        args: [
          "-n",
          "127.0.0.1",
          "-P",
          String(udpPort),
          "-d",
          "-t",
          "myapp",
          "hello via rsyslog omelasticsearch",
        ],
      }).output();
      return (await rows()).length > 0;
    }, 15_000);
    assert.ok(arrived, "no row arrived from rsyslog");
    const [row] = await rows();
    assert.equal(row.program, "myapp");
    assert.match(String(row.message), /hello via rsyslog omelasticsearch/);
    assert.match(String(row.TimeGenerated), /^\d{4}-\d\d-\d\dT/);
  } finally {
    await nc.close();
    rsyslog.kill("SIGTERM");
    await rsyslog.stderr.cancel();
    await rsyslog.status;
    await Deno.remove(dir, { recursive: true });
  }
});
