/**
 * The front end in one call: parse, bind, classify. What `kql check`, `kql explain`, `rules validate` and the
 * HTTP validation endpoint use.
 */
import type { KqlDiagnostic } from "../diagnostics/diagnostic.ts";
import { parseQuery } from "../parse/mod.ts";
import type { QueryNode } from "../syntax/mod.ts";
import { FunctionRegistry } from "../symbols/mod.ts";
import { Catalog } from "../symbols/mod.ts";
import { bindQuery, type BindResult } from "./binder.ts";
import { classifyMode, type ModeDecision } from "./classify_mode.ts";
import { expandFunctions } from "./expand_functions.ts";
import { type InlinedQuery, inlineForPlan } from "./inline_functions.ts";

/** A parsed, bound and classified query. */
export interface QueryAnalysis {
  /** The parsed query, with the stored functions it calls put ahead of it as `let` statements. */
  readonly query: QueryNode;
  /** The stored functions the query calls, directly or through one another. */
  readonly functions?: readonly string[];
  /** Syntax diagnostics, then (only when the syntax is clean) binding diagnostics. */
  readonly diagnostics: readonly KqlDiagnostic[];
  /** The bound query; `undefined` when the syntax is broken. */
  readonly bound: BindResult | undefined;
  readonly mode: ModeDecision;
}

/**
 * Parse, bind and classify a query. Binding is skipped when parsing failed: a broken tree would only add
 * follow-on errors. Stored functions of the catalog that the query calls are put ahead of it (see
 * `expandFunctions`); problems inside them are reported against the function. Never throws.
 *
 * @param text the KQL text
 * @param options the catalog and functions (built-ins by default); `period`: the rule's query period in
 *   microseconds, which the reason uses to say what an event-time bound does in the window
 * @returns the analysis
 * @example
 * ```ts
 * import { analyzeQuery } from "./analyze_query.ts";
 * const analysis = analyzeQuery("SecurityEvent | where EventID == 4625 | summarize count() by Account");
 * analysis.diagnostics.length; // 0
 * analysis.mode.mode; // "incremental"
 * ```
 */
export function analyzeQuery(
  text: string,
  options: { catalog?: Catalog; functions?: FunctionRegistry; period?: number } = {},
): QueryAnalysis {
  const catalog = options.catalog ?? Catalog.builtin();
  const functions = options.functions ?? FunctionRegistry.builtin();
  const parsed = parseQuery(text);
  if (parsed.diagnostics.some((d) => d.severity === "error")) {
    return {
      query: parsed.query,
      diagnostics: parsed.diagnostics,
      bound: undefined,
      mode: { mode: "batch", reason: "the query has syntax errors" },
    };
  }
  const expanded = expandFunctions(parsed.query, { text, catalog });
  const bound = bindQuery(expanded.query, { catalog, functions });
  let mode = classifyMode(expanded.query, { info: bound.info, functions, period: options.period });
  if (!bound.diagnostics.some((d) => d.severity === "error")) {
    mode = planWithFunctionsInlined(expanded.query, { catalog, functions, period: options.period, bound }) ??
      mode;
  }
  const diagnostics = [
    ...parsed.diagnostics,
    ...expanded.diagnostics,
    ...bound.diagnostics.map(expanded.relocate),
  ];
  return { query: expanded.query, functions: expanded.functions, diagnostics, bound, mode };
}

/**
 * The mode of the query with its let functions and single-use tabular lets put in place, when that makes it
 * incremental (the planner then runs the rewritten query, which means the same).
 */
function planWithFunctionsInlined(
  query: QueryNode,
  options: { catalog: Catalog; functions: FunctionRegistry; period?: number; bound: BindResult },
): ModeDecision | undefined {
  let inlined: InlinedQuery | undefined;
  try {
    inlined = inlineForPlan(query, { info: options.bound.info, catalog: options.catalog });
  } catch {
    // A shape the rewrite did not foresee: plan the query as written.
    return undefined;
  }
  if (inlined === undefined) return undefined;
  const rebound = bindQuery(inlined.query, { catalog: options.catalog, functions: options.functions });
  if (rebound.diagnostics.some((d) => d.severity === "error")) return undefined;
  const mode = classifyMode(inlined.query, {
    info: rebound.info,
    functions: options.functions,
    period: options.period,
  });
  if (mode.mode !== "incremental") return undefined;
  return {
    ...mode,
    // Only merged pipes: nothing worth a word.
    reason: inlined.steps.length === 0
      ? mode.reason
      : `${mode.reason} (planned with ${inlined.steps.join(", ")})`,
    plan: { query: inlined.query, info: rebound.info },
  };
}
