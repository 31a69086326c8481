/**
 * Analytic rules over HTTP: `GET /api/v1/rules`, `GET/PUT/PATCH/DELETE /api/v1/rules/{id}`,
 * `POST /api/v1/rules/validate`. Bodies are Sentinel rule YAML (JSON works too: it is YAML). A rule that fails
 * validation is refused with every problem and its line and column; it never reaches the workers.
 * PUT and PATCH honour `If-Match` (the rule's revision, also sent as `ETag`) and answer 412 when it is stale.
 * The list carries each rule's health: when it last raised an alert (the latest message on its alert subjects, so
 * true whichever worker raised it) and its evaluation errors as the detection worker in this process knows them.
 * `POST /api/v1/rules/dry-run` runs a rule over the last hours of events and answers the alerts it would raise,
 * publishing none.
 */
import type { Context } from "hono";
import type { NatsConnection } from "@nats-io/nats-core";
import { type JetStreamManager, jetstreamManager } from "@nats-io/jetstream";
import { isMap, parseDocument } from "yaml";
import * as v from "valibot";
import type { Catalog } from "../../query/mod.ts";
import { type RuleValidation, validateRule } from "../../streams/rules/mod.ts";
import { dryRunRule } from "../rule_dry_run.ts";
import { TOPOLOGY } from "../nats/topology.ts";
import { RULE_ID, RuleConflictError, type RuleStore, type StoredRule } from "../nats/rule_store.ts";
import type { RouteModule } from "./app.ts";
import { HttpError } from "./http_error.ts";
import { ifMatchRevision } from "./if_match.ts";

/** The list view of a rule. */
function summary(r: StoredRule) {
  return {
    id: r.id,
    name: r.rule.name,
    severity: r.rule.severity,
    kind: r.rule.kind,
    enabled: r.enabled,
    mode: r.mode.mode,
    modeReason: r.mode.reason,
    tactics: r.rule.tactics,
    origin: r.origin,
    updatedAt: r.updatedAt,
    revision: r.revision,
  };
}

function validationBody(result: RuleValidation) {
  return {
    ok: result.ok,
    id: result.id ?? null,
    mode: result.mode.mode,
    modeReason: result.mode.reason,
    problems: result.problems.map((p) => ({
      code: p.code,
      severity: p.severity,
      message: p.message,
      line: p.line,
      column: p.column,
    })),
  };
}

/**
 * Validate a rule body for the rule `id`: the file's own `id`, when present, must match; when absent it is added.
 *
 * @param text the body
 * @param id the id in the path
 * @param catalog tables and functions the query may use (default: the built-in tables)
 * @returns the validation and the text that was validated
 */
export function validateRuleBody(
  text: string,
  id: string,
  catalog?: Catalog,
): { result: RuleValidation; source: string } {
  let source = text;
  const doc = parseDocument(text);
  // Only a mapping can carry an id; any other document (a list, a scalar) is left for validation to refuse.
  if (doc.errors.length === 0 && isMap(doc.contents)) {
    const written = doc.get("id");
    if (written === undefined) {
      doc.set("id", id);
      source = doc.toString();
    } else if (String(written) !== id) {
      throw new HttpError(
        400,
        "id_mismatch",
        `Rule id '${String(written)}' in the body differs from '${id}' in the path`,
      );
    }
  }
  return { result: validateRule(source, { catalog }), source };
}

/** 400 with every problem and its position. */
function invalidRule(c: Context, result: RuleValidation): Response {
  const first = result.problems.find((p) => p.severity === "error");
  const where = first ? ` (line ${first.line}, column ${first.column})` : "";
  return c.json({
    error: {
      code: "invalid_rule",
      message: `Invalid rule: ${first?.message ?? "unknown problem"}${where}`,
    },
    ...validationBody(result),
  }, 400);
}

const PatchSchema = v.strictObject({ enabled: v.boolean("'enabled' must be true or false") });

const HOURS_MESSAGE = "'hours' must be a number of hours above 0 and at most 168 (7 days)";
const DryRunSchema = v.object({
  rule: v.pipe(
    v.string("'rule' must be the rule's YAML as a string"),
    v.minLength(1, "'rule' must not be empty"),
    v.maxLength(1_000_000),
  ),
  hours: v.optional(
    v.pipe(
      v.number(HOURS_MESSAGE),
      v.minValue(0.01, HOURS_MESSAGE),
      v.maxValue(168, HOURS_MESSAGE),
    ),
    24,
  ),
});

/** What the rule routes read besides the store; without them the list carries no health and dry runs are off. */
export interface RulesRoutesOptions {
  readonly nc?: NatsConnection;
  /** Current catalog (tables and stored functions), for validation and dry runs. */
  readonly catalog?: () => Catalog;
  /**
   * The failing rules of the detection worker in this process (last message and count), when one runs here;
   * undefined otherwise, and then the list says the error count is unknown (null).
   */
  readonly ruleErrors?: () =>
    | readonly { readonly ruleId: string; readonly message: string; readonly count: number }[]
    | undefined;
}

/** Alert subjects carry the rule id reduced to a subject token (as `alertSubject` in detect_worker.ts does). */
function alertRuleToken(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "_") || "unknown";
}

/**
 * Routes for rules.
 *
 * @param store the rule store
 * @returns the route module
 */
