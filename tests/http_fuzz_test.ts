/**
 * Fuzzing every HTTP body parser of a real `siem start` (connectors/fuzz_test.ts covers the pure parsers; this one
 * covers the routes around them: content types, encodings, validation, error mapping). Each route gets seeded
 * garbage, corrupted valid bodies, wrong JSON types, deep nesting, invalid UTF-8 and lying Content-Encoding
 * headers. Every answer must be a 2xx or a 4xx with the JSON error shape and no stack trace; the process must
 * survive; and a valid event sent afterwards must still be ingested. Fixed seed and budget (FUZZ_ROUNDS for more).
 */
import assert from "node:assert/strict";
import { SeededRandom } from "../bench/fixtures/random.ts";
import { startSiemProcess } from "./harness/siem_process.ts";

const ROUNDS = Number(Deno.env.get("FUZZ_ROUNDS") ?? 6);

/** A route that takes a body, with one valid body to corrupt. */
interface Target {
  readonly method: "POST" | "PUT" | "PATCH";
  readonly path: string;
  readonly valid: string;
  readonly contentType: string;
}

const EVENT = JSON.stringify({ TimeGenerated: "2026-11-27T10:00:00Z", EventID: 4625, Computer: "SRV01" });
const RULE = `id: 6f1e2d3c-0009-4a5b-9c8d-999999999999
name: Fuzz
description: d
severity: Low
kind: Scheduled
queryFrequency: 5m
queryPeriod: 5m
triggerOperator: gt
triggerThreshold: 0
tactics: [Discovery]
query: SecurityEvent | take 1
version: 1
`;

const TARGETS: readonly Target[] = [
  { method: "POST", path: "/api/v1/ingest/SecurityEvent", valid: EVENT, contentType: "application/json" },
  { method: "POST", path: "/api/v1/ingest/Fuzz_CL", valid: EVENT, contentType: "application/x-ndjson" },
  {
    method: "POST",
    path: "/api/v1/connectors/cef",
    valid: "CEF:0|V|P|1|sig|name|5|src=10.0.0.1",
    contentType: "text/plain",
  },
  {
    method: "POST",
    path: "/api/v1/connectors/syslog",
    valid: "<34>Oct 11 22:14:15 host su: bad",
    contentType: "text/plain",
  },
  {
    method: "POST",
    path: "/api/v1/connectors/windows-security",
    valid: EVENT,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/api/v1/connectors/entra-signin",
    valid: `{"records":[]}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/api/v1/connectors/aws-cloudtrail",
    valid: `{"Records":[]}`,
    contentType: "application/json",
  },
  { method: "POST", path: "/api/v1/connectors/office365", valid: "[]", contentType: "application/json" },
  {
    method: "POST",
    path: "/services/collector/event",
    valid: `{"event":"x","sourcetype":"s"}`,
    contentType: "application/json",
  },
  { method: "POST", path: "/services/collector/raw", valid: "line one\nline two", contentType: "text/plain" },
  {
    method: "POST",
    path: "/dataCollectionRules/dcr-1/streams/Custom-Fuzz_CL",
    valid: `[${EVENT}]`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/_bulk",
    valid: `{"index":{"_index":"syslog"}}\n{"message":"x"}\n`,
    contentType: "application/x-ndjson",
  },
  { method: "POST", path: "/v1/logs", valid: `{"resourceLogs":[]}`, contentType: "application/json" },
  {
    method: "POST",
    path: "/api/v1/query",
    valid: `{"query":"SecurityEvent | take 1"}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/v1/workspaces/w/query",
    valid: `{"query":"print 1"}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/v1/rest/query",
    valid: `{"db":"siem","csl":"print 1"}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/v2/rest/query",
    valid: `{"db":"siem","csl":"print 1"}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/v1/rest/mgmt",
    valid: `{"db":"siem","csl":".show tables"}`,
    contentType: "application/json",
  },
  {
    method: "PUT",
    path: "/api/v1/rules/6f1e2d3c-0009-4a5b-9c8d-999999999999",
    valid: RULE,
    contentType: "application/yaml",
  },
  { method: "POST", path: "/api/v1/rules/validate", valid: RULE, contentType: "application/yaml" },
  {
    method: "PATCH",
    path: "/api/v1/incidents/none",
    valid: `{"status":"Active"}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/api/v1/incidents/none/comments",
    valid: `{"message":"x"}`,
    contentType: "application/json",
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    valid: `{"name":"t","role":"reader"}`,
    contentType: "application/json",
  },
  {
    method: "PUT",
    path: "/api/v1/workbooks/fuzz",
    valid: `{"name":"w","tiles":[]}`,
    contentType: "application/json",
  },
];

