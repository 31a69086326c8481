/**
 * `<siem-incidents>`: the incident queue, most recent activity first, filtered by status, following live changes.
 * Bulk change: selecting an incident reads it with its revision; "Apply" sends one PATCH per selected incident
 * with that revision in `If-Match`, so an incident someone else changed since it was selected is refused (412)
 * and named in the report rather than overwritten.
 */
import { css, html, LitElement } from "lit";
import { repeat } from "lit/directives/repeat.js";
import { type ApiClient, ConflictError } from "../api/api_client.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import { CLASSIFICATIONS, type Incident, INCIDENT_STATUSES, type IncidentChange } from "../api/types.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

const SEVERITY_RANK: Record<string, number> = { High: 3, Medium: 2, Low: 1, Informational: 0 };
const byActivity = (a: Incident, b: Incident) =>
  b.LastActivityTime.localeCompare(a.LastActivityTime) || b.IncidentNumber - a.IncidentNumber;

/** Queue orders; ties fall back to the most recent activity. */
const SORTS = {
  activity: { label: "Last activity", compare: byActivity },
  severity: {
    label: "Severity",
    compare: (a: Incident, b: Incident) =>
      (SEVERITY_RANK[b.Severity] ?? -1) - (SEVERITY_RANK[a.Severity] ?? -1) || byActivity(a, b),
  },
  number: { label: "Number", compare: (a: Incident, b: Incident) => b.IncidentNumber - a.IncidentNumber },
} as const;
type SortKey = keyof typeof SORTS;

export class SiemIncidents extends LitElement {
  static override properties = {
    client: { attribute: false },
    feed: { attribute: false },
    status: { type: String },
  };
  static override styles = [
    sharedStyles,
    css`
      .bulk {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
        min-height: 3.2rem;
      }
      .bulk[aria-disabled="true"] {
        opacity: 0.7;
      }
      .pick {
        width: 2rem;
      }
      input[type="checkbox"] {
        width: 1.1rem;
        height: 1.1rem;
      }
    `,
  ];
  declare client: ApiClient;
  declare feed: LiveFeed;
  declare status: string;
  #incidents = new Map<string, Incident>();
  #sort: SortKey = "activity";
  #loading = true;
  #error = "";
  #unsubscribe: (() => void) | undefined;
  /** Selected incidents and the revision each was read at. */
  #selected = new Map<string, string | null>();
  #bulkStatus = "";
  #bulkBusy = false;
  #report = "";
  #failed: string[] = [];

  constructor() {
    super();
    this.status = "";
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.feed.subscribe((m) => this.#onLive(m));
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async #load(): Promise<void> {
    try {
      for (const i of await this.client.incidents({ limit: 1000 })) {
        const known = this.#incidents.get(i.IncidentName);
        if (!known || known.LastActivityTime <= i.LastActivityTime) this.#incidents.set(i.IncidentName, i);
      }
      this.#error = "";
    } catch (error) {
      this.#error = `Could not load incidents: ${(error as Error).message}`;
    }
    this.#loading = false;
    this.requestUpdate();
  }

  #onLive(m: LiveMessage): void {
    if (m.type !== "incident") return;
    this.#incidents.set(m.incident.IncidentName, m.incident);
    this.requestUpdate();
  }