export function rulesRoutes(store: RuleStore, options: RulesRoutesOptions = {}): RouteModule {
  const lastFired = async (jsm: JetStreamManager | undefined, id: string): Promise<string | null> => {
    if (!jsm) return null;
    const msg = await jsm.streams.getMessage(TOPOLOGY.alerts.stream, {
      last_by_subj: `siem.alerts.*.${alertRuleToken(id)}`,
    }).catch(() => null);
    if (!msg) return null;
    try {
      const alert = msg.json<{ TimeGenerated?: unknown; RuleId?: unknown }>();
      // Two ids can reduce to one subject token: the latest alert there may be the other rule's.
      if (typeof alert.RuleId === "string" && alert.RuleId !== id) return null;
      return typeof alert.TimeGenerated === "string" ? alert.TimeGenerated : msg.time.toISOString();
    } catch {
      return msg.time.toISOString();
    }
  };
  const health = async (
    r: StoredRule,
    context: {
      jsm: JetStreamManager | undefined;
      errors: ReturnType<NonNullable<RulesRoutesOptions["ruleErrors"]>>;
    },
  ) => {
    const { jsm, errors } = context;
    const failing = errors?.find((e) => e.ruleId === r.id);
    return {
      lastFired: await lastFired(jsm, r.id),
      errorCount: errors ? failing?.count ?? 0 : null,
      lastError: failing?.message ?? null,
    };
  };
  const find = (id: string) => {
    const rule = store.get(id);
    if (!rule) throw new HttpError(404, "not_found", `No rule with id '${id}'`);
    return rule;
  };
  const checkId = (id: string) => {
    if (!RULE_ID.test(id)) {
      throw new HttpError(
        400,
        "invalid_rule_id",
        `Invalid rule id '${id}': use letters, digits, '-', '_', '.' or '='`,
      );
    }
  };
  const write = async (
    c: Context,
    rule: Omit<StoredRule, "revision">,
    expectedRevision: number | undefined,
  ) => {
    try {
      const stored = await store.put(rule, { expectedRevision });
      c.header("ETag", `"${stored.revision}"`);
      return stored;
    } catch (error) {
      if (error instanceof RuleConflictError) throw new HttpError(412, "precondition_failed", error.message);
      throw error;
    }
  };

  return {
    api(app) {
      app.get("/api/v1/rules", async (c) => {
        const context = {
          jsm: options.nc ? await jetstreamManager(options.nc) : undefined,
          errors: options.ruleErrors?.(),
        };
        const rules = await Promise.all(
          store.list().map(async (r) => ({ ...summary(r), ...await health(r, context) })),
        );
        return c.json({ rules });
      });
      app.post("/api/v1/rules/dry-run", async (c) => {
        if (!options.nc || !options.catalog) {
          throw new HttpError(
            503,
            "unavailable",
            "Dry runs need the event stream, which this process does not read",
          );
        }
        const body = await c.req.json().catch(() => {
          throw new HttpError(
            400,
            "invalid_body",
            'Cannot parse body: expected {"rule": "<yaml>", "hours": 24}',
          );
        });
        const parsed = v.safeParse(DryRunSchema, body);
        if (!parsed.success) throw new HttpError(400, "invalid_body", parsed.issues[0].message);
        const result = validateRule(parsed.output.rule, { catalog: options.catalog() });
        if (!result.ok || !result.rule) return invalidRule(c, result);
        const answer = await dryRunRule(options.nc, result.rule, {
          id: result.id ?? "dry-run",
          hours: parsed.output.hours,
          catalog: options.catalog(),
          limits: { signal: c.req.raw.signal },
        });
        if ("error" in answer) {
          throw new HttpError(400, answer.error.code, answer.error.message);
        }
        return c.json({ ok: true, mode: result.mode.mode, hours: parsed.output.hours, ...answer });
      });
      app.post("/api/v1/rules/validate", async (c) => {
        const text = await c.req.text();
        const parsed = validateRule(text, { catalog: options.catalog?.() });
        return c.json(validationBody(parsed));
      });
      app.get("/api/v1/rules/:id", (c) => {
        const rule = find(c.req.param("id"));
        c.header("ETag", `"${rule.revision}"`);
        return c.json({ ...summary(rule), source: rule.source, rule: rule.rule });
      });
      app.put("/api/v1/rules/:id", async (c) => {
        const id = c.req.param("id");
        checkId(id);
        const expected = ifMatchRevision(c, "rule");
        const { result, source } = validateRuleBody(await c.req.text(), id, options.catalog?.());
        if (!result.ok || !result.rule) return invalidRule(c, result);
        const existing = store.get(id);
        const stored = await write(c, {
          id,
          rule: result.rule,
          source,
          enabled: existing?.enabled ?? true,
          mode: result.mode,
          origin: "api",
          updatedAt: new Date().toISOString(),
        }, expected);
        return c.json(
          { ...summary(stored), problems: validationBody(result).problems },
          existing ? 200 : 201,
        );
      });
      app.patch("/api/v1/rules/:id", async (c) => {
        const rule = find(c.req.param("id"));
        const body = await c.req.json().catch(() => {
          throw new HttpError(
            400,
            "invalid_body",
            'Cannot parse body: expected a JSON object such as {"enabled":false}',
          );
        });
        const parsed = v.safeParse(PatchSchema, body);
        if (!parsed.success) throw new HttpError(400, "invalid_body", parsed.issues[0].message);
        const stored = await write(c, {
          ...rule,
          enabled: parsed.output.enabled,
          updatedAt: new Date().toISOString(),
        }, ifMatchRevision(c, "rule") ?? rule.revision);
        return c.json(summary(stored));
      });
      app.delete("/api/v1/rules/:id", async (c) => {
        if (!(await store.delete(c.req.param("id")))) {
          throw new HttpError(404, "not_found", `No rule with id '${c.req.param("id")}'`);
        }
        return c.body(null, 204);
      });
    },
  };
}
