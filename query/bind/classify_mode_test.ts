import assert from "node:assert/strict";
import { analyzeQuery } from "./analyze_query.ts";

const mode = (text: string) => analyzeQuery(text).mode;

Deno.test("classifyMode: stateless operators and mergeable summarize over one table are incremental", () => {
  assert.equal(
    mode("SecurityEvent | where EventID == 4625 | extend a = tolower(Account)").mode,
    "incremental",
  );
  assert.deepEqual(
    mode("SecurityEvent | summarize count(), dcount(Computer) by Account | where count_ > 5"),
    {
      mode: "incremental",
      reason: "stateless operators and a summarize of mergeable aggregates over one table (SecurityEvent)",
    },
  );
});

Deno.test("classifyMode follows tabular lets and unions of stateless branches", () => {
  const viaLet = mode("let t = SigninLogs | where ResultType != '0'; t | summarize count() by IPAddress");
  assert.equal(viaLet.mode, "incremental");
  const union = mode(
    "union (SecurityEvent | where EventID == 1), (WindowsEvent | where EventID == 1) | count",
  );
  assert.equal(union.mode, "incremental");
  const summarizedBranch = mode("union (SecurityEvent | summarize count() by Computer), WindowsEvent");
  assert.equal(summarizedBranch.reason, "a union branch is not stateless");
  const inlined = mode(
    "let f = (t:timespan) { SecurityEvent | where TimeGenerated > ago(t) }; f(1d) | distinct Computer",
  );
  assert.equal(inlined.mode, "incremental");
  const union2 = mode("union SecurityEvent, WindowsEvent | summarize count() by Computer");
  assert.deepEqual(union2, {
    mode: "incremental",
    reason: "stateless operators and a summarize of mergeable aggregates over a union of 2 tables",
  });
});

Deno.test("classifyMode sends joins, sorts, second summarizes, subqueries and unmergeable aggregates to batch", () => {
  assert.equal(
    mode("SigninLogs | join (AuditLogs) on CorrelationId").reason,
    "operator 'join' needs the whole window",
  );
  assert.equal(mode("Syslog | sort by TimeGenerated").mode, "incremental");
  assert.equal(
    mode("Syslog | sort by TimeGenerated | extend p = prev(TimeGenerated)").reason,
    "'prev' needs the rows in order",
  );
  assert.equal(mode("Syslog | top 5 by TimeGenerated").reason, "operator 'top' needs the whole window");
  assert.equal(
    mode("let k = datatable(HostName:string, Owner:string)['a', 'b']; Syslog | lookup k on HostName").mode,
    "incremental",
  );
  assert.equal(
    mode("Syslog | lookup (Heartbeat | project HostName = Computer, OSType) on HostName").reason,
    "operator 'lookup' needs the whole window",
  );
  assert.equal(
    mode("Syslog | summarize c = count() by HostName | summarize count()").reason,
    "more than one summarize",
  );
  assert.equal(
    mode("Syslog | where HostName in ((Heartbeat | distinct Computer))").reason,
    "a subquery inside 'where'",
  );
  assert.equal(
    mode("let n = toscalar(Syslog | count); Syslog | where ProcessID > n").reason,
    "let 'n' is computed from a table",
  );
  assert.equal(
    mode("Syslog | summarize percentilew(ProcessID, 1, 50)").reason,
    "aggregate 'percentilew' is not mergeable",
  );
  assert.equal(mode("Syslog | where (").reason, "the query has syntax errors");
});
