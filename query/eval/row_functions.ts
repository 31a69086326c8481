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
  }
  return () => null;
}
