import assert from "node:assert/strict";
import type { AlertEntity, SecurityAlert } from "../alerts/mod.ts";
import { CORRELATION_RULE_ID, Correlator } from "./mod.ts";

function alert(
  id: string,
  rule: string,
  tactics: string[],
  entities: AlertEntity[],
  minute: number,
): SecurityAlert {
  const end = new Date(Date.UTC(2026, 10, 27, 8, minute)).toISOString();
  return {
    SystemAlertId: id,
    AlertName: rule,
    DisplayName: rule,
    AlertSeverity: "Low",
    Description: "",
    ProviderName: "ASI Scheduled Alerts",
    ProductName: "siem",
    AlertType: rule,
    RuleId: rule,
    RuleName: rule,
    RuleVersion: "1",
    StartTime: end,
    EndTime: end,
    TimeGenerated: end,
    Status: "New",
    Tactics: tactics,
    Techniques: [],
    Entities: entities,
    ExtendedProperties: {},
  };
}

const alice = { Type: "account", Name: "alice", UPNSuffix: "contoso.com" };
const attackerIp = { Type: "ip", Address: "198.51.100.7" };

Deno.test("a scripted attack story becomes one correlated chain; unrelated alerts stay out", async () => {
  const c = new Correlator();
  assert.equal(
    await c.add(
      alert("a1", "password-spray", ["CredentialAccess"], [attackerIp, { Type: "account", Name: "bob" }], 0),
    ),
    undefined,
  );
  assert.equal(
    await c.add(alert("a2", "signin-new-country", ["InitialAccess"], [alice, attackerIp], 10)),
    undefined,
  );
  assert.equal(
    await c.add(alert("x1", "unrelated", ["Impact"], [{ Type: "host", HostName: "printer" }], 12)),
    undefined,
  );
  const third = await c.add(alert("a3", "mailbox-forwarding", ["Persistence", "Collection"], [alice], 20));
  assert.ok(third);
  assert.equal(third.RuleId, CORRELATION_RULE_ID);
  assert.equal(third.AlertSeverity, "High");
  assert.equal(
    third.AlertName,
    "Multi-stage attack: InitialAccess -> Persistence -> CredentialAccess -> Collection",
  );
  assert.deepEqual(third.ExtendedProperties["Correlated Alert Ids"], ["a1", "a2", "a3"]);
  assert.equal(third.ExtendedProperties.Score, 10 * 4 + 5 * 3 + 3);
  assert.match(third.Description, /1\. .* \[CredentialAccess\] password-spray/);
  const chainId = (third.ExtendedProperties["Custom Details"] as { ChainId: string[] }).ChainId[0];

  const fourth = await c.add(
    alert("a4", "mass-download", ["Exfiltration"], [{ Type: "account", Name: "ALICE" }], 30),
  );
  assert.ok(fourth);
  assert.deepEqual((fourth.ExtendedProperties["Custom Details"] as { ChainId: string[] }).ChainId, [chainId]);
  assert.notEqual(fourth.SystemAlertId, third.SystemAlertId);
  assert.ok(!(fourth.ExtendedProperties["Correlated Alert Ids"] as string[]).includes("x1"));
  // Deterministic: the same alerts give the same correlated alert id.
  const again = new Correlator();
  for (
    const a of [[
      "a1",
      "password-spray",
      ["CredentialAccess"],
      [attackerIp, { Type: "account", Name: "bob" }],
      0,
    ], ["a2", "signin-new-country", ["InitialAccess"], [alice, attackerIp], 10]] as const
  ) {
    await again.add(alert(a[0], a[1], [...a[2]], [...a[3]], a[4]));
  }
  const replayed = await again.add(
    alert("a3", "mailbox-forwarding", ["Persistence", "Collection"], [alice], 20),
  );
  assert.equal(replayed?.SystemAlertId, third.SystemAlertId);
});

Deno.test("links expire after the horizon, and one rule alone never correlates", async () => {
  const c = new Correlator({ horizonMicros: 15 * 60e6 });
  await c.add(alert("b1", "r1", ["InitialAccess"], [alice], 0));
  await c.add(alert("b2", "r2", ["Execution"], [alice], 5));
  assert.equal(await c.add(alert("b3", "r3", ["Impact"], [alice], 40)), undefined); // b1, b2 are too old
  const single = new Correlator();
  await single.add(alert("c1", "r1", ["InitialAccess"], [alice], 0));
  await single.add(alert("c2", "r1", ["Execution"], [alice], 1));
  assert.equal(await single.add(alert("c3", "r1", ["Impact"], [alice], 2)), undefined);
});
