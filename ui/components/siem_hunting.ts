/**
 * `<siem-hunting>`: the hunting page. A KQL editor (highlighted, errors underlined where the server reports them,
 * Ctrl+Enter runs), a time range, Run and Cancel (an AbortController: the server stops when the request goes
 * away), the result as a virtualized table or a chart (when it has a datetime column or ends with `render`),
 * client-side CSV and JSON export, and the query history and saved queries, both in this browser's local storage.
 */
import { css, html, LitElement, nothing } from "lit";
import { type ApiClient, ApiError } from "../api/api_client.ts";
import type { QueryAnswer } from "../api/hunting_types.ts";
import { huntingChartData } from "../charts/hunting_chart_data.ts";
import { toCsv, toJsonRecords } from "./hunting_export.ts";
import { type HistoryEntry, HuntingStorage, type SavedQuery } from "./hunting_storage.ts";
import type { EditorProblem } from "./kql_highlight.ts";
import { sharedStyles } from "./shared_styles.ts";
import { formatTime } from "./format.ts";
import "./kql_editor.ts";
import "./hunting_results_table.ts";
import "./hunting_chart.ts";

/** The time ranges offered; "" leaves the range to the query's own `where TimeGenerated` filters. */
export const HUNTING_TIME_RANGES: readonly (readonly [string, string])[] = [
  ["PT15M", "Last 15 minutes"],
  ["PT1H", "Last hour"],
  ["PT4H", "Last 4 hours"],
  ["P1D", "Last 24 hours"],
  ["P7D", "Last 7 days"],
  ["", "Set in query"],
];

const DRAFT_KEY = "siem.hunting.draft";
const DEFAULT_QUERY =
  "SecurityEvent\n| where EventID == 4625\n| summarize Failures = count() by bin(TimeGenerated, 1h), Computer\n| render timechart";

type View = "table" | "chart";

