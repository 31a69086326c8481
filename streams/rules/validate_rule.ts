/**
 * Load and validate one Sentinel rule file: YAML syntax, the rule fields, the KQL query (parsed and bound
 * against the catalog) and the result columns named by entity mappings, custom details and alert overrides.
 * Every problem carries its line and column in the YAML file.
 */
import * as v from "valibot";
import { isMap, LineCounter, parseDocument } from "yaml";
import {
  analyzeQuery,
  type Catalog,
  type FunctionRegistry,
  type ModeDecision,
  type QueryAnalysis,
} from "../../query/mod.ts";
import { type EntityMapping, type Rule, RULE_CODES, type RuleProblem } from "./rule.ts";
import { parseRuleDuration } from "./rule_duration.ts";
import { type RuleFields, RuleSchema, TRIGGER_OPERATORS } from "./rule_schema.ts";
import { positionInString, positionOfPath } from "./yaml_positions.ts";

/** The outcome of validating a rule file. */
export interface RuleValidation {
  /** The rule, when its fields are valid (its query may still have problems). */
  readonly rule: Rule | undefined;
  /** The `id` field as written, when there is one (for reports on invalid rules). */
  readonly id: string | undefined;
  /** How the rule runs; `batch` with a reason when the query could not be classified. */
  readonly mode: ModeDecision;
  readonly problems: readonly RuleProblem[];
  /** The query analysis, when the file had a query. */
  readonly analysis: QueryAnalysis | undefined;
  /** No error-severity problem. */
  readonly ok: boolean;
}

/** What validation needs besides the text. */
export interface ValidateRuleOptions {
  readonly catalog?: Catalog;
  readonly functions?: FunctionRegistry;
}

function toRule(fields: RuleFields, raw: Record<string, unknown>): Rule {
  const duration = (s: string | undefined) => s === undefined ? undefined : parseRuleDuration(s);
  return {
    id: fields.id,
    name: fields.name,
    description: fields.description ?? "",
    severity: fields.severity,
    kind: fields.kind,
    queryFrequency: fields.kind === "NRT" ? undefined : duration(fields.queryFrequency),
    queryPeriod: fields.kind === "NRT" ? undefined : duration(fields.queryPeriod),
    triggerOperator: TRIGGER_OPERATORS[fields.triggerOperator ?? "gt"],
    triggerThreshold: fields.triggerThreshold ?? 0,
    tactics: fields.tactics ?? [],
    relevantTechniques: fields.relevantTechniques ?? [],
    query: fields.query,
    entityMappings: (fields.entityMappings ?? []) as EntityMapping[],
    customDetails: fields.customDetails ?? {},
    alertDetailsOverride: fields.alertDetailsOverride,
    eventGroupingSettings: {
      aggregationKind: fields.eventGroupingSettings?.aggregationKind ?? "SingleAlert",
    },
    incidentConfiguration: fields.incidentConfiguration,
    suppressionEnabled: fields.suppressionEnabled ?? false,
    suppressionDuration: duration(fields.suppressionDuration),
    status: fields.status,
    version: fields.version === undefined ? undefined : String(fields.version),
    fields: raw,
  };
}

/** The value at a path of plain objects and arrays, `undefined` when absent. */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** Result columns the rule names outside its query, with the YAML path of each mention. */
function namedColumns(rule: Rule): { column: string; path: (string | number)[] }[] {
  const out: { column: string; path: (string | number)[] }[] = [];
  rule.entityMappings.forEach((m, i) =>
    m.fieldMappings.forEach((f, j) =>
      out.push({ column: f.columnName, path: ["entityMappings", i, "fieldMappings", j, "columnName"] })
    )
  );
  for (const [key, column] of Object.entries(rule.customDetails)) {
    out.push({ column, path: ["customDetails", key] });
  }
  const override = rule.alertDetailsOverride;
  if (override !== undefined) {
    for (const key of ["alertSeverityColumnName", "alertTacticsColumnName"]) {
      if (typeof override[key] === "string") {
        out.push({ column: override[key] as string, path: ["alertDetailsOverride", key] });
      }
    }
    for (const key of ["alertDisplayNameFormat", "alertDescriptionFormat"]) {
      const format = override[key];
      if (typeof format !== "string") continue;
      for (const match of format.matchAll(/\{\{\s*([^}\s]+)\s*\}\}/g)) {
        out.push({ column: match[1], path: ["alertDetailsOverride", key] });
      }
    }
    const dynamic = override.alertDynamicProperties;
    if (Array.isArray(dynamic)) {
      dynamic.forEach((p, i) => {
        if (p && typeof p.value === "string") {
          out.push({ column: p.value, path: ["alertDetailsOverride", "alertDynamicProperties", i, "value"] });
        }
      });
    }
  }
  return out;
}

/** The rule with the columns it names outside its query spelled as the result spells them. */
function withResultColumnNames(rule: Rule, renames: ReadonlyMap<string, string>): Rule {
  const name = (column: string) => renames.get(column) ?? column;
  const override = rule.alertDetailsOverride === undefined ? undefined : { ...rule.alertDetailsOverride };
  if (override !== undefined) {
    for (const key of ["alertSeverityColumnName", "alertTacticsColumnName"]) {
      if (typeof override[key] === "string") override[key] = name(override[key] as string);
    }
    for (const key of ["alertDisplayNameFormat", "alertDescriptionFormat"]) {
      if (typeof override[key] === "string") {
        override[key] = (override[key] as string).replace(
          /\{\{\s*([^}\s]+)\s*\}\}/g,
          (_m, column: string) => `{{${name(column)}}}`,
        );
      }
    }
  }
  return {
    ...rule,
    entityMappings: rule.entityMappings.map((m) => ({
      ...m,
      fieldMappings: m.fieldMappings.map((f) => ({ ...f, columnName: name(f.columnName) })),
    })),
    customDetails: Object.fromEntries(Object.entries(rule.customDetails).map(([k, c]) => [k, name(c)])),
    alertDetailsOverride: override,
  };
}

