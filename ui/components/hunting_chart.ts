/**
 * `<siem-hunting-chart>`: a query result drawn with uPlot, from the pure `huntingChartData` (lines over time, or
 * bars by category for `render columnchart`/`barchart`/`piechart`). Fixed height, follows its container's width,
 * rebuilt when the colour scheme flips (axis colours come from the theme).
 */
import { css, html, LitElement, nothing } from "lit";
import uPlot from "uplot";
import { loneTimeRange } from "../charts/lone_time_range.ts";
import type { HuntingChartData } from "../charts/hunting_chart_data.ts";
import { sharedStyles } from "./shared_styles.ts";

const PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#b07aa1", "#76b7b2", "#edc948", "#9c755f"];
const HEIGHT = 340;

export class SiemHuntingChart extends LitElement {
  static override properties = { data: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .plot {
        position: relative;
        height: ${HEIGHT}px;
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
      .legend {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3rem 1rem;
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
    `,
  ];
  declare data: HuntingChartData | undefined;
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
    const d = this.data;
    const label = d ? `Chart of ${d.series.join(", ")} by ${d.xName}` : "Chart";
    return html`
      <div class="plot" role="img" aria-label=${label}></div>
      <div class="legend">
        ${d?.series.map((s) => html`<span><span class="swatch"></span>${s}</span>`) ?? nothing}
      </div>
      ${d?.note ? html`<p class="muted">${d.note}</p>` : nothing}
    `;
  }

  override updated(changed: Map<string, unknown>): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot")!;
    this.#resize.observe(host);
    this.renderRoot.querySelectorAll<HTMLElement>(".swatch").forEach((el, i) => {
      el.style.background = PALETTE[i % PALETTE.length];
    });
    if (changed.has("data")) this.#rebuild();
  }

  #rebuild(): void {
    this.#plot?.destroy();
    this.#plot = undefined;
    const host = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (!this.data || !host) return;
    this.#plot = new uPlot(
      this.#options(this.data, host.clientWidth || 800),
      this.data.columns as uPlot.AlignedData,
      host,
    );
  }

  #fit(): void {
    const host = this.renderRoot.querySelector<HTMLElement>(".plot");
    if (this.#plot && host && host.clientWidth > 0) {
      this.#plot.setSize({ width: host.clientWidth, height: HEIGHT });
    }
  }

  #options(d: HuntingChartData, width: number): uPlot.Options {
    const style = getComputedStyle(this);
    const axis = style.getPropertyValue("--muted").trim() || "#888";
    const grid = style.getPropertyValue("--border").trim() || "#ccc";
    const categories = d.kind === "category";
    const lone = categories ? undefined : loneTimeRange(d.columns[0]);
    const bars = (s: number) =>
      d.style !== "bars"
        ? undefined
        : categories && d.series.length > 1
        ? groupedBars(d, s)
        : uPlot.paths.bars!({ size: [0.7 / Math.max(1, d.series.length), 60] });
    return {
      width,
      height: HEIGHT,
      legend: { show: false },
      cursor: { drag: { x: true, y: false } },
      scales: {
        x: categories
          ? { time: false, range: (_u, min, max) => [min - 0.6, max + 0.6] }
          : lone
          ? { time: true, range: () => lone }
          : { time: true },
        y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] },
      },
      axes: [
        {
          stroke: axis,
          grid: { stroke: grid, width: 1 },
          ticks: { stroke: grid },
          ...(categories
            ? {
              splits: () => d.labels.map((_, i) => i),
              values: (_u: uPlot, splits: number[]) => splits.map((i) => d.labels[i] ?? ""),
            }
            : {}),
        },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
      ],
      series: [
        { label: d.xName },
        ...d.series.map((name, i) => {
          const colour = PALETTE[i % PALETTE.length];
          const paths = bars(i);
          return paths
            ? { label: name, stroke: colour, fill: colour, width: 1, paths, points: { show: false } }
            : { label: name, stroke: colour, width: 2, spanGaps: false };
        }),
      ],
    };
  }
}
customElements.define("siem-hunting-chart", SiemHuntingChart);

/** Side-by-side bars of series `s` in each category: x runs over categories 0..n-1 with 0.6 of margin either side. */
function groupedBars(d: HuntingChartData, s: number): uPlot.Series.PathBuilder {
  const n = d.labels.length;
  const span = Math.max(0, n - 1) + 1.2;
  const group = 0.7;
  const width = group / d.series.length;
  // Positions as fractions of the plot width (uPlot's "pixel percent" unit).
  const left = d.labels.map((_, i) => (i + 0.6 - group / 2 + s * width) / span);
  const size = d.labels.map(() => width / span);
  const PIXEL_PERCENT = 2;
  return uPlot.paths.bars!({
    disp: {
      x0: { unit: PIXEL_PERCENT, values: () => left },
      size: { unit: PIXEL_PERCENT, values: () => size },
    },
  });
}
