/**
 * `<siem-alert-detail>`: one alert with its entities, the rows that triggered it (`ExtendedProperties.Results`)
 * and the rule that raised it.
 */
import { html, LitElement } from "lit";
import { type ApiClient, ApiError } from "../api/api_client.ts";
import type { Alert, RuleDetail } from "../api/types.ts";
import { cellText, describeEntity, formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

export class SiemAlertDetail extends LitElement {
  static override properties = { alert: { attribute: false }, client: { attribute: false } };
  static override styles = [sharedStyles];
  declare alert: Alert;
  declare client: ApiClient;
  #rule: RuleDetail | undefined;
  #ruleNote = "";

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("alert")) void this.#loadRule();
  }

  async #loadRule(): Promise<void> {
    this.#rule = undefined;
    this.#ruleNote = "";
    const id = this.alert.RuleId;
    if (!id || !this.client) return;
    try {
      this.#rule = await this.client.rule(id);
    } catch (error) {
      this.#ruleNote = error instanceof ApiError && error.status === 404
        ? `Rule '${id}' is not a stored rule (it may be built in, like correlation, or deleted)`
        : `Could not load rule '${id}': ${(error as Error).message}`;
    }
    this.requestUpdate();
  }

  override render() {
    const a = this.alert;
    const rows = a.ExtendedProperties?.Results ?? [];
    const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return html`
      <p><a href="#/alerts">← Alerts</a></p>
      <h1>${a.DisplayName || a.AlertName}</h1>
      <section class="card">
        <p><span class="sev sev-${a.AlertSeverity}">${a.AlertSeverity}</span> · ${formatTime(
          a.TimeGenerated,
        )}</p>
        ${a.Description ? html`<p>${a.Description}</p>` : ""}
        <p class="muted">Rule: ${a.RuleName ?? a.RuleId ?? "unknown"} · window ${formatTime(
          a.StartTime,
        )} – ${formatTime(a.EndTime)} · tactics: ${(a.Tactics ?? []).join(", ") || "none"}</p>
      </section>
      <h2>Entities</h2>
      <ul id="entities">
        ${(a.Entities ?? []).map((e) => html`<li>${describeEntity(e)}</li>`)}
        ${(a.Entities ?? []).length === 0 ? html`<li class="muted">No entities mapped</li>` : ""}
      </ul>
      <h2>Triggering rows (${rows.length})</h2>
      <div class="card scroll">
        <table aria-label="Triggering rows" id="results">
          <thead>
            <tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr>
          </thead>
          <tbody>${rows.map((r) =>
            html`<tr>${columns.map((c) => html`<td>${cellText(r[c])}</td>`)}</tr>`
          )}</tbody>
        </table>
      </div>
      <h2>Rule</h2>
      ${this.#rule
        ? html`
          <section class="card" id="rule">
            <p><strong>${this.#rule.name}</strong> · ${this.#rule.kind} · ${this.#rule.enabled
              ? "enabled"
              : "disabled"} · ${this.#rule.mode}${this.#rule.modeReason
              ? html`
                <span class="muted">(${this.#rule.modeReason})</span>
              `
              : ""}</p>
            <pre class="scroll">${this.#rule.source}</pre>
          </section>
        `
        : html`<p class="muted">${this.#ruleNote || "Loading the rule…"}</p>`}
    `;
  }
}
customElements.define("siem-alert-detail", SiemAlertDetail);
