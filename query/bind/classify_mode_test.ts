import assert from "node:assert/strict";
import { analyzeQuery } from "./analyze_query.ts";

const mode = (text: string) => analyzeQuery(text).mode;
const leafTexts = (text: string) =>
  (mode(text).leaves ?? []).map((l) => text.slice(l.span.start, l.span.end));

Deno.test("classifyMode: per-event operators and an exact summarize over one table are incremental", () => {
  const filter = mode("SecurityEvent | where EventID == 4625 | extend a = tolower(Account)");
  assert.equal(filter.mode, "incremental");
  assert.equal(
    filter.reason,
    "SecurityEvent: 2 operators per event; the rest runs per instant over these partial results",
  );
  const text = "SecurityEvent | summarize count(), dcount(Computer) by Account | where count_ > 5";
  assert.deepEqual(
    mode(text).reason,
    "SecurityEvent: summarize per pane and key; the rest runs per instant over these partial results",
  );
  assert.deepEqual(leafTexts(text), ["SecurityEvent | summarize count(), dcount(Computer) by Account"]);
  // Order-dependent aggregates keep their rows' places: panes merge them in any order.
  assert.equal(mode("SecurityEvent | summarize make_set(Computer) by Account").mode, "incremental");
});

Deno.test("classifyMode finds a leaf per table: through lets, in union branches and on both sides of a join", () => {
  const viaLet = "let t = SigninLogs | where ResultType != '0'; " +
    "t | summarize count() by IPAddress | join (t | summarize dcount(UserPrincipalName) by IPAddress) on IPAddress";
  assert.equal(mode(viaLet).mode, "incremental");
  assert.deepEqual(leafTexts(viaLet), ["SigninLogs | where ResultType != '0'"]);
  // A let read once is put in place: its summarize is kept per pane too.
  const once = mode("let t = SigninLogs | where ResultType != '0'; t | summarize count() by IPAddress");
  assert.equal(once.leaves?.[0].summarize?.kind, "Summarize");
  assert.match(
    once.reason,
    /summarize per pane and key; .*\(planned with let 't' read once put in place\)$/,
  );
  // A union of branches with per-event operators is one leaf, each branch's operators run per event.
  const union = "union (SecurityEvent | where EventID == 1), (WindowsEvent | where EventID == 1) | count";
  assert.deepEqual(leafTexts(union), [
    "union (SecurityEvent | where EventID == 1), (WindowsEvent | where EventID == 1)",
  ]);
  assert.deepEqual(mode(union).leaves?.[0].union?.branches?.map((ops) => ops.map((op) => op.kind)), [
    ["Where"],
    ["Where"],
  ]);
  const mixed = "union (SecurityEvent | where EventID == 1 | project Computer, TimeGenerated), Heartbeat " +
    "| where Computer != '' | summarize count() by Computer";
  assert.equal(mode(mixed).leaves?.length, 1);
  assert.match(
    mode(mixed).reason,
    /^union SecurityEvent, Heartbeat: 4 operators per event, summarize per pane/,
  );
  // Branches that are not per-event (a summarize) or a source column over subqueries: a leaf per branch.
  const summarized =
    "union (SecurityEvent | summarize count() by Computer), (Heartbeat | where Computer != '') " +
    "| count";
  assert.deepEqual(leafTexts(summarized), [
    "SecurityEvent | summarize count() by Computer",
    "Heartbeat | where Computer != ''",
  ]);
  const sourced =
    "union withsource=T (SecurityEvent | where EventID == 1), (Heartbeat | where Computer != '') " +
    "| summarize count() by T";
  assert.equal(mode(sourced).leaves?.length, 2);
  const join = "SecurityEvent | where EventID == 4625 | summarize F = count() by TargetAccount " +
    "| join kind=inner (SecurityEvent | where EventID == 4624 | summarize L = count() by TargetAccount) on TargetAccount";
  assert.equal(mode(join).leaves?.length, 2);
  assert.equal(mode(join).leaves?.every((l) => l.summarize !== undefined), true);
  const unionLeaf =
    "union withsource=T SecurityEvent, WindowsEvent | where Computer != 'x' | summarize count() by T";
  assert.deepEqual(leafTexts(unionLeaf), [unionLeaf]);
  assert.deepEqual(mode(unionLeaf).leaves?.[0].union, {
    tables: ["SecurityEvent", "WindowsEvent"],
    withSource: "T",
  });
  assert.match(
    mode(unionLeaf).reason,
    /^union SecurityEvent, WindowsEvent: 1 operator per event, summarize per pane/,
  );
  const lookup = "let k = datatable(HostName:string, Owner:string)['a', 'b']; Syslog | lookup k on HostName";
  assert.deepEqual(leafTexts(lookup), ["Syslog | lookup k on HostName"]);
  // A summarize that does not merge exactly runs per instant over the kept rows.
  const real = mode("Syslog | where ProcessID > 1 | summarize sum(todouble(ProcessID))");
  assert.equal(real.mode, "incremental");
  assert.match(real.reason, /'sum' of a real value merges only approximately: per instant on the kept rows/);
});

