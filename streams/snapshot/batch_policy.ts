/**
 * When the snapshotter appends its buffered rows to DuckDB. One insert per table and batch is far cheaper than one
 * per message, but a row must become queryable quickly: flush when the buffer is big, when the consumer has caught
 * up with the stream (nothing more is waiting, so waiting longer gains nothing), or when the oldest buffered row
 * has waited `maxDelayMs`.
 */

/** The policy's limits. */
export interface BatchLimits {
  /** Flush at this many buffered rows. */
  readonly maxRows: number;
  /** Flush when the oldest buffered row has waited this long (milliseconds). */
  readonly maxDelayMs: number;
}

/** Defaults: large batches while catching up, at most a quarter second of added lag. */
export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxRows: 20_000, maxDelayMs: 250 };

/**
 * Whether to flush now.
 *
 * @param state rows buffered, when the oldest was buffered (ms), whether messages are still waiting, and now (ms)
 * @param limits the limits
 * @returns true to flush
 * @example
 * ```ts
 * import { DEFAULT_BATCH_LIMITS, shouldFlush } from "./batch_policy.ts";
 * shouldFlush({ rows: 10, oldestAt: 0, pending: 0, now: 5 }, DEFAULT_BATCH_LIMITS); // true: caught up
 * shouldFlush({ rows: 10, oldestAt: 0, pending: 900, now: 5 }, DEFAULT_BATCH_LIMITS); // false: more coming
 * ```
 */
export function shouldFlush(
  state: { rows: number; oldestAt: number; pending: number; now: number },
  limits: BatchLimits,
): boolean {
  if (state.rows === 0) return false;
  return state.pending === 0 || state.rows >= limits.maxRows ||
    state.now - state.oldestAt >= limits.maxDelayMs;
}
