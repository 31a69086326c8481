/**
 * `<siem-overview>`: live events/s per table, alerts by severity and open incidents by status. Rates come from the
 * live feed every second; counts are loaded once and then follow the feed's alert and incident messages.
 */
import { css, html, LitElement } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import { countBy } from "../api/count_by.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import { type Alert, type Incident, SEVERITIES } from "../api/types.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_rate_chart.ts";

/** The alerts API walks the stream back one message at a time: the overview counts the latest ones only. */
const OVERVIEW_ALERTS = 1000;

export class SiemOverview extends LitElement {
  static override properties = { client: { attribute: false }, feed: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
        gap: 1rem;
        margin-top: 1rem;
      }
      .tiles {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75rem;
      }
      .tile {
        min-width: 6rem;
      }
      .tile strong {
        display: block;
        font-size: 1.6rem;
      }
    `,
  ];
  declare client: ApiClient;
  declare feed: LiveFeed;
  #alerts: Alert[] = [];
  #incidents = new Map<string, Incident>();
  #error = "";
  #now = Date.now();
  #unsubscribe: (() => void) | undefined;

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
      const [alerts, incidents] = await Promise.all([
        this.client.alerts({ limit: OVERVIEW_ALERTS }),
        this.client.incidents({ limit: 1000 }),
      ]);
      const seen = new Set(this.#alerts.map((a) => a.SystemAlertId));
      this.#alerts = [...this.#alerts, ...alerts.filter((a) => !seen.has(a.SystemAlertId))];
      for (const i of incidents) {
        if (!this.#incidents.has(i.IncidentName)) this.#incidents.set(i.IncidentName, i);
      }
      this.#error = "";
    } catch (error) {
      this.#error = `Could not load the overview: ${(error as Error).message}`;
    }
    this.requestUpdate();
  }

  #onLive(m: LiveMessage): void {
    if (m.type === "rates") this.#now = m.sample.time;
    else if (m.type === "alert") {
      if (!this.#alerts.some((a) => a.SystemAlertId === m.alert.SystemAlertId)) {
        this.#alerts = [m.alert, ...this.#alerts];
      }
    } else if (m.type === "incident") this.#incidents.set(m.incident.IncidentName, m.incident);
    this.requestUpdate();
  }

  override render() {
    const bySeverity = countBy(this.#alerts, (a) => a.AlertSeverity, SEVERITIES);
    const open = [...this.#incidents.values()].filter((i) => i.Status !== "Closed");
    const byStatus = countBy(open, (i) => i.Status, ["New", "Active"]);
    return html`
      <h1>Overview</h1>
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : ""}
      <section class="card" aria-labelledby="rates-title">
        <h2
          id="rates-title">Events per second by table <span class="muted">(last 15 minutes, live${this.feed
              .connected
            ? ""
            : ", reconnecting"})</span></h2>
        <siem-rate-chart .samples=${this.feed.samples} .now=${this.#now}></siem-rate-chart>
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="sev-title">
          <h2 id="sev-title">Alerts by severity${this.#alerts.length >= OVERVIEW_ALERTS
            ? html`
              <span class="muted">(latest ${OVERVIEW_ALERTS})</span>
            `
            : ""}</h2>
          <div class="tiles" id="alerts-by-severity">
            ${bySeverity.map(([s, n]) =>
              html`
                <a class="tile" href="#/alerts?severity=${s}"
                  data-severity=${s}><span class="sev sev-${s}">${s}</span><strong>${n}</strong></a>
              `
            )}
          </div>
        </section>
        <section class="card" aria-labelledby="inc-title">
          <h2 id="inc-title">Open incidents by status</h2>
          <div class="tiles" id="incidents-by-status">
            ${byStatus.map(([s, n]) =>
              html`
                <a class="tile" href="#/incidents?status=${s}"
                  data-status=${s}><span>${s}</span><strong>${n}</strong></a>
              `
            )}
          </div>
        </section>
      </div>
    `;
  }
}
customElements.define("siem-overview", SiemOverview);