/**
 * Validate a rule file's text. Never throws on bad input: every problem is a {@linkcode RuleProblem}.
 *
 * @param text the YAML text
 * @param options the catalog and functions used to bind the query
 * @returns the rule (when its fields are valid), its mode and every problem
 * @example
 * ```ts
 * import { validateRule } from "./validate_rule.ts";
 * const result = validateRule([
 *   "id: 6f0d9c2e-7d1c-4c57-9a5b-2f3d8f9b1a10",
 *   "name: Many failed logons",
 *   "severity: Medium",
 *   "queryFrequency: 1h",
 *   "queryPeriod: 1h",
 *   "triggerOperator: gt",
 *   "triggerThreshold: 0",
 *   "query: SecurityEvent | where EventID == 4625 | summarize count() by Account",
 * ].join("\n"));
 * result.ok; // true
 * result.mode.mode; // "incremental"
 * ```
 */
export function validateRule(text: string, options: ValidateRuleOptions = {}): RuleValidation {
  const problems: RuleProblem[] = [];
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: true, uniqueKeys: true });
  const fail = (mode: string): RuleValidation => ({
    rule: undefined,
    id: undefined,
    mode: { mode: "batch", reason: mode },
    problems,
    analysis: undefined,
    ok: false,
  });
  for (const error of doc.errors) {
    const { line, col } = lines.linePos(error.pos[0]);
    const message = `Invalid YAML: ${error.message.split("\n")[0].replace(/\.$/, "")}`;
    problems.push({ code: RULE_CODES.yamlSyntax, severity: "error", message, line, column: col });
  }
  if (problems.length > 0) return fail("the rule file is not valid YAML");
  if (!isMap(doc.contents)) {
    problems.push({
      code: RULE_CODES.notAMapping,
      severity: "error",
      message: "Invalid rule file: expected a mapping of rule fields",
      line: 1,
      column: 1,
    });
    return fail("the rule file is not a mapping");
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  const id = typeof raw.id === "string" ? raw.id : undefined;
  const parsed = v.safeParse(RuleSchema, raw);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const path = (issue.path ?? []).map((p) => p.key as string | number);
      const field = path.length === 0 ? "" : `'${path.join(".")}': `;
      const missing = path.length > 0 && valueAt(raw, path) === undefined;
      const message = missing
        ? `Missing rule field '${path.join(".")}'`
        : `Invalid rule field ${field}${issue.message}`;
      problems.push({
        code: RULE_CODES.invalidField,
        severity: "error",
        message,
        ...positionOfPath(doc, lines, path),
      });
    }
  }
  let analysis: QueryAnalysis | undefined;
  if (typeof raw.query === "string" && raw.query.trim() !== "") {
    const query = raw.query;
    // The period lets the mode's reason say what an event-time bound does in the rule's window.
    const period = raw.kind !== "NRT" && typeof raw.queryPeriod === "string"
      ? parseRuleDuration(raw.queryPeriod)
      : undefined;
    analysis = analyzeQuery(query, { ...options, period });
    for (const d of analysis.diagnostics) {
      const position = positionInString(doc, text, lines, "query", d.span.start);
      problems.push({ code: d.code, severity: d.severity, message: d.message, ...position });
    }
  }
  let rule = parsed.success ? toRule(parsed.output, raw) : undefined;
  const result = analysis?.bound?.result;
  if (rule !== undefined && result?.kind === "tabular" && !result.table.open) {
    const columns = new Set(result.table.columns.map((c) => c.name));
    const renames = new Map<string, string>();
    const byLowerCase = new Map<string, string[]>();
    for (const c of columns) {
      byLowerCase.set(c.toLowerCase(), [...(byLowerCase.get(c.toLowerCase()) ?? []), c]);
    }
    for (const { column, path } of namedColumns(rule)) {
      if (columns.has(column)) continue;
      const sameButCase = byLowerCase.get(column.toLowerCase());
      if (sameButCase?.length === 1) {
        renames.set(column, sameButCase[0]);
        // Rules in the public library map entities to `ipAddress` when the query yields `IPAddress`; Sentinel
        // maps them anyway, so the rule runs with the result's own spelling, and the author hears about it.
        problems.push({
          code: RULE_CODES.columnCase,
          severity: "warning",
          message: `Column '${column}' differs in case from the result column '${sameButCase[0]}'; using '${
            sameButCase[0]
          }'`,
          ...positionOfPath(doc, lines, path),
        });
        continue;
      }
      problems.push({
        code: RULE_CODES.unknownResultColumn,
        severity: "error",
        message: `Column '${column}' is not in the query result`,
        ...positionOfPath(doc, lines, path),
      });
    }
    if (renames.size > 0) rule = withResultColumnNames(rule, renames);
  }
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  const mode = analysis?.mode ?? { mode: "batch" as const, reason: "the rule has no query" };
  return { rule, id, mode, problems, analysis, ok: !problems.some((p) => p.severity === "error") };
}
