/**
 * Operator options written `name=value` before an operator's arguments: `kind=inner`, `hint.strategy=shuffle`,
 * `withsource=Source`, `isfuzzy=true`, `bagexpansion=array`, `with_itemindex=i`, `flags=Ui`.
 */
import type { ExpressionNode, OperatorParameterNode } from "../syntax/ast.ts";
import type { Cursor } from "./_cursor.ts";
import { isNameToken } from "./expressions.ts";
import { parsePrimary } from "./primary.ts";

/**
 * Read the operator parameters at the cursor. `allowed` lists the accepted lower-case names; an entry ending in
 * `.` accepts every name with that prefix (`hint.`). A word not in the list is left for the operator itself, since
 * KQL options and column names share one namespace (`kind` is also a common column).
 */
export function parseOperatorParameters(p: Cursor, allowed: readonly string[]): OperatorParameterNode[] {
  const parameters: OperatorParameterNode[] = [];
  for (;;) {
    const width = parameterNameWidth(p);
    if (width === 0) return parameters;
    let name = "";
    for (let k = 0; k < width; k++) name += p.peek(k).lower;
    if (!allowed.some((a) => a.endsWith(".") ? name.startsWith(a) : a === name)) return parameters;
    const start = p.token.start;
    for (let k = 0; k <= width; k++) p.next(); // name parts and `=`
    const value = parseParameterValue(p);
    parameters.push({ kind: "OperatorParameter", name, value, span: p.spanFrom(start) });
  }
}

/** Number of tokens of `name` or `a.b.c` when followed by `=`; 0 when the cursor is not at a parameter. */
function parameterNameWidth(p: Cursor): number {
  if (!isNameToken(p.token)) return 0;
  let k = 1;
  while (p.isPunct(".", k) && isNameToken(p.peek(k + 1))) k += 2;
  return p.isPunct("=", k) ? k : 0;
}

function parseParameterValue(p: Cursor): ExpressionNode {
  const t = p.token;
  if (isNameToken(t) && t.lower !== "true" && t.lower !== "false") {
    p.next();
    return { kind: "NameReference", name: t.text, bracketed: false, span: { start: t.start, end: t.end } };
  }
  if (p.isPunct("-") && (p.peek(1).kind === "Long" || p.peek(1).kind === "Real")) {
    p.next();
    const operand = parsePrimary(p);
    return { kind: "Unary", operator: "-", operand, span: p.spanFrom(t.start) };
  }
  return parsePrimary(p);
}
