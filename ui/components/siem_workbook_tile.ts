/**
 * `<siem-workbook-tile>`: one KQL tile. Substitutes the parameters as literals, runs the query over the time
 * range, and draws the visual the tile, the query's `render` or the result's shape asks for. An empty result
 * checks whether the table has any data in the range, and says which: "No data in SigninLogs for the last 24
 * hours" rather than an empty chart. The body keeps one height in every state, so nothing shifts.
 */
import { css, html, LitElement, nothing } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import {
  type QueryAnswer,
  TIME_RANGES,
  type TimeRangeKey,
  type WorkbookTile,
} from "../api/workbook_types.ts";
import { categoryData, timeSeriesData } from "../charts/tile_chart_data.ts";
import { type ParameterValue, substituteParameters } from "../workbooks/substitute_parameters.ts";
import { chooseVisual, sourceTable } from "../workbooks/tile_visual.ts";
import { cellText } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_workbook_time_chart.ts";
import "./siem_workbook_category_chart.ts";

/** Rows a table tile shows (the rest are counted). */
const TABLE_ROWS = 200;

type TileState =
  | { readonly kind: "loading" }
  | { readonly kind: "error"; readonly message: string }
  | { readonly kind: "empty"; readonly message: string }
  | { readonly kind: "result"; readonly answer: QueryAnswer };

export class SiemWorkbookTile extends LitElement {
  static override properties = {
    client: { attribute: false },
    tile: { attribute: false },
    timeRange: { type: String },
    values: { attribute: false },
  };
  static override styles = [
    sharedStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-width: 0;
      }
      h3 {
        font-size: 1rem;
        margin-bottom: 0.5rem;
      }
      .body {
        height: 240px;
        overflow: auto;
        position: relative;
      }
      .center {
        height: 100%;
        display: flex;
        align-items: center;
        justify-content: center;
        text-align: center;
        padding: 0 1rem;
      }
      .single {
        font-size: 3rem;
        font-weight: 600;
      }
      .note {
        font-size: 0.85em;
        margin: 0 0 0.3rem;
      }
      table {
        font-size: 0.85em;
      }
      td {
        white-space: nowrap;
        max-width: 20rem;
        overflow: hidden;
        text-overflow: ellipsis;
      }
    `,
  ];
  declare client: ApiClient;
  declare tile: WorkbookTile;
  declare timeRange: TimeRangeKey;
  declare values: Readonly<Record<string, ParameterValue>>;
  #state: TileState = { kind: "loading" };
  #runKey = "";
  #abort: AbortController | undefined;

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#runKey = "";
  }

  override willUpdate(): void {
    const { query, errors } = substituteParameters(this.tile.query, this.values);
    const key = JSON.stringify([query, errors, this.timeRange, this.tile.visual]);
    if (key === this.#runKey) return;
    this.#runKey = key;
    if (errors.length > 0) {
      this.#state = { kind: "error", message: errors.join("; ") };
      return;
    }
    void this.#run(query);
  }

  async #run(query: string): Promise<void> {
    this.#abort?.abort();
    const abort = this.#abort = new AbortController();
    this.#state = { kind: "loading" };
    this.requestUpdate();
    const timespan = this.timeRange;
    const range = TIME_RANGES[timespan] ?? timespan;
    let state: TileState;
    try {
      const answer = await this.client.query(query, { timespan, signal: abort.signal });
      const table = sourceTable(query);
      const zero = answer.rows.length === 0 ||
        (answer.rows.length === 1 && answer.columns.length === 1 && answer.rows[0][0] === 0);
      if (zero && table) {
        const count = await this.client.query(`${table} | count`, { timespan, signal: abort.signal });
        const n = Number(count.rows[0]?.[0] ?? 0);
        state = n === 0
          ? { kind: "empty", message: `No data in ${table} for the ${range}` }
          : answer.rows.length === 0
          ? { kind: "empty", message: `No rows match in the ${range} (${table} has ${n} events)` }
          : { kind: "result", answer };
      } else if (answer.rows.length === 0) {
        state = { kind: "empty", message: `No results for the ${range}` };
      } else state = { kind: "result", answer };
    } catch (error) {
      if (abort.signal.aborted) return;
      state = { kind: "error", message: (error as Error).message };
    }
    if (abort.signal.aborted) return;
    this.#state = state;
    this.requestUpdate();
  }

  override render() {
    const s = this.#state;
    return html`
      <h3 id="title">${this.tile.title}</h3>
      <div class="body" aria-busy=${s.kind === "loading" ? "true" : "false"} data-state=${s.kind}>
        ${s.kind === "loading"
          ? html`<div class="center muted">Loading…</div>`
          : s.kind === "error"
          ? html`<div class="center error" role="alert">${s.message}</div>`
          : s.kind === "empty"
          ? html`<div class="center muted empty">${s.message}</div>`
          : this.#visual(s.answer)}
      </div>
    `;
  }

  #visual(answer: QueryAnswer) {
    const { visual, note } = chooseVisual(this.tile.visual, answer);
    const noteText = note ? html`<p class="note muted">${note}</p>` : nothing;
    switch (visual) {
      case "single": {
        const value =
          answer.rows[0]?.[answer.columns.findIndex((c) => /long|int|real|decimal/.test(c.type))] ??
            answer.rows[0]?.[0];
        return html`${noteText}<div class="center single" data-visual="single">${cellText(value)}</div>`;
      }
      case "timechart":
        return html`
          ${noteText}<siem-workbook-time-chart data-visual="timechart" .label=${this.tile.title}
            .data=${timeSeriesData(answer)}></siem-workbook-time-chart>
        `;
      case "barchart":
      case "piechart": {
        const data = categoryData(answer, { max: visual === "piechart" ? 8 : 25 });
        return html`
          ${noteText}<siem-workbook-category-chart data-visual=${visual} .kind=${visual}
            .label=${this.tile.title} .items=${data.items} .valueName=${data
              .valueName}></siem-workbook-category-chart>
        `;
      }
      default:
        return html`${noteText}${this.#table(answer)}`;
    }
  }

  #table(answer: QueryAnswer) {
    const rows = answer.rows.slice(0, TABLE_ROWS);
    return html`
      <table data-visual="table" aria-labelledby="title">
        <thead>
          <tr>${answer.columns.map((c) => html`<th scope="col">${c.name}</th>`)}</tr>
        </thead>
        <tbody>${rows.map((r) =>
          html`<tr>${r.map((v) => html`<td title=${cellText(v)}>${cellText(v)}</td>`)}</tr>`
        )}</tbody>
      </table>
      ${answer.rows.length > TABLE_ROWS
        ? html`<p class="note muted">First ${TABLE_ROWS} of ${answer.rows.length} rows</p>`
        : nothing}
    `;
  }
}
customElements.define("siem-workbook-tile", SiemWorkbookTile);
