/**
 * `<siem-workbook-editor>`: edits a workbook draft (name, description, parameters, tiles) and reports each
 * change as `siem-change` with the new draft; the page decides when to save. Changes are taken on `change` (not
 * on every keystroke), so tiles re-run once per edit.
 */
import { css, html, LitElement } from "lit";
import {
  PARAMETER_TYPES,
  type ParameterType,
  TILE_VISUALS,
  type TileVisual,
  type Workbook,
  type WorkbookParameter,
  type WorkbookTile,
} from "../api/workbook_types.ts";
import { sharedStyles } from "./shared_styles.ts";

export class SiemWorkbookEditor extends LitElement {
  static override properties = { workbook: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      fieldset {
        border: 1px solid var(--border);
        border-radius: 6px;
        margin: 0 0 0.75rem;
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem 0.75rem;
        align-items: flex-end;
      }
      legend {
        color: var(--muted);
        font-size: 0.9em;
      }
      textarea {
        font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        font-size: 0.85em;
        min-height: 6rem;
        width: 100%;
        box-sizing: border-box;
      }
      .wide {
        flex: 1 1 100%;
        display: flex;
      }
    `,
  ];
  declare workbook: Workbook;

  override render() {
    const w = this.workbook;
    return html`
      <section class="card" aria-label="Edit workbook">
        <fieldset>
          <legend>Workbook</legend>
          <label>Name <input id="workbook-name" .value=${w.name} required maxlength="200"
            @change=${(e: Event) => this.#emit({ ...w, name: value(e) })}></label>
          <label class="wide">Description <input .value=${w.description} maxlength="2000"
            @change=${(e: Event) => this.#emit({ ...w, description: value(e) })}></label>
        </fieldset>
        ${w.parameters.map((p, i) => this.#parameter(p, i))}
        <p><button type="button" @click=${this.#addParameter}>Add parameter</button></p>
        ${w.tiles.map((t, i) => this.#tile(t, i))}
        <p><button type="button" id="add-tile" @click=${this.#addTile}>Add tile</button></p>
      </section>
    `;
  }

  #parameter(p: WorkbookParameter, i: number) {
    const set = (change: Partial<WorkbookParameter>) =>
      this.#emit({
        ...this.workbook,
        parameters: this.workbook.parameters.map((x, j) => (j === i ? { ...x, ...change } : x)),
      });
    return html`
      <fieldset>
        <legend>Parameter {${p.name}}</legend>
        <label>Name <input .value=${p.name} pattern="[A-Za-z_][A-Za-z0-9_]*" required
          @change=${(e: Event) => set({ name: value(e) })}></label>
        <label>Type <select @change=${(e: Event) => set({ type: value(e) as ParameterType })}>
          ${PARAMETER_TYPES.map((t) => html`<option ?selected=${t === p.type}>${t}</option>`)}
        </select></label>
        <label>Label <input .value=${p.label ?? ""} @change=${(e: Event) => set({ label: value(e) })}></label>
        <label>Default <input .value=${p.default ?? ""} @change=${(e: Event) =>
          set({ default: value(e) })}></label>
        <button type="button" @click=${() =>
          this.#emit({ ...this.workbook, parameters: this.workbook.parameters.filter((_, j) => j !== i) })}>
          Remove parameter ${p.name}</button>
      </fieldset>
    `;
  }

  #tile(t: WorkbookTile, i: number) {
    const set = (change: Partial<WorkbookTile>) =>
      this.#emit({
        ...this.workbook,
        tiles: this.workbook.tiles.map((x, j) => (j === i ? { ...x, ...change } : x)),
      });
    return html`
      <fieldset data-tile-editor=${t.id}>
        <legend>Tile ${i + 1}</legend>
        <label>Title <input class="tile-title" .value=${t.title} required maxlength="200"
          @change=${(e: Event) => set({ title: value(e) })}></label>
        <label>Visual <select class="tile-visual" @change=${(e: Event) =>
          set({ visual: value(e) as TileVisual })}>
          ${TILE_VISUALS.map((v) => html`<option ?selected=${v === t.visual}>${v}</option>`)}
        </select></label>
        <label>Width <select @change=${(e: Event) => set({ width: Number(value(e)) })}>
          ${[1, 2, 3].map((n) => html`<option value=${n} ?selected=${n === t.width}>${n} of 3</option>`)}
        </select></label>
        <button type="button" @click=${() =>
          this.#emit({ ...this.workbook, tiles: this.workbook.tiles.filter((_, j) => j !== i) })}>
          Remove tile ${i + 1}</button>
        <label class="wide">Query (KQL; {Name} inserts a parameter, {TimeGrain} a bin size for the time range)
          <textarea class="tile-query" .value=${t.query} spellcheck="false" required
            @change=${(e: Event) => set({ query: value(e) })}></textarea></label>
      </fieldset>
    `;
  }

  #addParameter = () => {
    const names = new Set(this.workbook.parameters.map((p) => p.name));
    let n = 1;
    while (names.has(`Param${n}`)) n++;
    this.#emit({
      ...this.workbook,
      parameters: [...this.workbook.parameters, { name: `Param${n}`, type: "string", default: "" }],
    });
  };

  #addTile = () => {
    const ids = new Set(this.workbook.tiles.map((t) => t.id));
    let n = this.workbook.tiles.length + 1;
    while (ids.has(`tile-${n}`)) n++;
    this.#emit({
      ...this.workbook,
      tiles: [...this.workbook.tiles, {
        id: `tile-${n}`,
        title: "New tile",
        query:
          "SecurityAlert\n| summarize Alerts = count() by bin(TimeGenerated, {TimeGrain})\n| render timechart",
        visual: "auto",
        width: 1,
      }],
    });
  };

  #emit(workbook: Workbook): void {
    this.dispatchEvent(new CustomEvent("siem-change", { detail: workbook, bubbles: true, composed: true }));
  }
}

function value(e: Event): string {
  return (e.target as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
}
customElements.define("siem-workbook-editor", SiemWorkbookEditor);
