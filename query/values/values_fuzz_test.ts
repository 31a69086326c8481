import assert from "node:assert/strict";
import { SCALAR_TYPES } from "../symbols/types.ts";
import { parseDatetime } from "./datetime_parse.ts";
import { formatDatetime } from "./datetime_format.ts";
import { decodeValue } from "./decode.ts";
import { formatTimespan, parseTimespan } from "./timespan.ts";
import { toKqlString } from "./to_string.ts";
import type { Value } from "./value.ts";

/**
 * Seeded fuzzing of the text parsers, which read untrusted event data: mutated datetimes and timespans must
 * parse to a number or null without throwing, and whatever parses must round-trip through its formatter.
 */

function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEEDS = [
  "2024-02-29T23:59:59.9999999Z",
  "2014-11-08 15:55:55+05:30",
  "Sat, 8 Nov 14 15:05:02 GMT",
  "Saturday, 08-Nov-14 15:05 PST",
  "0001-01-01",
  "1.02:03:04.5",
  "-00:00:01",
  "30min",
  "1.5h",
];
const ALPHABET = "0123456789-:.+TZ tz,abcGMTdhms/\u00e9\u0000";

function mutate(rng: () => number, text: string): string {
  let s = text;
  for (let i = 0, n = 1 + Math.floor(rng() * 3); i < n; i++) {
    const at = Math.floor(rng() * (s.length + 1));
    const c = ALPHABET[Math.floor(rng() * ALPHABET.length)];
    const r = rng();
    s = r < 0.4
      ? s.slice(0, at) + c + s.slice(at + 1)
      : r < 0.7
      ? s.slice(0, at) + c + s.slice(at)
      : s.slice(0, at) +
        s.slice(at + 1);
  }
  return s;
}

Deno.test("parseDatetime and parseTimespan never throw and round-trip what they accept", () => {
  const rng = generator(7);
  let accepted = 0;
  for (let i = 0; i < 20000; i++) {
    const text = mutate(rng, SEEDS[i % SEEDS.length]);
    const dt = parseDatetime(text);
    if (dt !== null) {
      accepted++;
      assert.ok(Number.isInteger(dt), text);
      assert.equal(parseDatetime(formatDatetime(dt)), dt, text);
    }
    const ts = parseTimespan(text);
    if (ts !== null) {
      assert.ok(Number.isFinite(ts), text);
      assert.equal(parseTimespan(formatTimespan(ts)), ts, text);
    }
  }
  assert.ok(accepted > 500, `only ${accepted} mutated datetimes parsed`);
});

Deno.test("decodeValue and toKqlString accept any JSON value for every type", () => {
  const rng = generator(11);
  const samples: unknown[] = [
    undefined,
    null,
    true,
    0,
    -1.5,
    1e300,
    "",
    "x",
    "2024-01-01",
    "1d",
    "[1]",
    "{",
    [1],
    {
      a: 1,
    },
  ];
  for (let i = 0; i < 5000; i++) {
    const raw = samples[Math.floor(rng() * samples.length)];
    for (const type of SCALAR_TYPES) {
      const value: Value = decodeValue(raw, type);
      assert.equal(typeof toKqlString(value, type), "string");
    }
  }
});
