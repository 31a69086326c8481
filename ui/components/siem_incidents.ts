/** `<siem-incidents>`: the incident queue, most recent activity first, filtered by status, following live changes. */
import { html, LitElement } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import { type Incident, INCIDENT_STATUSES } from "../api/types.ts";
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
  static override styles = [sharedStyles];
  declare client: ApiClient;
  declare feed: LiveFeed;
  declare status: string;
  #incidents = new Map<string, Incident>();
  #sort: SortKey = "activity";
  #loading = true;
  #error = "";
  #unsubscribe: (() => void) | undefined;

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
      <div class="card scroll">
        <table aria-label="Incidents">
          <thead><tr><th>#</th><th>Severity</th><th>Title</th><th>Status</th><th>Owner</th><th>Alerts</th><th>Last activity</th></tr></thead>
          <tbody>
            ${shown.map((i) =>
              html`
                <tr data-incident-id=${i.IncidentName}>
                  <td>${i.IncidentNumber}</td>
                  <td><span class="sev sev-${i.Severity}">${i.Severity}</span></td>
                  <td><a href="#/incidents/${encodeURIComponent(i.IncidentName)}">${i.Title}</a></td>
                  <td>${i.Status}</td>
                  <td>${i.Owner.assignedTo ?? html`<span class="muted">unassigned</span>`}</td>
                  <td>${i.AlertIds.length}</td>
                  <td>${formatTime(i.LastActivityTime)}</td>
                </tr>
              `
            )}
          </tbody>
        </table>
        ${!this.#loading && shown.length === 0 ? html`<p class="muted">No incidents</p>` : ""}
      </div>
    `;
  }

  #filter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    location.hash = value ? `#/incidents?status=${value}` : "#/incidents";
  }
}
customElements.define("siem-incidents", SiemIncidents);