/** Seeded hostile variants of a valid body. */
function bodies(
  valid: string,
  random: SeededRandom,
): Array<{ body: Uint8Array<ArrayBuffer>; encoding?: string }> {
  const bytes: Uint8Array<ArrayBuffer> = new TextEncoder().encode(valid);
  const garbage = Uint8Array.from({ length: 1 + random.int(400) }, () => random.int(256));
  const flipped = bytes.slice();
  for (let i = 0; i < 1 + random.int(4); i++) flipped[random.int(flipped.length)] ^= 1 << random.int(8);
  const cut = bytes.slice(0, random.int(bytes.length));
  const depth = 1 + random.int(20_000);
  const nested = "[".repeat(depth) + "]".repeat(random.next() < 0.5 ? depth : 0);
  const wrongTypes = [`null`, `42`, `"text"`, `true`, `{"query":42}`, `[[[]]]`, `{"__proto__":{"x":1}}`];
  const text = (s: string): Uint8Array<ArrayBuffer> => new TextEncoder().encode(s);
  return [
    { body: garbage },
    { body: flipped },
    { body: cut },
    { body: text(nested) },
    { body: text(random.pick(wrongTypes)) },
    { body: Uint8Array.of(0xff, 0xfe, 0xc3, 0x28, ...bytes.slice(0, 20)) },
    { body: text(valid.replace(/"/g, "\\").replace(/:/g, "\u0000")) },
    { body: garbage, encoding: random.pick(["gzip", "deflate", "br", "zstd", "x-unknown"]) },
  ];
}

Deno.test("every HTTP body parser answers hostile input with a JSON 4xx and the process survives", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_LOG_LEVEL: "warn" } });
  const random = new SeededRandom(0x0f0221);
  const failures: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const target of TARGETS) {
      for (const { body, encoding } of bodies(target.valid, random)) {
        const headers: Record<string, string> = { "content-type": target.contentType };
        if (encoding) headers["content-encoding"] = encoding;
        const res = await siem.api(target.path, { method: target.method, body, headers });
        const text = await res.text();
        const where = `${target.method} ${target.path} (round ${round}${encoding ? `, ${encoding}` : ""})`;
        if (res.status >= 500) {
          // Name the body and the server's own error line, so that a failure can be reproduced and read.
          const sent = JSON.stringify(new TextDecoder().decode(body).slice(0, 200));
          const logged = siem.stderr().split("\n").filter((l) => l.includes('"error"')).at(-1)?.slice(0, 400);
          failures.push(`${where}: ${res.status} for body ${sent}; server log: ${logged}`);
        }
        if (res.status >= 400) {
          let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Kusto endpoints answer their own error format (OneApiErrors) - still JSON; anything else is a defect.
          }
          if (parsed === undefined) {
            failures.push(`${where}: ${res.status} answer is not JSON: ${text.slice(0, 120)}`);
          }
          if (/\n\s+at \S+ \(/.test(text)) failures.push(`${where}: the answer carries a stack trace`);
        }
      }
    }
  }
  assert.deepEqual(failures.slice(0, 20), []);

  // Still alive and still ingesting.
  assert.equal((await siem.api("/healthz")).status, 200);
  const ok = await siem.api("/api/v1/ingest/SecurityEvent", { method: "POST", body: EVENT });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).accepted, 1);
});
