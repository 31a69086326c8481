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
  assert.equal(mode(text).leaves?.[0].ordered, false);
  assert.equal(mode("SecurityEvent | summarize make_set(Computer) by Account").leaves?.[0].ordered, true);
});

Deno.test("classifyMode finds a leaf per table: through lets, in union branches and on both sides of a join", () => {
  const viaLet = "let t = SigninLogs | where ResultType != '0'; t | summarize count() by IPAddress";
  assert.equal(mode(viaLet).mode, "incremental");
  assert.deepEqual(leafTexts(viaLet), ["SigninLogs | where ResultType != '0'"]);
  const union = "union (SecurityEvent | where EventID == 1), (WindowsEvent | where EventID == 1) | count";
  assert.deepEqual(leafTexts(union), [
    "SecurityEvent | where EventID == 1",
    "WindowsEvent | where EventID == 1",
  ]);
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
    mode("Syslog | where TimeGenerated > ago(1h) | count").reason,
    "'ago()' depends on the evaluation instant (in 'where')",
  );
  assert.equal(
    mode("let start = now(-1h); Syslog | where TimeGenerated > start | count").reason,
    "'start' depends on the evaluation instant (in 'where')",
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
  assert.equal(
    mode("let f = (t:timespan) { SecurityEvent | where TimeGenerated > ago(t) }; f(1d) | distinct Computer")
      .reason,
    "reads 'SecurityEvent' inside a let function",
  );
  assert.equal(mode("Syslog | where (").reason, "the query has syntax errors");
});