  override render() {
    const shown = [...this.#incidents.values()]
      .filter((i) => !this.status || i.Status === this.status)
      .sort(SORTS[this.#sort].compare);
    return html`
      <h1>Incidents</h1>
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : ""}
      <p>
        <label>Status
          <select id="status-filter" @change=${this.#filter}>
            <option value="" ?selected=${!this.status}>All</option>
            ${INCIDENT_STATUSES.map((s) =>
              html`<option value=${s} ?selected=${this.status === s}>${s}</option>`
            )}
          </select>
        </label>
        <label>Sort by
          <select id="sort-input" @change=${(e: Event) => {
            this.#sort = (e.target as HTMLSelectElement).value as SortKey;
            this.requestUpdate();
          }}>
            ${(Object.keys(SORTS) as SortKey[]).map((k) =>
              html`<option value=${k} ?selected=${k === this.#sort}>${SORTS[k].label}</option>`
            )}
          </select>
        </label>
      </p>
      ${this.#bulkForm()}
      <div class="card scroll">
        <table aria-label="Incidents">
          <thead><tr><th class="pick"><input type="checkbox" id="select-all" aria-label="Select all shown incidents"
            .checked=${shown.length > 0 && shown.every((i) => this.#selected.has(i.IncidentName))}
            @change=${(e: Event) =>
              this.#selectAll(
                shown,
                (e.target as HTMLInputElement).checked,
              )}></th><th>#</th><th>Severity</th><th>Title</th><th>Status</th><th>Owner</th><th>Alerts</th><th>Last activity</th></tr></thead>
          <tbody>
            ${repeat(shown, (i) => i.IncidentName, (i) =>
              html`
                <tr data-incident-id=${i.IncidentName}>
                  <td><input type="checkbox" aria-label="Select incident #${i.IncidentNumber}"
                    .checked=${this.#selected.has(i.IncidentName)} @change=${(e: Event) =>
                      this.#select(i.IncidentName, (e.target as HTMLInputElement).checked)}></td>
                  <td>${i.IncidentNumber}</td>
                  <td><span class="sev sev-${i.Severity}">${i.Severity}</span></td>
                  <td><a href="#/incidents/${encodeURIComponent(i.IncidentName)}">${i.Title}</a></td>
                  <td>${i.Status}</td>
                  <td>${i.Owner.assignedTo ?? html`<span class="muted">unassigned</span>`}</td>
                  <td>${i.AlertIds.length}</td>
                  <td>${formatTime(i.LastActivityTime)}</td>
                </tr>
              `)}
          </tbody>
        </table>
        ${!this.#loading && shown.length === 0 ? html`<p class="muted">No incidents</p>` : ""}
      </div>
    `;
  }

  #bulkForm() {
    const n = this.#selected.size;
    return html`
      <form class="card bulk" aria-label="Bulk change" aria-disabled=${n === 0 ? "true" : "false"}
        @submit=${this.#applyBulk}>
        <strong id="selected-count">${n} selected</strong>
        <label>Set status
          <select id="bulk-status" name="status" @change=${(e: Event) => {
            this.#bulkStatus = (e.target as HTMLSelectElement).value;
            this.requestUpdate();
          }}>
            <option value="">(keep)</option>
            ${INCIDENT_STATUSES.map((s) => html`<option ?selected=${s === this.#bulkStatus}>${s}</option>`)}
          </select>
        </label>
        ${this.#bulkStatus === "Closed"
          ? html`<label>Classification
            <select id="bulk-classification" name="classification">
              ${CLASSIFICATIONS.map((c) => html`<option>${c}</option>`)}
            </select></label>`
          : ""}
        <label>Set owner <input id="bulk-owner" name="owner" placeholder="(keep)"></label>
        <button type="submit" class="primary" id="bulk-apply" ?disabled=${n === 0 ||
          this.#bulkBusy}>Apply to ${n}</button>
        ${this.#failed.length > 0
          ? html`<button type="button" id="bulk-reload" @click=${() =>
            this.#reselect(this.#failed)}>Reload failed</button>`
          : ""}
        <span role="status" id="bulk-report">${this.#report}</span>
      </form>
    `;
  }

  async #select(id: string, on: boolean): Promise<void> {
    if (!on) {
      this.#selected.delete(id);
      this.requestUpdate();
      return;
    }
    // Keep the revision the analyst decides on: the bulk PATCH sends it back in If-Match.
    this.#selected.set(id, null);
    this.requestUpdate();
    try {
      const read = await this.client.incident(id);
      if (!this.#selected.has(id)) return;
      this.#selected.set(id, read.etag);
      this.#incidents.set(id, read.value);
    } catch (error) {
      this.#selected.delete(id);
      this.#report = `Could not select #${this.#incidents.get(id)?.IncidentNumber ?? id}: ${
        (error as Error).message
      }`;
    }
    this.requestUpdate();
  }

  #selectAll(shown: Incident[], on: boolean): void {
    if (!on) {
      this.#selected.clear();
      this.requestUpdate();
      return;
    }
    for (const i of shown) if (!this.#selected.has(i.IncidentName)) void this.#select(i.IncidentName, true);
  }

  async #reselect(ids: string[]): Promise<void> {
    this.#failed = [];
    this.#report = "";
    await Promise.all(ids.map((id) => this.#select(id, true)));
  }

  async #applyBulk(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const change: IncidentChange = {};
    const status = String(form.get("status") ?? "");
    const owner = form.get("owner")?.toString().trim() ?? "";
    if (status) change.Status = status;
    if (status === "Closed") change.Classification = String(form.get("classification"));
    if (owner) change.Owner = { assignedTo: owner };
    if (Object.keys(change).length === 0) {
      this.#report = "Choose a status or an owner to set";
      this.requestUpdate();
      return;
    }
    this.#bulkBusy = true;
    this.#report = "";
    this.requestUpdate();
    const targets = [...this.#selected];
    const results = await Promise.all(targets.map(async ([id, etag]) => {
      try {
        const saved = await this.client.updateIncident(id, change, etag);
        this.#incidents.set(id, saved.value);
        return { id, ok: true as const };
      } catch (error) {
        return {
          id,
          ok: false as const,
          conflict: error instanceof ConflictError,
          message: (error as Error).message,
        };
      }
    }));
    const number = (id: string) => `#${this.#incidents.get(id)?.IncidentNumber ?? id}`;
    const done = results.filter((r) => r.ok);
    const failed = results.filter((r) => !r.ok);
    for (const r of done) this.#selected.delete(r.id);
    this.#failed = failed.map((r) => r.id);
    this.#report = `Updated ${done.length} of ${results.length}` +
      (failed.length === 0
        ? ""
        : `; failed: ${
          failed.map((r) =>
            `${number(r.id)} ${
              r.conflict ? "was changed by someone else (412): reload it and apply again" : `(${r.message})`
            }`
          ).join("; ")
        }`);
    this.#bulkBusy = false;
    this.requestUpdate();
  }

  #filter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    location.hash = value ? `#/incidents?status=${value}` : "#/incidents";
  }
}
customElements.define("siem-incidents", SiemIncidents);
