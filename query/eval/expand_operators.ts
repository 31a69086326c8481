/**
 * Operators that add columns from values inside a row: `mv-expand`, `parse` / `parse-where` (simple and
 * regex), `parse-kv`, and the data-dependent plugins `bag_unpack` and `pivot`, whose output schema is only known
 * once their whole input has been seen (they call the downstream factory at `finish()`).
 */
import { expressionName } from "../bind/expression_name.ts";
import { nextColumnName } from "../bind/table_type.ts";
import { parameterValue } from "../bind/bind_join.ts";
import type {
  EvaluateOperatorNode,
  MvExpandOperatorNode,
  ParseKvOperatorNode,
  ParseOperatorNode,
} from "../syntax/ast.ts";
import { compileRegex } from "../functions/mod.ts";
import { type ColumnSchema, type ScalarType, toScalarType } from "../symbols/types.ts";
import {
  isBag,
  toBool,
  toDatetime,
  toDynamic,
  toGuid,
  toInt,
  toKqlString,
  toLong,
  toReal,
  toTimespan,
  type Value,
  valueKey,
} from "../values/mod.ts";
import { evalDiagnostic, EvalStop } from "./eval_codes.ts";
import { layoutOf } from "./eval_context.ts";
import { compileScalar } from "./compile_scalar.ts";
import { compileAgainst, type OperatorSite, scalarEnv } from "./pipe_env.ts";
import { type Eval, missingValue, type PushOperator, type Row } from "./push_operator.ts";
import { compileAggregates } from "./summarize_operator.ts";

/** Convert a value to a column type as a cast (`to typeof()`, parse captures); null when it does not fit. */
export function castTo(value: Value, type: ScalarType): Value {
  if (value === null) return null;
  switch (type) {
    case "string":
      return typeof value === "string" ? value : toKqlString(value, "dynamic");
    case "long":
      return toLong(value, typeof value === "string" ? "string" : "dynamic");
    case "int":
      return toInt(value, typeof value === "string" ? "string" : "dynamic");
    case "real":
    case "decimal":
      return toReal(value, typeof value === "string" ? "string" : "dynamic");
    case "bool":
      return toBool(value);
    case "datetime":
      return toDatetime(value, typeof value === "string" ? "string" : "dynamic");
    case "timespan":
      return toTimespan(value, typeof value === "string" ? "string" : "dynamic");
    case "guid":
      return toGuid(value);
    case "dynamic":
      return typeof value === "string" ? toDynamic(value) : value;
  }
}

/**
 * What `mv-expand` expands a value into: an array's elements, a bag's properties (as one-property bags, or as
 * `[key, value]` pairs with `bagexpansion=array`), or the value itself. The DuckDB UDFs call it too, so that both
 * engines expand alike.
 */
export function mvExpandElements(v: Value, bagexpansion: "bag" | "array"): Value[] {
  if (v === null) return [null];
  if (Array.isArray(v)) return v;
  if (isBag(v)) return Object.entries(v).map(([k, x]) => bagexpansion === "array" ? [k, x] : { [k]: x });
  return [v];
}

/** `to typeof(T)` of mv-expand: a cast, not a conversion; an element of another kind becomes null. */
export function mvExpandConform(value: Value, type: ScalarType): Value {
  switch (type) {
    case "dynamic":
      return value;
    case "long":
    case "int":
      return typeof value === "number" && Number.isInteger(value) ? value : null;
    case "real":
    case "decimal":
      return typeof value === "number" ? value : null;
    case "bool":
      return typeof value === "boolean" ? value : null;
    case "string":
      return typeof value === "string" ? value : null;
    default:
      return typeof value === "string" ? castTo(value, type) : null;
  }
}

/** Place new columns as `extend` does: an existing name is replaced in place, a new one appended. */
function placeColumns(input: readonly ColumnSchema[], added: readonly ColumnSchema[]) {
  const columns = [...input];
  const positions = added.map((c) => {
    const at = columns.findIndex((x) => x.name === c.name);
    if (at >= 0) {
      columns[at] = c;
      return at;
    }
    columns.push(c);
    return columns.length - 1;
  });
  return { columns, positions };
}

