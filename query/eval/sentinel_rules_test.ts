/**
 * Real Sentinel rule queries (`*.kql` in `KQL_SENTINEL_RULES_DIR`, not in the repository) run over empty
 * catalog tables: none may fail inside the evaluator (KQL3530); each either runs or stops with a syntax,
 * binding or KQL35xx "not supported" diagnostic. Skipped when the variable is not set.
 *
 *   KQL_SENTINEL_RULES_DIR=/tmp/sentinel-rules deno test -A query/eval/sentinel_rules_test.ts
 */
import assert from "node:assert/strict";
import { runQuery } from "./run_query.ts";

const dir = Deno.env.get("KQL_SENTINEL_RULES_DIR");

Deno.test({
  name: "Sentinel rule queries run or stop with a clear diagnostic",
  ignore: dir === undefined,
  fn() {
    let ran = 0;
    for (const entry of Deno.readDirSync(dir!)) {
      if (!entry.name.endsWith(".kql")) continue;
      const text = Deno.readTextFileSync(`${dir}/${entry.name}`);
      const result = runQuery(text, { now: Date.UTC(2024, 0, 2) * 1000, limits: { maxRows: 100_000 } });
      const internal = result.diagnostics.find((d) => d.code === "KQL3530");
      assert.equal(internal, undefined, `${entry.name}: ${internal?.message}`);
      if (result.diagnostics.length === 0) ran++;
    }
    assert.ok(ran > 0);
  },
});
