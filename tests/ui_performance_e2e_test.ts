/**
 * The web UI keeps the main thread free and the layout still while data streams in, measured in real headless
 * Chromium against a real `siem start`: the overview stays open while the test ingests about 1,000 events/s over
 * HTTP into three tables for ten seconds (a rule turns some of them into live alerts and incidents), then the
 * hunting page shows and scrolls a 100,000-row result, then the incidents page lists the incidents.
 *
 * What is measured, in the page: long tasks and layout shifts (PerformanceObserver, registered before the page's
 * own scripts), long animation frames with their script attribution, and the duration of every Lit update of our
 * elements (each element class's `performUpdate` is timed as `customElements.define` registers it: render,
 * commit and `updated()`, where the uPlot chart is fed). Only what happens after the overview is ready counts:
 * the first load parses and compiles the bundle and loads uPlot, once. The assertions are on main-thread CPU time
 * per task (from a Chromium trace) and on layout shifts, which the shared machine's load does not decide; the
 * wall-clock figures are printed beside them.
 */
import assert from "node:assert/strict";
import { launchChromium, uiFront } from "./harness/browser.ts";
import { startSiemProcess } from "./harness/siem_process.ts";

const RULE = `id: 7a7a7a7a-0029-4000-8000-000000000029
name: Logon failure burst
description: Failed logons, one incident per computer (UI performance test).
severity: Medium
kind: NRT
tactics: [CredentialAccess]
query: |
  SecurityEvent
  | where EventID == 4625
  | project TimeGenerated, Computer, TargetAccount
entityMappings:
  - entityType: Host
    fieldMappings:
      - identifier: HostName
        columnName: Computer
incidentConfiguration:
  createIncident: true
  groupingConfiguration:
    enabled: true
    matchingMethod: Selected
    groupByEntities: [Host]
    lookbackDuration: 1h
version: 1
`;

/** Runs in the page before any of its scripts. */
function observe(): void {
  interface Perf {
    longTasks: { start: number; duration: number }[];
    shifts: { start: number; value: number; sources: string[] }[];
    frames: {
      start: number;
      duration: number;
      scripts: { source: string; invoker: string; duration: number }[];
    }[];
    updates: { start: number; element: string; duration: number }[];
  }
  const perf: Perf = { longTasks: [], shifts: [], frames: [], updates: [] };
  (globalThis as unknown as { __perf: Perf }).__perf = perf;
  const on = (type: string, take: (e: PerformanceEntry) => void) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(take)).observe({ type, buffered: true });
    } catch {
      // an entry type this browser lacks: its list stays empty
    }
  };
  on("longtask", (e) => perf.longTasks.push({ start: e.startTime, duration: e.duration }));
  on("layout-shift", (e) => {
    const shift = e as PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node | null }[];
    };
    if (shift.hadRecentInput) return;
    const sources = (shift.sources ?? []).map((s) => {
      const n = s.node as Element | null | undefined;
      return n ? `${n.nodeName}${n.id ? `#${n.id}` : ""}${n.className ? `.${n.className}` : ""}` : "?";
    });
    perf.shifts.push({ start: e.startTime, value: shift.value, sources });
  });
  on("long-animation-frame", (e) => {
    const frame = e as PerformanceEntry & {
      scripts?: { sourceURL: string; invoker: string; duration: number }[];
    };
    perf.frames.push({
      start: e.startTime,
      duration: e.duration,
      scripts: (frame.scripts ?? []).map((s) => ({
        source: s.sourceURL,
        invoker: s.invoker,
        duration: s.duration,
      })),
    });
  });
  const define = customElements.define.bind(customElements);
  customElements.define = (name, constructor, options) => {
    const proto = constructor.prototype as { performUpdate?: () => void };
    const inner = proto.performUpdate;
    if (typeof inner === "function") {
      proto.performUpdate = function (this: unknown) {
        const start = performance.now();
        try {
          return inner.call(this);
        } finally {
          perf.updates.push({ start, element: name, duration: performance.now() - start });
        }
      };
    }
    define(name, constructor, options);
  };
}

