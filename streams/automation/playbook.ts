/**
 * Playbooks: HTTP actions with a templated JSON body (webhooks, Logic-Apps-style), HMAC-signed, plus ready-made
 * ITSM templates for ServiceNow (table API incident) and Jira (create issue) whose answer gives the ticket link
 * written back to the incident. Pure: building the request and reading the answer; delivery lives in the runtime.
 */
import * as v from "valibot";
import type { Incident } from "../incidents/mod.ts";

/** The schema of a playbook (API bodies). */
export const PlaybookSchema = v.strictObject({
  id: v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_.-]{1,100}$/, "'id' must be 1 to 100 letters, digits, '.', '_' or '-'"),
  ),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  template: v.optional(
    v.picklist(["webhook", "servicenow", "jira"], "'template' must be webhook, servicenow or jira"),
    "webhook",
  ),
  /** Webhook: the URL. ServiceNow and Jira: the instance's base URL. */
  url: v.pipe(
    v.string(),
    v.url("'url' must be an http(s) URL"),
    v.regex(/^https?:\/\//, "'url' must be an http(s) URL"),
  ),
  method: v.optional(v.picklist(["POST", "PUT", "PATCH"]), "POST"),
  headers: v.optional(v.record(v.string(), v.string()), {}),
  /** Webhook body: any JSON; strings may hold `{{Incident.Field}}` placeholders. */
  body: v.optional(v.unknown()),
  /** HMAC-SHA256 key for the `X-Siem-Signature` header. */
  secret: v.optional(v.pipe(v.string(), v.minLength(16, "'secret' must be at least 16 characters"))),
  /** Jira project key. */
  project: v.optional(v.string()),
  maxAttempts: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(20)), 5),
  /** Seconds one attempt may take; below the work queue's 60 s redelivery wait, so a hung call never doubles. */
  timeoutSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 15),
});

/** A playbook. */
export type Playbook = v.InferOutput<typeof PlaybookSchema>;

/** A request to send. */
export interface PlaybookRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const DEFAULT_WEBHOOK_BODY = {
  incidentId: "{{Incident.IncidentName}}",
  number: "{{Incident.IncidentNumber}}",
  title: "{{Incident.Title}}",
  severity: "{{Incident.Severity}}",
  status: "{{Incident.Status}}",
  description: "{{Incident.Description}}",
  entities: "{{Incident.Entities}}",
  tactics: "{{Incident.Tactics}}",
  alertIds: "{{Incident.AlertIds}}",
};

/**
 * Fill `{{Incident.Field}}` placeholders in a JSON template. A string that is exactly one placeholder takes the
 * field's value as it is (numbers, arrays, objects stay typed); placeholders inside longer strings are replaced
 * by text. Values are placed into the JSON structure, never spliced into JSON text, so no field can break out.
 *
 * @param template the JSON template
 * @param incident the incident
 * @returns the filled JSON value
 */
export function renderTemplate(template: unknown, incident: Incident): unknown {
  const field = (path: string): unknown => {
    let value: unknown = { Incident: incident };
    for (const part of path.split(".")) {
      value = value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[part]
        : undefined;
    }
    return value ?? null;
  };
  if (typeof template === "string") {
    const whole = /^\{\{\s*([\w.]+)\s*\}\}$/.exec(template);
    if (whole) return field(whole[1]);
    return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_m, path: string) => {
      const value = field(path);
      return typeof value === "string" ? value : JSON.stringify(value);
    });
  }
  if (Array.isArray(template)) return template.map((t) => renderTemplate(t, incident));
  if (template !== null && typeof template === "object") {
    return Object.fromEntries(Object.entries(template).map(([k, t]) => [k, renderTemplate(t, incident)]));
  }
  return template;
}

const URGENCY: Record<string, string> = { High: "1", Medium: "2", Low: "3", Informational: "3" };

/**
 * The HTTP request a playbook makes for an incident (unsigned).
 *
 * @param playbook the playbook
 * @param incident the incident
 * @returns the request
 */
export function playbookRequest(playbook: Playbook, incident: Incident): PlaybookRequest {
  const base = playbook.url.replace(/\/+$/, "");
  const headers = { "Content-Type": "application/json", Accept: "application/json", ...playbook.headers };
  switch (playbook.template) {
    case "servicenow":
      return {
        url: `${base}/api/now/table/incident`,
        method: "POST",
        headers,
        body: JSON.stringify({
          short_description: `[SIEM #${incident.IncidentNumber}] ${incident.Title}`,
          description: incident.Description,
          urgency: URGENCY[incident.Severity],
          impact: URGENCY[incident.Severity],
          correlation_id: incident.IncidentName,
          correlation_display: "siem",
        }),
      };
    case "jira":
      return {
        url: `${base}/rest/api/2/issue`,
        method: "POST",
        headers,
        body: JSON.stringify({
          fields: {
            project: { key: playbook.project ?? "SEC" },
            summary: `[SIEM #${incident.IncidentNumber}] ${incident.Title}`,
            description:
              `${incident.Description}\n\nSeverity: ${incident.Severity}\nIncident: ${incident.IncidentName}`,
            issuetype: { name: "Task" },
            labels: ["siem", incident.Severity.toLowerCase()],
          },
        }),
      };
    default:
      return {
        url: playbook.url,
        method: playbook.method,
        headers,
        body: JSON.stringify(renderTemplate(playbook.body ?? DEFAULT_WEBHOOK_BODY, incident)),
      };
  }
}

/**
 * Sign a body: `X-Siem-Signature: sha256=<hex HMAC of "<timestamp>.<body>">` and `X-Siem-Timestamp`, so the
 * receiver can check origin and reject replays.
 *
 * @param body the request body
 * @param secret the playbook's secret
 * @param timestamp seconds since the epoch
 * @returns the headers to add
 */
export async function signature(
  body: string,
  secret: string,
  timestamp: number,
): Promise<Record<string, string>> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(
    await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${timestamp}.${body}`)),
  );
  const hex = Array.from(mac, (b) => b.toString(16).padStart(2, "0")).join("");
  return { "X-Siem-Signature": `sha256=${hex}`, "X-Siem-Timestamp": String(timestamp) };
}

/**
 * The ticket an ITSM answer created, when the template knows how to read it.
 *
 * @param playbook the playbook
 * @param answer the parsed JSON answer
 * @returns the ticket id and link, or undefined
 */
export function ticketFrom(playbook: Playbook, answer: unknown): { id: string; url: string } | undefined {
  const base = playbook.url.replace(/\/+$/, "");
  const a = answer as Record<string, Record<string, unknown> | unknown> | null;
  if (playbook.template === "servicenow") {
    const result = (a?.result ?? {}) as Record<string, unknown>;
    if (typeof result.sys_id !== "string") return undefined;
    return {
      id: typeof result.number === "string" ? result.number : result.sys_id,
      url: `${base}/nav_to.do?uri=incident.do?sys_id=${encodeURIComponent(result.sys_id)}`,
    };
  }
  if (playbook.template === "jira") {
    const key = (a as Record<string, unknown> | null)?.key;
    return typeof key === "string"
      ? { id: key, url: `${base}/browse/${encodeURIComponent(key)}` }
      : undefined;
  }
  return undefined;
}
