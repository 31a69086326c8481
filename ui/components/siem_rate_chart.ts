/**
 * `<siem-rate-chart>`: the live events/s per table line chart (uPlot). The parent sets `samples` and `now`; the
 * columns come from the pure `rateChartData`. The chart keeps a fixed height so streaming data never shifts the
 * layout, and follows its container's width. A table that appears mid-stream is added to the live plot as a new
 * series rather than rebuilding the plot, whose construction is the costliest step of an update.
 */
import { css, html, LitElement } from "lit";
import uPlot from "uplot";
import { type RateChartData, rateChartData, type RateSample } from "../charts/rate_chart_data.ts";
import { sharedStyles } from "./shared_styles.ts";

const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f"];
const HEIGHT = 260;

export class SiemRateChart extends LitElement {
  static override properties = { samples: { attribute: false }, now: { type: Number } };
  static override styles = [
    sharedStyles,
    css`
      .plot {
        position: relative;
        height: ${HEIGHT}px;
      }
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.4rem 1rem;
        margin-top: 0.5rem;
        min-height: 1.5rem;
        font-size: 0.9em;
      }
      .swatch {
        display: inline-block;
        width: 0.8em;
        height: 0.8em;
        border-radius: 2px;
        margin-right: 0.3em;
        vertical-align: middle;
      }
      .uplot,
      .u-wrap {
        position: relative;
      }
      .u-over,
      .u-under {
        position: absolute;
      }
      canvas {
        display: block;
      }
      .u-legend {
        display: none;
      }
    `,
  ];
  declare samples: readonly RateSample[];
  declare now: number;
  #plot: uPlot | undefined;
  /** The plot's series after x, in the order they were added (a table keeps its colour while the page lives). */
  #series: string[] = [];
  #data: RateChartData | undefined;
  #resize = new ResizeObserver(() => this.#fit());
  #scheme = matchMedia("(prefers-color-scheme: dark)");
  // Axis and grid colours are read from the theme when the plot is built: rebuild it when the theme flips.
  #onScheme = () => {
    this.#plot?.destroy();
    this.#plot = undefined;
    this.requestUpdate();
  };

  constructor() {
    super();
    this.samples = [];
    this.now = Date.now();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#scheme.addEventListener("change", this.#onScheme);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#scheme.removeEventListener("change", this.#onScheme);
    this.#resize.disconnect();
    this.#plot?.destroy();
    this.#plot = undefined;
  }

  override willUpdate(): void {
    this.#data = rateChartData(this.samples, this.now);
  }

  override render() {
    const data = this.#data!;
    const latest = this.samples.at(-1)?.perSecond ?? {};
    return html`
      <div class="plot" role="img" aria-label="Events per second per table, last 15 minutes"></div>
      <div class="legend" aria-live="off">
        ${data.tables.length === 0
          ? html`<span class="muted">No events in the last 15 minutes</span>`
          : data.tables.map((t) =>
            html`<span data-table=${t}><span class="swatch"></span>${t}: ${latest[t] ?? 0}/s</span>`
          )}
      </div>
    `;
  }

  override updated(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot")!;
    this.#resize.observe(host);
    const data = this.#data!;
    if (!this.#plot) {
      this.#series = [...data.tables];
      this.#plot = new uPlot(this.#options(host.clientWidth || 600), this.#columns(data), host);
    } else {
      for (const table of data.tables) {
        if (this.#series.includes(table)) continue;
        this.#series.push(table);
        this.#plot.addSeries(this.#seriesOptions(table));
      }
      this.#plot.setData(this.#columns(data), false);
    }
    this.#plot.setScale("x", { min: data.range[0], max: data.range[1] });
    this.#swatches(data.tables);
  }

  /** The data's columns in the plot's series order; a table gone from the window draws nothing. */
  #columns(data: RateChartData): uPlot.AlignedData {
    const [xs, ...ys] = data.columns;
    const empty = xs.map(() => null);
    return [
      xs,
      ...this.#series.map((t) => {
        const i = data.tables.indexOf(t);
        return i < 0 ? empty : ys[i];
      }),
    ] as uPlot.AlignedData;
  }

  #colour(table: string): string {
    return PALETTE[Math.max(0, this.#series.indexOf(table)) % PALETTE.length];
  }

  #swatches(tables: readonly string[]): void {
    // Swatch colours are set through the CSSOM: the page's CSP forbids inline style attributes.
    this.renderRoot.querySelectorAll<HTMLElement>(".swatch").forEach((el, i) => {
      if (i < tables.length) el.style.background = this.#colour(tables[i]);
    });
  }

  #seriesOptions(table: string): uPlot.Series {
    return { label: table, stroke: this.#colour(table), width: 2, spanGaps: false };
  }

  #fit(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (this.#plot && host && host.clientWidth > 0) {
      this.#plot.setSize({ width: host.clientWidth, height: HEIGHT });
    }
  }

  #options(width: number): uPlot.Options {
    const style = getComputedStyle(this);
    const axis = style.getPropertyValue("--muted").trim() || "#888";
    const grid = style.getPropertyValue("--border").trim() || "#ccc";
    return {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: "events/s" },
      ],
      series: [
        {},
        ...this.#series.map((t) => this.#seriesOptions(t)),
      ],
    };
  }
}
customElements.define("siem-rate-chart", SiemRateChart);
