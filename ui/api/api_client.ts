/**
 * The typed client of the SIEM's public REST API, the only way the UI talks to the server. Every request carries
 * the bearer token; a 401 is reported once through `onUnauthorized` so the app can show its sign-in screen.
 */
import type { Alert, Incident, IncidentChange, RuleDetail } from "./types.ts";
import type { DryRunAnswer, RuleSummary, RuleValidationAnswer } from "./hunting_types.ts";
import type { HealthReport, QueryAnswer, Workbook } from "./workbook_types.ts";

/** The server refused the token. */
export class UnauthorizedError extends Error {
  override name = "UnauthorizedError";
}

/** A write named a revision that someone else already replaced (HTTP 412). */
export class ConflictError extends Error {
  override name = "ConflictError";
}

/** Any other error answer, with the server's stable code. */
export class ApiError extends Error {
  override name = "ApiError";
  readonly status: number;
  readonly code: string;
  /** The whole error answer: query errors carry `error.line`/`error.column`, refused rules `problems`. */
  readonly body: unknown;
  constructor(status: number, code: string, message: string, body: unknown = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** An incident with the revision to send back in `If-Match`. */
export interface Versioned<T> {
  readonly value: T;
  readonly etag: string | null;
}

/** REST calls with the token. */
export class ApiClient {
  readonly #token: string;
  readonly #fetch: typeof fetch;
  readonly #onUnauthorized: () => void;

  /**
   * @param token the API token
   * @param options `fetch` to use (the page's by default) and what to do on 401
   */
  constructor(token: string, options: { fetch?: typeof fetch; onUnauthorized?: () => void } = {}) {
    this.#token = token;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#onUnauthorized = options.onUnauthorized ?? (() => {});
  }

  /** Open a streaming request (the live stream). */
  async stream(path: string, signal: AbortSignal): Promise<Response> {
    return await this.#send(path, { signal, headers: { Accept: "text/event-stream" } });
  }

  async alerts(filter: { severity?: string; limit?: number; since?: string } = {}): Promise<Alert[]> {
    const q = new URLSearchParams();
    if (filter.severity) q.set("severity", filter.severity.toLowerCase());
    if (filter.since) q.set("since", filter.since);
    q.set("limit", String(filter.limit ?? 200));
    return (await this.#json<{ alerts: Alert[] }>(`/api/v1/alerts?${q}`)).alerts;
  }

  async incidents(filter: { status?: string; limit?: number } = {}): Promise<Incident[]> {
    const q = new URLSearchParams();
    if (filter.status) q.set("status", filter.status);
    q.set("limit", String(filter.limit ?? 500));
    return (await this.#json<{ incidents: Incident[] }>(`/api/v1/incidents?${q}`)).incidents;
  }

  async incident(id: string): Promise<Versioned<Incident>> {
    const response = await this.#send(`/api/v1/incidents/${encodeURIComponent(id)}`);
    return { value: await response.json(), etag: response.headers.get("ETag") };
  }

  /** Change an incident; with `etag`, a stale revision throws `ConflictError`. */
  async updateIncident(
    id: string,
    change: IncidentChange,
    etag: string | null,
  ): Promise<Versioned<Incident>> {
    const response = await this.#send(`/api/v1/incidents/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json", ...(etag ? { "If-Match": etag } : {}) },
      body: JSON.stringify(change),
    });
    return { value: await response.json(), etag: response.headers.get("ETag") };
  }

  async addComment(id: string, message: string, etag: string | null): Promise<Versioned<Incident>> {
    const response = await this.#send(`/api/v1/incidents/${encodeURIComponent(id)}/comments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(etag ? { "If-Match": etag } : {}) },
      body: JSON.stringify({ message }),
    });
    return { value: await response.json(), etag: response.headers.get("ETag") };
  }

