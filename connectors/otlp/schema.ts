/** The OTLP/HTTP JSON logs request shape (ExportLogsServiceRequest), validated at the boundary with valibot. */

import * as v from "valibot";

const KeyValueList = v.optional(
  v.nullable(v.array(v.looseObject({ key: v.string(), value: v.optional(v.unknown()) }))),
);
/** int64/uint64 fields are strings in OTLP JSON, but some senders write numbers. */
const Int64 = v.optional(v.nullable(v.union([v.string(), v.number()])));

/** One log record. */
export const LogRecordSchema = v.looseObject({
  timeUnixNano: Int64,
  observedTimeUnixNano: Int64,
  severityNumber: v.optional(v.nullable(v.union([v.number(), v.string()]))),
  severityText: v.optional(v.nullable(v.string())),
  body: v.optional(v.unknown()),
  attributes: KeyValueList,
  traceId: v.optional(v.nullable(v.string())),
  spanId: v.optional(v.nullable(v.string())),
});

/** The request: resourceLogs → scopeLogs → logRecords. */
export const ExportLogsRequestSchema = v.looseObject({
  resourceLogs: v.array(v.looseObject({
    resource: v.optional(v.nullable(v.looseObject({ attributes: KeyValueList }))),
    scopeLogs: v.optional(v.nullable(v.array(v.looseObject({
      scope: v.optional(
        v.nullable(v.looseObject({ name: v.optional(v.string()), version: v.optional(v.string()) })),
      ),
      logRecords: v.optional(v.nullable(v.array(v.unknown()))),
    })))),
  })),
});
