/**
 * `<siem-overview>`: live events/s per table, alerts by severity, open incidents by status, ingest errors (dead
 * letters) and rule health. Rates come from the live feed every second; counts are loaded once and then follow
 * the feed's alert and incident messages; the health tiles poll `GET /api/v1/health` every 10 seconds.
 */
import { css, html, LitElement } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import { countBy } from "../api/count_by.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import { type Alert, type Incident, SEVERITIES } from "../api/types.ts";
import type { HealthReport } from "../api/workbook_types.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_rate_chart.ts";

/** The alerts API walks the stream back one message at a time: the overview counts the latest ones only. */
const OVERVIEW_ALERTS = 1000;
const HEALTH_POLL_MS = 10_000;

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
      .health {
        min-height: 9rem;
      }
      .health ul {
        margin: 0.5rem 0 0;
        padding-left: 1.1rem;
        font-size: 0.9em;
      }
      .reason {
        font-size: 0.85em;
        overflow-wrap: anywhere;
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
  #health: HealthReport | undefined;
  #healthError = "";
  #healthTimer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.feed.subscribe((m) => this.#onLive(m));
    void this.#load();
    void this.#loadHealth();
    this.#healthTimer = setInterval(() => void this.#loadHealth(), HEALTH_POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    clearInterval(this.#healthTimer);
  }

  // Live messages come in bursts (a second's rates, alerts, incident changes, each read separately): render at
  // most once a frame, and not while the tab is hidden (no frames there), instead of once per message.
  protected override async scheduleUpdate(): Promise<void> {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    super.scheduleUpdate();
  }

  async #loadHealth(): Promise<void> {
    try {
      this.#health = await this.client.health();
      this.#healthError = "";
    } catch (error) {
      this.#healthError = `Could not load health: ${(error as Error).message}`;
    }
    this.requestUpdate();
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
        ${this.#deadLetters()} ${this.#ruleHealth()}
      </div>
    `;
  }

  #deadLetters() {
    const d = this.#health?.deadLetters;
    return html`
      <section class="card health" aria-labelledby="dl-title" id="dead-letters">
        <h2 id="dl-title">Ingest errors</h2>
        ${this.#healthError ? html`<p class="error">${this.#healthError}</p>` : ""}
        ${!d ? html`<p class="muted">Loading…</p>` : html`
          <div class="tiles">
            <span class="tile" data-source="total"><span>Dead letters</span><strong>${d.total}</strong></span>
            ${Object.entries(d.bySource).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([source, n]) =>
              html`<span class="tile" data-source=${source}><span>${source}</span><strong>${n}</strong></span>`
            )}
          </div>
          ${d.last
            ? html`<p class="reason muted">Last: ${
              formatTime(d.last.time)
            } from ${d.last.source}: ${d.last.reason}</p>`
            : html`<p class="muted">Nothing rejected</p>`}
        `}
      </section>
    `;
  }

  #ruleHealth() {
    const h = this.#health;
    const det = h?.detection;
    return html`
      <section class="card health" aria-labelledby="rh-title" id="rule-health">
        <h2 id="rh-title">Rule health</h2>
        ${!h ? html`<p class="muted">Loading…</p>` : html`
          <div class="tiles">
            <span class="tile" data-health="enabled"><span>Enabled rules</span><strong>${h.rules.enabled}<span
              class="muted">/${h.rules.total}</span></strong></span>
            <span class="tile" data-health="errors"><span>With errors</span><strong>${h.rules.withErrors
              .length}</strong></span>
            <span class="tile" data-health="lag"><span>Detection lag</span><strong>${det
              ? `${det.lagSeconds < 10 ? det.lagSeconds.toFixed(1) : Math.round(det.lagSeconds)} s`
              : "n/a"}</strong></span>
          </div>
          ${det
            ? html`<p class="muted">${
              det.caughtUp ? "Caught up" : "Replaying"
            } · ${det.pendingMessages} messages
              pending · ${det.ownedRules} rule${det.ownedRules === 1 ? "" : "s"} on this node</p>`
            : html`<p class="muted">Detection runs in another process: see its /metrics</p>`}
          ${h.rules.withErrors.length > 0
            ? html`<ul>${
              h.rules.withErrors.slice(0, 5).map((e) =>
                html`<li><a href="#/rules/${
                  encodeURIComponent(e.ruleId)
                }">${e.name}</a>: <span class="error">${e.message}</span>
                <span class="muted">(${e.count}×)</span></li>`
              )
            }</ul>`
            : ""}
        `}
      </section>
    `;
  }
}
customElements.define("siem-overview", SiemOverview);
