import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/value.ts";
import { define, SAME_AS_FIRST, type ScalarFunctionTable } from "./scalar_function.ts";

/**
 * Rounds half away from zero at `digits` decimal places (negative digits round to tens, hundreds, ...). The
 * scaled value is first cut to 15 significant digits so that `round(1.005, 2)` sees 100.5, not 100.49999….
 */
function round(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const d = Math.trunc(digits);
  const scale = Math.pow(10, Math.abs(d));
  const scaled = d >= 0 ? value * scale : value / scale;
  const cleaned = Number(Math.abs(scaled).toPrecision(15));
  const rounded = Math.sign(value) * Math.round(cleaned);
  return (d >= 0 ? rounded / scale : rounded * scale) || 0;
}

type NumberFn = (x: number) => number;

function unary(fn: NumberFn, returns: ScalarType | typeof SAME_AS_FIRST = "real") {
  return define([1, 1], returns, ([x]) => typeof x === "number" ? fn(x) : null);
}

function numberOrNull(value: Value): number | null {
  return typeof value === "number" ? value : null;
}

/** Math functions; null in, null out; NaN and infinities as IEEE 754 gives them (`log(0)` is `-inf`). */
export const MATH_FUNCTIONS: ScalarFunctionTable = {
  abs: unary(Math.abs, SAME_AS_FIRST),
  sign: unary((x) => Math.sign(x), SAME_AS_FIRST),
  ceiling: unary(Math.ceil, SAME_AS_FIRST),
  round: define([1, 2], SAME_AS_FIRST, ([x, d]) => {
    const value = numberOrNull(x);
    const digits = d === undefined ? 0 : numberOrNull(d);
    return value === null || digits === null ? null : round(value, digits);
  }),
  exp: unary(Math.exp),
  exp2: unary((x) => Math.pow(2, x)),
  exp10: unary((x) => Math.pow(10, x)),
  log: unary(Math.log),
  log2: unary(Math.log2),
  log10: unary(Math.log10),
  sqrt: unary(Math.sqrt),
  pow: define([2, 2], "real", ([b, e]) => Math.pow(b as number, e as number)),
  pi: define([0, 0], "real", () => Math.PI),
  degrees: unary((x) => x * 180 / Math.PI),
  radians: unary((x) => x * Math.PI / 180),
  sin: unary(Math.sin),
  cos: unary(Math.cos),
  tan: unary(Math.tan),
  asin: unary(Math.asin),
  acos: unary(Math.acos),
  atan: unary(Math.atan),
  atan2: define([2, 2], "real", ([y, x]) => Math.atan2(y as number, x as number)),
  cot: unary((x) => 1 / Math.tan(x)),
  rand: define([0, 1], (types) => types.length === 0 ? "real" : "long", ([n], c) => {
    if (n === undefined) return c.random();
    const range = numberOrNull(n);
    return range === null || range < 1 ? null : Math.floor(c.random() * Math.trunc(range));
  }, { strict: false }),
};
