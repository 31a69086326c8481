/**
 * `<siem-hunting-table>`: a query result as a virtualized table. Rows have one fixed height and only those in view
 * (plus a few either side) are in the DOM, so 100,000 rows scroll as smoothly as 50; the box has a fixed height,
 * so a result arriving never moves the page. Keyboard: focus the table, then arrows, Page Up/Down, Home and End
 * move the current row (announced through `aria-activedescendant`).
 */
import { css, html, LitElement } from "lit";
import { cellText } from "./format.ts";
import { scrollToRow, type VirtualWindow, virtualWindow } from "./hunting_virtual_window.ts";
import { sharedStyles } from "./shared_styles.ts";

/** Row height in px: fixed, so the window arithmetic is exact. */
export const ROW_HEIGHT = 28;
const VIEW_HEIGHT = 420;
const SAMPLE_ROWS = 200;

export class SiemHuntingTable extends LitElement {
  static override properties = { columns: { attribute: false }, rows: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .scroller {
        height: ${VIEW_HEIGHT}px;
        overflow: auto;
        border: 1px solid var(--border);
        border-radius: 6px;
        position: relative;
        contain: strict;
        font-size: 0.9em;
      }
      .row {
        display: grid;
        grid-template-columns: var(--grid);
        width: var(--row-width);
        min-width: 100%;
        height: ${ROW_HEIGHT}px;
        box-sizing: border-box;
        border-bottom: 1px solid var(--border);
      }
      .head {
        position: sticky;
        top: 0;
        z-index: 1;
        background: var(--card-bg);
        font-weight: 600;
        color: var(--muted);
      }
      .cell {
        padding: 0 0.5rem;
        line-height: ${ROW_HEIGHT - 1}px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .type {
        font-weight: 400;
        font-size: 0.85em;
        margin-left: 0.3rem;
      }
      .row.current {
        background: color-mix(in srgb, var(--accent) 14%, transparent);
      }
      .num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      .spacer {
        position: relative;
      }
      .scroller:focus-visible {
        outline: 2px solid var(--focus);
        outline-offset: 1px;
      }
    `,
  ];
  declare columns: readonly { name: string; type: string }[];
  declare rows: readonly (readonly unknown[])[];
  #scrollTop = 0;
  #placed: VirtualWindow | undefined;
  #current = -1;
  #frame = 0;

  constructor() {
    super();
    this.columns = [];
    this.rows = [];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("rows") || changed.has("columns")) {
      this.#current = -1;
      this.#scrollTop = 0;
      const scroller = this.renderRoot?.querySelector(".scroller") as HTMLElement | null;
      if (scroller) scroller.scrollTop = 0;
      // Column widths from the header and a sample of rows, set through the CSSOM (the CSP forbids style attributes).
      const widths = this.columns.map((c, i) => {
        let chars = c.name.length + c.type.length + 2;
        for (const row of this.rows.slice(0, SAMPLE_ROWS)) chars = Math.max(chars, cellText(row[i]).length);
        return Math.min(360, Math.max(72, chars * 7.6 + 18));
      });
      this.style.setProperty("--grid", widths.map((w) => `${Math.round(w)}px`).join(" "));
      this.style.setProperty("--row-width", `${Math.round(widths.reduce((a, b) => a + b, 0))}px`);
    }
  }

  override render() {
    const window = virtualWindow({ scrollTop: this.#scrollTop, height: VIEW_HEIGHT - ROW_HEIGHT }, {
      rowHeight: ROW_HEIGHT,
      rowCount: this.rows.length,
    });
    this.#placed = window;
    const numeric = this.columns.map((c) => ["long", "int", "real", "decimal"].includes(c.type));
    const visible = [];
    for (let i = window.first; i < window.end; i++) {
      const row = this.rows[i];
      visible.push(
        html`<div class="row ${i === this.#current ? "current" : ""}" role="row" id="r${i}" aria-rowindex=${
          i + 2
        }>
        ${
          this.columns.map((_, c) => {
            const text = cellText(row[c]);
            return html`<div class="cell ${numeric[c] ? "num" : ""}" role="cell" title=${
              text.length > 40 ? text : ""
            }>${text}</div>`;
          })
        }
      </div>`,
      );
    }
    return html`
      <div class="scroller" role="table" aria-label="Results" aria-rowcount=${this.rows.length + 1}
        aria-colcount=${this.columns.length} tabindex="0"
        aria-activedescendant=${this.#current >= 0 ? `r${this.#current}` : ""}
        @scroll=${this.#onScroll} @keydown=${this.#onKey}>
        <div class="row head" role="row" aria-rowindex="1">
          ${this.columns.map((c) =>
            html`<div class="cell" role="columnheader">${c.name}<span class="type muted">${c.type}</span></div>`
          )}
        </div>
        <div class="spacer">
          <div class="window" role="rowgroup">${visible}</div>
        </div>
      </div>
    `;
  }

  override updated(): void {
    // Placed through the CSSOM: the page's CSP refuses style attributes (Lit's styleMap writes one at first).
    const w = this.#placed;
    if (!w) return;
    this.renderRoot.querySelector<HTMLElement>(".spacer")?.style.setProperty("height", `${w.totalHeight}px`);
    this.renderRoot.querySelector<HTMLElement>(".window")?.style.setProperty(
      "transform",
      `translateY(${w.offset}px)`,
    );
  }

  #onScroll = (e: Event) => {
    this.#scrollTop = (e.target as HTMLElement).scrollTop;
    if (this.#frame) return;
    // One render per frame however many scroll events arrive.
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.requestUpdate();
    });
  };

  #onKey = (e: KeyboardEvent) => {
    const n = this.rows.length;
    if (n === 0) return;
    const page = Math.max(1, Math.floor((VIEW_HEIGHT - ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: this.#current + 1,
      ArrowUp: this.#current - 1,
      PageDown: this.#current + page,
      PageUp: this.#current - page,
      Home: 0,
      End: n - 1,
    };
    if (!(e.key in moves)) return;
    e.preventDefault();
    this.#current = Math.min(n - 1, Math.max(0, moves[e.key]));
    const scroller = e.currentTarget as HTMLElement;
    // The header row sits over the first rows: keep the current row below it.
    const view = { scrollTop: scroller.scrollTop, height: VIEW_HEIGHT - 2 * ROW_HEIGHT };
    scroller.scrollTop = scrollToRow(this.#current, view, ROW_HEIGHT);
    this.#scrollTop = scroller.scrollTop;
    this.requestUpdate();
  };
}
customElements.define("siem-hunting-table", SiemHuntingTable);
