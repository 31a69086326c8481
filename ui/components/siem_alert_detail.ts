/** `<siem-alert-detail>`: one alert with its entities and the rows that triggered it (`ExtendedProperties.Results`). */
import { html, LitElement } from "lit";
import type { Alert } from "../api/types.ts";
import { cellText, describeEntity, formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

export class SiemAlertDetail extends LitElement {
  static override properties = { alert: { attribute: false } };
  static override styles = [sharedStyles];
  declare alert: Alert;

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
    `;
  }
}
customElements.define("siem-alert-detail", SiemAlertDetail);
