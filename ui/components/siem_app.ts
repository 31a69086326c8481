/**
 * `<siem-app>`: the shell. Holds the token (session storage only, so it dies with the tab), the API client and
 * the one live feed, and shows the page the address names. Any 401 drops the token and shows the sign-in screen
 * with the reason.
 */
import { css, html, LitElement } from "lit";
import { ApiClient, UnauthorizedError } from "../api/api_client.ts";
import { LiveFeed, type LiveMessage } from "../api/live_feed.ts";
import { parseRoute, type Route, takeTokenFromUrl } from "./route.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./siem_sign_in.ts";
import "./siem_overview.ts";
import "./siem_alerts.ts";
import "./siem_incidents.ts";
import "./siem_incident_detail.ts";
import "./siem_hunting.ts";
import "./siem_rules.ts";
import "./siem_rule_editor.ts";
import "./siem_workbooks.ts";
import "./siem_workbook.ts";

const TOKEN_KEY = "siem.token";

export class SiemApp extends LitElement {
  static override styles = [
    sharedStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem 1.5rem;
        padding: 0.6rem 1.25rem;
        border-bottom: 1px solid var(--border);
        background: var(--card-bg);
      }
      .brand {
        font-weight: 700;
      }
      nav {
        display: flex;
        gap: 0.25rem;
        flex-wrap: wrap;
      }
      nav a {
        padding: 0.3rem 0.7rem;
        border-radius: 6px;
        text-decoration: none;
        color: var(--fg);
      }
      nav a[aria-current="page"] {
        background: var(--accent);
        color: var(--accent-fg);
      }
      .spacer {
        flex: 1;
      }
      .live {
        font-size: 0.85em;
      }
      main {
        padding: 1rem 1.25rem 2rem;
        max-width: 90rem;
        margin: 0 auto;
      }
    `,
  ];
  #client: ApiClient | undefined;
  #feed: LiveFeed | undefined;
  #route: Route = parseRoute(location.hash);
  #signInMessage = "";
  #busy = false;
  #connected = false;
  #onHash = () => {
    this.#route = parseRoute(location.hash);
    this.requestUpdate();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    addEventListener("hashchange", this.#onHash);
    const fromUrl = takeTokenFromUrl(location.href);
    if (fromUrl.token) {
      history.replaceState(history.state, "", fromUrl.cleanUrl);
      void this.#signIn(fromUrl.token);
      return;
    }
    const stored = sessionStorage.getItem(TOKEN_KEY);
    if (stored) this.#open(stored);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    removeEventListener("hashchange", this.#onHash);
    this.#feed?.stop();
  }

  async #signIn(token: string): Promise<void> {
    this.#busy = true;
    this.requestUpdate();
    try {
      // Check the token before keeping it, so a typo gets an answer on the sign-in screen.
      await new ApiClient(token).incidents({ limit: 1 });
      sessionStorage.setItem(TOKEN_KEY, token);
      this.#signInMessage = "";
      this.#open(token);
    } catch (error) {
      this.#signInMessage = error instanceof UnauthorizedError
        ? "That token was refused (401 Unauthorized): check it and try again"
        : `Could not sign in: ${(error as Error).message}`;
    } finally {
      this.#busy = false;
      this.requestUpdate();
    }
  }

  #open(token: string): void {
    this.#client = new ApiClient(token, { onUnauthorized: () => this.#signOut(true) });
    this.#feed = new LiveFeed(this.#client);
    this.#feed.subscribe((m: LiveMessage) => {
      if (m.type === "status") {
        this.#connected = m.connected;
        this.requestUpdate();
      }
    });
    this.#feed.start();
    this.requestUpdate();
  }

  #signOut(refused: boolean): void {
    sessionStorage.removeItem(TOKEN_KEY);
    this.#feed?.stop();
    this.#feed = undefined;
    this.#client = undefined;
    this.#signInMessage = refused
      ? "Your session ended: the server refused the token (401 Unauthorized). Sign in again"
      : "";
    this.requestUpdate();
  }

  override render() {
    if (!this.#client || !this.#feed) {
      return html`
        <siem-sign-in .message=${this.#signInMessage} .busy=${this.#busy}
          @siem-sign-in=${(e: CustomEvent<{ token: string }>) => this.#signIn(e.detail.token)}></siem-sign-in>
      `;
    }
    const page = this.#route.page;
    const link = (href: string, label: string, active: boolean) =>
      html`<a href=${href} aria-current=${active ? "page" : "false"}>${label}</a>`;
    return html`
      <header>
        <span class="brand">siem</span>
        <nav aria-label="Main">
          ${link("#/overview", "Overview", page === "overview")}
          ${link("#/alerts", "Alerts", page === "alerts")}
          ${link("#/incidents", "Incidents", page === "incidents" || page === "incident")}
          ${link("#/workbooks", "Workbooks", page === "workbooks" || page === "workbook")}
          ${link("#/hunting", "Hunting", page === "hunting")}
          ${link("#/rules", "Rules", page === "rules" || page === "rule")}
        </nav>
        <span class="spacer"></span>
        <span class="live muted" role="status" id="live-status">${this.#connected
          ? "● live"
          : "○ reconnecting"}</span>
        <button @click=${() => this.#signOut(false)}>Sign out</button>
      </header>
      <main>${this.#page()}</main>
    `;
  }

  override updated(): void {
    const titles: Record<Route["page"], string> = {
      overview: "Overview",
      alerts: "Alerts",
      incidents: "Incidents",
      incident: "Incident",
      hunting: "Hunting",
      rules: "Rules",
      rule: "Rule",
      workbooks: "Workbooks",
      workbook: "Workbook",
    };
    document.title = this.#client ? `${titles[this.#route.page]} · siem` : "Sign in · siem";
  }

  #page() {
    const r = this.#route;
    const client = this.#client!;
    const feed = this.#feed!;
    switch (r.page) {
      case "alerts":
        return html`<siem-alerts .client=${client} .feed=${feed} .severity=${r.severity} .alertId=${r.alertId}></siem-alerts>`;
      case "incidents":
        return html`<siem-incidents .client=${client} .feed=${feed} .status=${r.status}></siem-incidents>`;
      case "incident":
        return html`<siem-incident-detail .client=${client} .feed=${feed} .incidentId=${r.incidentId}></siem-incident-detail>`;
      case "hunting":
        return html`<siem-hunting .client=${client}></siem-hunting>`;
      case "rules":
        return html`<siem-rules .client=${client} .feed=${feed}></siem-rules>`;
      case "rule":
        return html`<siem-rule-editor .client=${client} .ruleId=${r.ruleId}></siem-rule-editor>`;
      case "workbooks":
        return html`<siem-workbooks .client=${client}></siem-workbooks>`;
      case "workbook":
        return html`<siem-workbook .client=${client} .workbookId=${r.workbookId} .edit=${r.edit}></siem-workbook>`;
      default:
        return html`<siem-overview .client=${client} .feed=${feed}></siem-overview>`;
    }
  }
}
customElements.define("siem-app", SiemApp);
