/**
 * `<siem-workbook-category-chart>`: a workbook tile's bar or pie chart, drawn as SVG (uPlot has no pie, and
 * horizontal bars read long labels best). Colours are SVG presentation attributes, which the CSP allows. The
 * figure carries a text summary for screen readers; each bar or slice has a tooltip.
 */
import { css, html, LitElement, svg } from "lit";
import { type Category, pieSlices } from "../charts/tile_chart_data.ts";
import { sharedStyles } from "./shared_styles.ts";

/** Series colours of every workbook chart (distinguishable in both themes). */
export const CHART_PALETTE = [
  "#4e79a7",
  "#f28e2b",
  "#59a14f",
  "#e15759",
  "#b07aa1",
  "#76b7b2",
  "#edc948",
  "#9c755f",
  "#ff9da7",
  "#bab0ac",
];

const RADIUS = 80;
const BAR_ROW = 22;

export class SiemWorkbookCategoryChart extends LitElement {
  static override properties = {
    kind: { type: String },
    items: { attribute: false },
    valueName: { type: String },
    label: { type: String },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        height: 100%;
      }
      .pie {
        display: flex;
        gap: 1rem;
        align-items: center;
        height: 100%;
      }
      .pie svg {
        flex: none;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        font-size: 0.85em;
        overflow: auto;
        max-height: 100%;
      }
      li {
        display: flex;
        gap: 0.4rem;
        align-items: center;
      }
      .bars {
        overflow-y: auto;
        height: 100%;
      }
      svg text {
        fill: var(--fg);
        font-size: 12px;
      }
      .pie path {
        stroke: var(--card-bg);
        stroke-width: 1px;
      }
      svg .value {
        fill: var(--muted);
      }
    `,
  ];
  declare kind: "barchart" | "piechart";
  declare items: readonly Category[];
  declare valueName: string;
  declare label: string;

  override render() {
    const summary = `${this.label}: ${this.kind === "piechart" ? "pie" : "bar"} chart of ${this.valueName}; ${
      this.items.slice(0, 10).map((c) => `${c.label} ${c.value}`).join(", ")
    }${this.items.length > 10 ? ", …" : ""}`;
    return this.kind === "piechart" ? this.#pie(summary) : this.#bars(summary);
  }

  #pie(summary: string) {
    const slices = pieSlices(this.items, RADIUS);
    const size = RADIUS * 2 + 4;
    return html`
      <div class="pie">
        <svg width=${size} height=${size} viewBox="${-size / 2} ${-size / 2} ${size} ${size}"
          role="img"
          aria-label=${summary}>
          ${slices.map((s, i) =>
            svg`
              <path d=${s.path} fill=${CHART_PALETTE[i % CHART_PALETTE.length]}>
                <title>${s.label}: ${s.value} (${Math.round(s.fraction * 1000) / 10}%)</title>
              </path>
            `
          )}
        </svg>
        <ul aria-hidden="true">
          ${slices.map((s, i) =>
            html`<li><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" rx="2"
              fill=${
              CHART_PALETTE[i % CHART_PALETTE.length]
            }></rect></svg>${s.label} <span class="muted">${s.value} · ${
              Math.round(s.fraction * 100)
            }%</span></li>`
          )}
        </ul>
      </div>
    `;
  }

  #bars(summary: string) {
    const max = Math.max(1, ...this.items.map((c) => c.value));
    const labelWidth = 150;
    const width = 460;
    const barSpace = width - labelWidth - 60;
    const height = this.items.length * BAR_ROW + 4;
    return html`
      <div class="bars">
        <svg viewBox="0 0 ${width} ${height}" width="100%" height=${height} role="img" aria-label=${summary}
          preserveAspectRatio="xMinYMin meet">
          ${this.items.map((c, i) => {
            const y = i * BAR_ROW + 2;
            const w = Math.max(1, (Math.max(0, c.value) / max) * barSpace);
            const text = c.label.length > 22 ? `${c.label.slice(0, 21)}…` : c.label;
            return svg`
              <g>
                <title>${c.label}: ${c.value}</title>
                <text x=${labelWidth - 6} y=${y + 14} text-anchor="end">${text}</text>
                <rect x=${labelWidth} y=${y + 3} width=${w} height=${BAR_ROW - 7} rx="2"
                  fill=${CHART_PALETTE[0]}></rect>
                <text class="value" x=${labelWidth + w + 4} y=${y + 14}>${c.value}</text>
              </g>
            `;
          })}
        </svg>
      </div>
    `;
  }
}
customElements.define("siem-workbook-category-chart", SiemWorkbookCategoryChart);
