/**
 * Fuzz of the syslog listener (UDP and TCP, both framings) with seeded garbage on a fixed budget: random bytes,
 * invalid UTF-8, mutated syslog and CEF lines, absurd octet counts, frames cut by a closing connection. The
 * listener (in this process, then inside a real `siem start`) must survive all of it, and valid lines sent
 * afterwards must still be stored. `SIEM_LONG_TESTS=1` multiplies the budget by ten.
 */
import assert from "node:assert/strict";
import dgram from "node:dgram";
import { jetstreamManager } from "@nats-io/jetstream";
import { createLogger } from "../runtime/log.ts";
import { Metrics } from "../runtime/http/metrics.ts";
import { natsEventSink } from "../runtime/nats/event_publisher.ts";
import { ensureTopology } from "../runtime/nats/topology.ts";
import { startSyslogListener } from "../runtime/syslog_listener.ts";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { startTestNats, waitFor } from "./harness/nats.ts";
import { eventRows } from "./harness/events.ts";

const SEED = 0x5ee_d10;
const SCALE = Deno.env.get("SIEM_LONG_TESTS") === "1" ? 10 : 1;
const DATAGRAMS = 400 * SCALE;
const CONNECTIONS = 40 * SCALE;

/** mulberry32: the same seed gives the same garbage on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const encoder = new TextEncoder();
const SAMPLES = [
  "<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick on /dev/pts/8",
  '<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3"] An application event',
  "<134>Mar  1 11:59:00 fw01 CEF:0|Fortinet|Fortigate|v7|13|traffic|3|src=10.0.0.1 dst=8.8.8.8 spt=1 msg=a\\=b",
  "CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232",
  "<13>1 - - - - - -",
];

/** One piece of garbage. */
function garbage(next: () => number): Uint8Array {
  const int = (n: number) => Math.floor(next() * n);
  const kind = int(8);
  switch (kind) {
    case 0: // random bytes
      return Uint8Array.from({ length: int(1500) }, () => int(256));
    case 1: { // a real line with bytes flipped, dropped or inserted
      const bytes = [...encoder.encode(SAMPLES[int(SAMPLES.length)])];
      for (let i = int(12); i >= 0; i--) {
        const at = int(bytes.length + 1);
        const op = int(3);
        if (op === 0) bytes[at] = int(256);
        else if (op === 1) bytes.splice(at, 1);
        else bytes.splice(at, 0, int(256));
      }
      return Uint8Array.from(bytes.filter((b) => b !== undefined));
    }
    case 2: // invalid UTF-8: lone continuation bytes, overlong forms, surrogates, NULs
      return Uint8Array.from(
        { length: 1 + int(300) },
        () => [0x80, 0xbf, 0xc0, 0xc1, 0xed, 0xa0, 0xf5, 0xff, 0x00, 0x3c][int(10)],
      );
    case 3: // CEF made of separators and escapes
      return encoder.encode(
        "CEF:" +
          Array.from({ length: int(200) }, () => ["|", "\\", "=", " ", "a", "\\|", "\\=", "0"][int(8)]).join(
            "",
          ),
      );
    case 4: // octet counts that lie: huge, zero, negative, leading zeros
      return encoder.encode(
        `${["99999999999", "0", "-5", "000000000000000000000012", String(int(100_000))][int(5)]} <13>cut`,
      );
    case 5: // priority and version fields out of range
      return encoder.encode(`<${int(100_000)}>${int(1000)} ${"-".repeat(int(10))} ${"[".repeat(int(20))}`);
    case 6: // a long line with no end
      return encoder.encode("x".repeat(1000 + int(20_000)));
    default: // newlines and carriage returns only
      return encoder.encode(
        Array.from({ length: int(50) }, () => ["\n", "\r", "\r\n", " "][int(4)]).join(""),
      );
  }
}

async function sendUdp(address: string, payloads: Uint8Array[]): Promise<void> {
  const [host, port] = splitAddress(address);
  const socket = dgram.createSocket("udp4");
  try {
    for (const p of payloads) {
      await new Promise<void>((resolve, reject) =>
        socket.send(p, port, host, (error: Error | null) => (error ? reject(error) : resolve()))
      );
    }
  } finally {
    socket.close();
  }
}

function splitAddress(address: string): [string, number] {
  const i = address.lastIndexOf(":");
  return [address.slice(0, i), Number(address.slice(i + 1))];
}

/** Write garbage on TCP connections in random chunks; some end mid-frame, some are reset. */
async function tcpGarbage(address: string, next: () => number): Promise<void> {
  const [hostname, port] = splitAddress(address);
  for (let c = 0; c < CONNECTIONS; c++) {
    const conn = await Deno.connect({ hostname, port });
    try {
      const pieces = Array.from({ length: 1 + Math.floor(next() * 8) }, () => garbage(next));
      for (const piece of pieces) {
        for (let at = 0; at < piece.length;) {
          const size = 1 + Math.floor(next() * 4096);
          await conn.write(piece.subarray(at, at + size));
          at += size;
        }
      }
    } catch {
      // the listener may close a connection it cannot read; that is fine, it must keep serving others
    } finally {
      conn.close();
    }
  }
}

