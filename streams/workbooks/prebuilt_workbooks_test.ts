import assert from "node:assert/strict";
import { analyzeQuery } from "../../query/mod.ts";
import { PREBUILT_WORKBOOKS } from "./prebuilt_workbooks.ts";
import { validateWorkbook } from "./workbook.ts";

/** Sample literals for the parameters, as the UI would substitute them. */
function filled(query: string): string {
  return query.replaceAll("{TimeGrain}", "1h").replaceAll("{TimeRange}", "1d").replaceAll("{TopN}", "10")
    .replace(/\{(User|Computer)\}/g, '""');
}

Deno.test("PREBUILT_WORKBOOKS: every workbook validates and every tile query binds against the catalog", () => {
  const connectors = new Set<string>();
  for (const w of PREBUILT_WORKBOOKS) {
    const result = validateWorkbook(w, w.id);
    assert.ok(result.ok, `${w.id}: ${!result.ok && result.message}`);
    connectors.add(w.connector ?? "");
    for (const t of w.tiles) {
      const text = filled(t.query);
      assert.doesNotMatch(text, /\{[A-Za-z_]+\}/, `${w.id}/${t.id} has an undeclared parameter`);
      const errors = analyzeQuery(text).diagnostics.filter((d) => d.severity === "error");
      assert.deepEqual(errors.map((e) => e.message), [], `${w.id}/${t.id}`);
    }
  }
  for (const c of ["entra-signin", "windows-security", "azure-activity", "aws-cloudtrail", "cef"]) {
    assert.ok(connectors.has(c), `no prebuilt workbook for ${c}`);
  }
});

Deno.test("validateWorkbook: names the bad field and rejects duplicate tiles and built-in parameter names", () => {
  const bad = validateWorkbook({ name: "x", tiles: [{ id: "a", title: "", query: "T" }] }, "x");
  assert.deepEqual(bad, { ok: false, message: "'title' must not be empty (at 'tiles.0.title')" });
  const dup = validateWorkbook({
    name: "x",
    tiles: [{ id: "a", title: "A", query: "T" }, { id: "a", title: "B", query: "T" }],
  }, "x");
  assert.deepEqual(dup, { ok: false, message: "Duplicate tile id 'a'" });
  const builtin = validateWorkbook({
    name: "x",
    tiles: [],
    parameters: [{ name: "TimeRange", type: "string" }],
  }, "x");
  assert.equal(builtin.ok, false);
  assert.equal(validateWorkbook({ name: "x", tiles: [] }, "Bad Id").ok, false);
  const ok = validateWorkbook({ name: "x", tiles: [{ id: "a", title: "A", query: "T" }] }, "x");
  assert.ok(ok.ok && ok.workbook.tiles[0].visual === "auto" && ok.workbook.timeRange === "P1D");
});
