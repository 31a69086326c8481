import assert from "node:assert/strict";
import { parseRoute, takeTokenFromUrl } from "./route.ts";

Deno.test("parseRoute reads pages, ids and filters; unknown is the overview", () => {
  assert.deepEqual(parseRoute(""), { page: "overview" });
  assert.deepEqual(parseRoute("#/nope"), { page: "overview" });
  assert.deepEqual(parseRoute("#/alerts?severity=High"), { page: "alerts", severity: "High", alertId: "" });
  assert.deepEqual(parseRoute("#/alerts/a%2Fb"), { page: "alerts", severity: "", alertId: "a/b" });
  assert.deepEqual(parseRoute("#/incidents?status=New"), { page: "incidents", status: "New" });
  assert.deepEqual(parseRoute("#/incidents/abc"), { page: "incident", incidentId: "abc" });
  assert.deepEqual(parseRoute("#/hunting"), { page: "hunting" });
  assert.deepEqual(parseRoute("#/rules"), { page: "rules" });
  assert.deepEqual(parseRoute("#/rules/a%2Fb"), { page: "rule", ruleId: "a/b" });
  assert.deepEqual(parseRoute("#/workbooks"), { page: "workbooks" });
  assert.deepEqual(parseRoute("#/workbooks/cef-top-talkers?edit=1"), {
    page: "workbook",
    workbookId: "cef-top-talkers",
    edit: true,
  });
  assert.deepEqual(parseRoute("#/alerts/%E0%A4%A"), { page: "alerts", severity: "", alertId: "%E0%A4%A" });
});

Deno.test("takeTokenFromUrl removes only the token", () => {
  assert.deepEqual(takeTokenFromUrl("http://h:1/?token=abc&x=1#/incidents"), {
    token: "abc",
    cleanUrl: "/?x=1#/incidents",
  });
  assert.deepEqual(takeTokenFromUrl("http://h:1/#/alerts"), { token: null, cleanUrl: "/#/alerts" });
});
