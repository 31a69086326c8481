/**
 * `<siem-incident-detail>`: one incident: assign the owner, change status and classification, comment. Every
 * write sends the revision it read (`If-Match`); a 412 shows "changed by someone else, reload" rather than
 * overwriting another analyst's change. Below: the alerts' timeline, the entity graph and, for a multi-stage
 * incident, the correlated chain.
 */
import { css, html, LitElement } from "lit";
import { type ApiClient, ConflictError, type Versioned } from "../api/api_client.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import {
  type Alert,
  CLASSIFICATIONS,
  type Incident,
  INCIDENT_STATUSES,
  type IncidentChange,
} from "../api/types.ts";
import { describeEntity, formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_entity_graph.ts";
import "./siem_incident_chain.ts";
import "./siem_incident_timeline.ts";

/** Alerts are kept newest first in one stream; the detail scans back at most this many for its own. */
const ALERT_SCAN = 1000;

export class SiemIncidentDetail extends LitElement {
  static override properties = {
    client: { attribute: false },
    feed: { attribute: false },
    incidentId: { type: String },
  };
  static override styles = [
    sharedStyles,
    css`
      form {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
        align-items: flex-end;
        margin-bottom: 1rem;
      }
      textarea {
        width: 100%;
        box-sizing: border-box;
        min-height: 4rem;
      }
      .comment-form {
        flex-direction: column;
        align-items: stretch;
      }
      .comment-form label {
        display: flex;
      }
      .cols {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
        gap: 1rem;
      }
      ul {
        padding-left: 1.2rem;
      }
    `,
  ];
  declare client: ApiClient;
  declare feed: LiveFeed | undefined;
  declare incidentId: string;
  #unsubscribe: (() => void) | undefined;
  /** Another analyst (or automation, or a new alert) changed the incident since it was loaded. */
  #stale = false;
  #current: Versioned<Incident> | undefined;
  #error = "";
  #conflict = false;
  #busy = false;
  #status = "";
  #notice = "";
  #alerts: Alert[] = [];
  #missingAlerts: string[] = [];
  #alertsKey = "";

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("incidentId")) void this.#load();
    if (changed.has("feed")) {
      this.#unsubscribe?.();
      this.#unsubscribe = this.feed?.subscribe((m) => this.#onLive(m));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.feed && !this.#unsubscribe) this.#unsubscribe = this.feed.subscribe((m) => this.#onLive(m));
  }

  #onLive(m: LiveMessage): void {
    // Our own writes come back on the stream too: while one is in flight, or once it is shown, it is not news.
    if (
      m.type !== "incident" || m.incident.IncidentName !== this.incidentId || this.#busy || !this.#current
    ) return;
    if (m.incident.LastModifiedTime > this.#current.value.LastModifiedTime) {
      this.#stale = true;
      this.requestUpdate();
    }
  }

  async #load(): Promise<void> {
    try {
      this.#current = await this.client.incident(this.incidentId);
      this.#status = this.#current.value.Status;
      this.#error = "";
      this.#conflict = false;
      this.#stale = false;
      void this.#loadAlerts(this.#current.value);
    } catch (error) {
      this.#error = `Could not load the incident: ${(error as Error).message}`;
    }
    this.requestUpdate();
  }

  /** The incident's alerts, for the timeline, graph and chain (reloaded only when its alert list changed). */
  async #loadAlerts(incident: Incident): Promise<void> {
    const key = incident.AlertIds.join(",");
    if (key === this.#alertsKey) return;
    this.#alertsKey = key;
    // An alert is generated after the activity it reports, so nothing of this incident is older than this.
    const since = new Date(Date.parse(incident.FirstActivityTime) - 5 * 60_000).toISOString();
    try {
      const recent = await this.client.alerts({ since, limit: ALERT_SCAN });
      const wanted = new Set(incident.AlertIds);
      // A multi-stage incident holds the correlated alerts; the alerts they chain belong on its timeline and graph.
      for (const a of recent) {
        if (!wanted.has(a.SystemAlertId)) continue;
        const chain = a.ExtendedProperties?.Chain;
        if (Array.isArray(chain)) {
          for (const l of chain) if (typeof l?.SystemAlertId === "string") wanted.add(l.SystemAlertId);
        }
      }
      const found = recent.filter((a) => wanted.has(a.SystemAlertId));
      const seen = new Set(found.map((a) => a.SystemAlertId));
      this.#alerts = found;
      this.#missingAlerts = incident.AlertIds.filter((id) => !seen.has(id));
    } catch (error) {
      this.#alertsKey = "";
      this.#error = `Could not load the incident's alerts: ${(error as Error).message}`;
    }
    this.requestUpdate();
  }

  async #write(action: () => Promise<Versioned<Incident>>, notice: string): Promise<boolean> {
    this.#busy = true;
    this.#notice = "";
    this.requestUpdate();
    try {
      this.#current = await action();
      this.#status = this.#current.value.Status;
      void this.#loadAlerts(this.#current.value);
      this.#error = "";
      this.#notice = notice;
      return true;
    } catch (error) {
      if (error instanceof ConflictError) this.#conflict = true;
      else this.#error = (error as Error).message;
      return false;
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  override render() {
    if (!this.#current) {
      return this.#error
        ? html`<p class="banner" role="alert">${this.#error}</p>`
        : html`<p class="muted">Loading…</p>`;
    }
    const i = this.#current.value;
    return html`
      <p><a href="#/incidents">← Incidents</a></p>
      <h1>#${i.IncidentNumber} ${i.Title}</h1>
      ${this.#conflict
        ? html`<p class="banner" role="alert" id="conflict">This incident was changed by someone else, reload to see the
            change before saving yours. <button @click=${this.#load} id="reload">Reload</button></p>`
        : ""}
      ${this.#stale && !this.#conflict
        ? html`<p class="banner" role="status" id="stale">This incident changed since you opened it.
            <button @click=${this.#load}>Reload</button></p>`
        : ""}
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : ""}
      <p role="status" class="muted" id="notice">${this.#notice}</p>
      <section class="card">
        <p><span class="sev sev-${i.Severity}">${i.Severity}</span> · <strong id="status">${i
          .Status}</strong>${i.Classification
          ? html`
            · ${i.Classification}
          `
          : ""} · owner <strong id="owner">${i.Owner.assignedTo ?? "unassigned"}</strong></p>
        <p>${i.Description}</p>
        <p class="muted">First activity ${formatTime(i.FirstActivityTime)} · last ${formatTime(
          i.LastActivityTime,
        )} · tactics: ${i.Tactics.join(", ") || "none"}</p>
      </section>
      <siem-incident-chain .alerts=${this.#alerts}></siem-incident-chain>
      <div class="cols">
        <section class="card" aria-labelledby="timeline-title">
          <h2 id="timeline-title">Timeline</h2>
          <siem-incident-timeline .alerts=${this.#alerts} .missing=${this
            .#missingAlerts}></siem-incident-timeline>
        </section>
        <section class="card" aria-labelledby="graph-title">
          <h2 id="graph-title">Entity graph</h2>
          <siem-entity-graph .alerts=${this.#alerts}></siem-entity-graph>
        </section>
      </div>
      <h2>Work on it</h2>
      <form @submit=${this.#assign} aria-label="Assign owner">
        <label>Owner <input id="owner-input" name="owner" .value=${i.Owner.assignedTo ??
          ""} placeholder="analyst@example.com"></label>
        <button type="submit" ?disabled=${this.#busy}>Assign</button>
      </form>
      <form @submit=${this.#changeStatus} aria-label="Status and classification">
        <label>Status
          <select id="status-input" name="status" @change=${(e: Event) => {
            this.#status = (e.target as HTMLSelectElement).value;
            this.requestUpdate();
          }}>
            ${INCIDENT_STATUSES.map((s) =>
              html`<option value=${s} ?selected=${s === this.#status}>${s}</option>`
            )}
          </select>
        </label>
        ${this.#status === "Closed"
          ? html`
            <label>Classification
                          <select id="classification-input" name="classification" required>
                            ${CLASSIFICATIONS.map((c) =>
                              html`<option value=${c} ?selected=${c === i.Classification}>${c}</option>`
                            )}
                          </select>
                        </label>
            <label>Reason <input id="reason-input" name="reason" .value=${i.ClassificationReason ??
              ""}></label>
            <label>Comment <input id="classification-comment-input" name="comment" .value=${i
              .ClassificationComment ?? ""}></label>
          `
          : ""}
        <button type="submit" class="primary" ?disabled=${this.#busy}>Save status</button>
      </form>
      <div class="cols">
        <section>
          <h2>Comments (${i.Comments.length})</h2>
          <ul id="comments">
            ${i.Comments.map((c) =>
              html`<li><strong>${c.author}</strong> <span class="muted">${
                formatTime(c.createdTime)
              }</span><br>${c.message}</li>`
            )}
          </ul>
          <form class="comment-form" @submit=${this.#comment} aria-label="Add a comment">
            <label>New comment <textarea id="comment-input" name="message" required></textarea></label>
            <button type="submit" ?disabled=${this.#busy}>Add comment</button>
          </form>
        </section>
        <section>
          <h2>Entities</h2>
          <ul>${i.Entities.map((e) => html`<li>${describeEntity(e)}</li>`)}</ul>
          <h2>Alerts (${i.AlertIds.length})</h2>
          <ul>${i.AlertIds.map((id) =>
            html`<li><a href="#/alerts/${encodeURIComponent(id)}">${id}</a></li>`
          )}</ul>
          <h2>History</h2>
          <ul>
            ${i.History.map((h) =>
              html`<li>${formatTime(h.time)} · ${h.actor} · ${h.action}${
                h.changes
                  ? `: ${
                    Object.entries(h.changes).map(([k, v]) => `${k} ${cellJson(v.from)} → ${cellJson(v.to)}`)
                      .join("; ")
                  }`
                  : ""
              }</li>`
            )}
          </ul>
        </section>
      </div>
    `;
  }

  #assign(event: SubmitEvent): void {
    event.preventDefault();
    const owner = new FormData(event.target as HTMLFormElement).get("owner")?.toString().trim() ?? "";
    const change: IncidentChange = { Owner: { assignedTo: owner || null } };
    void this.#patch(change, owner ? `Assigned to '${owner}'` : "Unassigned");
  }

  #changeStatus(event: SubmitEvent): void {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const change: IncidentChange = { Status: String(form.get("status")) };
    if (change.Status === "Closed") {
      change.Classification = String(form.get("classification"));
      const reason = form.get("reason")?.toString().trim();
      const comment = form.get("comment")?.toString().trim();
      if (reason) change.ClassificationReason = reason;
      if (comment) change.ClassificationComment = comment;
    }
    void this.#patch(change, `Status set to '${change.Status}'`);
  }

  async #patch(change: IncidentChange, notice: string): Promise<void> {
    const etag = this.#current?.etag ?? null;
    await this.#write(() => this.client.updateIncident(this.incidentId, change, etag), notice);
  }

  async #comment(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const message = new FormData(form).get("message")?.toString().trim() ?? "";
    if (!message) return;
    const ok = await this.#write(
      () => this.client.addComment(this.incidentId, message, null),
      "Comment added",
    );
    if (ok) form.reset();
  }
}

function cellJson(value: unknown): string {
  return value === null || value === undefined
    ? "none"
    : typeof value === "object"
    ? JSON.stringify(value)
    : String(value);
}
customElements.define("siem-incident-detail", SiemIncidentDetail);
