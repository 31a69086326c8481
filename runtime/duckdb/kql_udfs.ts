/**
 * The JavaScript scalar functions that compiled KQL calls from DuckDB (see query/sql `UdfSpec`): library
 * functions, operators and dynamic paths computed by the same code as the in-memory engine. Registered once per
 * connection, on first use.
 *
 * DuckDB-WASM 1.32 writes a VARCHAR result's string offsets without the address of the string buffer, so every
 * string a UDF returns reads as garbage. {@linkcode registerKqlUdfs} checks that once with a probe and, if the bug
 * is there, corrects the offsets after the library's own marshalling (nothing else of it is replaced).
 */
import { Int32, Type, Utf8 } from "apache-arrow";
import { SCALAR_FUNCTIONS, STRING_OPERATORS } from "../../query/functions/mod.ts";
import type { UdfSpec } from "../../query/sql/mod.ts";
import type { ScalarType } from "../../query/symbols/mod.ts";
import { mvExpandConform, mvExpandElements } from "../../query/eval/mod.ts";
import { binaryOperation, getIndex, toKqlString, type Value } from "../../query/values/mod.ts";
import type { DuckDbConnection } from "./open_duckdb.ts";

const registered = new WeakMap<DuckDbConnection, Set<string>>();
let stringFix: "unknown" | "needed" | "not-needed" = "unknown";

function decode(raw: unknown, type: ScalarType): Value {
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case "dynamic":
      try {
        return JSON.parse(String(raw)) as Value;
      } catch {
        return null;
      }
    case "bool":
      return raw === 1 || raw === true;
    case "string":
    case "guid":
      return String(raw);
    default:
      return typeof raw === "bigint" ? Number(raw) : raw as number;
  }
}

function encode(value: Value, type: ScalarType): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case "dynamic":
      return JSON.stringify(value);
    case "string":
    case "guid":
      return typeof value === "string" ? value : toKqlString(value);
    case "bool":
      return value === true ? 1 : value === false ? 0 : null;
    case "int":
    case "long":
    case "timespan":
    case "datetime":
      return typeof value === "number" && Number.isFinite(value) ? value : null;
    default:
      return typeof value === "number" ? value : null;
  }
}

function arrowType(type: ScalarType) {
  switch (type) {
    case "string":
    case "guid":
    case "dynamic":
      return new Utf8();
    case "int":
    case "bool":
      return new Int32();
    default:
      // `new Float64()` reports the generic Float type id, which DuckDB-WASM maps to a 32-bit FLOAT.
      return { typeId: Type.Float64 };
  }
}

const OPERATOR_ALIASES: Readonly<Record<string, string>> = {
  ":": "has",
  "<>": "!=",
  containscs: "contains_cs",
  "!containscs": "!contains_cs",
};

function implementation(spec: UdfSpec): (args: readonly Value[]) => Value {
  const call = spec.call;
  if (call.kind === "mv_count" || call.kind === "mv_element") {
    // Called once per element with the same value: its elements are kept for the next call.
    let last: { value: Value; elements: Value[] } | undefined;
    const elements = (value: Value) => {
      if (last?.value !== value) last = { value, elements: mvExpandElements(value, call.bagexpansion) };
      return last.elements;
    };
    if (call.kind === "mv_count") return ([v]) => elements(v).length;
    return ([v, k]) => mvExpandConform(elements(v)[k as number] ?? null, spec.returns);
  }
  if (call.kind === "path") {
    const paths = new Map<string, (string | number)[]>();
    return ([value, path]) => {
      const text = String(path);
      let steps = paths.get(text);
      if (steps === undefined) paths.set(text, steps = JSON.parse(text) as (string | number)[]);
      let current = value;
      for (const step of steps) current = getIndex(current, step);
      return current;
    };
  }
  if (call.kind === "function") {
    const fn = SCALAR_FUNCTIONS[call.name];
    const context = { now: 0, argTypes: spec.argTypes, random: Math.random };
    return (args) => fn.invoke(args, context);
  }
  if (call.kind !== "operator") throw new Error(`Unknown UDF kind '${call.kind}'`);
  const op = OPERATOR_ALIASES[call.operator] ?? call.operator;
  const stringOp = STRING_OPERATORS[op];
  if (stringOp !== undefined) return ([l, r]) => stringOp(l, r);
  const types = { left: spec.argTypes[0], right: spec.argTypes[1] };
  return ([l, r]) => binaryOperation(op as never, l, r, types);
}

