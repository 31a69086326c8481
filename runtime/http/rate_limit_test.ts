import assert from "node:assert/strict";
import { TokenBuckets } from "./rate_limit.ts";

Deno.test("TokenBuckets allows the burst, then refills at the rate", () => {
  let now = 0;
  const buckets = new TokenBuckets(() => now);
  const limit = { perSecond: 2, burst: 4 };
  for (let i = 0; i < 4; i++) assert.equal(buckets.take("a", limit), 0);
  assert.ok(buckets.take("a", limit) > 0);
  assert.equal(buckets.take("b", limit), 0); // per key
  now += 500; // one token back
  assert.equal(buckets.take("a", limit), 0);
  assert.equal(buckets.take("a", limit), 0.5);
});
