/**
 * The catalogue of evaluator diagnostics (KQL35xx, inside the KQL3xxx "unsupported in a back end" group):
 * constructs the in-memory evaluator does not run, and the run-time stops (row cap, cancellation). Codes are
 * stable; messages are sentence case, without a final period, values quoted.
 */
import type { KqlDiagnostic, Span } from "../diagnostics/diagnostic.ts";

/** Every evaluator diagnostic: code and message builder. */
export const EVAL_CODES = {
  unsupportedOperator: {
    code: "KQL3501",
    message: (name: string) => `Operator '${name}' is not supported by the in-memory evaluator`,
  },
  unsupportedFunction: {
    code: "KQL3502",
    message: (name: string) => `Function '${name}' is not supported by the in-memory evaluator`,
  },
  unsupportedPlugin: {
    code: "KQL3503",
    message: (name: string) => `Plugin '${name}' is not supported by the in-memory evaluator`,
  },
  unsupportedOption: {
    code: "KQL3504",
    message: (operator: string, option: string) =>
      `Option '${option}' of '${operator}' is not supported by the in-memory evaluator`,
  },
  unsupportedExpression: {
    code: "KQL3505",
    message: (what: string) => `Expression '${what}' is not supported by the in-memory evaluator`,
  },
  operatorTypes: {
    code: "KQL3506",
    message: (op: string, left: string, right: string) =>
      `Operator '${op}' cannot be applied to '${left}' and '${right}'`,
  },
  unknownTable: {
    code: "KQL3510",
    message: (name: string) => `Table '${name}' has no data loaded`,
  },
  rowLimit: {
    code: "KQL3520",
    message: (limit: number) => `Query stopped: more than ${limit} rows (the row cap)`,
  },
  cancelled: {
    code: "KQL3521",
    message: () => "Query cancelled",
  },
  runtime: {
    code: "KQL3530",
    message: (detail: string) => `Query failed: ${detail}`,
  },
  notTabular: {
    code: "KQL3531",
    message: () => "Query has no tabular result",
  },
  badParameter: {
    code: "KQL3532",
    message: (name: string, type: string) => `Query parameter '${name}' is not a valid ${type}`,
  },
} as const;

/** A code name of {@link EVAL_CODES}. */
export type EvalCode = keyof typeof EVAL_CODES;

/** Build an evaluator diagnostic (always an error). */
export function evalDiagnostic<K extends EvalCode>(
  code: K,
  span: Span,
  ...args: Parameters<typeof EVAL_CODES[K]["message"]>
): KqlDiagnostic {
  const entry = EVAL_CODES[code];
  const message = (entry.message as (...a: unknown[]) => string)(...args);
  return { code: entry.code, severity: "error", message, span };
}

/**
 * Thrown inside the evaluator to stop compiling or running; `runQuery` catches it and returns the diagnostic.
 * Not part of the public API.
 */
export class EvalStop extends Error {
  readonly diagnostic: KqlDiagnostic;
  constructor(diagnostic: KqlDiagnostic) {
    super(diagnostic.message);
    this.name = "EvalStop";
    this.diagnostic = diagnostic;
  }
}
