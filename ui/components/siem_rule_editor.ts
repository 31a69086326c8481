/**
 * `<siem-rule-editor>`: one rule's YAML, validated as you type (a debounced `POST /api/v1/rules/validate`, the
 * previous check cancelled), its problems underlined at their line and column; Save (`PUT` with `If-Match`, a
 * stale revision shows "changed by someone else, reload"), Delete behind a confirmation dialog, and a dry run over
 * the last hours of events that lists the alerts the rule would have raised, publishing none. `ruleId` "new"
 * starts from a template; the id in the YAML names the rule when it is saved.
 */
import { css, html, LitElement, nothing } from "lit";
import { type ApiClient, ApiError, ConflictError } from "../api/api_client.ts";
import type { DryRunAnswer, RuleProblem, RuleValidationAnswer } from "../api/hunting_types.ts";
import { describeEntity, formatTime } from "./format.ts";
import { sharedStyles } from "./shared_styles.ts";
import "./kql_editor.ts";

const VALIDATE_DELAY_MS = 350;
const DRY_RUN_HOURS = [1, 6, 24, 72, 168] as const;

/** The YAML a new rule starts from. */
export function newRuleTemplate(id: string): string {
  return `id: ${id}
name: New rule
description: What this rule detects.
severity: Medium
kind: Scheduled
queryFrequency: 5m
queryPeriod: 1h
triggerOperator: gt
triggerThreshold: 0
tactics: []
query: |
  SecurityEvent
  | where EventID == 4625
  | summarize Failures = count() by TargetAccount, Computer
  | where Failures >= 10
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: TargetAccount
version: 1.0.0
`;
}

export class SiemRuleEditor extends LitElement {
  static override properties = { client: { attribute: false }, ruleId: { type: String } };
  static override styles = [
    sharedStyles,
    css`
      .toolbar {
        display: flex;
        flex-wrap: wrap;
        align-items: end;
        gap: 0.5rem 0.75rem;
        margin-top: 0.75rem;
      }
      .validity {
        min-height: 1.45em;
        margin: 0 0 0.5rem;
      }
      .ok {
        color: var(--sev-low);
      }
      .spacer {
        flex: 1;
      }
      .danger {
        border-color: var(--danger);
        color: var(--danger);
      }
      dialog {
        border: 1px solid var(--border);
        border-radius: 8px;
        background: var(--card-bg);
        color: var(--fg);
        max-width: 28rem;
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.4);
      }
      .dry-summary {
        min-height: 1.45em;
      }
      .dry-table {
        max-height: 24rem;
        overflow: auto;
      }
    `,
  ];
  declare client: ApiClient;
  declare ruleId: string;
  #source = "";
  #etag: string | null = null;
  #name = "";
  #loaded = false;
  #loadError = "";
  #validation: RuleValidationAnswer | undefined;
  #validating: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving = false;
  #saveError = "";
  #conflict = false;
  #notice = "";
  #dryHours = 24;
  #dryRunning: AbortController | undefined;
  #dry: DryRunAnswer | undefined;
  #dryError = "";

