/**
 * The bodies of Kusto REST query answers: the v2 frame list and the v1 table list. A truncated result is a
 * partial query failure, reported as Kusto reports one, so clients react as they do against Kusto: the rows
 * that fit are in the primary table, and the failure (E_QUERY_RESULT_SET_TOO_LARGE) is in the
 * QueryCompletionInformation table (v2; QueryStatus in v1) at level Error, and in v2 also in DataSetCompletion
 * (`HasErrors: true` and the OneApiErrors list) and, unless the request set `deferpartialqueryfailures`, as a
 * `{"OneApiErrors":[...]}` property bag after the last row of the primary table (where the Python client looks).
 * Microsoft's clients raise it as an error.
 */

/** .NET type names of the v1 format. */
export const V1_TYPES: Record<string, string> = {
  string: "String",
  datetime: "DateTime",
  long: "Int64",
  int: "Int32",
  real: "Double",
  decimal: "Decimal",
  bool: "Boolean",
  dynamic: "Object",
  timespan: "TimeSpan",
  guid: "Guid",
};

/** A query's answer as the frames need it. */
export interface KustoResult {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly unknown[][];
  /** Set when the rows were cut at the truncation limit. */
  readonly truncated?: { readonly limit: number };
}

/** Who asked: the client's request id (header `x-ms-client-request-id`), echoed in the status rows. */
export interface RequestContext {
  readonly clientRequestId: string;
  readonly now: Date;
  /** The request property `deferpartialqueryfailures`: report a failure only in the status tables. */
  readonly deferPartialFailures?: boolean;
}

/** Kusto's status code of a limits-exceeded partial failure, 0x80DA0003, as the signed 32-bit number it sends. */
const LIMITS_EXCEEDED = 0x80DA0003 - 2 ** 32;

function truncationMessage(limit: number): string {
  return `Query result set truncated: the result has more than ${limit} records and only the first ${limit} are ` +
    `returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003); raise the limit with 'set truncationmaxrecords = N;' ` +
    `or lift it with 'set notruncation;' (up to the server's row limit)`;
}

function partialFailure(limit: number, ctx: RequestContext, activityId: string) {
  const message = truncationMessage(limit);
  return {
    error: {
      code: "LimitsExceeded",
      message: "Query result set truncated",
      "@type": "Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException",
      "@message": message,
      "@context": {
        timestamp: ctx.now.toISOString(),
        clientRequestId: ctx.clientRequestId,
        activityId,
      },
      "@permanent": false,
    },
  };
}

/**
 * The v2 frames of an answer: DataSetHeader, the PrimaryResult table, QueryCompletionInformation when there is
 * something to report, DataSetCompletion.
 *
 * @param result columns and rows (and whether they were truncated)
 * @param ctx the request's id and the time
 * @returns the frames, to be sent as a JSON array
 */
export function v2Frames(result: KustoResult, ctx: RequestContext): unknown[] {
  const primary = {
    FrameType: "DataTable",
    TableId: 0,
    TableKind: "PrimaryResult",
    TableName: "PrimaryResult",
    Columns: result.columns.map((col) => ({ ColumnName: col.name, ColumnType: col.type })),
    Rows: result.rows,
  };
  const header = { FrameType: "DataSetHeader", IsProgressive: false, Version: "v2.0" };
  if (!result.truncated) {
    return [header, primary, { FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false }];
  }
  const activityId = crypto.randomUUID();
  const failure = partialFailure(result.truncated.limit, ctx, activityId);
  const inRows = ctx.deferPartialFailures ? [] : [{ OneApiErrors: [failure] }];
  const status = {
    FrameType: "DataTable",
    TableId: 1,
    TableKind: "QueryCompletionInformation",
    TableName: "QueryCompletionInformation",
    Columns: [
      ["Timestamp", "datetime"],
      ["ClientRequestId", "string"],
      ["ActivityId", "guid"],
      ["SubActivityId", "guid"],
      ["ParentActivityId", "guid"],
      ["Level", "int"],
      ["LevelName", "string"],
      ["StatusCode", "int"],
      ["StatusCodeName", "string"],
      ["EventType", "int"],
      ["EventTypeName", "string"],
      ["Payload", "string"],
    ].map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType })),
    Rows: [[
      ctx.now.toISOString(),
      ctx.clientRequestId,
      activityId,
      activityId,
      activityId,
      2,
      "Error",
      LIMITS_EXCEEDED,
      "LimitsExceeded",
      4,
      "QueryInfo",
      JSON.stringify(failure),
    ]],
  };
  return [
    header,
    { ...primary, Rows: [...result.rows, ...inRows] },
    status,
    { FrameType: "DataSetCompletion", HasErrors: true, Cancelled: false, OneApiErrors: [failure] },
  ];
}

/**
 * One table of the v1 format.
 *
 * @param name the table name
 * @param columns the columns
 * @param rows the rows
 * @returns the table
 */
export function v1Table(
  name: string,
  columns: readonly { name: string; type: string }[],
  rows: readonly unknown[][],
): unknown {
  return {
    TableName: name,
    Columns: columns.map((col) => ({
      ColumnName: col.name,
      DataType: V1_TYPES[col.type] ?? "Object",
      ColumnType: col.type,
    })),
    Rows: rows,
  };
}

/**
 * The v1 body of a query answer: `{"Tables":[...]}`; a truncated result adds the QueryProperties and
 * QueryStatus tables and the table of contents that names them, as Kusto's v1 answers do.
 *
 * @param result columns and rows (and whether they were truncated)
 * @param ctx the request's id and the time
 * @returns the body
 */
export function v1Body(result: KustoResult, ctx: RequestContext): { Tables: unknown[] } {
  const data = v1Table("Table_0", result.columns, result.rows);
  if (!result.truncated) return { Tables: [data] };
  const activityId = crypto.randomUUID();
  const str = (name: string) => ({ name, type: "string" });
  const properties = v1Table("Table_1", [str("Value")], []);
  const status = v1Table(
    "Table_2",
    [
      { name: "Timestamp", type: "datetime" },
      { name: "Severity", type: "int" },
      str("SeverityName"),
      { name: "StatusCode", type: "int" },
      str("StatusDescription"),
      { name: "Count", type: "int" },
      { name: "RequestId", type: "guid" },
      { name: "ActivityId", type: "guid" },
      { name: "SubActivityId", type: "guid" },
      str("ClientActivityId"),
    ],
    [[
      ctx.now.toISOString(),
      2,
      "Error",
      LIMITS_EXCEEDED,
      truncationMessage(result.truncated.limit),
      1,
      activityId,
      activityId,
      activityId,
      ctx.clientRequestId,
    ]],
  );
  const toc = v1Table(
    "Table_3",
    [{ name: "Ordinal", type: "long" }, str("Kind"), str("Name"), str("Id"), str("PrettyName")],
    [
      [0, "QueryResult", "PrimaryResult", crypto.randomUUID(), ""],
      [1, "QueryProperties", "@ExtendedProperties", crypto.randomUUID(), ""],
      [2, "QueryStatus", "QueryStatus", crypto.randomUUID(), ""],
    ],
  );
  return { Tables: [data, properties, status, toc] };
}