  /** Run a KQL query (`POST /api/v1/query`); a KQL error throws `ApiError` whose `body.error` has `line` and `column`. */
  async query(
    query: string,
    options: { timespan?: string; signal?: AbortSignal } = {},
  ): Promise<QueryAnswer> {
    const response = await this.#send("/api/v1/query", {
      method: "POST",
      signal: options.signal,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(options.timespan ? { query, timespan: options.timespan } : { query }),
    });
    return await response.json() as QueryAnswer;
  }

  async workbooks(): Promise<Workbook[]> {
    return (await this.#json<{ workbooks: Workbook[] }>("/api/v1/workbooks")).workbooks;
  }

  async workbook(id: string): Promise<Workbook> {
    return await this.#json<Workbook>(`/api/v1/workbooks/${encodeURIComponent(id)}`);
  }

  async saveWorkbook(workbook: Workbook): Promise<Workbook> {
    const response = await this.#send(`/api/v1/workbooks/${encodeURIComponent(workbook.id)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(workbook),
    });
    return await response.json() as Workbook;
  }

  async deleteWorkbook(id: string): Promise<void> {
    await this.#send(`/api/v1/workbooks/${encodeURIComponent(id)}`, { method: "DELETE" });
  }

  async health(): Promise<HealthReport> {
    return await this.#json<HealthReport>("/api/v1/health");
  }

  async rule(id: string): Promise<RuleDetail> {
    return await this.#json<RuleDetail>(`/api/v1/rules/${encodeURIComponent(id)}`);
  }

  async rules(): Promise<RuleSummary[]> {
    return (await this.#json<{ rules: RuleSummary[] }>("/api/v1/rules")).rules;
  }

  /** A rule with the revision to send back in `If-Match`. */
  async ruleVersioned(id: string): Promise<Versioned<RuleDetail>> {
    const response = await this.#send(`/api/v1/rules/${encodeURIComponent(id)}`);
    return { value: await response.json(), etag: response.headers.get("ETag") };
  }

  async validateRule(yaml: string, signal?: AbortSignal): Promise<RuleValidationAnswer> {
    const response = await this.#send("/api/v1/rules/validate", {
      method: "POST",
      signal,
      headers: { "Content-Type": "application/yaml" },
      body: yaml,
    });
    return await response.json();
  }

  /** Create or replace a rule; with `etag`, a stale revision throws `ConflictError`. */
  async saveRule(id: string, yaml: string, etag: string | null): Promise<Versioned<RuleSummary>> {
    const response = await this.#send(`/api/v1/rules/${encodeURIComponent(id)}`, {
      method: "PUT",
      headers: { "Content-Type": "application/yaml", ...(etag ? { "If-Match": etag } : {}) },
      body: yaml,
    });
    return { value: await response.json(), etag: response.headers.get("ETag") };
  }

  async setRuleEnabled(id: string, enabled: boolean): Promise<RuleSummary> {
    const response = await this.#send(`/api/v1/rules/${encodeURIComponent(id)}`, {
      method: "PATCH",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ enabled }),
    });
    return await response.json();
  }

  async deleteRule(id: string): Promise<void> {
    await this.#send(`/api/v1/rules/${encodeURIComponent(id)}`, { method: "DELETE" });
  }

  /** The alerts a rule would have raised over the last `hours`, publishing none. */
  async dryRunRule(yaml: string, hours: number, signal?: AbortSignal): Promise<DryRunAnswer> {
    const response = await this.#send("/api/v1/rules/dry-run", {
      method: "POST",
      signal,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ rule: yaml, hours }),
    });
    return await response.json();
  }

  async #json<T>(path: string): Promise<T> {
    return await (await this.#send(path)).json() as T;
  }

  async #send(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("Authorization", `Bearer ${this.#token}`);
    const response = await this.#fetch(path, { ...init, headers });
    if (response.ok) return response;
    const body = await response.json().catch(() => null) as
      | { error?: { code?: string; message?: string } }
      | null;
    const message = body?.error?.message ?? `Request failed: HTTP ${response.status}`;
    if (response.status === 401) {
      this.#onUnauthorized();
      throw new UnauthorizedError(message);
    }
    if (response.status === 412) throw new ConflictError(message);
    throw new ApiError(response.status, body?.error?.code ?? "http_error", message, body);
  }
}
