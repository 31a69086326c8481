/**
 * `<siem-incident-chain>`: the correlated chain of a multi-stage incident. The correlation worker raises a new
 * correlated alert each time a chain grows (streams/correlation); each carries the chain so far in
 * `ExtendedProperties.Chain`, its score and the kill-chain stages in `Tactics`. The longest one is the chain as
 * it stands: shown as the stages in kill-chain order, then its alerts in time order, linked to their pages.
 */
import { css, html, LitElement } from "lit";
import type { Alert } from "../api/types.ts";
import { latestChain } from "../charts/correlated_chain.ts";
import { formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";

export class SiemIncidentChain extends LitElement {
  static override properties = { alerts: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .stages {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem;
        list-style: none;
        padding: 0;
        margin: 0 0 0.75rem;
      }
      .stages li {
        font-size: 0.85em;
      }
      .stages span {
        display: inline-block;
        padding: 0.15rem 0.6rem;
        border: 1px solid var(--accent);
        border-radius: 999px;
      }
      .stages li + li::before {
        content: "→ ";
        color: var(--muted);
      }
    `,
  ];
  declare alerts: readonly Alert[];

  constructor() {
    super();
    this.alerts = [];
  }

  override render() {
    const chain = latestChain(this.alerts);
    if (!chain) return html``;
    const links = [...chain.links].sort((a, b) => (a.EndTime ?? "").localeCompare(b.EndTime ?? ""));
    return html`
      <section class="card" id="chain" aria-labelledby="chain-title">
        <h2 id="chain-title">Correlated chain${chain.score !== undefined
          ? html`
            <span class="muted">(score ${chain.score})</span>
          `
          : ""}</h2>
        <ol class="stages" aria-label="Kill-chain stages">
          ${(chain.alert.Tactics ?? []).map((t) => html`<li><span>${t}</span></li>`)}
        </ol>
        <ol id="chain-links">
          ${links.map((l) =>
            html`<li><span class="muted">${formatTime(l.EndTime)}</span> <a href="#/alerts/${
              encodeURIComponent(
                l.SystemAlertId,
              )
            }">${l.AlertName}</a> <span class="muted">${(l.Tactics ?? []).join(", ") || "no tactic"} · rule ${
              l.RuleId ?? "?"
            }</span></li>`
          )}
        </ol>
      </section>
    `;
  }
}
customElements.define("siem-incident-chain", SiemIncidentChain);
