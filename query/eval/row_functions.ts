/**
 * Window functions over a serialized row set: `row_number`, `prev`, `next`, `row_cumsum`, `row_rank_dense`,
 * `row_rank_min`. They read neighbouring rows, so the operator that uses them materializes its input and moves a
 * cursor over it; state that runs along the rows (`row_cumsum`) lives in the compiled closure.
 */
import { sameValue, type Value } from "../values/mod.ts";
import type { Eval, Row } from "./push_operator.ts";

/** The rows an operator is going through and the position of the current one. */
export interface RowCursor {
  rows: readonly Row[];
  index: number;
}

/** The names of the row functions. */
export const ROW_FUNCTIONS: ReadonlySet<string> = new Set([
  "row_number",
  "prev",
  "next",
  "row_cumsum",
  "row_rank_dense",
  "row_rank_min",
  "row_window_session",
]);

/**
 * Compile a row function call over its already compiled arguments.
 *
 * @param name one of {@link ROW_FUNCTIONS}
 * @param args the argument closures
 * @param cursor the cursor the operator positions before evaluating each row
 */
export function compileRowFunction(name: string, args: readonly Eval[], cursor: RowCursor): Eval {
  switch (name) {
    case "row_number": {
      const start = args[0];
      const restart = args[1];
      let counter = 0;
      let last = -1;
      return (r) => {
        const first = start === undefined ? 1 : Number(start(r) ?? 1);
        if (restart === undefined) return first + cursor.index;
        // Evaluated once per row in order; a restart puts the counter back to the start.
        if (cursor.index === 0 || last !== cursor.index - 1 || restart(r) === true) counter = first;
        else counter++;
        last = cursor.index;
        return counter;
      };
    }
    case "prev":
    case "next": {
      const [value, offsetArg, fallback] = args;
      const sign = name === "prev" ? -1 : 1;
      return (r) => {
        const offset = offsetArg === undefined ? 1 : Number(offsetArg(r) ?? 1);
        const at = cursor.index + sign * offset;
        const other = cursor.rows[at];
        if (other === undefined) return fallback === undefined ? null : fallback(r);
        // A column added by the same operator is not in the neighbour's input row yet.
        return value(other) ?? null;
      };
    }
    case "row_cumsum": {
      const [term, restart] = args;
      let sum = 0;
      let last = -1;
      return (r) => {
        if (
          cursor.index === 0 || last !== cursor.index - 1 || (restart !== undefined && restart(r) === true)
        ) {
          sum = 0;
        }
        last = cursor.index;
        const v = term(r);
        if (typeof v === "number") sum += v;
        return sum;
      };
    }
    case "row_rank_dense":
    case "row_rank_min": {
      const [term, restart] = args;
      let rank = 0;
      let previous: Value | undefined;
      let last = -1;
      let restartAt = 0;
      return (r) => {
        const v = term(r);
        const restarted = cursor.index === 0 || last !== cursor.index - 1 ||
          (restart !== undefined && restart(r) === true);
        last = cursor.index;
        if (restarted) {
          rank = 1;
          previous = v;
          restartAt = cursor.index;
          return rank;
        }
        if (!sameValue(v, previous ?? null)) {
          rank = name === "row_rank_dense" ? rank + 1 : cursor.index - restartAt + 1;
          previous = v;
        }
        return rank;
      };
    }
    case "row_window_session": {
      // A new session starts when the value is too far from the session's first value or from the previous
      // row's value, or when the restart condition holds; the result is the session's first value.
      const [term, fromFirst, betweenNeighbours, restart] = args;
      let start: Value = null;
      let previous: Value = null;
      let last = -1;
      return (r) => {
        const v = term(r);
        const maxFirst = fromFirst(r);
        const maxGap = betweenNeighbours(r);
        const fresh = cursor.index === 0 || last !== cursor.index - 1 || start === null ||
          typeof v !== "number" || typeof start !== "number" || typeof previous !== "number" ||
          typeof maxFirst !== "number" || typeof maxGap !== "number" ||
          Math.abs(v - start) > maxFirst || Math.abs(v - previous) > maxGap ||
          (restart !== undefined && restart(r) === true);
        last = cursor.index;
        if (fresh) start = v;
        previous = v;
        return start;
      };
    }
  }
  return () => null;
}
