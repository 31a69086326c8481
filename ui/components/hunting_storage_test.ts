import assert from "node:assert/strict";
import { HISTORY_LIMIT, HuntingStorage } from "./hunting_storage.ts";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    items,
  };
}

Deno.test("HuntingStorage keeps history newest first, without repeats, bounded", () => {
  const storage = new HuntingStorage(memoryStorage());
  storage.remember({ query: "A", timespan: "PT1H", ranAt: "1" });
  storage.remember({ query: "B", timespan: "PT1H", ranAt: "2" });
  storage.remember({ query: "A", timespan: "P1D", ranAt: "3" });
  assert.deepEqual(storage.history().map((e) => [e.query, e.timespan]), [["A", "P1D"], ["B", "PT1H"]]);
  for (let i = 0; i < HISTORY_LIMIT + 10; i++) storage.remember({ query: `q${i}`, timespan: "", ranAt: "" });
  assert.equal(storage.history().length, HISTORY_LIMIT);
});

Deno.test("HuntingStorage saves by name, replaces and removes", () => {
  const storage = new HuntingStorage(memoryStorage());
  storage.save({ name: "logons", query: "SecurityEvent", timespan: "PT1H", savedAt: "" });
  storage.save({ name: "alerts", query: "SecurityAlert", timespan: "P1D", savedAt: "" });
  storage.save({ name: "logons", query: "SecurityEvent | take 5", timespan: "PT1H", savedAt: "" });
  assert.deepEqual(storage.saved().map((s) => [s.name, s.query]), [
    ["alerts", "SecurityAlert"],
    ["logons", "SecurityEvent | take 5"],
  ]);
  assert.deepEqual(storage.remove("alerts").map((s) => s.name), ["logons"]);
});

Deno.test("HuntingStorage treats unreadable or foreign content as empty and survives a full storage", () => {
  const memory = memoryStorage();
  memory.items.set("siem.hunting.history", "{not json");
  memory.items.set("siem.hunting.saved", JSON.stringify([{ name: 1 }, null, { name: "ok", query: "T" }]));
  const storage = new HuntingStorage(memory);
  assert.deepEqual(storage.history(), []);
  assert.deepEqual(storage.saved().map((s) => s.name), ["ok"]);
  const full = new HuntingStorage({
    getItem: () => null,
    setItem: () => {
      throw new DOMException("full", "QuotaExceededError");
    },
  });
  assert.equal(full.remember({ query: "x", timespan: "", ranAt: "" }).length, 1);
});
