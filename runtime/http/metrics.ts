/**
 * A small Prometheus registry: counters and gauges with labels, rendered in the text exposition format.
 * One instance per process, passed to whoever records (no module-level state).
 */

type Labels = Record<string, string>;

interface Family {
  readonly help: string;
  readonly type: "counter" | "gauge";
  readonly values: Map<string, { labels: Labels; value: number }>;
  /** Gauges whose value is read at scrape time. */
  collect?: () => Array<{ labels: Labels; value: number }>;
}

/** Metric families by name. */
export class Metrics {
  #families = new Map<string, Family>();

  /** Add `by` (default 1) to a counter. */
  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const entry = this.#entry(name, help, "counter", labels);
    entry.value += by;
  }

  /** Set a gauge. */
  set(name: string, help: string, labels: Labels, value: number): void {
    this.#entry(name, help, "gauge", labels).value = value;
  }

  /** A gauge family computed when scraped. */
  gauge(name: string, help: string, collect: () => Array<{ labels: Labels; value: number }>): void {
    this.#families.set(name, { help, type: "gauge", values: new Map(), collect });
  }

  /** The current value of one series (tests and the live view read it). */
  value(name: string, labels: Labels = {}): number {
    return this.#families.get(name)?.values.get(labelKey(labels))?.value ?? 0;
  }

  /** Render every family in the Prometheus text format (version 0.0.4). */
  render(): string {
    const out: string[] = [];
    for (const [name, family] of this.#families) {
      out.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      const series = family.collect ? family.collect() : [...family.values.values()];
      for (const { labels, value } of series) {
        out.push(`${name}${renderLabels(labels)} ${formatValue(value)}`);
      }
    }
    return out.join("\n") + "\n";
  }

  #entry(name: string, help: string, type: Family["type"], labels: Labels) {
    let family = this.#families.get(name);
    if (!family) {
      family = { help, type, values: new Map() };
      this.#families.set(name, family);
    }
    const key = labelKey(labels);
    let entry = family.values.get(key);
    if (!entry) {
      entry = { labels, value: 0 };
      family.values.set(key, entry);
    }
    return entry;
  }
}

function labelKey(labels: Labels): string {
  return Object.keys(labels).sort().map((k) => `${k}=${labels[k]}`).join(",");
}

function renderLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return "";
  const escape = (s: string) => s.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
  return `{${keys.map((k) => `${k}="${escape(labels[k])}"`).join(",")}}`;
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
