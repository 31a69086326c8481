/**
 * Partitions of the history store: one per table and UTC day of `TimeGenerated`. A day is the unit of a Parquet
 * snapshot file and of retention, so deleting old data is dropping whole files, never rewriting one.
 */
import { civilFromDays, daysFromCivil, MICROS_PER_DAY } from "../../query/values/mod.ts";

/** One table's rows of one UTC day. */
export interface PartitionKey {
  readonly table: string;
  /** `YYYY-MM-DD` (UTC). */
  readonly day: string;
}

/** Table names that may become folder names (built-in and `*_CL` tables all match). */
const SAFE_TABLE = /^[A-Za-z][A-Za-z0-9_]{0,254}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The UTC day of a datetime.
 *
 * @param micros microseconds since the epoch
 * @returns the day as `YYYY-MM-DD`
 * @example
 * ```ts
 * import { partitionDay } from "./partition.ts";
 * partitionDay(Date.UTC(2026, 10, 27, 23, 59) * 1000); // "2026-11-27"
 * ```
 */
export function partitionDay(micros: number): string {
  const { year, month, day } = civilFromDays(Math.floor(micros / MICROS_PER_DAY));
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The first microsecond of a day.
 *
 * @param day `YYYY-MM-DD`
 * @returns microseconds since the epoch, or undefined when the text is not a day
 * @example
 * ```ts
 * import { dayStartMicros } from "./partition.ts";
 * dayStartMicros("1970-01-02"); // 86400000000
 * ```
 */
export function dayStartMicros(day: string): number | undefined {
  const m = DAY.exec(day);
  if (!m) return undefined;
  const [year, month, date] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || date < 1 || date > 31) return undefined;
  const micros = daysFromCivil(year, month, date) * MICROS_PER_DAY;
  return partitionDay(micros) === day ? micros : undefined;
}

/**
 * Whether a table name can name a partition folder.
 *
 * @param table the table name
 * @returns true for names of letters, digits and underscores starting with a letter
 */
export function isPartitionableTable(table: string): boolean {
  return SAFE_TABLE.test(table);
}

/**
 * The id of a partition, used as a map key and in logs.
 *
 * @param key the partition
 * @returns `Table/YYYY-MM-DD`
 * @example
 * ```ts
 * import { partitionId } from "./partition.ts";
 * partitionId({ table: "SecurityEvent", day: "2026-11-27" }); // "SecurityEvent/2026-11-27"
 * ```
 */
export function partitionId(key: PartitionKey): string {
  return `${key.table}/${key.day}`;
}

/**
 * The snapshot file of a partition holding its rows up to a stream sequence. The sequence is in the name so a new
 * snapshot never overwrites the file the manifest still points to.
 *
 * @param key the partition
 * @param sequence the last stream sequence the file covers
 * @returns a path relative to the snapshots folder
 * @example
 * ```ts
 * import { partitionFile } from "./partition.ts";
 * partitionFile({ table: "Syslog", day: "2026-11-27" }, 42); // "Syslog/2026-11-27.42.parquet"
 * ```
 */
export function partitionFile(key: PartitionKey, sequence: number): string {
  return `${key.table}/${key.day}.${sequence}.parquet`;
}

/**
 * Read a snapshot file path back.
 *
 * @param path a path relative to the snapshots folder
 * @returns the partition and sequence, or undefined when the path is not a snapshot file
 * @example
 * ```ts
 * import { parsePartitionFile } from "./partition.ts";
 * parsePartitionFile("Syslog/2026-11-27.42.parquet"); // { table: "Syslog", day: "2026-11-27", sequence: 42 }
 * ```
 */
export function parsePartitionFile(path: string): (PartitionKey & { sequence: number }) | undefined {
  const m = /^([^/]+)\/(\d{4}-\d{2}-\d{2})\.(\d+)\.parquet$/.exec(path);
  if (!m || !isPartitionableTable(m[1]) || dayStartMicros(m[2]) === undefined) return undefined;
  const sequence = Number(m[3]);
  return Number.isSafeInteger(sequence) ? { table: m[1], day: m[2], sequence } : undefined;
}
