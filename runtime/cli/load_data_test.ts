import assert from "node:assert/strict";
import { Catalog } from "../../query/mod.ts";
import {
  DataLoadError,
  inferColumnType,
  loadDataFolder,
  normalizeHeader,
  parseCsv,
  parsePortalDatetime,
  parseRecords,
  tableFromRecords,
} from "./load_data.ts";

const SAMPLES = "/work/shared/data/sentinel-samples";

Deno.test("portal headers and timestamps", () => {
  assert.equal(normalizeHeader("\uFEFFTimeGenerated [UTC]"), "TimeGenerated");
  assert.equal(normalizeHeader("EventTime [Local Time]"), "EventTime");
  assert.equal(parsePortalDatetime("11/27/2026, 10:00:00.000 AM"), Date.UTC(2026, 10, 27, 10) * 1000);
  assert.equal(parsePortalDatetime("3/31/2022, 12:05:01.5 PM"), Date.UTC(2022, 2, 31, 12, 5, 1, 500) * 1000);
  assert.equal(parsePortalDatetime("1/1/2024, 12:00:00 AM"), Date.UTC(2024, 0, 1) * 1000);
  assert.equal(parsePortalDatetime("2024-01-01T00:00:00Z"), Date.UTC(2024, 0, 1) * 1000);
  assert.equal(parsePortalDatetime("not a date"), null);
});

Deno.test("CSV with quotes, doubled quotes, embedded newlines and a BOM", () => {
  assert.deepEqual(parseCsv('\uFEFFa,b\r\n1,"x, ""y""\nz"\n'), [["a", "b"], ["1", 'x, "y"\nz']]);
});

Deno.test("type inference from values", () => {
  assert.equal(inferColumnType(["1", "2", ""]), "long");
  assert.equal(inferColumnType(["1", "2.5"]), "real");
  assert.equal(inferColumnType(["3/31/2022, 10:51:35.857 AM"]), "datetime");
  assert.equal(inferColumnType(["abc", "1"]), "string");
  assert.equal(inferColumnType([{ a: 1 }, null]), "dynamic");
  assert.equal(inferColumnType([true, false]), "bool");
});

Deno.test("catalog tables keep the catalog's columns and types", () => {
  const records = parseRecords(
    "SecurityEvent.json",
    '[{"TimeGenerated [UTC]":"3/31/2022, 10:51:35.857 AM","EventID":4624,"Account":"a","Custom":"7"}]',
  );
  const table = tableFromRecords("SecurityEvent", records, { catalog: Catalog.builtin(), fromCsv: false });
  const catalog = Catalog.builtin().get("SecurityEvent")!;
  assert.deepEqual(table.columns.slice(0, catalog.columns.length), catalog.columns);
  assert.deepEqual(table.columns[table.columns.length - 1], { name: "Custom", type: "long" });
  const at = (name: string) => table.columns.findIndex((c) => c.name === name);
  assert.equal(table.rows[0][at("TimeGenerated")], Date.UTC(2022, 2, 31, 10, 51, 35, 857) * 1000);
  assert.equal(table.rows[0][at("EventID")], 4624);
  assert.equal(table.rows[0][at("Computer")], "");
});

Deno.test("every sentinel sample loads (as custom tables named after the files)", async () => {
  for (const folder of ["CEF", "Custom", "Event", "Feeds", "SecurityEvent", "Syslog"]) {
    const tables = await loadDataFolder(`${SAMPLES}/${folder}`, Catalog.builtin());
    assert.ok(tables.size > 0, folder);
    for (const [name, table] of tables) {
      assert.ok(table.rows.length > 0, `${folder}/${name} has rows`);
      const tg = table.columns.findIndex((c) => c.name === "TimeGenerated");
      if (tg >= 0 && table.columns[tg].type === "datetime") {
        assert.ok(
          table.rows.some((r) => typeof r[tg] === "number"),
          `${folder}/${name} TimeGenerated parsed`,
        );
      }
    }
  }
});

Deno.test("unreadable input is rejected with a clear message", async () => {
  await assert.rejects(() => loadDataFolder("/nonexistent/folder", Catalog.builtin()), DataLoadError);
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/Bad.json`, "[{");
    await assert.rejects(
      () => loadDataFolder(dir, Catalog.builtin()),
      (e: Error) =>
        e instanceof DataLoadError && e.message.startsWith(`Cannot read '${dir}/Bad.json': invalid JSON`),
    );
    await Deno.writeTextFile(`${dir}/Bad.json`, "[1, 2]");
    await assert.rejects(() => loadDataFolder(dir, Catalog.builtin()), /record 1 is not a JSON object/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
