import assert from "node:assert/strict";
import { SCALAR_FUNCTIONS } from "../functions/mod.ts";
import type { ScalarType } from "../symbols/types.ts";
import type { Value } from "../values/mod.ts";
import { runQuery } from "./run_query.ts";
import type { Table } from "./push_operator.ts";

// The evaluator's direct closures for bin/floor/tolower/toupper must agree with query/functions.
const TYPES: ScalarType[] = ["long", "real", "datetime", "timespan"];
const STEPS: Record<string, string[]> = {
  long: ["1", "7", "100"],
  real: ["0.5", "2.5", "10"],
  datetime: ["1h", "1d", "7d", "15m"],
  timespan: ["1h", "1d", "90s"],
};
const STEP_VALUES: Record<string, number> = {
  "1": 1,
  "7": 7,
  "100": 100,
  "0.5": 0.5,
  "2.5": 2.5,
  "10": 10,
  "1h": 3_600_000_000,
  "1d": 86_400_000_000,
  "7d": 604_800_000_000,
  "15m": 900_000_000,
  "90s": 90_000_000,
};

function values(type: ScalarType): Value[] {
  const base = type === "datetime" ? Date.UTC(2024, 1, 29, 13, 7) * 1000 : 0;
  const out: Value[] = [null];
  for (let i = -20; i <= 20; i++) {
    const v = base + i * (type === "real" ? 1.37 : type === "long" ? 13 : 3_700_000_123);
    out.push(type === "long" ? Math.trunc(v) : v);
  }
  return out;
}

Deno.test("fast bin/floor agree with query/functions", () => {
  for (const type of TYPES) {
    const T: Table = { columns: [{ name: "x", type }], rows: values(type).map((v) => [v]) };
    for (const step of STEPS[type]) {
      for (const fn of ["bin", "floor"]) {
        const result = runQuery(`T | project y = ${fn}(x, ${step})`, { tables: { T } });
        assert.deepEqual(result.diagnostics, []);
        const expected = T.rows.map((r) => [
          SCALAR_FUNCTIONS[fn].invoke([r[0], STEP_VALUES[step]], {
            now: 0,
            argTypes: [type, type === "datetime" ? "timespan" : type],
            random: Math.random,
          }),
        ]);
        assert.deepEqual(result.rows, expected, `${fn}(${type}, ${step})`);
      }
    }
  }
});

Deno.test("fast tolower/toupper agree with query/functions", () => {
  const T: Table = {
    columns: [{ name: "s", type: "string" }],
    rows: [["MiXeD"], [""], ["İstanbul"], ["straße"], ["ÀÉÎ"]],
  };
  for (const fn of ["tolower", "toupper"]) {
    const result = runQuery(`T | project y = ${fn}(s)`, { tables: { T } });
    const expected = T.rows.map((
      r,
    ) => [SCALAR_FUNCTIONS[fn].invoke([r[0]], { now: 0, argTypes: ["string"], random: Math.random })]);
    assert.deepEqual(result.rows, expected, fn);
  }
});