/**
 * Register the UDFs a compiled query calls on this connection (each name once per connection).
 *
 * @param conn the connection
 * @param specs the UDFs of the compiled query
 */
export function registerKqlUdfs(conn: DuckDbConnection, specs: readonly UdfSpec[]): void {
  ensureStringResults(conn);
  let done = registered.get(conn);
  if (done === undefined) registered.set(conn, done = new Set());
  for (const spec of specs) {
    if (done.has(spec.name)) continue;
    const impl = implementation(spec);
    const { argTypes, returns } = spec;
    // mv-expand reads one value once per element: the same text decodes to the same (unchanged) value.
    const memo = spec.call.kind === "mv_count" || spec.call.kind === "mv_element";
    let lastRaw: unknown;
    let lastValue: Value = null;
    conn.createScalarFunction(spec.name, arrowType(returns), (...raw: unknown[]) => {
      const args = raw.map((r, i) => {
        if (!memo || i > 0) return decode(r, argTypes[i]);
        if (r !== lastRaw || lastRaw === undefined) {
          lastRaw = r;
          lastValue = decode(r, argTypes[i]);
        }
        return lastValue;
      });
      return encode(impl(args), returns);
    });
    done.add(spec.name);
  }
}

interface UdfRuntime {
  callScalarUDF: (mod: WasmModule, ...rest: number[]) => void;
}
interface WasmModule {
  HEAPU8: Uint8Array;
  _malloc(n: number): number;
}

const PATCHED = Symbol("kql string results corrected");

/**
 * Probe once per process whether VARCHAR UDF results come back intact; when they do not, correct them on the
 * current runtime object (a database opened later may install a fresh one, which is corrected in turn).
 */
function ensureStringResults(conn: DuckDbConnection): void {
  const runtime = (globalThis as { DUCKDB_RUNTIME?: UdfRuntime & { [PATCHED]?: true } }).DUCKDB_RUNTIME;
  if (stringFix === "not-needed" || (stringFix === "needed" && runtime?.[PATCHED])) return;
  const probe = () => {
    const name = `kql_probe_${Math.random().toString(36).slice(2)}`;
    conn.createScalarFunction(name, new Utf8(), () => "probe");
    return conn.query(`SELECT ${name}('x') AS v`).toArray()[0]?.v === "probe";
  };
  if (stringFix === "unknown" && probe()) {
    stringFix = "not-needed";
    return;
  }
  if (runtime === undefined) {
    throw new Error("DuckDB-WASM runtime not found: cannot correct UDF string results");
  }
  const original = runtime.callScalarUDF;
  const decoder = new TextDecoder();
  runtime[PATCHED] = true;
  runtime.callScalarUDF = (mod, response, id, descPtr, descLen, ...rest) => {
    const desc = JSON.parse(decoder.decode(mod.HEAPU8.subarray(descPtr, descPtr + descLen))) as {
      rows: number;
      ret: { physicalType: string };
    };
    if (desc.ret?.physicalType !== "VARCHAR") return original(mod, response, id, descPtr, descLen, ...rest);
    const allocations: number[] = [];
    const tracked = new Proxy(mod, {
      get(target, key) {
        if (key === "_malloc") {
          return (n: number) => {
            const p = target._malloc(n);
            allocations.push(p);
            return p;
          };
        }
        return (target as unknown as Record<string | symbol, unknown>)[key];
      },
    });
    original(tracked, response, id, descPtr, descLen, ...rest);
    // Allocation order in the library: result offsets, validity, lengths, string bytes, response triple.
    if (allocations.length !== 5) return;
    const [offsets, , , strings] = allocations;
    const view = new Float64Array(mod.HEAPU8.buffer, offsets, desc.rows);
    for (let i = 0; i < desc.rows; i++) view[i] += strings;
  };
  stringFix = "needed";
  if (!probe()) throw new Error("DuckDB-WASM UDF string results could not be corrected");
}
