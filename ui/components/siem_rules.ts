/**
 * `<siem-rules>`: the analytic rules with their mode (incremental or batch, and why), when each last raised an
 * alert (updated live as alerts arrive), evaluation errors, and an enable/disable switch.
 */
import { html, LitElement, nothing } from "lit";
import type { ApiClient } from "../api/api_client.ts";
import type { LiveFeed, LiveMessage } from "../api/live_feed.ts";
import type { RuleSummary } from "../api/hunting_types.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

const SEVERITY_ORDER = ["High", "Medium", "Low", "Informational"];

export class SiemRules extends LitElement {
  static override properties = { client: { attribute: false }, feed: { attribute: false } };
  static override styles = [sharedStyles];
  declare client: ApiClient;
  declare feed: LiveFeed;
  #rules: RuleSummary[] = [];
  #loading = true;
  #error = "";
  #busy = new Set<string>();
  #unsubscribe: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.feed?.subscribe((m) => this.#onLive(m));
    void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  async #load(): Promise<void> {
    try {
      this.#rules = (await this.client.rules()).sort((a, b) =>
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
        a.name.localeCompare(b.name)
      );
      this.#error = "";
    } catch (error) {
      this.#error = `Could not load rules: ${(error as Error).message}`;
    }
    this.#loading = false;
    this.requestUpdate();
  }

  #onLive(m: LiveMessage): void {
    if (m.type !== "alert") return;
    const i = this.#rules.findIndex((r) => r.id === m.alert.RuleId);
    if (i < 0) return;
    this.#rules = this.#rules.with(i, { ...this.#rules[i], lastFired: m.alert.TimeGenerated });
    this.requestUpdate();
  }

  async #toggle(rule: RuleSummary, enabled: boolean): Promise<void> {
    this.#busy.add(rule.id);
    this.requestUpdate();
    try {
      const changed = await this.client.setRuleEnabled(rule.id, enabled);
      this.#rules = this.#rules.map((r) => (r.id === rule.id ? { ...r, ...changed } : r));
      this.#error = "";
    } catch (error) {
      this.#error = `Could not ${enabled ? "enable" : "disable"} '${rule.name}': ${(error as Error).message}`;
    }
    this.#busy.delete(rule.id);
    this.requestUpdate();
  }

  override render() {
    return html`
      <h1>Rules</h1>
      ${this.#error ? html`<p class="banner" role="alert">${this.#error}</p>` : nothing}
      <p><a href="#/rules/new" id="new-rule">New rule</a> <button @click=${() =>
        this.#load()}>Refresh</button></p>
      <div class="card scroll">
        <table aria-label="Rules">
          <thead>
            <tr><th>Rule</th><th>Severity</th><th>Kind</th><th>Mode</th><th>Enabled</th><th>Last fired</th><th>Errors</th></tr>
          </thead>
          <tbody>
            ${this.#rules.map((r) =>
              html`
                <tr data-rule-id=${r.id}>
                  <td><a href="#/rules/${encodeURIComponent(r.id)}">${r.name}</a></td>
                  <td><span class="sev sev-${r.severity}">${r.severity}</span></td>
                  <td>${r.kind}</td>
                  <td title=${r.modeReason ?? ""}>${r.mode}</td>
                  <td>
                    <input type="checkbox" role="switch" aria-label="Enabled: ${r.name}" .checked=${r.enabled}
                      ?disabled=${this.#busy.has(r.id)}
                      @change=${(e: Event) => this.#toggle(r, (e.target as HTMLInputElement).checked)}>
                  </td>
                  <td>${r.lastFired ? formatTime(r.lastFired) : html`<span class="muted">never</span>`}</td>
                  <td>${this.#errors(r)}</td>
                </tr>
              `
            )}
          </tbody>
        </table>
        ${!this.#loading && this.#rules.length === 0 ? html`<p class="muted">No rules yet</p>` : nothing}
      </div>
    `;
  }

  #errors(r: RuleSummary) {
    if (r.errorCount === null) {
      return html`<span class="muted" title="No detection worker in this server process">unknown</span>`;
    }
    if (r.errorCount === 0) return html`<span class="muted">0</span>`;
    return html`<span class="error">${r.errorCount}</span> <span class="muted">${r.lastError ?? ""}</span>`;
  }
}
customElements.define("siem-rules", SiemRules);
