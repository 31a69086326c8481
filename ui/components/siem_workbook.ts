/**
 * `<siem-workbook>`: one workbook: the time-range picker and parameter inputs, then its tiles in a grid of three
 * columns. "Edit" opens the editor on a draft; "Save" writes it (`PUT /api/v1/workbooks/{id}`), "Save as copy"
 * writes it under a new id, "Delete" asks once more. Readers see the server's 403 if they try.
 */
import { css, html, LitElement } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import { TIME_RANGES, type TimeRangeKey, type Workbook } from "../api/workbook_types.ts";
import { type ParameterValue, timeParameters } from "../workbooks/substitute_parameters.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_workbook_editor.ts";
import "./siem_workbook_tile.ts";

export class SiemWorkbook extends LitElement {
  static override properties = {
    client: { attribute: false },
    workbookId: { type: String },
    edit: { type: Boolean },
  };
  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
        margin-bottom: 1rem;
      }
      .spacer {
        flex: 1;
      }
      .tiles {
        display: grid;
        grid-template-columns: repeat(3, minmax(0, 1fr));
        gap: 1rem;
      }
      .tiles > .card {
        margin: 0;
      }
      .w-2 {
        grid-column: span 2;
      }
      .w-3 {
        grid-column: span 3;
      }
      @media (max-width: 60rem) {
        .tiles {
          grid-template-columns: minmax(0, 1fr);
        }
        .w-2,
        .w-3 {
          grid-column: auto;
        }
      }
    `,
  ];
  declare client: ApiClient;
  declare workbookId: string;
  declare edit: boolean;
  #workbook: Workbook | undefined;
  #draft: Workbook | undefined;
  #timeRange: TimeRangeKey = "P1D";
  #params: Record<string, string> = {};
  #values: Record<string, ParameterValue> = {};
  #error = "";
  #notice = "";
  #busy = false;
  #confirmDelete = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("workbookId")) void this.#load();
  }

  async #load(): Promise<void> {
    try {
      const w = await this.client.workbook(this.workbookId);
      this.#workbook = w;
      this.#draft = this.edit ? structuredClone(w) : undefined;
      this.#timeRange = w.timeRange in TIME_RANGES ? w.timeRange : "P1D";
      this.#params = Object.fromEntries(w.parameters.map((p) => [p.name, p.default ?? ""]));
      this.#error = "";
      this.#computeValues();
    } catch (error) {
      this.#error = `Could not load the workbook: ${(error as Error).message}`;
    }
    this.requestUpdate();
  }

  /** One object per change of range or parameters, so tiles re-run only when something they use changed. */
  #computeValues(): void {
    const shown = this.#draft ?? this.#workbook;
    this.#values = { ...timeParameters(this.#timeRange) };
    for (const p of shown?.parameters ?? []) {
      this.#values[p.name] = { type: p.type, value: this.#params[p.name] ?? p.default ?? "" };
    }
  }

  override render() {
    const w = this.#draft ?? this.#workbook;
    if (!w) {
      return this.#error
        ? html`<p class="banner" role="alert">${this.#error}</p>`
        : html`<p class="muted">Loading…</p>`;
    }
    return html`
      <p><a href="#/workbooks">← Workbooks</a></p>
      <h1>${w.name}</h1>
      <p class="muted">${w.description}${w.updatedTime
        ? ` · updated ${formatTime(w.updatedTime)}${w.updatedBy ? ` by ${w.updatedBy}` : ""}`
        : ""}</p>
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : ""}
      <p role="status" class="muted" id="notice">${this.#notice}</p>
      <form class="toolbar" aria-label="Time range and parameters" @submit=${(e: Event) =>
        e.preventDefault()}>
        <label>Time range
          <select id="time-range" @change=${(e: Event) => {
            this.#timeRange = (e.target as HTMLSelectElement).value as TimeRangeKey;
            this.#computeValues();
            this.requestUpdate();
          }}>
            ${(Object.keys(TIME_RANGES) as TimeRangeKey[]).map((k) =>
              html`<option value=${k} ?selected=${k === this.#timeRange}>${TIME_RANGES[k]}</option>`
            )}
          </select>
        </label>
        ${w.parameters.map((p) => {
          const current = this.#params[p.name] ?? p.default ?? "";
          const onChange = (e: Event) => {
            this.#params = { ...this.#params, [p.name]: (e.target as HTMLInputElement).value };
            this.#computeValues();
            this.requestUpdate();
          };
          return html`<label>${p.label || p.name}${
            p.options?.length
              ? html`<select data-parameter=${p.name} @change=${onChange}>${
                p.options.map((o) => html`<option ?selected=${o === current}>${o}</option>`)
              }</select>`
              : html`
                <input data-parameter=${p.name} .value=${current} @change=${onChange}
                  type=${p.type === "long" || p.type === "real" ? "number" : "text"}>
              `
          }</label>`;
        })}
        <span class="spacer"></span>
        ${this.#draft
          ? this.#editButtons()
          : html`<button type="button" id="edit" @click=${this.#startEdit}>Edit</button>`}
      </form>
      ${this.#draft
        ? html`<siem-workbook-editor .workbook=${this.#draft} @siem-change=${(e: CustomEvent<Workbook>) => {
          this.#draft = e.detail;
          this.#computeValues();
          this.requestUpdate();
        }}></siem-workbook-editor>`
        : ""}
      <div class="tiles">
        ${w.tiles.map((t) =>
          html`
            <section class="card w-${t.width}" data-tile=${t.id} aria-label=${t.title}>
              <siem-workbook-tile .client=${this.client} .tile=${t} .timeRange=${this.#timeRange}
                .values=${this.#values}></siem-workbook-tile>
            </section>
          `
        )}
      </div>
      ${w.tiles.length === 0
        ? html`<p class="muted">This workbook has no tiles yet: edit it to add one</p>`
        : ""}
    `;
  }

  #editButtons() {
    return html`
      <button type="button" class="primary" id="save" ?disabled=${this.#busy} @click=${() =>
        this.#save(false)}>Save</button>
      <button type="button" id="save-copy" ?disabled=${this.#busy} @click=${() =>
        this.#save(true)}>Save as copy</button>
      <button type="button" id="cancel" @click=${() => {
        this.#draft = undefined;
        this.#confirmDelete = false;
        this.#computeValues();
        this.requestUpdate();
      }}>Cancel</button>
      <button type="button" id="delete" ?disabled=${this.#busy} @click=${this.#delete}>${this.#confirmDelete
        ? "Confirm delete"
        : "Delete"}</button>
    `;
  }

  #startEdit = () => {
    this.#draft = structuredClone(this.#workbook);
    this.#notice = "";
    this.requestUpdate();
  };

  async #save(copy: boolean): Promise<void> {
    if (!this.#draft) return;
    this.#busy = true;
    this.requestUpdate();
    try {
      const id = copy
        ? `${this.#draft.id.replace(/-copy(-[a-z0-9]+)?$/, "")}-copy-${Date.now().toString(36).slice(-4)}`
        : this.#draft.id;
      const { origin: _origin, updatedTime: _t, updatedBy: _b, ...body } = this.#draft;
      const saved = await this.client.saveWorkbook({
        ...body,
        id,
        name: copy ? `${body.name} (copy)` : body.name,
      });
      this.#error = "";
      if (copy) {
        location.hash = `#/workbooks/${encodeURIComponent(saved.id)}`;
        return;
      }
      this.#workbook = saved;
      this.#draft = undefined;
      this.#notice = `Saved '${saved.name}'`;
      this.#computeValues();
    } catch (error) {
      this.#error = `Could not save the workbook: ${(error as Error).message}`;
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  #delete = async () => {
    if (!this.#confirmDelete) {
      this.#confirmDelete = true;
      this.requestUpdate();
      return;
    }
    this.#busy = true;
    try {
      await this.client.deleteWorkbook(this.workbookId);
      location.hash = "#/workbooks";
    } catch (error) {
      this.#error = `Could not delete the workbook: ${(error as Error).message}`;
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  };
}
customElements.define("siem-workbook", SiemWorkbook);
