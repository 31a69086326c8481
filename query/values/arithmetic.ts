import type { ScalarType } from "../symbols/types.ts";
import { compareValues } from "./compare.ts";
import type { Value } from "./value.ts";

/** KQL's binary arithmetic and ordering operators. */
export type BinaryOperator = "+" | "-" | "*" | "/" | "%" | "<" | "<=" | ">" | ">=";

const INTEGRAL: ReadonlySet<ScalarType> = new Set(["int", "long"]);
const NUMERIC: ReadonlySet<ScalarType> = new Set(["int", "long", "real", "decimal"]);

function numericResult(left: ScalarType, right: ScalarType): ScalarType {
  if (left === "real" || right === "real") return "real";
  if (left === "decimal" || right === "decimal") return "decimal";
  return left === "long" || right === "long" ? "long" : "int";
}

/**
 * The result type of `left op right`, or `undefined` when KQL rejects the operand types. Datetime and timespan
 * arithmetic follows Kusto: `datetime - datetime` is a timespan, `datetime ± timespan` a datetime,
 * `timespan * number` and `timespan / number` timespans, `timespan / timespan` a real.
 *
 * @param operator The operator.
 * @param left Left operand type.
 * @param right Right operand type.
 * @returns The result type.
 * @example
 * ```ts
 * binaryResultType("-", "datetime", "datetime"); // "timespan"
 * ```
 */
export function binaryResultType(
  operator: BinaryOperator,
  left: ScalarType,
  right: ScalarType,
): ScalarType | undefined {
  if (operator === "<" || operator === "<=" || operator === ">" || operator === ">=") {
    const comparable = (NUMERIC.has(left) && NUMERIC.has(right)) || left === right || left === "dynamic" ||
      right === "dynamic";
    return comparable ? "bool" : undefined;
  }
  if (left === "dynamic" || right === "dynamic") return "dynamic";
  if (NUMERIC.has(left) && NUMERIC.has(right)) return numericResult(left, right);
  switch (operator) {
    case "+":
      if (left === "datetime" && right === "timespan") return "datetime";
      if (left === "timespan" && right === "datetime") return "datetime";
      if (left === "timespan" && right === "timespan") return "timespan";
      return undefined;
    case "-":
      if (left === "datetime" && right === "datetime") return "timespan";
      if (left === "datetime" && right === "timespan") return "datetime";
      if (left === "timespan" && right === "timespan") return "timespan";
      return undefined;
    case "*":
      if (left === "timespan" && NUMERIC.has(right)) return "timespan";
      if (NUMERIC.has(left) && right === "timespan") return "timespan";
      return undefined;
    case "/":
      if (left === "timespan" && right === "timespan") return "real";
      if (left === "timespan" && NUMERIC.has(right)) return "timespan";
      return undefined;
    case "%":
      if (left === "timespan" && right === "timespan") return "timespan";
      return undefined;
  }
}

/**
 * Evaluates `left op right` with Kusto's semantics for the bound types: null if either side is null; integer
 * `/` truncates toward zero and `%` takes the dividend's sign (C# rules), and both give null for a zero divisor;
 * real division by zero gives ±infinity or NaN; timespans divided by numbers are rounded to whole microseconds.
 * Comparisons order numbers across int, long and real and strings by ordinal.
 *
 * @param operator The operator.
 * @param left Left value.
 * @param right Right value.
 * @param types The bound types of the operands.
 * @returns The result, or null.
 * @example
 * ```ts
 * binaryOperation("/", 7, 2, { left: "long", right: "long" }); // 3
 * binaryOperation("/", 7, 2, { left: "long", right: "real" }); // 3.5
 * ```
 */
export function binaryOperation(
  operator: BinaryOperator,
  left: Value,
  right: Value,
  types: { readonly left: ScalarType; readonly right: ScalarType },
): Value {
  if (left === null || right === null) return null;
  switch (operator) {
    case "<":
    case "<=":
    case ">":
    case ">=": {
      if (typeof left === "number" && typeof right === "number" && (left !== left || right !== right)) {
        return false;
      }
      const c = compareValues(left, right);
      return operator === "<" ? c < 0 : operator === "<=" ? c <= 0 : operator === ">" ? c > 0 : c >= 0;
    }
  }
  if (typeof left !== "number" || typeof right !== "number") return null;
  const resultType = binaryResultType(operator, types.left, types.right) ??
    (types.left === "dynamic" || types.right === "dynamic" ? "dynamic" : undefined);
  if (resultType === undefined) return null;
  const integral = (INTEGRAL.has(types.left) && INTEGRAL.has(types.right)) ||
    (resultType === "dynamic" && Number.isInteger(left) && Number.isInteger(right));
  switch (operator) {
    case "+":
      return left + right;
    case "-":
      return left - right;
    case "*":
      return resultType === "timespan" ? Math.round(left * right) : left * right;
    case "/":
      if (integral) return right === 0 ? null : Math.trunc(left / right);
      if (resultType === "timespan") return right === 0 ? null : Math.round(left / right);
      return left / right;
    case "%":
      if (integral || resultType === "timespan") return right === 0 ? null : left % right;
      return left % right;
  }
}