interface Measured {
  longTasks: { start: number; duration: number }[];
  shifts: { start: number; value: number; sources: string[] }[];
  frames: {
    start: number;
    duration: number;
    scripts: { source: string; invoker: string; duration: number }[];
  }[];
  updates: { start: number; element: string; duration: number }[];
}

/** What the page recorded between two `performance.now()` readings. */
function summarize(all: Measured, from: number, to: number, origin: string) {
  const inside = <T extends { start: number }>(list: T[]) =>
    list.filter((e) => e.start >= from && e.start < to);
  const updates = inside(all.updates);
  const longTasks = inside(all.longTasks);
  const frames = inside(all.frames);
  const ours = frames.flatMap((f) => f.scripts.filter((s) => s.source.startsWith(origin)));
  const slowest = [...updates].sort((a, b) => b.duration - a.duration);
  return {
    updates: updates.length,
    updateMaxMs: Math.round(slowest[0]?.duration ?? 0),
    slowestUpdates: slowest.slice(0, 3).map((u) => `${u.element} ${u.duration.toFixed(1)} ms`),
    longTasks: longTasks.length,
    longTaskMaxMs: Math.round(Math.max(0, ...longTasks.map((t) => t.duration))),
    ourScriptMaxMs: Math.round(Math.max(0, ...ours.map((s) => s.duration))),
    ourSlowScripts: ours.filter((s) => s.duration > 50).map((s) =>
      `${s.invoker} ${Math.round(s.duration)} ms`
    ),
    cls: Number(inside(all.shifts).reduce((sum, s) => sum + s.value, 0).toFixed(4)),
    shiftSources: [...new Set(inside(all.shifts).flatMap((s) => s.sources))],
  };
}

/** The renderer main thread's tasks in a Chromium trace, longest first by thread (CPU) time. */
function busiestTasks(trace: { traceEvents: TraceEvent[] }) {
  const events = trace.traceEvents;
  const mains = new Set(
    events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) =>
      `${e.pid}:${e.tid}`
    ),
  );
  // The page's renderer is the main thread that ran the most tasks (a spare renderer may idle beside it).
  const perThread = Map.groupBy(
    events.filter((e) => e.ph === "X" && e.name === "RunTask" && mains.has(`${e.pid}:${e.tid}`)),
    (e) => `${e.pid}:${e.tid}`,
  );
  const tasks = [...perThread.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const byCpu = [...tasks].sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0));
  return {
    tasks: tasks.length,
    maxCpuMs: Math.round((byCpu[0]?.tdur ?? 0) / 100) / 10,
    maxWallMs: Math.round(Math.max(0, ...tasks.map((t) => t.dur ?? 0)) / 100) / 10,
    over50WallMs: tasks.filter((t) => (t.dur ?? 0) > 50_000).length,
    longestCpuMs: byCpu.slice(0, 5).map((t) =>
      `${((t.tdur ?? 0) / 1000).toFixed(1)}/${((t.dur ?? 0) / 1000).toFixed(1)}`
    ),
  };
}

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

