/**
 * `<siem-workbooks>`: the workbook list (prebuilt ones per connector and the users' own), and a form to start a
 * new one. Opening one goes to `#/workbooks/{id}`.
 */
import { css, html, LitElement } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import type { Workbook } from "../api/workbook_types.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

/** A new workbook's id from its name: a lowercase slug plus a short suffix, so two "Mine"s do not collide. */
function newId(name: string): string {
  const slug = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "")
    .slice(0, 48) || "workbook";
  return `${slug}-${Date.now().toString(36).slice(-5)}`;
}

export class SiemWorkbooks extends LitElement {
  static override properties = { client: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        gap: 0.75rem;
        align-items: flex-end;
        flex-wrap: wrap;
      }
    `,
  ];
  declare client: ApiClient;
  #workbooks: Workbook[] = [];
  #loading = true;
  #error = "";
  #busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#load();
  }

  async #load(): Promise<void> {
    try {
      this.#workbooks = await this.client.workbooks();
      this.#error = "";
    } catch (error) {
      this.#error = `Could not load workbooks: ${(error as Error).message}`;
    }
    this.#loading = false;
    this.requestUpdate();
  }

  override render() {
    return html`
      <h1>Workbooks</h1>
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : ""}
      <div class="card scroll">
        <table aria-label="Workbooks">
          <thead><tr><th>Name</th><th>Connector</th><th>Tiles</th><th>Origin</th><th>Updated</th></tr></thead>
          <tbody>
            ${this.#workbooks.map((w) =>
              html`
                <tr data-workbook-id=${w.id}>
                  <td><a href="#/workbooks/${encodeURIComponent(w.id)}">${w
                    .name}</a><br><span class="muted">${w
                    .description}</span></td>
                  <td>${w.connector ?? ""}</td>
                  <td>${w.tiles.length}</td>
                  <td>${w.origin ?? "user"}</td>
                  <td>${formatTime(w.updatedTime)}${w.updatedBy ? ` · ${w.updatedBy}` : ""}</td>
                </tr>
              `
            )}
          </tbody>
        </table>
        ${!this.#loading && this.#workbooks.length === 0 ? html`<p class="muted">No workbooks yet</p>` : ""}
      </div>
      <form class="card" @submit=${this.#create} aria-label="New workbook">
        <label>New workbook name <input id="new-workbook-name" name="name" required maxlength="200"></label>
        <button type="submit" class="primary" ?disabled=${this.#busy}>Create</button>
      </form>
    `;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const name = new FormData(event.target as HTMLFormElement).get("name")?.toString().trim() ?? "";
    if (!name) return;
    this.#busy = true;
    this.requestUpdate();
    try {
      const saved = await this.client.saveWorkbook({
        id: newId(name),
        name,
        description: "",
        timeRange: "P1D",
        parameters: [],
        tiles: [{
          id: "tile-1",
          title: "Alerts by severity",
          query: "SecurityAlert\n| summarize Alerts = count() by AlertSeverity\n| render piechart",
          visual: "auto",
          width: 1,
        }],
      });
      location.hash = `#/workbooks/${encodeURIComponent(saved.id)}?edit=1`;
    } catch (error) {
      this.#error = `Could not create the workbook: ${(error as Error).message}`;
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }
}
customElements.define("siem-workbooks", SiemWorkbooks);