Deno.test("classifyMode sends tables read whole, instant-dependent filters and subqueries to batch", () => {
  assert.equal(
    mode("SigninLogs | join (AuditLogs) on CorrelationId").reason,
    "operator 'join' needs the whole window",
  );
  assert.equal(mode("Syslog | sort by TimeGenerated").reason, "operator 'sort' needs the whole window");
  assert.equal(mode("Syslog | top 5 by TimeGenerated").reason, "operator 'top' needs the whole window");
  assert.equal(
    mode("Syslog | extend p = prev(TimeGenerated)").reason,
    "'prev' needs the rows in order (in 'extend')",
  );
  assert.equal(
    mode("Syslog | where TimeGenerated - 1h > ago(1h) | count").reason,
    "'ago()' depends on the evaluation instant (only a bound on TimeGenerated by the instant and a constant " +
      "time span, such as 'where TimeGenerated > ago(1d)', runs per event) (in 'where')",
  );
  assert.equal(
    mode("let start = now(-1h); Syslog | where ProcessID > 0 or TimeGenerated > start | count").reason,
    "'start' depends on the evaluation instant (only a bound on TimeGenerated by the instant and a constant " +
      "time span runs per event) (in 'where')",
  );
  // A bound on the event time after an operator that assigned it is not on the event's own time: it runs per
  // instant over the leaf's kept rows.
  assert.match(
    mode("Syslog | extend TimeGenerated = TimeGenerated + 1h | where TimeGenerated > ago(1h)").reason,
    /\(then 'ago\(\)' depends on the evaluation instant .*: per instant on the kept rows\)/,
  );
  assert.equal(
    mode("Syslog | lookup (Heartbeat | project HostName = Computer, OSType) on HostName").reason,
    "operator 'lookup' needs the whole window",
  );
  assert.equal(
    mode("Syslog | where HostName in ((Heartbeat | distinct Computer))").reason,
    "a subquery (in 'where')",
  );
  assert.equal(
    mode("let n = toscalar(Syslog | count); Syslog | where ProcessID > n").reason,
    "let 'n' is computed from a table",
  );
  assert.equal(
    mode("Syslog | summarize percentilew(ProcessID, 1, 50)").reason,
    "aggregate 'percentilew' is not mergeable",
  );
  assert.equal(
    mode("Syslog | summarize stdev(ProcessID)").reason,
    "aggregate 'stdev' merges only approximately",
  );
  assert.equal(
    mode("union SecurityEvent, WindowsEvent | summarize make_set(Computer)").reason,
    "aggregates that depend on row order over a union",
  );
  assert.equal(
    mode("union SecurityEvent, WindowsEvent | take 5").reason,
    "operator 'take' needs the whole window",
  );
  // A let function called with a column can not be put in place.
  assert.equal(
    mode(
      "let f = (n:int) { SecurityEvent | where EventID == n }; SecurityEvent | extend x = toscalar(f(EventID))",
    )
      .mode,
    "batch",
  );
  assert.equal(
    mode(
      "let f = (t:timespan) { SecurityEvent | where TimeGenerated > ago(t) }; SecurityEvent | join (f(1d)) on Computer",
    )
      .reason,
    "reads 'SecurityEvent' inside a let function",
  );
  assert.equal(mode("Syslog | where (").reason, "the query has syntax errors");
});

Deno.test("classifyMode keeps event-time bounds by the instant out of the per-event work, as the leaf's window", () => {
  const withPeriod = (text: string, period: number) => analyzeQuery(text, { period }).mode;
  const day = 86_400_000_000;
  const always = withPeriod(
    "SecurityEvent | where TimeGenerated > ago(1d) | summarize count() by Computer",
    day,
  );
  assert.equal(always.mode, "incremental");
  assert.equal(
    always.reason,
    "SecurityEvent: 1 operator per event, summarize per pane and key (where TimeGenerated > ago(1d): always " +
      "true in the 1d window); the rest runs per instant over these partial results",
  );
  const baseline = "let lookback = 14d; let timeframe = 1d; SecurityEvent " +
    "| where TimeGenerated between (ago(lookback) .. ago(timeframe)) and EventID == 4625 | project Computer";
  const b = withPeriod(baseline, 14 * day);
  assert.equal(b.leaves?.[0].timeFilters?.length, 1);
  assert.deepEqual(b.leaves?.[0].timeFilters?.[0].bounds, [
    { side: "lower", offset: 14 * day, inclusive: true },
    { side: "upper", offset: day, inclusive: true },
  ]);
  assert.match(b.reason, /between \(ago\(lookback\) \.\. ago\(timeframe\)\): events in \[now-14d, now-1d\]/);
  const turned = mode(
    "Syslog | where now(-5m) > TimeGenerated and ProcessID > 1 | where TimeGenerated >= now() - 25m",
  );
  assert.deepEqual(turned.leaves?.[0].timeFilters?.map((f) => [f.text, f.bounds]), [
    ["now(-5m) > TimeGenerated", [{ side: "upper", offset: 300_000_000, inclusive: false }]],
    ["TimeGenerated >= now() - 25m", [{ side: "lower", offset: 1_500_000_000, inclusive: true }]],
  ]);
  // now() after the leaves is the instant: no reason to run in batch.
  assert.equal(
    mode("Syslog | summarize Last = max(TimeGenerated) by HostName | where Last < ago(1h)").mode,
    "incremental",
  );
});
