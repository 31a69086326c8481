/**
 * Analytic rules over HTTP: `GET /api/v1/rules`, `GET/PUT/PATCH/DELETE /api/v1/rules/{id}`,
 * `POST /api/v1/rules/validate`. Bodies are Sentinel rule YAML (JSON works too: it is YAML). A rule that fails
 * validation is refused with every problem and its line and column; it never reaches the workers.
 * PUT and PATCH honour `If-Match` (the rule's revision, also sent as `ETag`) and answer 412 when it is stale.
 */
import type { Context } from "hono";
import { parseDocument } from "yaml";
import * as v from "valibot";
import { type RuleValidation, validateRule } from "../../streams/rules/mod.ts";
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
 * @returns the validation and the text that was validated
 */
export function validateRuleBody(text: string, id: string): { result: RuleValidation; source: string } {
  let source = text;
  const doc = parseDocument(text);
  if (doc.errors.length === 0 && doc.contents && typeof doc.toJS() === "object" && doc.toJS() !== null) {
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
  return { result: validateRule(source), source };
}

const PatchSchema = v.strictObject({ enabled: v.boolean("'enabled' must be true or false") });

/**
 * Routes for rules.
 *
 * @param store the rule store
 * @returns the route module
 */
export function rulesRoutes(store: RuleStore): RouteModule {
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
      app.get("/api/v1/rules", (c) => c.json({ rules: store.list().map(summary) }));
      app.post("/api/v1/rules/validate", async (c) => {
        const text = await c.req.text();
        const parsed = validateRule(text);
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
        const { result, source } = validateRuleBody(await c.req.text(), id);
        if (!result.ok || !result.rule) {
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
