import type { ScalarType } from "../symbols/types.ts";
import { compareValues } from "../values/compare.ts";
import type { Value } from "../values/value.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

const SAME_AS_SECOND = (types: readonly ScalarType[]): ScalarType => types[1] ?? "dynamic";

function caseOf(args: readonly Value[]): Value {
  for (let i = 0; i + 1 < args.length; i += 2) if (args[i] === true) return args[i + 1];
  return args.length % 2 === 1 ? args[args.length - 1] : null;
}

/** Strings are never null in Kusto: `""` plays that part for `coalesce` and `isempty`. */
function isEmpty(value: Value): boolean {
  return value === null || value === "";
}

function extreme(args: readonly Value[], sign: 1 | -1): Value {
  let best: Value = null;
  for (const v of args) {
    if (v === null || (typeof v === "number" && v !== v)) continue;
    if (best === null || sign * compareValues(v, best) > 0) best = v;
  }
  return best;
}

function typeName(value: Value, type: ScalarType | undefined): string {
  if (value === null) return "null";
  if (type !== undefined && type !== "dynamic") return type;
  if (Array.isArray(value)) return "array";
  switch (typeof value) {
    case "object":
      return "dictionary";
    case "number":
      return Number.isInteger(value) ? "long" : "real";
    case "boolean":
      return "bool";
    default:
      return "string";
  }
}

/**
 * Conditional and null-handling functions. `iif`/`case` receive all their arguments already evaluated; an
 * evaluator that wants to skip the untaken branch can special-case them, the results are the same.
 */
export const LOGIC_FUNCTIONS: ScalarFunctionTable = {
  iif: define([3, 3], SAME_AS_SECOND, ([c, a, b]) => c === true ? a : b, { strict: false }),
  iff: define([3, 3], SAME_AS_SECOND, ([c, a, b]) => c === true ? a : b, { strict: false }),
  case: define([0, Infinity], SAME_AS_SECOND, caseOf, { strict: false }),
  coalesce: define([0, 64], (types) => types[0] ?? "dynamic", (args) => {
    for (const v of args) if (!isEmpty(v)) return v;
    return args.length > 0 && args[args.length - 1] === "" ? "" : null;
  }, { strict: false }),
  isempty: define([1, 1], "bool", ([v]) => isEmpty(v), { strict: false }),
  isnotempty: define([1, 1], "bool", ([v]) => !isEmpty(v), { strict: false }),
  notempty: define([1, 1], "bool", ([v]) => !isEmpty(v), { strict: false }),
  isnull: define([1, 1], "bool", ([v]) => v === null, { strict: false }),
  isnotnull: define([1, 1], "bool", ([v]) => v !== null, { strict: false }),
  notnull: define([1, 1], "bool", ([v]) => v !== null, { strict: false }),
  isnan: define([1, 1], "bool", ([v]) => typeof v === "number" && v !== v),
  isfinite: define([1, 1], "bool", ([v]) => typeof v === "number" && Number.isFinite(v)),
  isinf: define([1, 1], "bool", ([v]) => v === Infinity || v === -Infinity),
  not: define([1, 1], "bool", ([v]) => typeof v === "boolean" ? !v : null),
  max_of: define([0, 64], (types) => types[0] ?? "dynamic", (args) => extreme(args, 1), { strict: false }),
  min_of: define([0, 64], (types) => types[0] ?? "dynamic", (args) => extreme(args, -1), { strict: false }),
  gettype: define([1, 1], "string", ([v], c) => typeName(v, c.argTypes[0]), { strict: false }),
};
