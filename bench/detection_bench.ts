/**
 * Detection cost per event by window length, as Deno.bench groups (the workload: bench/fixtures/
 * detection_workload.ts). Per shape, the baseline is the incremental engine with a 5m window; the cases are the
 * same with a 24h window (target: under 1.2x) and re-running the query in batch at every instant over 24h.
 *
 *     npx -y deno@2 bench -A bench/detection_bench.ts
 *
 * `bench/detection_report.ts` measures the same in one run and prints one table with events/s, the 24h/5m cost
 * ratio and the speed-up over batch.
 */
import { EVENTS, runWorkload, SHAPES } from "./fixtures/detection_workload.ts";

for (const [shape, query] of Object.entries(SHAPES)) {
  for (const [period, incremental] of [["5m", true], ["24h", true], ["24h", false]] as const) {
    Deno.bench({
      name: `${shape}, window ${period}, ${incremental ? "incremental" : "batch"} (${EVENTS} events)`,
      group: shape,
      baseline: period === "5m",
      // Declared async: Deno.bench awaits only async functions, not a sync one returning a promise.
      async fn() {
        await runWorkload(query, period, incremental);
      },
    });
  }
}
