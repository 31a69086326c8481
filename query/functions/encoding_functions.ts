import { toGuid } from "../values/convert.ts";
import type { Value } from "../values/value.ts";
import { punycodeDecode, punycodeEncode } from "./punycode.ts";
import { define, type ScalarFunctionTable, textOf } from "./scalar_function.ts";

const UTF8 = new TextEncoder();

/** .NET's `Guid.ToByteArray` order: the first three groups little-endian, the rest as written. */
function guidBytes(guid: string): number[] {
  const hex = guid.replace(/-/g, "");
  const bytes = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => bytes[i]);
}

function bytesToGuid(bytes: readonly number[]): string {
  const order = [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15];
  const hex = order.map((i) => bytes[i].toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function tohex(value: number, minLength: number): string | null {
  if (!Number.isInteger(value)) return null;
  const hex = BigInt.asUintN(64, BigInt(value)).toString(16);
  // Longer than 64 bits of hex is never needed; the cap keeps a huge request from allocating.
  return Number.isFinite(minLength) ? hex.padStart(Math.min(minLength, 64), "0") : hex;
}

const BYTE_UNITS = ["Bytes", "KB", "MB", "GB", "TB", "PB", "EB"];

/** `format_bytes(size [, precision [, units]])`: base-1024 units, the largest that keeps the value ≥ 1. */
function formatBytes(size: number, precision: number, units: Value): string {
  let unit = typeof units === "string"
    ? BYTE_UNITS.findIndex((u) => u.toLowerCase() === units.toLowerCase())
    : -1;
  if (unit < 0) {
    unit = 0;
    while (unit < BYTE_UNITS.length - 1 && Math.abs(size) >= 1024 ** (unit + 1)) unit++;
  }
  const value = size / 1024 ** unit;
  const digits = Number.isFinite(precision) ? Math.min(20, Math.max(0, Math.trunc(precision))) : 0;
  return value.toFixed(digits) + " " + BYTE_UNITS[unit];
}

function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return true;
    }
  }
  return false;
}

/** Byte, GUID and number encodings, and `new_guid` (random, from the call context's source). */
export const ENCODING_FUNCTIONS: ScalarFunctionTable = {
  base64_encode_fromguid: define([1, 1], "string", ([g]) => {
    const guid = toGuid(g);
    return guid === null ? null : btoa(String.fromCharCode(...guidBytes(guid)));
  }),
  base64_decode_toguid: define([1, 1], "guid", ([s], c) => {
    try {
      const binary = atob(textOf(s, c.argTypes[0]));
      if (binary.length !== 16) return null;
      return bytesToGuid(Array.from(binary, (ch) => ch.charCodeAt(0)));
    } catch {
      return null;
    }
  }),
  tohex: define(
    [1, 2],
    "string",
    ([v, min]) => typeof v !== "number" ? null : tohex(v, typeof min === "number" ? Math.trunc(min) : 0),
  ),
  toutf8: define([1, 1], "dynamic", ([s], c) => Array.from(UTF8.encode(textOf(s, c.argTypes[0])))),
  isutf8: define([1, 1], "bool", ([s], c) => !hasLoneSurrogate(textOf(s, c.argTypes[0]))),
  make_string: define([0, 64], "string", (args) => {
    const points = args.flatMap((a) => Array.isArray(a) ? a : [a]);
    if (!points.every((p) => typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 0x10ffff)) {
      return null;
    }
    return String.fromCodePoint(...(points as number[]));
  }),
  format_bytes: define(
    [1, 3],
    "string",
    ([size, precision, units]) =>
      typeof size !== "number"
        ? null
        : formatBytes(size, typeof precision === "number" ? precision : 0, units ?? null),
  ),
  punycode_from_string: define([1, 1], "string", ([s], c) => punycodeEncode(textOf(s, c.argTypes[0]))),
  punycode_to_string: define([1, 1], "string", ([s], c) => punycodeDecode(textOf(s, c.argTypes[0]))),
  new_guid: define([0, 0], "guid", (_, c) => {
    const bytes = Array.from({ length: 16 }, () => Math.floor(c.random() * 256));
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${
      hex.slice(20)
    }`;
  }),
};