/** `mv-expand`: one output row per element (arrays expanded in parallel, shorter ones padded with null). */
export function compileMvExpand(
  op: MvExpandOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const kind = parameterValue(op.parameters, "bagexpansion") ?? parameterValue(op.parameters, "kind") ??
    "bag";
  const indexName = parameterValue(op.parameters, "with_itemindex");
  const layout = layoutOf(input);
  const items = op.items.map((item) => {
    const expr = item.expression;
    const inner = expr.kind === "NamedExpression" ? expr.expression : expr;
    const name = expr.kind === "NamedExpression"
      ? expr.names[0].name
      : expressionName(inner, false) ?? nextColumnName(new Set(input.map((c) => c.name)));
    const type: ScalarType = item.toType === undefined
      ? "dynamic"
      : toScalarType(item.toType.name) ?? "dynamic";
    return { name, type, eval: compileScalar(inner, scalarEnv(env, layout)).eval };
  });
  const added: ColumnSchema[] = items.map((i) => ({ name: i.name, type: i.type }));
  if (indexName !== undefined) added.push({ name: indexName, type: "long" });
  const { columns, positions } = placeColumns(input, added);
  const limitValue = op.limit === undefined ? undefined : compileAgainst(op.limit, env, []).eval([]);
  const limit = typeof limitValue === "number" ? limitValue : Infinity;
  const width = columns.length;
  const downstream = next(columns);
  let produced = 0;
  const bagexpansion = kind === "array" ? "array" : "bag";
  return {
    push(rows) {
      env.ctx.checkAbort(op.span);
      const out: Row[] = [];
      for (const row of rows) {
        const lists = items.map((i) => mvExpandElements(i.eval(row), bagexpansion));
        const count = Math.min(limit, Math.max(0, ...lists.map((l) => l.length)));
        for (let k = 0; k < count; k++) {
          const copy = row.slice();
          copy.length = width;
          items.forEach((item, j) => {
            const v = lists[j][k];
            copy[positions[j]] = v === undefined ? null : mvExpandConform(v, item.type);
          });
          if (indexName !== undefined) copy[positions[items.length]] = k;
          out.push(copy);
        }
      }
      produced += out.length;
      env.ctx.checkRows(produced, op.span);
      if (out.length > 0) downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** `parse [kind=simple|regex] source with pattern` and `parse-where` (which drops rows that do not match). */
export function compileParse(
  op: ParseOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const kind = (parameterValue(op.parameters, "kind") ?? "simple").toLowerCase();
  if (kind !== "simple" && kind !== "regex" && kind !== "relaxed") {
    throw new EvalStop(evalDiagnostic("unsupportedOption", op.span, op.keyword, `kind=${kind}`));
  }
  const flags = parameterValue(op.parameters, "flags") ?? "";
  const captures: ColumnSchema[] = [];
  const relaxed = kind === "relaxed";
  const literal = kind !== "regex";
  let source = literal ? "^" : "";
  op.pattern.forEach((part, i) => {
    const last = i === op.pattern.length - 1;
    if (part.kind === "Literal") {
      const text = typeof part.value === "string" ? part.value : String(part.value);
      source += literal ? escapeRegex(text) : text;
    } else if (part.kind === "Star") {
      source += last ? "[\\s\\S]*" : "[\\s\\S]*?";
    } else {
      const type = part.type === undefined ? "string" : toScalarType(part.type.name) ?? "string";
      captures.push({ name: part.name.name, type });
      source += last ? "([\\s\\S]*)" : "([\\s\\S]*?)";
    }
  });
  const compiled = compileRegex(source, flags.includes("i") ? "i" : "");
  if ("error" in compiled) throw new EvalStop(evalDiagnostic("runtime", op.span, compiled.error));
  const regex = compiled.regex;
  const from = compileAgainst(op.source, env, input).eval;
  const { columns, positions } = placeColumns(input, captures);
  const width = columns.length;
  const dropUnmatched = op.keyword === "parse-where";
  const downstream = next(columns);
  return {
    push(rows) {
      const out: Row[] = [];
      for (const row of rows) {
        const v = from(row);
        const text = typeof v === "string" ? v : v === null ? "" : toKqlString(v, "dynamic");
        const m = regex.exec(text);
        let values: Value[] | undefined;
        if (m !== null) {
          values = captures.map((c, i) => castTo(m[i + 1] ?? "", c.type));
          // simple/regex: a capture that does not convert fails the row; relaxed: only that value is null.
          if (!relaxed && values.some((x, i) => x === null && captures[i].type !== "string")) {
            values = undefined;
          }
        }
        if (values === undefined && dropUnmatched) continue;
        const copy = row.slice();
        copy.length = width;
        captures.forEach((c, i) => {
          copy[positions[i]] = values === undefined ? (c.type === "string" ? "" : null) : values[i];
        });
        out.push(copy);
      }
      if (out.length > 0) downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}

/** `parse-kv source as (k:type, ...) with (pair_delimiter=.., kv_delimiter=.., quote=..)`. */
export function compileParseKv(
  op: ParseKvOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const option = (name: string) => parameterValue(op.properties, name);
  if (option("regex") !== undefined) {
    throw new EvalStop(evalDiagnostic("unsupportedOption", op.span, "parse-kv", "regex"));
  }
  const pairDelimiter = option("pair_delimiter") ?? " ";
  const kvDelimiter = option("kv_delimiter") ?? "=";
  const quotes = option("quote") ?? "";
  const wanted: ColumnSchema[] = op.columns.map((c) => ({
    name: c.name.name,
    type: toScalarType(c.type.name) ?? "string",
  }));
  const { columns, positions } = placeColumns(input, wanted);
  const width = columns.length;
  const from = compileAgainst(op.source, env, input).eval;
  const unquote = (s: string) => {
    const t = s.trim();
    return t.length >= 2 && quotes.includes(t[0]) && t[t.length - 1] === t[0] ? t.slice(1, -1) : t;
  };
  const downstream = next(columns);
  return {
    push(rows) {
      const out: Row[] = [];
      for (const row of rows) {
        const v = from(row);
        const text = typeof v === "string" ? v : "";
        const found = new Map<string, string>();
        for (const pair of text.split(pairDelimiter)) {
          const at = pair.indexOf(kvDelimiter);
          if (at < 0) continue;
          const key = unquote(pair.slice(0, at));
          if (!found.has(key)) found.set(key, unquote(pair.slice(at + kvDelimiter.length)));
        }
        const copy = row.slice();
        copy.length = width;
        wanted.forEach((c, i) => {
          const s = found.get(c.name);
          copy[positions[i]] = s === undefined ? (c.type === "string" ? "" : null) : castTo(s, c.type);
        });
        out.push(copy);
      }
      if (out.length > 0) downstream.push(out);
    },
    finish: () => downstream.finish(),
  };
}

/** The type that describes every non-null value of a column (for columns made from data). */
export function inferType(values: Iterable<Value>): ScalarType {
  let type: ScalarType | undefined;
  for (const v of values) {
    if (v === null) continue;
    const t: ScalarType = typeof v === "string"
      ? "string"
      : typeof v === "boolean"
      ? "bool"
      : typeof v === "number"
      ? (Number.isInteger(v) ? "long" : "real")
      : "dynamic";
    if (type === undefined) type = t;
    else if (type !== t) {
      if ((type === "long" && t === "real") || (type === "real" && t === "long")) type = "real";
      else return "dynamic";
    }
  }
  return type ?? "dynamic";
}

/** `evaluate bag_unpack(col [, prefix])` and `evaluate pivot(col [, agg] [, keys...])`. */
export function compileEvaluate(
  op: EvaluateOperatorNode,
  site: OperatorSite,
): PushOperator {
  const { input, next, env } = site;
  const name = op.plugin.name.name;
  const args = op.plugin.arguments.filter((a) => a.kind !== "NamedExpression");
  if (name === "bag_unpack") {
    const target = args[0];
    if (target === undefined) throw new EvalStop(evalDiagnostic("unsupportedPlugin", op.plugin.span, name));
    const bag = compileAgainst(target, env, input).eval;
    const prefixValue = args[1] === undefined ? "" : compileAgainst(args[1], env, []).eval([]);
    const prefix = typeof prefixValue === "string" ? prefixValue : "";
    const removed = target.kind === "NameReference" ? input.findIndex((c) => c.name === target.name) : -1;
    const kept = input.map((_, i) => i).filter((i) => i !== removed);
    const rows: Row[] = [];
    return {
      push(batch) {
        for (const r of batch) rows.push(r);
      },
      finish() {
        const keys: string[] = [];
        const seen = new Set<string>();
        const bags = rows.map((r) => {
          const v = bag(r);
          if (!isBag(v)) return undefined;
          for (const k of Object.keys(v)) {
            if (!seen.has(k)) {
              seen.add(k);
              keys.push(k);
            }
          }
          return v;
        });
        const keptNames = new Set(kept.map((i) => input[i].name));
        const newKeys = keys.filter((k) => !keptNames.has(prefix + k));
        const columns: ColumnSchema[] = [
          ...kept.map((i) => input[i]),
          ...newKeys.map((k) => ({ name: prefix + k, type: inferType(bags.map((b) => b?.[k] ?? null)) })),
        ];
        const downstream = next(columns);
        const out = rows.map((r, j) => [
          ...kept.map((i) => r[i]),
          ...newKeys.map((k, n) => (bags[j]?.[k] ?? missingValue(columns[kept.length + n].type)) as Value),
        ]);
        if (out.length > 0) downstream.push(out);
        downstream.finish();
      },
    };
  }
  if (name === "pivot") {
    const pivotExpr = args[0];
    if (pivotExpr === undefined) {
      throw new EvalStop(evalDiagnostic("unsupportedPlugin", op.plugin.span, name));
    }
    const pivot = compileAgainst(pivotExpr, env, input).eval;
    const aggregateExpr = args[1];
    const aggs = aggregateExpr === undefined
      ? undefined
      : compileAggregates([aggregateExpr], input, env, new Set());
    const keyExprs = args.slice(2);
    const keyEvals: Eval[] = keyExprs.map((k) => compileAgainst(k, env, input).eval);
    const keyColumns: ColumnSchema[] = keyExprs.map((k, i) => ({
      name: expressionName(k, true) ?? `Column${i + 1}`,
      type: k.kind === "NameReference"
        ? input.find((c) => c.name === k.name)?.type ?? "dynamic"
        : env.ctx.typeOf(k),
    }));
    const rows: Row[] = [];
    return {
      push(batch) {
        for (const r of batch) rows.push(r);
      },
      finish() {
        const pivotValues = new Map<string, string>();
        const groups = new Map<string, { keys: Value[]; cells: Map<string, Row[]> }>();
        for (const r of rows) {
          const p = pivot(r);
          const pname = typeof p === "string" ? p : p === null ? "" : toKqlString(p, "dynamic");
          pivotValues.set(pname, pname);
          const keys = keyEvals.map((k) => k(r));
          const key = keys.map(valueKey).join("\u0001");
          let g = groups.get(key);
          if (g === undefined) groups.set(key, g = { keys, cells: new Map() });
          const cell = g.cells.get(pname);
          if (cell === undefined) g.cells.set(pname, [r]);
          else cell.push(r);
        }
        const names = [...pivotValues.keys()].sort();
        const resultOf = (cell: Row[] | undefined): Value => {
          if (aggs === undefined) return cell?.length ?? 0;
          const states = aggs.slots.map((s) => s.fn.init(s.constants));
          for (const r of cell ?? []) {
            aggs.slots.forEach((s, i) => {
              states[i] = s.fn.add(states[i], s.args.map((a) => a(r)));
            });
          }
          return aggs.outputs[0](aggs.slots.map((s, i) => s.fn.result(states[i])));
        };
        const sample = [...groups.values()].flatMap((g) => names.map((n) => resultOf(g.cells.get(n))));
        const valueType = inferType(sample);
        const columns = [...keyColumns, ...names.map((n) => ({ name: n, type: valueType }))];
        const downstream = next(columns);
        const out: Row[] = [];
        for (const g of groups.values()) out.push([...g.keys, ...names.map((n) => resultOf(g.cells.get(n)))]);
        if (out.length > 0) downstream.push(out);
        downstream.finish();
      },
    };
  }
  throw new EvalStop(evalDiagnostic("unsupportedPlugin", op.plugin.name.span, name));
}
