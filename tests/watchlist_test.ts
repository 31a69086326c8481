/**
 * Watchlists end to end against a real `siem start`: CSV upload, list/get/item edits/delete over the API,
 * `_GetWatchlist` and the `Watchlist` table in hunting, and a running rule whose result changes when an item
 * is added.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const RULE_ID = "7a1e2d3c-0033-4a5b-9c8d-000000000033";
const RULE = `id: ${RULE_ID}
name: Failed logons of watched accounts
description: Failed logons of accounts on the 'suspects' watchlist.
severity: Low
kind: Scheduled
queryFrequency: 2s
queryPeriod: 1m
triggerOperator: gt
triggerThreshold: 0
query: |
  let watched = _GetWatchlist('suspects') | project SearchKey, Reason;
  SecurityEvent
  | where EventID == 4625
  | summarize Failures = count() by TargetAccount
  | join kind=inner (watched) on $left.TargetAccount == $right.SearchKey
  | project TargetAccount, Failures, Reason
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: Name
        columnName: TargetAccount
version: 1
`;

Deno.test("watchlists: upload, edit, query, and a running rule sees an edit", async () => {
  await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" }, timeoutMs: 90_000 });
  const json = (path: string, method: string, body: unknown) =>
    siem.api(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  // Create from CSV (JSON body), and refuse a search key the CSV lacks.
  const created = await json("/api/v1/watchlists/suspects", "PUT", {
    searchKey: "Account",
    displayName: "Suspects",
    csv: 'Account,Reason\nalice,"contractor, left"\ncarol,phished\n',
  });
  assert.equal(created.status, 201, await created.clone().text());
  const bad = await json("/api/v1/watchlists/other", "PUT", { searchKey: "Upn", csv: "Account\nx\n" });
  assert.equal(bad.status, 400);
  assert.equal(
    (await bad.json()).error.message,
    "Invalid watchlist: search key column 'Upn' is not in the CSV header (Account)",
  );
  // Create from a raw CSV upload.
  const raw = await siem.api("/api/v1/watchlists?alias=hosts&searchKey=Host", {
    method: "POST",
    headers: { "Content-Type": "text/csv" },
    body: "Host,Owner\ndc1,it\n",
  });
  assert.equal(raw.status, 201, await raw.clone().text());

  const list = await (await siem.api("/api/v1/watchlists")).json();
  assert.deepEqual(
    list.items.map((w: { alias: string; itemCount: number }) => [w.alias, w.itemCount]).sort(),
    [
      ["hosts", 1],
      ["suspects", 2],
    ],
  );
  const one = await (await siem.api("/api/v1/watchlists/suspects")).json();
  const carol = one.items.find((i: { values: { Account: string } }) => i.values.Account === "carol");
  const del = await siem.api(`/api/v1/watchlists/suspects/items/${carol.id}`, { method: "DELETE" });
  assert.equal(del.status, 204, await del.clone().text());
  assert.equal((await siem.api("/api/v1/watchlists/hosts", { method: "DELETE" })).status, 204);
  assert.equal((await siem.api("/api/v1/watchlists/hosts")).status, 404);

  // Hunting: the function gives Sentinel's columns; the Watchlist table logs the changes.
  const hunt = async (query: string) =>
    await (await siem.api("/api/v1/query", { method: "POST", body: JSON.stringify({ query }) })).json();
  const items = await hunt(
    "_GetWatchlist('suspects') | project SearchKey, Reason, Account, Item = tostring(WatchlistItem.Reason)",
  );
  assert.deepEqual(items.rows, [["alice", "contractor, left", "alice", "contractor, left"]]);
  const columns = (await hunt("_GetWatchlist('suspects') | take 1")).columns.map((c: { name: string }) =>
    c.name
  );
  assert.deepEqual(columns.slice(0, 4), ["_DTItemId", "LastUpdatedTimeUTC", "SearchKey", "WatchlistItem"]);
  assert.ok(
    await waitFor(async () => {
      const logged = await hunt(
        "Watchlist | summarize count() by WatchlistAlias, _DTItemStatus | order by WatchlistAlias asc, _DTItemStatus asc",
      );
      return JSON.stringify(logged.rows) === JSON.stringify([
        ["hosts", "Create", 1],
        ["hosts", "Delete", 1],
        ["suspects", "Create", 2],
        ["suspects", "Delete", 1],
      ]);
    }, 10_000),
    "Watchlist rows",
  );

  // A running rule: alice's failures match; bob's match only once bob is added.
  const put = await siem.api(`/api/v1/rules/${RULE_ID}`, { method: "PUT", body: RULE });
  assert.equal(put.status, 201, await put.clone().text());
  const now = Date.now();
  const events = ["alice", "bob", "bob"].map((account, i) => ({
    TimeGenerated: new Date(now + i).toISOString(),
    EventID: 4625,
    TargetAccount: account,
    Computer: "dc1",
  }));
  assert.equal(
    (await siem.api("/api/v1/ingest/SecurityEvent", { method: "POST", body: JSON.stringify(events) })).status,
    200,
  );
  const alerts = async () =>
    JSON.stringify((await (await siem.api(`/api/v1/alerts?ruleId=${RULE_ID}&limit=1000`)).json()).alerts);
  const fired = await waitFor(async () => (await alerts()).includes("alice"), 45_000);
  // On failure, say what detection was doing: its health and the warnings it logged.
  const health = fired ? "" : JSON.stringify(await (await siem.api("/api/v1/health")).json());
  assert.ok(
    fired,
    `no alert for alice: ${health} ${
      siem.stderr().split("\n").filter((l) => l.includes('"warn"')).join(" ")
    }`,
  );
  assert.ok(!(await alerts()).includes("bob"));
  const added = await json("/api/v1/watchlists/suspects/items", "POST", {
    Account: "bob",
    Reason: "new hire",
  });
  assert.equal(added.status, 201, await added.clone().text());
  assert.ok(
    await waitFor(async () => (await alerts()).includes("new hire"), 45_000),
    "the edit did not reach the rule",
  );
});
