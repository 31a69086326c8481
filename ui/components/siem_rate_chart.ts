/**
 * `<siem-rate-chart>`: the live events/s per table line chart (uPlot). The parent sets `samples` and `now`; the
 * columns come from the pure `rateChartData`. The chart keeps a fixed height so streaming data never shifts the
 * layout, and follows its container's width.
 */
import { css, html, LitElement } from "lit";
import uPlot from "uplot";
import { rateChartData, type RateSample } from "../charts/rate_chart_data.ts";
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
  #tablesKey = "";
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
    this.#tablesKey = "";
  }

  override render() {
    const data = rateChartData(this.samples, this.now);
    const latest = this.samples.at(-1)?.perSecond ?? {};
    return html`
      <div class="plot" role="img" aria-label="Events per second per table, last 15 minutes"></div>
      <div class="legend" aria-live="off">
        ${data.tables.length === 0
          ? html`<span class="muted">No events in the last 15 minutes</span>`
          : data.tables.map((t, i) =>
            html`<span data-table=${t}><span class="swatch sw-${i % PALETTE.length}"></span>${t}: ${
              latest[t] ?? 0
            }/s</span>`
          )}
      </div>
    `;
  }

  override updated(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot")!;
    this.#resize.observe(host);
    const data = rateChartData(this.samples, this.now);
    const key = data.tables.join("\u0000");
    if (!this.#plot || key !== this.#tablesKey) {
      this.#plot?.destroy();
      this.#tablesKey = key;
      this.#plot = new uPlot(
        this.#options(data.tables, host.clientWidth || 600),
        data.columns as uPlot.AlignedData,
        host,
      );
    } else {
      this.#plot.setData(data.columns as uPlot.AlignedData, false);
    }
    this.#plot.setScale("x", { min: data.range[0], max: data.range[1] });
    this.#swatches(data.tables.length);
  }

  #swatches(n: number): void {
    // Swatch colours are set through the CSSOM: the page's CSP forbids inline style attributes.
    this.renderRoot.querySelectorAll<HTMLElement>(".swatch").forEach((el, i) => {
      if (i < n) el.style.background = PALETTE[i % PALETTE.length];
    });
  }

  #fit(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (this.#plot && host && host.clientWidth > 0) {
      this.#plot.setSize({ width: host.clientWidth, height: HEIGHT });
    }
  }

  #options(tables: readonly string[], width: number): uPlot.Options {
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
        ...tables.map((t, i) => ({
          label: t,
          stroke: PALETTE[i % PALETTE.length],
          width: 2,
          spanGaps: false,
        })),
      ],
    };
  }
}
customElements.define("siem-rate-chart", SiemRateChart);
