/**
 * Rows of run-time values (query/values) as an Arrow IPC stream in the DuckDB storage convention
 * (query/sql/duckdb_types.ts), for `insertArrowFromIPCStream`. The column buffers are filled directly (typed
 * arrays, one UTF-8 buffer per string column): building through `vectorFromArray` costs several times more, and
 * timestamps must stay exact microseconds rather than pass through JavaScript dates.
 */
import {
  Bool,
  type DataType,
  Field,
  Float64,
  Int32,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimestampMicrosecond,
  Utf8,
} from "apache-arrow";
import type { ColumnSchema } from "../../query/symbols/mod.ts";
import type { Value } from "../../query/values/mod.ts";

type Column = { type: DataType; data: ReturnType<typeof makeData> };

function validity(n: number): Uint8Array {
  return new Uint8Array((n + 7) >> 3);
}

function numbers<T extends Int32Array | Float64Array>(
  rows: readonly (readonly Value[])[],
  index: number,
  array: T,
  accept: (v: unknown) => v is number,
): { values: T; nulls: Uint8Array; nullCount: number } {
  const nulls = validity(rows.length);
  let nullCount = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][index];
    if (accept(v)) {
      array[r] = v;
      nulls[r >> 3] |= 1 << (r & 7);
    } else nullCount++;
  }
  return { values: array, nulls, nullCount };
}

const isFiniteOrNaN = (v: unknown): v is number => typeof v === "number";
const isInt32 = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && (v | 0) === v;
const isInteger = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function bigints(rows: readonly (readonly Value[])[], index: number) {
  const values = new BigInt64Array(rows.length);
  const nulls = validity(rows.length);
  let nullCount = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][index];
    if (isInteger(v)) {
      values[r] = BigInt(Math.trunc(v));
      nulls[r >> 3] |= 1 << (r & 7);
    } else nullCount++;
  }
  return { values, nulls, nullCount };
}

const encoder = new TextEncoder();

function strings(rows: readonly (readonly Value[])[], index: number, json: boolean) {
  const offsets = new Int32Array(rows.length + 1);
  const nulls = validity(rows.length);
  let nullCount = 0;
  let bytes = new Uint8Array(Math.max(64, rows.length * 16));
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][index];
    if (v === null || v === undefined) {
      nullCount++;
    } else {
      const text = json ? JSON.stringify(v) : typeof v === "string" ? v : String(v);
      // UTF-8 takes at most 3 bytes per UTF-16 unit.
      if (at + text.length * 3 > bytes.length) {
        const grown = new Uint8Array(Math.max(bytes.length * 2, at + text.length * 3));
        grown.set(bytes.subarray(0, at));
        bytes = grown;
      }
      at += encoder.encodeInto(text, bytes.subarray(at)).written;
      nulls[r >> 3] |= 1 << (r & 7);
    }
    offsets[r + 1] = at;
  }
  return { valueOffsets: offsets, data: bytes.subarray(0, at), nulls, nullCount };
}

function booleans(rows: readonly (readonly Value[])[], index: number) {
  const values = validity(rows.length);
  const nulls = validity(rows.length);
  let nullCount = 0;
  for (let r = 0; r < rows.length; r++) {
    const v = rows[r][index];
    if (typeof v === "boolean") {
      if (v) values[r >> 3] |= 1 << (r & 7);
      nulls[r >> 3] |= 1 << (r & 7);
    } else nullCount++;
  }
  return { values, nulls, nullCount };
}

function column(c: ColumnSchema, rows: readonly (readonly Value[])[], index: number): Column {
  const length = rows.length;
  switch (c.type) {
    case "int": {
      const { values, nulls, nullCount } = numbers(rows, index, new Int32Array(length), isInt32);
      const type = new Int32();
      return { type, data: makeData({ type, length, data: values, nullBitmap: nulls, nullCount }) };
    }
    case "long":
    case "timespan": {
      const { values, nulls, nullCount } = bigints(rows, index);
      const type = new Int64();
      return { type, data: makeData({ type, length, data: values, nullBitmap: nulls, nullCount }) };
    }
    case "datetime": {
      const { values, nulls, nullCount } = bigints(rows, index);
      const type = new TimestampMicrosecond();
      return { type, data: makeData({ type, length, data: values, nullBitmap: nulls, nullCount }) };
    }
    case "real":
    case "decimal": {
      const { values, nulls, nullCount } = numbers(rows, index, new Float64Array(length), isFiniteOrNaN);
      const type = new Float64();
      return { type, data: makeData({ type, length, data: values, nullBitmap: nulls, nullCount }) };
    }
    case "bool": {
      const { values, nulls, nullCount } = booleans(rows, index);
      const type = new Bool();
      return { type, data: makeData({ type, length, data: values, nullBitmap: nulls, nullCount }) };
    }
    case "dynamic":
    case "string":
    case "guid": {
      const { valueOffsets, data, nulls, nullCount } = strings(rows, index, c.type === "dynamic");
      const type = new Utf8();
      return { type, data: makeData({ type, length, data, valueOffsets, nullBitmap: nulls, nullCount }) };
    }
  }
}

/**
 * Encode rows as an Arrow IPC stream.
 *
 * @param columns the table's columns, in the order of the values in each row
 * @param rows the rows (datetimes and timespans in microseconds, dynamic as JSON values)
 * @returns the IPC stream bytes
 * @example
 * ```ts
 * import { rowsToArrowIpc } from "./arrow_rows.ts";
 * const ipc = rowsToArrowIpc([{ name: "TimeGenerated", type: "datetime" }], [[1_700_000_000_000_000]]);
 * ipc.length > 0; // true
 * ```
 */
export function rowsToArrowIpc(
  columns: readonly ColumnSchema[],
  rows: readonly (readonly Value[])[],
): Uint8Array {
  const built = columns.map((c, i) => column(c, rows, i));
  const fields = columns.map((c, i) => new Field(c.name, built[i].type, true));
  const schema = new Schema(fields);
  const struct = makeData({
    type: new Struct(fields),
    length: rows.length,
    nullCount: 0,
    children: built.map((b) => b.data),
  });
  return tableToIPC(new Table([new RecordBatch(schema, struct)]), "stream");
}
