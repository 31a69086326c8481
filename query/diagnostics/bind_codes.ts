/**
 * The catalogue of binding diagnostics (KQL2xxx): names, columns, functions and types. Codes are stable:
 * tests, rule validation and users match on them. Messages are sentence case, without a final period, with
 * values quoted, worded after Kusto's where it has a wording.
 */
import type { KqlDiagnostic, Severity, Span } from "./diagnostic.ts";

const hint = (suggestion: string | undefined) =>
  suggestion === undefined ? "" : `; did you mean '${suggestion}'`;

/** Every binding diagnostic: code, severity and message builder. */
export const BIND_CODES = {
  unknownTable: {
    code: "KQL2001",
    severity: "error",
    message: (name: string, suggestion?: string) => `Unknown table or function '${name}'${hint(suggestion)}`,
  },
  unknownColumn: {
    code: "KQL2002",
    severity: "error",
    message: (name: string, suggestion?: string) => `Unknown column '${name}'${hint(suggestion)}`,
  },
  unknownFunction: {
    code: "KQL2003",
    severity: "error",
    message: (name: string, suggestion?: string) => `Unknown function '${name}'${hint(suggestion)}`,
  },
  wrongArgumentCount: {
    code: "KQL2004",
    severity: "error",
    message: (name: string, expected: string, actual: number) =>
      `Function '${name}' expects ${expected} arguments, got ${actual}`,
  },
  wrongArgumentType: {
    code: "KQL2005",
    severity: "error",
    message: (name: string, position: number, expected: string, actual: string) =>
      `Function '${name}' expects argument ${position} of type '${expected}', got '${actual}'`,
  },
  aggregateNotAllowed: {
    code: "KQL2006",
    severity: "error",
    message: (name: string) =>
      `Aggregate function '${name}' is only allowed in summarize, make-series and top-nested aggregations`,
  },
  expectedScalar: {
    code: "KQL2007",
    severity: "error",
    message: () => "Expected a scalar expression, got a tabular expression",
  },
  expectedTabular: {
    code: "KQL2008",
    severity: "error",
    message: () => "Expected a tabular expression, got a scalar expression",
  },
  operatorTypes: {
    code: "KQL2009",
    severity: "error",
    message: (operator: string, left: string, right: string) =>
      `Operator '${operator}' cannot be applied to '${left}' and '${right}'`,
  },
  predicateNotBool: {
    code: "KQL2010",
    severity: "error",
    message: (operator: string, actual: string) =>
      `The predicate of '${operator}' must be 'bool', got '${actual}'`,
  },
  duplicateColumn: {
    code: "KQL2011",
    severity: "error",
    message: (name: string) => `Column '${name}' is specified more than once`,
  },
  joinKey: {
    code: "KQL2012",
    severity: "error",
    message: (name: string, side: string) => `Join key '${name}' is not a column of the ${side} side`,
  },
  notDynamic: {
    code: "KQL2013",
    severity: "error",
    message: (type: string) => `Member access needs a 'dynamic' value, got '${type}'`,
  },
  notSerialized: {
    code: "KQL2014",
    severity: "error",
    message: (name: string) =>
      `Function '${name}' needs a serialized row set: add 'serialize', 'sort' or 'top'`,
  },
  unknownPlugin: {
    code: "KQL2015",
    severity: "error",
    message: (name: string) => `Unknown evaluate plugin '${name}'`,
  },
  expectedColumn: {
    code: "KQL2016",
    severity: "error",
    message: (operator: string) => `Expected a column name in '${operator}'`,
  },
  tooDeep: {
    code: "KQL2017",
    severity: "error",
    message: () => "Query nests functions too deeply to bind",
  },
  invalidType: {
    code: "KQL2018",
    severity: "error",
    message: (name: string) => `Unknown type '${name}'`,
  },
  noResult: {
    code: "KQL2019",
    severity: "error",
    message: () => "The query has no result expression",
  },
  unknownParameter: {
    code: "KQL2020",
    severity: "error",
    message: (name: string, fn: string) => `Function '${fn}' has no parameter named '${name}'`,
  },
  notConstant: {
    code: "KQL2021",
    severity: "error",
    message: (what: string) => `Expected a constant ${what}`,
  },
  recursiveFunction: {
    code: "KQL2022",
    severity: "error",
    message: (path: string) => `Recursive function calls are not supported: ${path}`,
  },
} as const satisfies Record<
  string,
  { code: string; severity: Severity; message: (...args: never[]) => string }
>;

/** The name of one catalogue entry. */
export type BindCodeName = keyof typeof BIND_CODES;

/**
 * Build a binding diagnostic from a catalogue entry.
 *
 * @example
 * ```ts
 * import { bindDiagnostic } from "./bind_codes.ts";
 * bindDiagnostic("unknownColumn", { start: 0, end: 6 }, "Acount", "Account").message;
 * // "Unknown column 'Acount'; did you mean 'Account'"
 * ```
 */
export function bindDiagnostic<N extends BindCodeName>(
  name: N,
  span: Span,
  ...args: Parameters<typeof BIND_CODES[N]["message"]>
): KqlDiagnostic {
  const entry = BIND_CODES[name];
  const message = (entry.message as (...a: unknown[]) => string)(...args);
  return { code: entry.code, severity: entry.severity, message, span };
}
