import assert from "node:assert/strict";
import { call } from "./_call.ts";
import { parseJsonPath } from "./json_path_functions.ts";

Deno.test("parseJsonPath reads dot, bracket and index steps", () => {
  assert.deepEqual(parseJsonPath("$.hosts[1].location"), ["hosts", 1, "location"]);
  assert.deepEqual(parseJsonPath("$['a b'][\"c\"]"), ["a b", "c"]);
  assert.deepEqual(parseJsonPath("$"), []);
  assert.equal(parseJsonPath("hosts.location"), null);
});

Deno.test("extract_json and extractjson return text or the requested type", () => {
  const json =
    '{"hosts":[{"location":"North_DC","status":"up","rate":5},{"location":"South_DC","status":"down","rate":0.02}]}';
  assert.equal(call("extract_json", ["$.hosts[1].location", json]), "South_DC");
  assert.equal(call("extractjson", ["$.hosts[0].rate", json]), "5");
  assert.equal(call("extract_json", ["$.hosts[1].rate", json, "real"]), 0.02);
  assert.deepEqual(call("extract_json", ["$.hosts[0]", json, "dynamic"]), {
    location: "North_DC",
    status: "up",
    rate: 5,
  });
  assert.equal(call("extract_json", ["$.missing", json]), "");
  assert.equal(call("extract_json", ["$.hosts", "not json"]), "");
});
