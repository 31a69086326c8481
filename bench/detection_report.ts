/**
 * The detection benchmark in one run, as one table (the workload: bench/fixtures/detection_workload.ts): for
 * each rule shape, events/s on one core (JavaScript runs the engine on one thread), the cost per event with a
 * 5m and a 24h window on incremental plans and their ratio (DESIGN.md's target: under 1.2), and the speed-up over
 * re-running the query in batch at every instant (every F = 5m over P = 24h), the way scheduled rules usually run.
 * Every figure is the best of `DETECTION_BENCH_RUNS` interleaved runs (default 15) after a warm-up run of each
 * configuration: a run takes tens of milliseconds, so JIT tiers and a major GC landing in one run move a single
 * figure by several times.
 *
 *     npx -y deno@2 run -A bench/detection_report.ts
 *
 * It also prints `BENCH {json}` lines for `deno task bench` (bench/run_all.ts).
 */
import { EVENTS, runWorkload, SHAPES } from "./fixtures/detection_workload.ts";

const RUNS = Number(Deno.env.get("DETECTION_BENCH_RUNS") ?? 15);

/** Best time of each configuration, runs interleaved so that a burst of load on the machine hits all alike. */
async function measure(
  query: string,
  configs: readonly { period: string; incremental: boolean }[],
  threshold = 0,
): Promise<{ ms: number; alerts: number }[]> {
  const out = configs.map(() => ({ ms: Infinity, alerts: 0 }));
  for (let i = 0; i < RUNS; i++) {
    for (const [k, c] of configs.entries()) {
      const start = performance.now();
      const r = await runWorkload(query, c.period, c.incremental, threshold);
      out[k].ms = Math.min(out[k].ms, performance.now() - start);
      out[k].alerts = r.alerts;
      if (c.incremental && r.mode !== "incremental") throw new Error(`'${query}' did not run incrementally`);
    }
  }
  return out;
}

const header = [
  "shape",
  "events/s (5m)",
  "events/s (24h)",
  "µs/event 5m",
  "µs/event 24h",
  "24h/5m",
  "batch µs/event 24h",
  "speed-up vs batch (24h)",
  "alerts (5m / 24h)",
];
const table: string[][] = [];
// The filter rule's alerts carry the window's result rows (a 24h window holds 288 times more), so its cost at 24h
// is mostly building alerts; the same rule with a trigger that is never met shows the plan's own cost.
const CASES: [string, string, number][] = [
  ...Object.entries(SHAPES).map(([shape, query]): [string, string, number] => [shape, query, 0]),
  ["filter, trigger never met", SHAPES["filter"], 1e9],
];
for (const [shape, query, threshold] of CASES) {
  // Warm-up: compile the engine's code paths for each configuration.
  for (const [period, incremental] of [["5m", true], ["24h", true], ["24h", false]] as const) {
    await runWorkload(query, period, incremental, threshold);
  }
  const [small, large, batch] = await measure(query, [
    { period: "5m", incremental: true },
    { period: "24h", incremental: true },
    { period: "24h", incremental: false },
  ], threshold);
  if (batch.alerts !== large.alerts) {
    throw new Error(`${shape}: ${large.alerts} alerts, batch ${batch.alerts}`);
  }
  const perEvent = (ms: number) => (ms * 1000) / EVENTS;
  table.push([
    shape,
    Math.round(EVENTS / (small.ms / 1000)).toLocaleString("en"),
    Math.round(EVENTS / (large.ms / 1000)).toLocaleString("en"),
    perEvent(small.ms).toFixed(2),
    perEvent(large.ms).toFixed(2),
    `${(large.ms / small.ms).toFixed(2)}x`,
    perEvent(batch.ms).toFixed(2),
    `${(batch.ms / large.ms).toFixed(1)}x`,
    `${small.alerts} / ${large.alerts}`,
  ]);
  const line = (group: string, name: string, value: number, baseline = false) =>
    console.log(`BENCH ${JSON.stringify({ group, name, value, unit: "ms", baseline })}`);
  line(`detection window: ${shape}`, "incremental, window 5m", small.ms, true);
  line(`detection window: ${shape}`, "incremental, window 24h", large.ms);
  line(`detection vs batch: ${shape}`, "batch at every instant, window 24h", batch.ms, true);
  line(`detection vs batch: ${shape}`, "incremental, window 24h", large.ms);
}
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
const print = (r: string[]) => console.log(`| ${r.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`);
console.log(
  `${EVENTS} SecurityEvent events over 25 h, rule every 5m, best of ${RUNS}; ${navigator.hardwareConcurrency} cores, one used`,
);
print(header);
print(widths.map((w) => "-".repeat(w)));
for (const r of table) print(r);
