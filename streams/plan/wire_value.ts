/**
 * Values as JSON that comes back exactly: a Value (query/values/value.ts) is JSON except for the numbers JSON
 * cannot write (NaN, ±Infinity, which reals can be, and -0, which JSON writes as 0). Those become the marker bag
 * `{"$num": "NaN" | "Infinity" | "-Infinity" | "-0"}`; a bag whose only key is `$num` or `$bag` is wrapped as
 * `{"$bag": ...}` so that it is never read as a marker. Everything else is written as itself, so the common
 * value costs one type check and no copy.
 */
import type { Json } from "../../query/functions/mod.ts";
import type { Value } from "../../query/values/mod.ts";

const NUMBER = "$num";
const BAG = "$bag";

/** A number JSON cannot write, or undefined when JSON writes it exactly. */
function numberMarker(n: number): string | undefined {
  if (Number.isFinite(n)) return n === 0 && 1 / n < 0 ? "-0" : undefined;
  return String(n);
}

function singleKey(bag: object): string | undefined {
  let only: string | undefined;
  for (const key in bag) {
    if (!Object.hasOwn(bag, key)) continue;
    if (only !== undefined) return undefined;
    only = key;
  }
  return only;
}

/**
 * A value as JSON that `decodeWireValue` turns back into an equal value (the same object when nothing needed a
 * marker).
 *
 * @param value the value (or a saved aggregate state, which has the same shape)
 * @returns JSON-safe data: `JSON.parse(JSON.stringify(x))` gives an equal `x`
 */
export function encodeWireValue(value: Value | Json): Json {
  if (typeof value === "number") {
    const marker = numberMarker(value);
    return marker === undefined ? value : { [NUMBER]: marker };
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let out: Json[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as Value;
      const e = encodeWireValue(v);
      if (e !== v && out === undefined) out = value.slice(0, i) as Json[];
      out?.push(e);
    }
    return out ?? (value as Json[]);
  }
  const bag = value as { readonly [key: string]: Value };
  let out: [string, Json][] | undefined;
  const keys = Object.keys(bag);
  for (let i = 0; i < keys.length; i++) {
    const v = bag[keys[i]];
    const e = encodeWireValue(v);
    if (e !== v && out === undefined) out = keys.slice(0, i).map((k) => [k, bag[k] as Json]);
    out?.push([keys[i], e]);
  }
  // fromEntries keeps a `__proto__` key as an own property.
  const encoded = out === undefined ? bag as Json : Object.fromEntries(out);
  const only = singleKey(bag);
  return only === NUMBER || only === BAG ? { [BAG]: encoded } : encoded;
}

/**
 * The value `encodeWireValue` wrote.
 *
 * @param json what `encodeWireValue` gave, possibly through `JSON.stringify`/`JSON.parse`
 * @returns the value (sharing the parts of `json` that held no marker)
 */
export function decodeWireValue(json: Json): Value {
  if (json === null || typeof json !== "object") return json;
  if (Array.isArray(json)) {
    let out: Value[] | undefined;
    for (let i = 0; i < json.length; i++) {
      const d = decodeWireValue(json[i]);
      if (d !== json[i] && out === undefined) out = json.slice(0, i) as Value[];
      out?.push(d);
    }
    return out ?? (json as Value[]);
  }
  const only = singleKey(json);
  if (only === NUMBER) {
    const marker = json[NUMBER];
    return marker === "-0" ? -0 : Number(marker);
  }
  if (only === BAG && json[BAG] !== null && typeof json[BAG] === "object" && !Array.isArray(json[BAG])) {
    return decodeEntries(json[BAG] as { [key: string]: Json });
  }
  return decodeEntries(json);
}

function decodeEntries(bag: { [key: string]: Json }): Value {
  let out: [string, Value][] | undefined;
  const keys = Object.keys(bag);
  for (let i = 0; i < keys.length; i++) {
    const v = bag[keys[i]];
    const d = decodeWireValue(v);
    if (d !== v && out === undefined) out = keys.slice(0, i).map((k) => [k, bag[k] as Value]);
    out?.push([keys[i], d]);
  }
  return out === undefined ? bag as Value : Object.fromEntries(out);
}

/** A row with each value encoded (always a new array: the caller's rows may be reused). */
export function encodeWireRow(row: readonly Value[]): Json[] {
  const out = new Array<Json>(row.length);
  for (let i = 0; i < row.length; i++) out[i] = encodeWireValue(row[i]);
  return out;
}

/** A row `encodeWireRow` wrote (a new array). */
export function decodeWireRow(json: readonly Json[]): Value[] {
  const out = new Array<Value>(json.length);
  for (let i = 0; i < json.length; i++) out[i] = decodeWireValue(json[i]);
  return out;
}
