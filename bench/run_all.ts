/**
 * `deno task bench`: runs every benchmark of the project and prints ONE table: each case next to the baseline of
 * its group measured in the same run, the ratio, and the target, with the machine it ran on.
 *
 * Two kinds of benchmark feed it:
 * - `Deno.bench` files (`*_bench.ts` under bench/, query/, streams/, connectors/): run with `deno bench --json`;
 *   each group has one case marked `baseline: true`.
 * - report scripts (`bench/*_report.ts`): run with `deno run -A`; each prints result lines
 *   `BENCH {"group","name","value","unit","baseline"?,"higherIsBetter"?}` on stdout (anything else is ignored).
 *
 * Flags: `--load` also runs the load test (bench/load.ts; LOAD_SECONDS, LOAD_RATE, LOAD_LATENESS); `--filter
 * TEXT` keeps the files whose path contains TEXT; `--markdown` prints the table as Markdown (for the README).
 * Figures are absolute for this machine; the ratios are what carries over.
 */

/** One measured case. */
interface Case {
  readonly file: string;
  readonly group: string;
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: boolean;
  readonly higherIsBetter: boolean;
}

/** Targets per group, as the issues state them (ratio of ours to the baseline). */
const TARGETS: Readonly<Record<string, string>> = {
  "ingest": "<= 1.67x (throughput >= 0.6x)",
  "eval-filter": "<= 1.5x",
  "parse": "<= 0.05x (>= 20x faster)",
  "hunting": "KQL on DuckDB <= 1.1x hand-written SQL",
};

const ROOTS = ["bench", "query", "streams", "connectors"];

async function findFiles(suffix: string, roots: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    for await (const entry of Deno.readDir(dir)) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory && entry.name !== "node_modules") await walk(path);
      else if (entry.isFile && entry.name.endsWith(suffix)) out.push(path);
    }
  };
  for (const root of roots) await walk(root).catch(() => {});
  return out.sort();
}

async function run(args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  const output = await new Deno.Command(Deno.execPath(), { args, stdout: "piped", stderr: "piped" }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { ok: output.success, stdout: decode(output.stdout), stderr: decode(output.stderr) };
}

interface BenchJson {
  runtime: string;
  cpu: string;
  benches: Array<{
    origin: string;
    group: string | null;
    name: string;
    baseline: boolean;
    results: Array<{ ok?: { avg: number } }>;
  }>;
}

async function denoBenches(files: readonly string[]): Promise<{ cases: Case[]; machine: string }> {
  const cases: Case[] = [];
  let machine = "";
  for (const file of files) {
    console.error(`bench: ${file}`);
    const result = await run(["bench", "-A", "--json", file]);
    const start = result.stdout.indexOf("{");
    if (start < 0) {
      console.error(`bench: ${file} printed no results\n${result.stderr.slice(-2000)}`);
      continue;
    }
    const json = JSON.parse(result.stdout.slice(start)) as BenchJson;
    machine = `${json.cpu}, ${json.runtime}`;
    for (const b of json.benches) {
      const avg = b.results[0]?.ok?.avg;
      if (avg === undefined) continue;
      cases.push({
        file,
        group: b.group ?? b.name,
        name: b.name,
        value: avg / 1e6,
        unit: "ms",
        baseline: b.baseline,
        higherIsBetter: false,
      });
    }
  }
  return { cases, machine };
}

async function reportScripts(files: readonly string[]): Promise<Case[]> {
  const cases: Case[] = [];
  for (const file of files) {
    console.error(`bench: ${file}`);
    const result = await run(["run", "-A", file]);
    if (!result.ok) console.error(`bench: ${file} failed\n${result.stderr.slice(-2000)}`);
    for (const line of result.stdout.split("\n")) {
      if (!line.startsWith("BENCH ")) continue;
      const row = JSON.parse(line.slice(6));
      cases.push({
        file,
        group: String(row.group),
        name: String(row.name),
        value: Number(row.value),
        unit: String(row.unit ?? "ms"),
        baseline: row.baseline === true,
        higherIsBetter: row.higherIsBetter === true,
      });
    }
  }
  return cases;
}

function format(value: number, unit: string): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 1 ? 1 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The table's rows: every non-baseline case against its group's baseline. */
function tableRows(cases: readonly Case[]): string[][] {
  const rows: string[][] = [];
  const groups = new Map<string, Case[]>();
  for (const c of cases) {
    groups.set(`${c.file}\u0000${c.group}`, [...(groups.get(`${c.file}\u0000${c.group}`) ?? []), c]);
  }
  for (const list of groups.values()) {
    const base = list.find((c) => c.baseline);
    for (const c of list) {
      if (c === base) continue;
      // Ratio as "ours relative to the baseline": time ratio for times, inverse for throughputs, so < 1 is better.
      const ratio = base ? (c.higherIsBetter ? base.value / c.value : c.value / base.value) : NaN;
      rows.push([
        c.group,
        c.name,
        format(c.value, c.unit),
        base ? `${base.name}: ${format(base.value, base.unit)}` : "(none)",
        Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : "",
        TARGETS[c.group] ?? TARGETS[c.group.split(":")[0]] ?? "",
      ]);
    }
  }
  return rows;
}

function printTable(header: string[], rows: string[][], markdown: boolean): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    (markdown ? "| " : "") + cells.map((c, i) => c.padEnd(widths[i])).join(markdown ? " | " : "  ") +
    (markdown ? " |" : "");
  console.log(line(header));
  console.log(
    markdown ? line(widths.map((w) => "-".repeat(w))) : widths.map((w) => "-".repeat(w)).join("  "),
  );
  for (const r of rows) console.log(line(r));
}

if (import.meta.main) {
  const args = [...Deno.args];
  const markdown = args.includes("--markdown");
  const filterAt = args.indexOf("--filter");
  const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
  const keep = (file: string) => filter === undefined || file.includes(filter);
  const benchFiles = (await findFiles("_bench.ts", ROOTS)).filter(keep);
  const scripts = (await findFiles("_report.ts", ["bench"])).filter(keep);
  if (args.includes("--load")) scripts.push("bench/load.ts");
  const { cases, machine } = await denoBenches(benchFiles);
  cases.push(...await reportScripts(scripts));
  console.log(`machine: ${machine || Deno.build.target}, ${navigator.hardwareConcurrency} cores`);
  console.log(
    "ratio: ours / baseline for times, baseline / ours for throughputs (below 1 = faster than baseline)",
  );
  printTable(["group", "case", "ours", "baseline (same run)", "ratio", "target"], tableRows(cases), markdown);
}
