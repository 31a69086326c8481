import type { ExpressionNode } from "../syntax/mod.ts";

/**
 * The column name Kusto gives an unnamed expression, or `undefined` when it gets a generated name
 * (`Column1`, `print_0`, ...): a column keeps its name, a dynamic path `a.b["c"]` becomes `a_b_c`.
 * With `throughCalls` (summarize `by` keys and aggregate arguments), a call is named after its first
 * argument, so `bin(TimeGenerated, 1h)` is `TimeGenerated` and `tostring(Props.x)` is `Props_x`.
 *
 * @example
 * ```ts
 * import { expressionName } from "./expression_name.ts";
 * import { parseQuery } from "../parse/mod.ts";
 * const statement = parseQuery("print a.b").query.statements[0];
 * ```
 */
export function expressionName(expr: ExpressionNode, throughCalls: boolean): string | undefined {
  switch (expr.kind) {
    case "NameReference":
      return expr.name.startsWith("$") ? undefined : expr.name;
    case "Parenthesized":
      return expressionName(expr.expression, throughCalls);
    case "MemberAccess": {
      if (
        expr.target.kind === "NameReference" &&
        (expr.target.name === "$left" || expr.target.name === "$right")
      ) {
        return expr.member.name;
      }
      const base = expressionName(expr.target, false);
      return base === undefined ? undefined : `${base}_${expr.member.name}`;
    }
    case "ElementAccess": {
      const base = expressionName(expr.target, false);
      if (base === undefined) return undefined;
      if (expr.index.kind === "Literal" && typeof expr.index.value === "string") {
        return `${base}_${expr.index.value}`;
      }
      if (expr.index.kind === "Literal" && typeof expr.index.value === "number") {
        return `${base}_${expr.index.value}`;
      }
      return undefined;
    }
    case "FunctionCall":
      if (!throughCalls || expr.arguments.length === 0) return undefined;
      return expressionName(expr.arguments[0], throughCalls);
    default:
      return undefined;
  }
}