Deno.test({
  name: "web UI performance: no long update and no layout shift while 1,000 events/s stream in (Chromium)",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const rulesDir = await Deno.makeTempDir({ prefix: "siem-ui-perf-rules-" });
    await Deno.writeTextFile(`${rulesDir}/logon.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    await using front = await uiFront(siem.httpUrl);
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    const problems: string[] = [];
    page.on("console", (m) => void (m.type() === "error" && problems.push(`console: ${m.text()}`)));
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    await page.addInitScript(observe);
    const origin = new URL(front.url).origin;
    const now = () => page.evaluate(() => performance.now());
    const startTrace = () =>
      browser.startTracing(page, {
        categories: ["devtools.timeline", "disabled-by-default-devtools.timeline"],
      });
    const stopTrace = async () =>
      busiestTasks(JSON.parse(new TextDecoder().decode(await browser.stopTracing())));
    const measured = () => page.evaluate(() => (globalThis as unknown as { __perf: Measured }).__perf);

    try {
      await page.goto(`${front.url}/?token=${siem.token}#/overview`);
      await page.getByRole("navigation", { name: "Main" }).waitFor({ timeout: 30_000 });
      await page.locator("#rule-health [data-health=enabled]").waitFor({ timeout: 20_000 });
      await page.locator("siem-rate-chart canvas").first().waitFor();
      await page.waitForTimeout(1_000); // the first live messages and the health poll settle in

      // About 1,000 events/s for 10 s: every 250 ms a batch for each of three tables, sent without waiting for
      // the previous ones (on this shared machine an answer takes seconds, so most of the 120 requests overlap).
      await startTrace();
      const streamStart = await now();
      const tables = ["SecurityEvent", "Syslog", "CommonSecurityLog"] as const;
      const row = (table: (typeof tables)[number], n: number) => {
        const TimeGenerated = new Date().toISOString();
        if (table === "SecurityEvent") {
          // One failed logon in 50 (about 7 a second) on one of four hosts: live alerts and a few incidents.
          return n % 50 === 0
            ? { TimeGenerated, EventID: 4625, Computer: `ws${n % 4}`, TargetAccount: `CONTOSO\\u${n % 9}` }
            : { TimeGenerated, EventID: 4624, Computer: `ws${n % 4}`, TargetAccount: `CONTOSO\\u${n % 9}` };
        }
        if (table === "Syslog") {
          return {
            TimeGenerated,
            HostName: `srv${n % 5}`,
            Facility: "auth",
            SyslogMessage: `session ${n} opened`,
          };
        }
        return {
          TimeGenerated,
          DeviceVendor: "Contoso",
          SourceIP: `10.0.${n % 7}.${n % 250}`,
          DestinationPort: 443,
        };
      };
      let sent = 0;
      let inFlight = 0;
      const latencies: number[] = [];
      const failures: string[] = [];
      const pending = new Set<Promise<void>>();
      const deadline = Date.now() + 10_000;
      for (let tick = 0; Date.now() < deadline; tick++) {
        const due = Date.now() + 250;
        for (const table of tables) {
          if (inFlight >= 120) break;
          const count = table === "SecurityEvent" ? 84 : 83;
          const batch = Array.from({ length: count }, (_, i) => row(table, sent + i));
          sent += count;
          inFlight++;
          const sentAt = Date.now();
          const p = siem.api(`/api/v1/ingest/${table}`, { method: "POST", body: JSON.stringify(batch) })
            .then(async (r) => {
              if (!r.ok) failures.push(`${table}: ${r.status}`);
              latencies.push(Date.now() - sentAt);
              await r.body?.cancel();
            }, (e) => void failures.push(`${table}: ${e} ${e?.cause}`))
            .finally(() => {
              inFlight--;
              pending.delete(p);
            });
          pending.add(p);
        }
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      }
      await Promise.all(pending);
      await page.waitForTimeout(1_000); // the last second's rates and alerts reach the page
      const streamEnd = await now();
      const mainThread = await stopTrace();
      assert.deepEqual(failures, []);
      latencies.sort((a, b) => a - b);
      console.log(`ingest latency median ${latencies[latencies.length >> 1]} ms, max ${latencies.at(-1)} ms`);
      console.log(`sent ${sent} events in 10 s; main thread while streaming: ${JSON.stringify(mainThread)}`);
      for (const table of tables) await page.locator(`siem-rate-chart [data-table="${table}"]`).waitFor();

      // Hunting: a 100,000-row result, scrolled for two seconds.
      const huntStart = await now();
      await page.getByRole("link", { name: "Hunting" }).click();
      const editor = page.getByRole("textbox", { name: "KQL query" });
      // A datetime and a number beside x: a result the chart view could draw, so the page has chart data to derive.
      await editor.fill(
        "range x from 1 to 100000 step 1\n| extend T = datetime(2026-01-01) + x * 1s, n = x % 10",
      );
      await page.locator("#timespan").selectOption("");
      await startTrace();
      await editor.press("Control+Enter");
      await page.locator("#query-status").getByText("100,000 rows in").waitFor({ timeout: 30_000 });
      const queryThread = await stopTrace();
      await startTrace();
      const scrollStart = await now();
      await page.evaluate(async () => {
        const table = document.querySelector("siem-app")!.shadowRoot!.querySelector("siem-hunting")!
          .shadowRoot!.querySelector("siem-hunting-table")!.shadowRoot!.querySelector<HTMLElement>(
            ".scroller",
          )!;
        for (let i = 0; i < 120; i++) {
          table.scrollTop += 28 * 800;
          await new Promise((r) => requestAnimationFrame(r));
        }
      });
      const huntEnd = await now();
      const scrollThread = await stopTrace();
      // Typing in the editor with the 100,000 rows on the page: each key renders the page, not the rows again.
      await startTrace();
      await editor.press("End");
      await editor.pressSequentially(" | take 10", { delay: 30 });
      const typingThread = await stopTrace();

      // Incidents: the queue of the incidents the burst raised.
      await startTrace();
      const incidentsStart = await now();
      await page.getByRole("link", { name: "Incidents" }).click();
      await page.getByRole("link", { name: "Logon failure burst" }).first().waitFor({ timeout: 20_000 });
      await page.waitForTimeout(1_500);
      const incidentsEnd = await now();
      const incidentsThread = await stopTrace();

      const all = await measured();
      const streaming = summarize(all, streamStart, streamEnd, origin);
      const hunting = summarize(all, huntStart, huntEnd, origin);
      const scrolling = summarize(all, scrollStart, huntEnd, origin);
      const incidents = summarize(all, incidentsStart, incidentsEnd, origin);
      console.log(`streaming: ${JSON.stringify(streaming)}`);
      console.log(
        `hunting (query and 100k rows): ${JSON.stringify(hunting)}; main thread: ${
          JSON.stringify(queryThread)
        }`,
      );
      console.log(
        `hunting (scroll): ${JSON.stringify(scrolling)}; main thread: ${JSON.stringify(scrollThread)}`,
      );
      console.log(`typing over 100k rows: main thread: ${JSON.stringify(typingThread)}`);
      console.log(`incidents: ${JSON.stringify(incidents)}; main thread: ${JSON.stringify(incidentsThread)}`);

      assert.ok(streaming.updates > 10, "the overview did not update while events streamed in");
      // The page's main thread never worked 50 ms at a stretch, whoever's code it ran: each task's thread time
      // (CPU) from a Chromium trace. Not the wall-clock long tasks or long animation frames (logged above): on
      // this machine (2 cores shared by many) they also count every moment the renderer waited for a core, e.g.
      // a 112 ms long task that used 6 ms of CPU. The page load before `streamStart` (parsing and compiling the
      // bundle, building the chart) is not counted: it happens once, not while data streams in.
      // The arrival of the 100,000-row answer is only logged, not asserted: parsing it and deriving its chart
      // data (which decides whether the Chart tab is offered) walk every row in one task, a few hundred ms of
      // CPU here, once per query; it happens when the analyst runs a query, not while data streams in.
      assert.ok(mainThread.tasks > 100, `the trace holds ${mainThread.tasks} main-thread tasks`);
      assert.ok(mainThread.maxCpuMs < 50, `a main-thread task took ${JSON.stringify(mainThread)}`);
      assert.ok(
        scrollThread.maxCpuMs < 50,
        `a main-thread task took ${JSON.stringify(scrollThread)} while scrolling`,
      );
      assert.ok(
        typingThread.maxCpuMs < 50,
        `a main-thread task took ${JSON.stringify(typingThread)} while typing`,
      );
      assert.ok(incidentsThread.maxCpuMs < 50, `a main-thread task took ${JSON.stringify(incidentsThread)}`);
      // No layout shift while data streams in (Core Web Vitals' "good" is below 0.1; this sums every shift).
      assert.ok(streaming.cls < 0.1, `layout shifted while streaming: ${JSON.stringify(streaming)}`);
      assert.ok(scrolling.cls < 0.1, `layout shifted while scrolling: ${JSON.stringify(scrolling)}`);
      assert.deepEqual(problems, []);
    } finally {
      await Deno.remove(rulesDir, { recursive: true });
    }
  },
});
