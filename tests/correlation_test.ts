/**
 * The attack story end to end: low-severity alerts from different rules and tables that share an account become
 * one high-severity correlated incident explaining the chain.
 */
import assert from "node:assert/strict";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";

const rule = (id: string, name: string, tactic: string, query: string, column: string) =>
  `id: ${id}
name: ${name}
description: ${name}
severity: Low
kind: NRT
tactics: [${tactic}]
query: ${query}
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: ${column}
version: 1
`;

Deno.test("password spray, sign-in from a new country and a forwarding rule become one correlated incident", async () => {
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-corr-rules-" });
  try {
    await Deno.writeTextFile(
      `${rulesDir}/spray.yaml`,
      rule(
        "9c000000-0000-4000-8000-000000000001",
        "Password spray",
        "CredentialAccess",
        "SecurityEvent | where EventID == 4625",
        "TargetAccount",
      ),
    );
    await Deno.writeTextFile(
      `${rulesDir}/signin.yaml`,
      rule(
        "9c000000-0000-4000-8000-000000000002",
        "Sign-in from a new country",
        "InitialAccess",
        'SigninLogs | where Location == "KP"',
        "UserPrincipalName",
      ),
    );
    await Deno.writeTextFile(
      `${rulesDir}/forward.yaml`,
      rule(
        "9c000000-0000-4000-8000-000000000003",
        "Mailbox forwarding rule",
        "Persistence",
        'OfficeActivity | where Operation == "New-InboxRule"',
        "UserId",
      ),
    );
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const ingest = async (table: string, row: Record<string, unknown>) => {
      const res = await siem.api(`/api/v1/ingest/${table}`, { method: "POST", body: JSON.stringify(row) });
      assert.equal((await res.json()).accepted, 1);
    };
    const incidents = async () =>
      (await (await siem.api("/api/v1/incidents")).json()).incidents as Array<Record<string, unknown>>;
    await ingest("SecurityEvent", { EventID: 4625, TargetAccount: "alice@contoso.com", Computer: "dc1" });
    await ingest("SigninLogs", { UserPrincipalName: "alice@contoso.com", Location: "KP", ResultType: "0" });
    await ingest("OfficeActivity", {
      UserId: "alice@contoso.com",
      Operation: "New-InboxRule",
      OfficeWorkload: "Exchange",
    });
    // Noise: another account's sign-in does not join the chain.
    await ingest("SigninLogs", { UserPrincipalName: "bob@contoso.com", Location: "KP", ResultType: "0" });
    assert.ok(
      await waitFor(
        async () => (await incidents()).some((i) => String(i.Title).startsWith("Multi-stage attack")),
        20_000,
      ),
      JSON.stringify((await incidents()).map((i) => i.Title)),
    );
    const all = await incidents();
    const correlated = all.filter((i) => String(i.Title).startsWith("Multi-stage attack"));
    assert.equal(correlated.length, 1);
    assert.equal(correlated[0].Severity, "High");
    assert.equal(correlated[0].Title, "Multi-stage attack: InitialAccess -> Persistence -> CredentialAccess");
    assert.match(String(correlated[0].Description), /3 alerts from 3 rules/);
    assert.equal(all.length, 5); // four rule incidents and the correlated one
  } finally {
    await Deno.remove(rulesDir, { recursive: true });
  }
});
