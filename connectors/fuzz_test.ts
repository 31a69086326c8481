/**
 * Fuzz-style robustness: every connector and generic parser gets seeded random bytes, truncated and corrupted
 * fixtures, invalid UTF-8, deep nesting and oversized input. None may throw; every result must be well formed and
 * every row must still conform to its table. The seed is fixed so that a failure reproduces; a failure found here
 * becomes a named regression test beside the parser.
 */

import assert from "node:assert/strict";
import type { ConnectorResult } from "./connector.ts";
import { CONNECTORS } from "./registry.ts";
import { rowProblems } from "./_row_conformance.ts";
import { parseSyslogPort } from "./syslog_port.ts";
import { parseIngestBody } from "./generic/parse_ingest_body.ts";
import { hecEventsToRecords, parseHecEvents } from "./splunk_hec/mod.ts";
import { bulkToRecords, parseBulk } from "./elastic_bulk/mod.ts";
import { parseOtlpLogs } from "./otlp/mod.ts";
import { parseLogsIngestion } from "./logs_ingestion/mod.ts";
import type { TableSchema } from "../query/symbols/mod.ts";

const SEED = 0x5eed_c0de;
const ROUNDS = 150;
const receivedAt = new Date("2024-03-01T12:00:00Z");
const context = { receivedAt };
const decoder = new TextDecoder();

/** mulberry32: small, fast, good enough to drive a fuzzer reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function fixtureBytes(): Uint8Array[] {
  const all: Uint8Array[] = [];
  for (const connector of CONNECTORS) {
    const folder = new URL(`./${connector.name.replace("-", "_")}/testdata/`, import.meta.url);
    for (const entry of Deno.readDirSync(folder)) {
      if (entry.isFile) all.push(Deno.readFileSync(new URL(entry.name, folder)));
    }
  }
  return all;
}

const FIXTURES = fixtureBytes();
const encode = (text: string) => new TextEncoder().encode(text);

/** Inputs: random bytes, truncations, byte flips, invalid UTF-8 splices, deep nesting, oversized. */
function inputs(seed: number): Uint8Array[] {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)];
  const list: Uint8Array[] = [
    new Uint8Array(0),
    encode("[".repeat(50_000) + "]".repeat(50_000)),
    encode('{"records":' + "[".repeat(20_000)),
    encode('{"a":'.repeat(10_000) + "1" + "}".repeat(10_000)),
    encode("<Event>".repeat(5_000)),
    encode("<13>" + "x".repeat(2 * 1024 * 1024)),
    encode(JSON.stringify({ records: [{ properties: { x: "y".repeat(1024 * 1024) } }] })),
    new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0xe2, 0x82]),
  ];
  for (let i = 0; i < ROUNDS; i++) {
    const base = pick(FIXTURES);
    switch (i % 4) {
      case 0: {
        const bytes = new Uint8Array(Math.floor(next() * 600));
        for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
        list.push(bytes);
        break;
      }
      case 1:
        list.push(base.slice(0, Math.floor(next() * base.length)));
        break;
      case 2: {
        const bytes = base.slice();
        for (let j = 0; j < 8; j++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        list.push(bytes);
        break;
      }
      default: {
        const at = Math.floor(next() * base.length);
        list.push(new Uint8Array([...base.slice(0, at), 0xc3, 0xff, 0x80, ...base.slice(at)]));
      }
    }
  }
  return list;
}

type Result = ConnectorResult & { schema?: TableSchema | null; schemas?: TableSchema[] };

function assertWellFormed(result: Result, label: string): void {
  assert.ok(Array.isArray(result.records) && Array.isArray(result.errors), label);
  for (const error of result.errors) {
    assert.ok(Number.isInteger(error.index) && error.index >= 0, `${label}: error index ${error.index}`);
    assert.ok(
      typeof error.message === "string" && /^[A-Z]/.test(error.message),
      `${label}: ${error.message}`,
    );
    assert.equal(typeof error.raw, "string", label);
  }
  const custom = new Map(
    [...(result.schemas ?? []), ...(result.schema ? [result.schema] : [])].map((s) => [s.name, s]),
  );
  for (const record of result.records) {
    assert.deepEqual(rowProblems(record, custom), [], label);
  }
}

const PARSERS: Record<string, (body: Uint8Array) => Result> = {
  ...Object.fromEntries(
    CONNECTORS.map((connector) => [connector.name, (body: Uint8Array) => connector.parse(body, context)]),
  ),
  "syslog port": (body) => parseSyslogPort(body, context),
  "ingest Syslog": (body) => parseIngestBody(body, { table: "Syslog", context }),
  "ingest custom": (body) => parseIngestBody(body, { table: "Fuzz_CL", context }),
  "logs ingestion": (body) => parseLogsIngestion(body, { stream: "Custom-Fuzz_CL", context }),
  "splunk hec": (body) => hecEventsToRecords(parseHecEvents(decoder.decode(body)).events, { context }),
  "elastic bulk": (body) => {
    const parsed = parseBulk(decoder.decode(body), { defaultIndex: "fuzz" });
    return parsed.ok ? bulkToRecords(parsed.operations, { context }) : { records: [], errors: [] };
  },
  otlp: (body) => parseOtlpLogs(body, context),
};

Object.entries(PARSERS).forEach(([name, parse], n) => {
  Deno.test(`${name}: never throws on random, truncated, corrupted, deep or oversized input (seed ${SEED + n})`, () => {
    for (const [i, body] of inputs(SEED + n).entries()) {
      let result: Result;
      try {
        result = parse(body);
      } catch (error) {
        throw new Error(`Input ${i} (${body.length} bytes) threw: ${error}`, { cause: error });
      }
      assertWellFormed(result, `${name} input ${i}`);
    }
  });
});
