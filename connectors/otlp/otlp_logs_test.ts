import assert from "node:assert/strict";
import { anyValue, otlpLogsResponse, parseOtlpLogs } from "./mod.ts";

const context = { receivedAt: new Date("2024-03-01T00:00:00Z") };
const encode = (value: unknown) =>
  new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

const REQUEST = {
  resourceLogs: [{
    resource: {
      attributes: [{ key: "service.name", value: { stringValue: "checkout" } }, {
        key: "host.name",
        value: { stringValue: "node-1" },
      }],
    },
    scopeLogs: [{
      scope: { name: "io.opentelemetry.contrib.logback", version: "1.0.0" },
      logRecords: [
        {
          timeUnixNano: "1709287200123456789",
          observedTimeUnixNano: "1709287200200000000",
          severityNumber: 17,
          severityText: "ERROR",
          body: { stringValue: "Payment failed for order 42" },
          attributes: [
            { key: "http.status_code", value: { intValue: "502" } },
            { key: "retry", value: { boolValue: true } },
            { key: "tags", value: { arrayValue: { values: [{ stringValue: "a" }, { doubleValue: 1.5 }] } } },
          ],
          traceId: "5b8efff798038103d269b633813fc60c",
          spanId: "eee19b7ec3c1b174",
        },
        {
          observedTimeUnixNano: "1709287201000000000",
          body: { kvlistValue: { values: [{ key: "event", value: { stringValue: "login" } }] } },
        },
        { timeUnixNano: 0, severityNumber: "not a number" },
        { severityText: 12 },
      ],
    }],
  }],
};

Deno.test("parseOtlpLogs maps log records to OTelLogs rows", () => {
  const result = parseOtlpLogs(encode(REQUEST), context);
  assert.equal(result.records.length, 3);
  const [first, second, third] = result.records.map((record) => record.row);
  assert.deepEqual(first, {
    TimeGenerated: "2024-03-01T10:00:00.123456Z",
    ObservedTimestamp: "2024-03-01T10:00:00.200Z",
    SeverityText: "ERROR",
    SeverityNumber: 17,
    Body: "Payment failed for order 42",
    Attributes: {
      "http.status_code": 502,
      retry: true,
      tags: ["a", 1.5],
      "otel.scope.name": "io.opentelemetry.contrib.logback",
      "otel.scope.version": "1.0.0",
    },
    Resource: { "service.name": "checkout", "host.name": "node-1" },
    TraceId: "5b8efff798038103d269b633813fc60c",
    SpanId: "eee19b7ec3c1b174",
  });
  assert.equal(
    second.TimeGenerated,
    "2024-03-01T10:00:01.000Z",
    "observed time when the event time is unset",
  );
  assert.deepEqual(second.Body, { event: "login" });
  assert.equal(third.TimeGenerated, context.receivedAt.toISOString());
  assert.equal(third.SeverityNumber, undefined);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].index, 3);
  assert.deepEqual(otlpLogsResponse(result), {
    partialSuccess: { rejectedLogRecords: "1", errorMessage: result.errors[0].message },
  });
});

Deno.test("parseOtlpLogs rejects a body that is not an OTLP request", () => {
  assert.match(
    parseOtlpLogs(encode('{"resourceLogs": 5}'), context).errors[0].message,
    /^Invalid OTLP logs request: "resourceLogs"/,
  );
  assert.match(parseOtlpLogs(encode("{not json"), context).errors[0].message, /^Cannot parse JSON body/);
});

Deno.test("anyValue keeps big int64 values exact and survives deep nesting", () => {
  assert.equal(anyValue({ intValue: "9223372036854775807" }), "9223372036854775807");
  let deep: unknown = { stringValue: "leaf" };
  for (let i = 0; i < 10_000; i++) deep = { arrayValue: { values: [deep] } };
  assert.doesNotThrow(() => anyValue(deep));
});
