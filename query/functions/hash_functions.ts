import type { ScalarType } from "../symbols/types.ts";
import { toKqlString } from "../values/to_string.ts";
import type { Value } from "../values/value.ts";
import { md5Hex } from "./md5.ts";
import { define, type ScalarFunctionTable, textOf } from "./scalar_function.ts";
import { sha1Hex } from "./sha1.ts";
import { sha256Hex } from "./sha256.ts";
import { xxhash64 } from "./xxhash64.ts";

const UTF8 = new TextEncoder();

/**
 * The bytes `hash()` digests: UTF-8 for strings (this reproduces the Kusto documentation's `hash("World")`),
 * 8 little-endian bytes of the 64-bit integer for int/long (datetime and timespan as 100 ns ticks), of the IEEE
 * double for real. Kusto does not document its layout for non-strings; this is our choice.
 */
function hashBytes(value: Value, type: ScalarType | undefined): Uint8Array {
  if (typeof value === "number") {
    const bytes = new Uint8Array(8);
    const view = new DataView(bytes.buffer);
    if (!Number.isFinite(value)) {
      view.setFloat64(0, value, true);
    } else if (type === "datetime" || type === "timespan") {
      view.setBigInt64(0, BigInt(Math.round(value)) * 10n, true);
    } else if (Number.isInteger(value) && type !== "real") view.setBigInt64(0, BigInt(value), true);
    else view.setFloat64(0, value, true);
    return bytes;
  }
  return UTF8.encode(typeof value === "string" ? value : toKqlString(value, type));
}

/**
 * `hash(value [, mod])`: XXH64 as a signed 64-bit number. Without `mod`, values beyond 2^53 lose their low bits
 * in the number value model; with `mod` the remainder is computed on the exact 64-bit hash (non-negative, as
 * Kusto's documented `hash("World", 100) == 51`).
 */
function hash(value: Value, type: ScalarType | undefined, mod: Value | undefined): number | null {
  const h = BigInt.asIntN(64, xxhash64(hashBytes(value, type)));
  if (mod === undefined) return Number(h);
  if (typeof mod !== "number" || !Number.isInteger(mod) || mod <= 0) return null;
  const m = BigInt(mod);
  return Number(((h % m) + m) % m);
}

/** Hash functions: XXH64 (`hash`), SHA-256, SHA-1 and MD5 as lower-case hex of the UTF-8 text. */
export const HASH_FUNCTIONS: ScalarFunctionTable = {
  hash: define([1, 2], "long", ([v, mod], c) => hash(v, c.argTypes[0], mod)),
  hash_xxhash64: define([1, 2], "long", ([v, mod], c) => hash(v, c.argTypes[0], mod)),
  hash_sha256: define([1, 1], "string", ([v], c) => sha256Hex(UTF8.encode(textOf(v, c.argTypes[0])))),
  hash_sha1: define([1, 1], "string", ([v], c) => sha1Hex(UTF8.encode(textOf(v, c.argTypes[0])))),
  hash_md5: define([1, 1], "string", ([v], c) => md5Hex(UTF8.encode(textOf(v, c.argTypes[0])))),
};