/**
 * Valid lines after the garbage: on fresh TCP connections with both framings, on a connection that first carried
 * newline-framed garbage, and, once those are stored (UDP has no flow control: datagrams sent while the kernel
 * buffer is still full of garbage are dropped before the listener sees them), on UDP.
 */
async function validLines(
  address: string,
  marker: string,
  stored: () => Promise<Set<string>>,
): Promise<string[]> {
  const sent: string[] = [];
  const line = (n: string) => {
    const text = `<13>Mar  1 11:59:00 host app: ${marker}-${n}`;
    sent.push(`${marker}-${n}`);
    return text;
  };
  const [hostname, port] = splitAddress(address);
  const conn = await Deno.connect({ hostname, port });
  const octet = Array.from({ length: 5 }, (_, i) => line(`octet${i}`)).map((l) =>
    `${encoder.encode(l).length} ${l}`
  );
  await conn.write(encoder.encode(octet.join("")));
  await conn.write(encoder.encode(Array.from({ length: 5 }, (_, i) => line(`lf${i}`) + "\n").join("")));
  conn.close();
  const mixed = await Deno.connect({ hostname, port });
  const next = random(SEED + 1);
  const junk = Array.from(
    { length: 20 },
    () => "z" + new TextDecoder().decode(garbage(next)).replace(/[\r\n]/g, " ").slice(0, 2000),
  ).join("\n");
  await mixed.write(encoder.encode(junk + "\n"));
  await mixed.write(encoder.encode(Array.from({ length: 5 }, (_, i) => line(`mixed${i}`) + "\n").join("")));
  mixed.close();
  const tcpSent = [...sent];
  await waitFor(async () => {
    const found = await stored();
    return tcpSent.every((m) => found.has(m));
  }, 30_000);
  await sendUdp(address, Array.from({ length: 10 }, (_, i) => encoder.encode(line(`udp${i}`))));
  return sent;
}

async function storedMarkers(jsm: Parameters<typeof eventRows>[0], marker: string): Promise<Set<string>> {
  const found = new Set<string>();
  for (const row of await eventRows(jsm, "Syslog")) {
    const m = new RegExp(`${marker}-\\w+`).exec(String(row.SyslogMessage ?? ""));
    if (m) found.add(m[0]);
  }
  return found;
}

Deno.test("the syslog listener survives seeded UDP and TCP garbage and still stores the valid lines after it", async () => {
  await using nats = await startTestNats();
  const nc = await nats.connect();
  await ensureTopology(nc, { retentionMs: 3_600_000, replicas: 1 });
  const logLines: string[] = [];
  const listener = await startSyslogListener({
    host: "127.0.0.1",
    port: 0,
    sink: natsEventSink(nc),
    logger: createLogger("debug", { sink: (l) => logLines.push(l) }),
    metrics: new Metrics(),
  });
  try {
    const next = random(SEED);
    await sendUdp(listener.address, Array.from({ length: DATAGRAMS }, () => garbage(next).slice(0, 8000)));
    await tcpGarbage(listener.address, next);
    const jsm = await jetstreamManager(nc);
    const sent = await validLines(listener.address, "inproc", () => storedMarkers(jsm, "inproc"));
    await waitFor(async () => (await storedMarkers(jsm, "inproc")).size === sent.length, 15_000);
    assert.deepEqual([...await storedMarkers(jsm, "inproc")].sort(), [...sent].sort());
    // The garbage did reach the framers: cut and oversized frames became dead letters with their reason.
    const dead = await jsm.streams.info("SIEM_DEADLETTER");
    assert.ok(dead.state.messages > 0, "no framing error was provoked");
    const failures = logLines.filter((l) => /"level":"error"/.test(l));
    assert.deepEqual(failures, [], "the listener logged errors");
  } finally {
    await listener.close();
  }
});

Deno.test("a running SIEM survives the same garbage on its syslog port", async () => {
  await using siem = await startSiemProcess();
  assert.ok(siem.syslogAddress);
  const next = random(SEED);
  await sendUdp(siem.syslogAddress, Array.from({ length: DATAGRAMS }, () => garbage(next).slice(0, 8000)));
  await tcpGarbage(siem.syslogAddress, next);
  const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
  const nc = await connectNats([siem.natsUrl], { user: "siem", password });
  try {
    const jsm = await jetstreamManager(nc);
    const sent = await validLines(siem.syslogAddress, "process", () => storedMarkers(jsm, "process"));
    await waitFor(async () => (await storedMarkers(jsm, "process")).size === sent.length, 15_000);
    assert.deepEqual([...await storedMarkers(jsm, "process")].sort(), [...sent].sort());
    const health = await fetch(`${siem.httpUrl}/healthz`);
    assert.equal(health.status, 200);
    await health.body?.cancel();
    assert.doesNotMatch(siem.stderr(), /"level":"error"/);
  } finally {
    await nc.close();
  }
});
