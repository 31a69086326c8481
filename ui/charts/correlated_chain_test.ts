import assert from "node:assert/strict";
import type { Alert } from "../api/types.ts";
import { latestChain } from "./correlated_chain.ts";

const correlated = (id: string, links: string[], score: number): Alert => ({
  SystemAlertId: id,
  AlertName: "Multi-stage attack",
  AlertSeverity: "High",
  RuleId: "siem-correlation",
  TimeGenerated: "2024-01-01T00:00:00Z",
  Tactics: ["InitialAccess", "Execution", "Impact"],
  ExtendedProperties: {
    Score: score,
    Chain: links.map((l) => ({ SystemAlertId: l, AlertName: `alert ${l}`, EndTime: "2024-01-01T00:00:00Z" })),
  },
});

Deno.test("latestChain: the correlated alert with the longest chain is the chain as it stands", () => {
  const chain = latestChain([
    { SystemAlertId: "x", AlertName: "plain", AlertSeverity: "Low", TimeGenerated: "2024-01-01T00:00:00Z" },
    correlated("c1", ["a", "b", "c"], 38),
    correlated("c2", ["a", "b", "c", "d"], 44),
  ]);
  assert.equal(chain?.alert.SystemAlertId, "c2");
  assert.deepEqual(chain?.links.map((l) => l.SystemAlertId), ["a", "b", "c", "d"]);
  assert.equal(chain?.score, 44);
});

Deno.test("latestChain: none without correlated alerts; malformed links are skipped", () => {
  assert.equal(latestChain([]), undefined);
  const odd = correlated("c", [], 1);
  const chain = latestChain([{ ...odd, ExtendedProperties: { Chain: [{ nope: 1 }, "x", null] } }]);
  assert.deepEqual(chain?.links, []);
  assert.equal(chain?.score, undefined);
});