export class SiemHunting extends LitElement {
  static override properties = { client: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .layout {
        display: grid;
        grid-template-columns: minmax(0, 1fr) 17rem;
        gap: 1rem;
        align-items: start;
      }
      @media (max-width: 1100px) {
        .layout {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem 0.75rem;
        margin-bottom: 0.6rem;
      }
      .status {
        min-height: 1.45em;
        flex: 1;
        min-width: 12rem;
        text-align: right;
      }
      .tabs {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        margin-bottom: 0.6rem;
        flex-wrap: wrap;
      }
      [role="tab"][aria-selected="true"] {
        background: var(--accent);
        color: var(--accent-fg);
        border-color: var(--accent);
      }
      .spacer {
        flex: 1;
      }
      .results-body {
        min-height: 420px;
      }
      /* A warning, not an error: the rows shown are right, there are just more of them. */
      .banner.warn {
        border-color: var(--sev-medium);
        background: none;
      }
      .empty {
        height: 420px;
        display: grid;
        place-items: center;
        border: 1px dashed var(--border);
        border-radius: 6px;
      }
      aside ul {
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
        max-height: 16rem;
        overflow: auto;
      }
      aside li {
        display: flex;
        gap: 0.25rem;
        align-items: start;
      }
      aside li button.load {
        flex: 1;
        min-width: 0;
        text-align: left;
        background: none;
        border-color: transparent;
        font-family: ui-monospace, monospace;
        font-size: 0.8em;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      aside li button.load:hover {
        border-color: var(--border);
      }
      .save-row {
        display: flex;
        gap: 0.4rem;
        margin-bottom: 0.75rem;
      }
      .save-row input {
        flex: 1;
        min-width: 0;
      }
      .sr-only {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
    `,
  ];
  declare client: ApiClient;
  #storage = new HuntingStorage(globalThis.localStorage);
  #query = sessionStorage.getItem(DRAFT_KEY) ?? DEFAULT_QUERY;
  #timespan = "P1D";
  #running: AbortController | undefined;
  #answer: QueryAnswer | undefined;
  #chart: { answer: QueryAnswer; data: ReturnType<typeof huntingChartData> } | undefined;
  #ranQuery = "";
  #elapsedMs = 0;
  #status = "";
  #error = "";
  #problems: EditorProblem[] = [];
  #view: View = "table";
  #history: HistoryEntry[] = this.#storage.history();
  #saved: SavedQuery[] = this.#storage.saved();
  #saveName = "";

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#running?.abort();
  }

  async #run(): Promise<void> {
    const query = this.#query.trim();
    if (!query) return;
    this.#running?.abort();
    const running = new AbortController();
    this.#running = running;
    this.#status = "Running…";
    this.#error = "";
    this.#problems = [];
    this.requestUpdate();
    // Every run goes to the history, failed and cancelled ones too: they are often the ones to come back to.
    this.#history = this.#storage.remember({
      query: this.#query,
      timespan: this.#timespan,
      ranAt: new Date().toISOString(),
    });
    const started = performance.now();
    try {
      const answer: QueryAnswer = await this.client.query(this.#query, {
        timespan: this.#timespan || undefined,
        signal: running.signal,
      });
      this.#answer = answer;
      this.#ranQuery = this.#query;
      this.#elapsedMs = performance.now() - started;
      const rows = answer.rows.length;
      this.#status = `${rows.toLocaleString()} row${rows === 1 ? "" : "s"}${
        answer.truncated ? " (truncated)" : ""
      } in ${(this.#elapsedMs / 1000).toFixed(2)} s`;
      this.#view = answer.chart && !("reason" in this.#chartData()!) ? "chart" : "table";
    } catch (error) {
      if (running.signal.aborted) {
        this.#status = "Cancelled";
      } else {
        this.#status = "";
        this.#error = (error as Error).message;
        const body = error instanceof ApiError
          ? (error.body as { error?: { line?: number; column?: number; message?: string } } | null)
          : null;
        const e = body?.error;
        if (e && typeof e.line === "number" && typeof e.column === "number") {
          this.#problems = [{ line: e.line, column: e.column, message: e.message ?? this.#error }];
        }
      }
    } finally {
      if (this.#running === running) this.#running = undefined;
      this.requestUpdate();
    }
  }

  #cancel(): void {
    this.#running?.abort();
  }

  #chartData() {
    const a = this.#answer;
    if (!a) return undefined;
    // Once per answer: it walks every row, and the page renders on every keystroke in the editor.
    if (this.#chart?.answer !== a) {
      this.#chart = { answer: a, data: huntingChartData(a.columns, a.rows, a.chart) };
    }
    return this.#chart.data;
  }

  #export(kind: "csv" | "json"): void {
    const a = this.#answer;
    if (!a) return;
    const text = kind === "csv" ? toCsv(a.columns, a.rows) : toJsonRecords(a.columns, a.rows);
    const blob = new Blob([text], { type: kind === "csv" ? "text/csv;charset=utf-8" : "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `hunting-${new Date().toISOString().replace(/[:.]/g, "-")}.${kind}`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }

  #load(entry: { query: string; timespan: string }): void {
    this.#query = entry.query;
    this.#timespan = entry.timespan;
    sessionStorage.setItem(DRAFT_KEY, this.#query);
    this.#problems = [];
    this.requestUpdate();
    this.renderRoot.querySelector<HTMLElement>("siem-kql-editor")?.focus();
  }

  #save(): void {
    const name = this.#saveName.trim();
    if (!name) return;
    this.#saved = this.#storage.save({
      name,
      query: this.#query,
      timespan: this.#timespan,
      savedAt: new Date().toISOString(),
    });
    this.#saveName = "";
    this.#status = `Saved as '${name}'`;
    this.requestUpdate();
  }

  override render() {
    const running = this.#running !== undefined;
    return html`
      <h1>Hunting</h1>
      <div class="layout">
        <div>
          <section class="card" aria-label="Query">
            <div class="toolbar">
              <label>Time range
                <select id="timespan" .value=${this.#timespan} @change=${(e: Event) => {
                  this.#timespan = (e.target as HTMLSelectElement).value;
                }}>
                  ${HUNTING_TIME_RANGES.map(([v, l]) =>
                    html`<option value=${v} ?selected=${v === this.#timespan}>${l}</option>`
                  )}
                </select>
              </label>
              <button class="primary" id="run" ?disabled=${running} @click=${() => this.#run()}
                aria-keyshortcuts="Control+Enter">Run <span class="muted-key">(Ctrl+Enter)</span></button>
              <button id="cancel" ?disabled=${!running} @click=${() => this.#cancel()}>Cancel</button>
              <span class="status muted" role="status" id="query-status">${this.#status}</span>
            </div>
            <siem-kql-editor
              id="editor"
              label="KQL query"
              .value=${this.#query}
              .problems=${this.#problems}
              lines="9"
              @siem-change=${(e: CustomEvent<{ value: string }>) => {
                this.#query = e.detail.value;
                sessionStorage.setItem(DRAFT_KEY, this.#query);
                if (this.#problems.length > 0) {
                  this.#problems = [];
                  this.requestUpdate();
                }
              }}
              @siem-run=${() => this.#run()}
            ></siem-kql-editor>
            ${this.#error
              ? html`<div class="banner error" id="query-error" role="alert">${this.#error}</div>`
              : nothing}
          </section>
          ${this.#results()}
        </div>
        ${this.#aside()}
      </div>
    `;
  }

  #results() {
    const a = this.#answer;
    const chart = this.#chartData();
    const chartable = chart !== undefined && !("reason" in chart);
    const tab = (view: View, label: string, disabled: boolean) =>
      html`
        <button role="tab" id="tab-${view}" aria-controls="panel" aria-selected=${this.#view === view
          ? "true"
          : "false"}
          tabindex=${this.#view === view ? "0" : "-1"} ?disabled=${disabled}
          @click=${() => this.#select(view)} @keydown=${this.#onTabKey}>${label}</button>
      `;
    return html`
      <section class="card" aria-label="Results">
        <div class="tabs">
          <div role="tablist" aria-label="Result view">
            ${tab("table", "Table", !a)} ${tab("chart", "Chart", !chartable)}
          </div>
          <span class="muted">${chart && "reason" in chart ? chart.reason : ""}</span>
          <span class="spacer"></span>
          <button id="export-csv" ?disabled=${!a} @click=${() => this.#export("csv")}>Export CSV</button>
          <button id="export-json" ?disabled=${!a} @click=${() => this.#export("json")}>Export JSON</button>
        </div>
        ${a?.truncated
          ? html`
            <div class="banner warn" id="truncated" role="status">
              Showing the first ${a.rows.length
                .toLocaleString()} rows: the result has more, and was truncated at
              the row limit. Narrow the query (a shorter time range, <code>summarize</code>, <code>take</code>), or
              start it with <code>set truncationmaxrecords = N;</code> or <code>set notruncation;</code> (up to the
              server's row limit).
            </div>
          `
          : nothing}
        <div class="results-body" id="panel" role="tabpanel" aria-labelledby="tab-${this.#view}">
          ${!a
            ? html`<div class="empty muted">Run a query to see its rows here</div>`
            : this.#view === "chart" && chartable
            ? html`<siem-hunting-chart .data=${chart}></siem-hunting-chart>`
            : html`<siem-hunting-table .columns=${a.columns} .rows=${a.rows}></siem-hunting-table>`}
        </div>
      </section>
    `;
  }

  #select(view: View): void {
    this.#view = view;
    this.requestUpdate();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${view}`)?.focus());
  }

  #onTabKey = (e: KeyboardEvent) => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    const chart = this.#chartData();
    if (!chart || "reason" in chart) return;
    e.preventDefault();
    this.#select(this.#view === "table" ? "chart" : "table");
  };

  #aside() {
    const rangeLabel = (v: string) => HUNTING_TIME_RANGES.find(([k]) => k === v)?.[1] ?? v;
    return html`
      <aside class="card" aria-label="Saved queries and history">
        <h2>Saved queries</h2>
        <div class="save-row">
          <label class="sr-only" for="save-name">Name for the current query</label>
          <input id="save-name" placeholder="Name" .value=${this.#saveName} @input=${(e: Event) => {
            this.#saveName = (e.target as HTMLInputElement).value;
            this.requestUpdate();
          }} @keydown=${(e: KeyboardEvent) => e.key === "Enter" && this.#save()}>
          <button id="save" ?disabled=${!this.#saveName.trim()} @click=${() => this.#save()}>Save</button>
        </div>
        <ul id="saved">
          ${this.#saved.length === 0 ? html`<li class="muted">None yet</li>` : this.#saved.map((s) =>
            html`
              <li>
                <button class="load" title=${s.query} @click=${() => this.#load(s)}>${s.name}</button>
                <button aria-label="Delete saved query '${s.name}'" @click=${() => {
                  this.#saved = this.#storage.remove(s.name);
                  this.requestUpdate();
                }}>×</button>
              </li>
            `
          )}
        </ul>
        <h2>History</h2>
        <ul id="history">
          ${this.#history.length === 0
            ? html`<li class="muted">No queries run yet</li>`
            : this.#history.map((h) =>
              html`<li><button class="load" title="${h.query}\n${rangeLabel(h.timespan)} · ${
                formatTime(h.ranAt)
              }"
              @click=${() => this.#load(h)}>${h.query.replace(/\s+/g, " ")}</button></li>`
            )}
        </ul>
        <p class="muted">Kept in this browser's local storage only.</p>
      </aside>
    `;
  }
}
customElements.define("siem-hunting", SiemHunting);
