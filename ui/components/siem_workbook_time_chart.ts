/**
 * `<siem-workbook-time-chart>`: a workbook tile's time chart (uPlot), from the pure `timeSeriesData`. Fixed
 * height so results arriving never shift the layout; follows its container's width and the colour scheme.
 */
import { css, html, LitElement } from "lit";
import uPlot from "uplot";
import { loneTimeRange } from "../charts/lone_time_range.ts";
import type { TimeSeriesData } from "../charts/tile_chart_data.ts";
import { sharedStyles } from "./shared_styles.ts";
import { CHART_PALETTE } from "./siem_workbook_category_chart.ts";

const HEIGHT = 190;

export class SiemWorkbookTimeChart extends LitElement {
  static override properties = { data: { attribute: false }, label: { type: String } };
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
        gap: 0.2rem 0.8rem;
        font-size: 0.85em;
        max-height: 2.6rem;
        overflow: hidden;
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
  declare data: TimeSeriesData;
  declare label: string;
  #plot: uPlot | undefined;
  #resize = new ResizeObserver(() => this.#fit());
  #scheme = matchMedia("(prefers-color-scheme: dark)");
  #onScheme = () => this.#rebuild();

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

  override render() {
    return html`
      <div class="plot" role="img" aria-label=${`${this.label}: time chart of ${
        this.data.series.join(", ")
      }`}></div>
      <div class="legend">
        ${this.data.series.map((s) => html`<span><span class="swatch"></span>${s}</span>`)}
      </div>
    `;
  }

  override updated(): void {
    this.#rebuild();
    // Swatch colours through the CSSOM: the CSP forbids inline style attributes.
    this.renderRoot.querySelectorAll<HTMLElement>(".swatch").forEach((el, i) => {
      el.style.background = CHART_PALETTE[i % CHART_PALETTE.length];
    });
  }

  #rebuild(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (!host) return;
    this.#resize.observe(host);
    this.#plot?.destroy();
    const style = getComputedStyle(this);
    const axis = style.getPropertyValue("--muted").trim() || "#888";
    const grid = style.getPropertyValue("--border").trim() || "#ccc";
    const lone = loneTimeRange(this.data.columns[0]);
    this.#plot = new uPlot(
      {
        width: host.clientWidth || 400,
        height: HEIGHT,
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: {
          x: lone ? { time: true, range: () => lone } : { time: true },
          y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] },
        },
        axes: [
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
          { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        ],
        series: [
          {},
          ...this.data.series.map((s, i) => ({
            label: s,
            stroke: CHART_PALETTE[i % CHART_PALETTE.length],
            width: 2,
            spanGaps: true,
            points: { show: this.data.columns[0].length < 40 },
          })),
        ],
      },
      this.data.columns as uPlot.AlignedData,
      host,
    );
  }

  #fit(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (this.#plot && host && host.clientWidth > 0 && host.clientWidth !== this.#plot.width) {
      this.#plot.setSize({ width: host.clientWidth, height: HEIGHT });
    }
  }
}
customElements.define("siem-workbook-time-chart", SiemWorkbookTimeChart);
