/**
 * The load test as a command: `npx -y deno@2 run -A bench/load.ts` (LOAD_SECONDS, LOAD_RATE, LOAD_CLIENTS to
 * change the defaults of 60 s at 2,000 events/s with 8 clients; LOAD_LATENESS for the detection lateness, 5 s;
 * LOAD_DETECT_WORKERS for the number of detection processes sharing the rules, 1; LOAD_DETECT_SHARDS for their
 * event shards, SIEM_DETECT_SHARDS, 0).
 * Prints the report as a table; exits 1 when an acknowledged event is missing, an alert id was stored twice, or
 * the alerts differ from the batch oracle's.
 */
import { runLoad } from "./load/run_load.ts";

const seconds = Number(Deno.env.get("LOAD_SECONDS") ?? 60);
const rate = Number(Deno.env.get("LOAD_RATE") ?? 2000);
const clients = Number(Deno.env.get("LOAD_CLIENTS") ?? 8);
// The SIEM's default lateness; raise it (LOAD_LATENESS) on a machine so loaded that ingest lags by seconds.
const lateness = Number(Deno.env.get("LOAD_LATENESS") ?? 5);
const detectWorkers = Number(Deno.env.get("LOAD_DETECT_WORKERS") ?? 1);
const detectShards = Number(Deno.env.get("LOAD_DETECT_SHARDS") ?? 0);
const report = await runLoad({
  seconds,
  rate,
  clients,
  latenessSeconds: lateness,
  detectWorkers,
  detectShards,
  log: (line) => console.error(line),
});

const ms = (x: number) => `${x.toFixed(1)} ms`;
const rows: Array<[string, string]> = [
  ["machine", `${Deno.build.os}/${Deno.build.arch}, ${navigator.hardwareConcurrency} cores`],
  ["sending time", `${report.seconds.toFixed(1)} s, target ${rate} events/s (x3 bursts), ${clients} clients`],
  ["requests (failed)", `${report.requests} (${report.failedRequests})`],
  [
    "acknowledged / stored / queryable events",
    `${report.acknowledgedEvents} / ${report.storedEvents} / ${report.queryableEvents}`,
  ],
  ["sustained events/s", report.eventsPerSecond.toFixed(0)],
  [`events stored over ${lateness}s after their time (late)`, String(report.lateEvents)],
  ["ingest latency p50 / p99", `${ms(report.ingestP50Ms)} / ${ms(report.ingestP99Ms)}`],
  ["attacks sent / alerted", `${report.attacks} / ${report.attacksAlerted}`],
  ["event-to-alert latency p50 / p99", `${ms(report.alertP50Ms)} / ${ms(report.alertP99Ms)}`],
  ["  NRT rules (per arriving batch)", `${ms(report.nrtAlertP50Ms)} / ${ms(report.nrtAlertP99Ms)}`],
  [
    `  scheduled rules (F=5s, lateness ${lateness}s)`,
    `${ms(report.scheduledAlertP50Ms)} / ${ms(report.scheduledAlertP99Ms)}`,
  ],
  ["alerts on SIEM_ALERTS (duplicate ids)", `${report.alertsOnStream} (${report.duplicateAlertIds})`],
  [
    "detection processes: rules / tables read each",
    report.detectWorkers.map((w) => `${w.ownedRules} / ${w.followedTables}`).join(", "),
  ],
  ...(detectShards > 0
    ? [[
      "event shards / sharded rules each",
      report.detectWorkers.map((w) => `${w.shards} / ${w.shardedRules}`).join(", "),
    ] as [string, string]]
    : []),
  ["alerts expected by the batch oracle", String(report.expectedAlerts)],
  ["missing / unexpected alerts", `${report.missingAlerts.length} / ${report.unexpectedAlerts.length}`],
];
const width = Math.max(...rows.map(([k]) => k.length));
console.log(`| ${"measure".padEnd(width)} | value |`);
console.log(`| ${"-".repeat(width)} | ----- |`);
for (const [k, value] of rows) console.log(`| ${k.padEnd(width)} | ${value} |`);

// Result lines for `deno task bench --load` (bench/run_all.ts).
const bench = (name: string, value: number, unit: string, higherIsBetter = false) =>
  console.log(`BENCH ${JSON.stringify({ group: "load", name, value, unit, higherIsBetter })}`);
bench("sustained ingest, built-in pack running", report.eventsPerSecond, "events/s", true);
bench("ingest latency p50", report.ingestP50Ms, "ms");
bench("ingest latency p99", report.ingestP99Ms, "ms");
bench("event-to-alert latency p50, NRT rules", report.nrtAlertP50Ms, "ms");
bench("event-to-alert latency p99, NRT rules", report.nrtAlertP99Ms, "ms");
bench(
  `event-to-alert latency p50, scheduled rules (F=5s, lateness ${lateness}s)`,
  report.scheduledAlertP50Ms,
  "ms",
);
bench(
  `event-to-alert latency p99, scheduled rules (F=5s, lateness ${lateness}s)`,
  report.scheduledAlertP99Ms,
  "ms",
);

const ok = Object.values(report.perTable).every((t) => t.acknowledged === t.stored) &&
  report.storedEvents === report.queryableEvents &&
  report.duplicateAlertIds === 0 && report.missingAlerts.length === 0 && report.unexpectedAlerts.length === 0;
if (!ok) {
  console.error("Load test failed its checks", {
    perTable: report.perTable,
    missing: report.missingAlerts.slice(0, 5),
    unexpected: report.unexpectedAlerts.slice(0, 5),
  });
  Deno.exit(1);
}
