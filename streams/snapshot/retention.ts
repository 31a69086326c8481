/**
 * Retention of the history store: a partition (one table's rows of one UTC day) is deleted, from DuckDB and from
 * disk, once its whole day is older than `SIEM_RETENTION`; rows that arrive for such a day are not stored.
 * Retention follows `TimeGenerated`, as in Log Analytics, so the same row ages out whatever time it arrived.
 */
import { MICROS_PER_DAY } from "../../query/values/mod.ts";
import { dayStartMicros, type PartitionKey } from "./partition.ts";

/**
 * Whether a day is past retention: its last microsecond is older than `now - retention`.
 *
 * @param day `YYYY-MM-DD`
 * @param options `now` and `retention` in microseconds
 * @returns true when the day's rows are all past retention (false for a malformed day: never delete by mistake)
 * @example
 * ```ts
 * import { isExpiredDay } from "./retention.ts";
 * const now = Date.UTC(2026, 10, 27, 12) * 1000;
 * isExpiredDay("2026-11-19", { now, retention: 7 * 86_400_000_000 }); // true
 * isExpiredDay("2026-11-20", { now, retention: 7 * 86_400_000_000 }); // false (its afternoon is kept)
 * ```
 */
export function isExpiredDay(day: string, options: { now: number; retention: number }): boolean {
  const start = dayStartMicros(day);
  return start !== undefined && start + MICROS_PER_DAY <= options.now - options.retention;
}

/**
 * The partitions to delete now.
 *
 * @param partitions the partitions known
 * @param options `now` and `retention` in microseconds
 * @returns the expired ones
 */
export function expiredPartitions(
  partitions: readonly PartitionKey[],
  options: { now: number; retention: number },
): PartitionKey[] {
  return partitions.filter((p) => isExpiredDay(p.day, options));
}
