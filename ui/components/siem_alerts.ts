/**
 * `<siem-alerts>`: the alert list, newest first, with a severity filter; new alerts from the live feed appear at
 * the top. With `alertId` set it shows that alert's detail instead.
 */
import { html, LitElement } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { ApiClient } from "../api/api_client.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import { type Alert, SEVERITIES } from "../api/types.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_alert_detail.ts";

/** How many alerts the list holds: the latest ones, as loaded and as they arrive. */
const ALERTS_SHOWN = 500;

export class SiemAlerts extends LitElement {
  static override properties = {
    client: { attribute: false },
    feed: { attribute: false },
    severity: { type: String },
    alertId: { type: String },
  };
  static override styles = [sharedStyles];
  declare client: ApiClient;
  declare feed: LiveFeed;
  declare severity: string;
  declare alertId: string;
  #alerts: Alert[] = [];
  #loading = true;
  #error = "";
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.severity = "";
    this.alertId = "";
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
    this.#loading = true;
    try {
      const loaded = await this.client.alerts({ limit: ALERTS_SHOWN });
      const seen = new Set(loaded.map((a) => a.SystemAlertId));
      // Alerts that arrived live while the list loaded stay on top.
      this.#alerts = [...this.#alerts.filter((a) => !seen.has(a.SystemAlertId)), ...loaded].slice(
        0,
        ALERTS_SHOWN,
      );
      this.#error = "";
    } catch (error) {
      this.#error = `Could not load alerts: ${(error as Error).message}`;
    }
    this.#loading = false;
    this.requestUpdate();
  }

  #onLive(m: LiveMessage): void {
    if (m.type !== "alert" || this.#alerts.some((a) => a.SystemAlertId === m.alert.SystemAlertId)) return;
    // Capped at what a load shows, so a page left open all day neither grows nor re-renders an ever longer list.
    this.#alerts = [m.alert, ...this.#alerts].slice(0, ALERTS_SHOWN);
    this.requestUpdate();
  }

  override render() {
    if (this.alertId) {
      const alert = this.#alerts.find((a) => a.SystemAlertId === this.alertId);
      if (alert) return html`<siem-alert-detail .alert=${alert} .client=${this.client}></siem-alert-detail>`;
      return this.#loading
        ? html`<p class="muted">Loading alert…</p>`
        : html`<p class="banner" role="alert">No alert with id '${this.alertId}' among the latest ${ALERTS_SHOWN}</p>`;
    }
    const shown = this.severity
      ? this.#alerts.filter((a) => a.AlertSeverity === this.severity)
      : this.#alerts;
    return html`
      <h1>Alerts</h1>
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : ""}
      <p>
        <label>Severity
          <select id="severity-filter" @change=${this.#filter}>
            <option value="" ?selected=${!this.severity}>All</option>
            ${SEVERITIES.map((s) => html`<option value=${s} ?selected=${this.severity === s}>${s}</option>`)}
          </select>
        </label>
      </p>
      <div class="card scroll">
        <table aria-label="Alerts">
          <thead><tr><th>Time</th><th>Severity</th><th>Alert</th><th>Entities</th><th>Tactics</th></tr></thead>
          <tbody>
            ${repeat(shown, (a) => a.SystemAlertId, (a) =>
              html`
                <tr data-alert-id=${a.SystemAlertId}>
                  <td>${formatTime(a.TimeGenerated)}</td>
                  <td><span class="sev sev-${a.AlertSeverity}">${a.AlertSeverity}</span></td>
                  <td><a href="#/alerts/${encodeURIComponent(a.SystemAlertId)}">${a.DisplayName ||
                    a.AlertName}</a></td>
                  <td>${a.Entities?.length ?? 0}</td>
                  <td>${(a.Tactics ?? []).join(", ")}</td>
                </tr>
              `)}
          </tbody>
        </table>
        ${!this.#loading && shown.length === 0
          ? html`<p class="muted">No alerts${this.severity ? ` of severity '${this.severity}'` : ""} yet</p>`
          : ""}
      </div>
    `;
  }

  #filter(event: Event): void {
    const value = (event.target as HTMLSelectElement).value;
    location.hash = value ? `#/alerts?severity=${value}` : "#/alerts";
  }
}
customElements.define("siem-alerts", SiemAlerts);
