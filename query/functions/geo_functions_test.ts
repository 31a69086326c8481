import assert from "node:assert/strict";
import { call } from "./_call.ts";

Deno.test("geo_distance_2points measures great-circle distances in metres", () => {
  const d = call("geo_distance_2points", [-122.407628, 47.578557, -118.275287, 34.019056]) as number;
  assert.ok(Math.abs(d - 1546754) / 1546754 < 0.005, `Seattle-LA ${d}`);
  assert.equal(call("geo_distance_2points", [0, 0, 0, 0]), 0);
  assert.equal(call("geo_distance_2points", [200, 0, 0, 0]), null);
});
