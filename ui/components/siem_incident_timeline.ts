/**
 * `<siem-incident-timeline>`: an incident's alerts in time order (when the activity ended, oldest first), each
 * with severity, tactics and the entities it names, linked to the alert's page. Alerts the incident lists but
 * the alerts API no longer returns are named, not silently dropped.
 */
import { css, html, LitElement } from "lit";
import type { Alert } from "../api/types.ts";
import { entityIdentity } from "../charts/entity_graph.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

export class SiemIncidentTimeline extends LitElement {
  static override properties = { alerts: { attribute: false }, missing: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      ol {
        list-style: none;
        margin: 0;
        padding: 0 0 0 1rem;
        border-left: 2px solid var(--border);
      }
      li {
        position: relative;
        padding: 0 0 0.9rem 0.75rem;
      }
      li::before {
        content: "";
        position: absolute;
        left: calc(-1rem - 6px);
        top: 0.35rem;
        width: 10px;
        height: 10px;
        border-radius: 50%;
        background: var(--accent);
      }
      time {
        display: block;
        font-size: 0.85em;
        color: var(--muted);
      }
      .entities {
        font-size: 0.85em;
        color: var(--muted);
      }
    `,
  ];
  declare alerts: readonly Alert[];
  declare missing: readonly string[];

  constructor() {
    super();
    this.alerts = [];
    this.missing = [];
  }

  override render() {
    const ordered = [...this.alerts].sort((a, b) =>
      (a.EndTime ?? a.TimeGenerated).localeCompare(b.EndTime ?? b.TimeGenerated)
    );
    return html`
      <ol id="timeline" aria-label="Alerts in time order">
        ${ordered.map((a) =>
          html`<li data-alert-id=${a.SystemAlertId}>
            <time datetime=${a.EndTime ?? a.TimeGenerated}>${formatTime(a.EndTime ?? a.TimeGenerated)}</time>
            <span class="sev sev-${a.AlertSeverity}">${a.AlertSeverity}</span>
            <a href="#/alerts/${encodeURIComponent(a.SystemAlertId)}">${a.DisplayName ?? a.AlertName}</a>
            ${a.Tactics?.length ? html`<span class="muted"> · ${a.Tactics.join(", ")}</span>` : ""}
            <div class="entities">${
            (a.Entities ?? []).map((e) => entityIdentity(e)).filter((x) => x !== undefined).map((x) => x!.key)
              .join(" · ")
          }</div>
          </li>`
        )}
      </ol>
      ${this.missing.length > 0
        ? html`
          <p class="muted"
            id="timeline-missing">${this.missing.length} alert${this.missing.length === 1
              ? ""
              : "s"} of this incident are older than the alerts still kept: ${this.missing.join(", ")}</p>
        `
        : ""}
    `;
  }
}
customElements.define("siem-incident-timeline", SiemIncidentTimeline);
