import assert from "node:assert/strict";
import { BUILTIN_TABLES } from "../../query/symbols/mod.ts";
import { CEF_KEY_COLUMNS, columnOfCefKey } from "./cef_keys.ts";
import { mapCef } from "./map_cef.ts";
import { parseCef } from "./parse_cef.ts";

Deno.test("CEF keys whose column the catalog lacks are kept in AdditionalExtensions", () => {
  const columns = new Set(
    BUILTIN_TABLES.find((table) => table.name === "CommonSecurityLog")!.columns.map((c) => c.name),
  );
  const missing = Object.entries(CEF_KEY_COLUMNS).filter(([, column]) => !columns.has(column));
  for (const [key] of missing) {
    const parsed = parseCef(`CEF:0|V|P|1|1|x|1|${key}=value1`);
    assert.ok(parsed.ok);
    const row = mapCef(parsed.event, { header: null, context: { receivedAt: new Date() } });
    assert.equal(row.AdditionalExtensions, `${key}=value1`, key);
  }
});

Deno.test("columnOfCefKey maps full ArcSight names and leaves vendor keys alone", () => {
  assert.equal(columnOfCefKey("sourceAddress"), "SourceIP");
  assert.equal(columnOfCefKey("deviceCustomString1"), undefined);
  assert.equal(columnOfCefKey("toString"), undefined, "no prototype keys");
  assert.equal(columnOfCefKey("cs6Label"), "DeviceCustomString6Label");
});
