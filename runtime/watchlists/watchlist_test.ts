import assert from "node:assert/strict";
import { runQuery } from "../../query/eval/mod.ts";
import { Catalog } from "../../query/mod.ts";
import { kqlString, watchlistFunctions } from "./get_watchlist_function.ts";
import { WatchlistError, watchlistFromCsv, withItem, withoutItem } from "./watchlist.ts";
import { itemChanges } from "./watchlist_rows.ts";

const now = "2026-11-27T10:00:00.000Z";
let n = 0;
const newId = () => `id-${++n}`;

Deno.test("watchlistFromCsv: columns, quoted fields, ids kept for unchanged search keys on replace", () => {
  const first = watchlistFromCsv(
    { alias: "vip", searchKey: "Upn", csv: 'Upn,Name\r\nalice@x.test,"Smith, Alice"\nbob@x.test,Bob\n' },
    { now, newId },
  );
  assert.deepEqual(first.columns, ["Upn", "Name"]);
  assert.deepEqual(first.items.map((i) => i.values), [
    { Upn: "alice@x.test", Name: "Smith, Alice" },
    { Upn: "bob@x.test", Name: "Bob" },
  ]);
  const again = watchlistFromCsv(
    { alias: "vip", searchKey: "Upn", csv: "Upn,Name\nbob@x.test,Robert\ncarol@x.test,Carol\n" },
    { now, previous: first, newId },
  );
  assert.equal(again.items[0].id, first.items[1].id, "bob keeps his id");
  assert.equal(again.watchlistId, first.watchlistId);
  assert.deepEqual(itemChanges(first, again).map((c) => [c.item.values.Upn, c.status]), [
    ["bob@x.test", "Update"],
    ["carol@x.test", "Create"],
    ["alice@x.test", "Delete"],
  ]);
});

Deno.test("watchlistFromCsv and withItem refuse bad input with a reason", () => {
  const bad = (input: { alias: string; searchKey: string; csv: string }) =>
    assert.throws(() => watchlistFromCsv(input, { now }), WatchlistError);
  bad({ alias: "no spaces", searchKey: "a", csv: "a\n1\n" });
  bad({ alias: "x", searchKey: "b", csv: "a\n1\n" });
  bad({ alias: "x", searchKey: "a", csv: "a,a\n1,2\n" });
  bad({ alias: "x", searchKey: "a", csv: "a\n1,2\n" });
  const list = watchlistFromCsv({ alias: "x", searchKey: "a", csv: "a,b\n1,2\n" }, { now, newId });
  assert.throws(() => withItem(list, { id: "z", values: { c: "1" } }, now), /Unknown watchlist column 'c'/);
  const added = withItem(list, { id: "z", values: { a: 3 } }, now);
  assert.deepEqual(added.items.at(-1)?.values, { a: "3", b: "" });
  assert.equal(withoutItem(added, "nope", now), undefined);
  assert.equal(withoutItem(added, "z", now)?.items.length, 1);
});

Deno.test("_GetWatchlist returns Sentinel's columns and only the alias asked for", () => {
  const vip = watchlistFromCsv(
    { alias: "vip", searchKey: "Upn", csv: 'Upn,Full name\nalice@x.test,"Al ""the"" \\ice"\n' },
    { now, newId },
  );
  const ips = watchlistFromCsv({ alias: "bad-ips", searchKey: "ip", csv: "ip\n198.51.100.1\n" }, {
    now,
    newId,
  });
  const catalog = Catalog.builtin().withFunctions(watchlistFunctions([vip, ips]));
  const r = runQuery("_GetWatchlist('vip')", { catalog });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.columns.map((c) => `${c.name}:${c.type}`).slice(0, 4), [
    "_DTItemId:string",
    "LastUpdatedTimeUTC:datetime",
    "SearchKey:string",
    "WatchlistItem:dynamic",
  ]);
  assert.equal(r.rows.length, 1);
  const full = r.columns.findIndex((c) => c.name === "Full name");
  assert.equal(r.rows[0][full], 'Al "the" \\ice');
  assert.deepEqual(runQuery("_GetWatchlist('nope') | count", { catalog }).rows, [[0]]);
  assert.deepEqual(runQuery("_GetWatchlistAlias | order by WatchlistAlias asc", { catalog }).rows, [[
    "bad-ips",
  ], ["vip"]]);
  assert.deepEqual(
    runQuery("_GetWatchlist('x') | count", {
      catalog: Catalog.builtin().withFunctions(watchlistFunctions([])),
    }).rows,
    [[0]],
  );
  assert.equal(kqlString("a\b\f\u0001"), '"a\\u0008\\u000c\\u0001"');
});