  constructor() {
    super();
    this.ruleId = "";
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has("ruleId")) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
    this.#validating?.abort();
    this.#dryRunning?.abort();
  }

  get #isNew(): boolean {
    return this.ruleId === "new";
  }

  async #load(): Promise<void> {
    this.#loaded = false;
    this.#conflict = false;
    this.#saveError = "";
    this.#dry = undefined;
    if (this.#isNew) {
      this.#source = newRuleTemplate(crypto.randomUUID());
      this.#etag = null;
      this.#name = "New rule";
      this.#loaded = true;
      this.#validateSoon(0);
      this.requestUpdate();
      return;
    }
    try {
      const { value, etag } = await this.client.ruleVersioned(this.ruleId);
      this.#source = value.source;
      this.#etag = etag;
      this.#name = value.name;
      this.#loaded = true;
      this.#loadError = "";
      this.#validateSoon(0);
    } catch (error) {
      this.#loadError = `Could not load the rule: ${(error as Error).message}`;
    }
    this.requestUpdate();
  }

  #validateSoon(delay = VALIDATE_DELAY_MS): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#validate(), delay);
  }

  async #validate(): Promise<void> {
    this.#validating?.abort();
    const controller = new AbortController();
    this.#validating = controller;
    try {
      this.#validation = await this.client.validateRule(this.#source, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#validation = undefined;
      this.#saveError = `Could not validate: ${(error as Error).message}`;
    }
    if (this.#validating === controller) this.#validating = undefined;
    this.requestUpdate();
  }

  #problems(): RuleProblem[] {
    return [...(this.#validation?.problems ?? [])];
  }

  async #save(): Promise<void> {
    const id = this.#isNew ? this.#validation?.id : this.ruleId;
    if (!id) {
      this.#saveError = "The rule needs an 'id' before it can be saved";
      this.requestUpdate();
      return;
    }
    this.#saving = true;
    this.#saveError = "";
    this.#notice = "";
    this.requestUpdate();
    try {
      const saved = await this.client.saveRule(id, this.#source, this.#isNew ? null : this.#etag);
      this.#etag = saved.etag;
      this.#name = saved.value.name;
      this.#conflict = false;
      this.#notice = `Saved revision ${saved.value.revision} (${saved.value.mode})`;
      if (this.#isNew) location.hash = `#/rules/${encodeURIComponent(id)}`;
    } catch (error) {
      if (error instanceof ConflictError) this.#conflict = true;
      else {
        this.#saveError = (error as Error).message;
        const body = error instanceof ApiError ? error.body as RuleValidationAnswer | null : null;
        if (body && Array.isArray(body.problems)) this.#validation = body;
      }
    } finally {
      this.#saving = false;
      this.requestUpdate();
    }
  }

  async #delete(): Promise<void> {
    this.renderRoot.querySelector<HTMLDialogElement>("#confirm-delete")?.close();
    try {
      await this.client.deleteRule(this.ruleId);
      location.hash = "#/rules";
    } catch (error) {
      this.#saveError = `Could not delete: ${(error as Error).message}`;
      this.requestUpdate();
    }
  }

  async #dryRun(): Promise<void> {
    this.#dryRunning?.abort();
    const controller = new AbortController();
    this.#dryRunning = controller;
    this.#dryError = "";
    this.#dry = undefined;
    this.requestUpdate();
    try {
      this.#dry = await this.client.dryRunRule(this.#source, this.#dryHours, controller.signal);
    } catch (error) {
      if (controller.signal.aborted) this.#dryError = "Dry run cancelled";
      else {
        this.#dryError = (error as Error).message;
        const body = error instanceof ApiError ? error.body as RuleValidationAnswer | null : null;
        if (body && Array.isArray(body.problems)) this.#validation = body;
      }
    } finally {
      if (this.#dryRunning === controller) this.#dryRunning = undefined;
      this.requestUpdate();
    }
  }

  override render() {
    if (!this.#loaded) {
      return this.#loadError
        ? html`
          <p><a href="#/rules">← Rules</a></p>
          <p class="banner" role="alert">${this.#loadError}</p>
        `
        : html`<p class="muted">Loading…</p>`;
    }
    const problems = this.#problems();
    const errors = problems.filter((p) => p.severity === "error").length;
    const v = this.#validation;
    return html`
      <p><a href="#/rules">← Rules</a></p>
      <h1>${this.#isNew ? "New rule" : this.#name}</h1>
      ${this.#conflict
        ? html`<p class="banner" role="alert" id="conflict">This rule was changed by someone else, reload to see the
            change before saving yours. <button id="reload" @click=${() => this.#load()}>Reload</button></p>`
        : nothing}
      <section class="card" aria-label="Rule YAML">
        <p class="validity" role="status" id="validity">
          ${!v
            ? html`<span class="muted">Checking…</span>`
            : errors > 0
            ? html`<span class="error">${errors} problem${errors === 1 ? "" : "s"}</span>`
            : html`<span class="ok">Valid</span> <span class="muted">· runs ${v.mode}${
              v.modeReason ? ` (${v.modeReason})` : ""
            }</span>`}
        </p>
        <siem-kql-editor
          id="yaml"
          language="yaml"
          label="Rule YAML"
          lines="22"
          .value=${this.#source}
          .problems=${problems}
          @siem-change=${(e: CustomEvent<{ value: string }>) => {
            this.#source = e.detail.value;
            this.#notice = "";
            this.#validateSoon();
          }}
        ></siem-kql-editor>
        <div class="toolbar">
          <button class="primary" id="save" ?disabled=${this.#saving} @click=${() =>
            this.#save()}>Save</button>
          ${this.#isNew
            ? nothing
            : html`<button class="danger" id="delete" @click=${() =>
              this.renderRoot.querySelector<HTMLDialogElement>("#confirm-delete")
                ?.showModal()}>Delete…</button>`}
          <span role="status" id="save-status">${this.#notice}</span>
          <span class="spacer"></span>
        </div>
        ${this.#saveError
          ? html`<p class="banner" role="alert" id="save-error">${this.#saveError}</p>`
          : nothing}
      </section>
      ${this.#dryRunSection()}
      <dialog id="confirm-delete" aria-labelledby="confirm-title">
        <h2 id="confirm-title">Delete '${this.#name}'?</h2>
        <p>The rule stops at once on every worker. Its past alerts and incidents stay.</p>
        <form method="dialog" class="toolbar">
          <button value="cancel" autofocus>Keep it</button>
          <button class="danger" id="confirm" value="delete" @click=${(e: Event) => {
            e.preventDefault();
            void this.#delete();
          }}>Delete</button>
        </form>
      </dialog>
    `;
  }

  #dryRunSection() {
    const d = this.#dry;
    const running = this.#dryRunning !== undefined;
    return html`
      <section class="card" aria-label="Dry run">
        <h2>Dry run</h2>
        <p class="muted">Runs this YAML (saved or not) over the events of the last hours, as a worker would have,
          and lists the alerts it would have raised. Nothing is published.</p>
        <div class="toolbar">
          <label>Over the last
            <select id="dry-hours" @change=${(e: Event) => {
              this.#dryHours = Number((e.target as HTMLSelectElement).value);
            }}>
              ${DRY_RUN_HOURS.map((h) =>
                html`<option value=${h} ?selected=${h === this.#dryHours}>${
                  h === 1 ? "hour" : `${h} hours`
                }</option>`
              )}
            </select>
          </label>
          <button id="dry-run" ?disabled=${running} @click=${() => this.#dryRun()}>Dry run</button>
          <button id="dry-cancel" ?disabled=${!running} @click=${() =>
            this.#dryRunning?.abort()}>Cancel</button>
        </div>
        <p class="dry-summary" role="status" id="dry-summary">
          ${running
            ? "Running…"
            : d
            ? `${d.alertCount} alert${
              d.alertCount === 1 ? "" : "s"
            } from ${d.events.toLocaleString()} events ${
              d.instants > 0 ? `over ${d.instants} evaluations ` : ""
            }(${formatTime(d.from)} – ${formatTime(d.to)})`
            : ""}
        </p>
        ${this.#dryError
          ? html`<p class="banner" role="alert" id="dry-error">${this.#dryError}</p>`
          : nothing}
        ${d && d.errors.length > 0
          ? html`<ul class="error">${d.errors.map((e) => html`<li>${e}</li>`)}</ul>`
          : nothing}
        ${d && d.alerts.length > 0 ? this.#dryTable(d) : nothing}
      </section>
    `;
  }

  #dryTable(d: DryRunAnswer) {
    return html`
      <div class="dry-table">
        <table aria-label="Dry-run alerts">
          <thead><tr><th>Window end</th><th>Severity</th><th>Alert</th><th>Entities</th><th>Results</th></tr></thead>
          <tbody>
            ${[...d.alerts].reverse().map((a) =>
              html`
                <tr>
                  <td>${formatTime(a.EndTime)}</td>
                  <td><span class="sev sev-${a.AlertSeverity}">${a.AlertSeverity}</span></td>
                  <td>${a.AlertName}</td>
                  <td>${(a.Entities ?? []).map((e) => html`<div>${describeEntity(e)}</div>`)}</td>
                  <td>${String(a.ExtendedProperties?.["Search Query Results Overall Count"] ?? "")}</td>
                </tr>
              `
            )}
          </tbody>
        </table>
        ${d.alertCount > d.alerts.length
          ? html`<p class="muted">Showing the latest ${d.alerts.length} of ${d.alertCount}</p>`
          : nothing}
      </div>
    `;
  }
}
customElements.define("siem-rule-editor", SiemRuleEditor);
