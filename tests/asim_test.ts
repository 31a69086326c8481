/**
 * ASIM end to end against a real `siem start` and nats-server: one rule written against the normalized
 * `imAuthentication` parser fires from Windows 4625 events (the windows-security connector and the plain ingest
 * API alike) and from Entra ID sign-in failures, because ingest stores every source row's ASim row next to it.
 */
import assert from "node:assert/strict";
import { jetstreamManager } from "@nats-io/jetstream";
import { connectNats } from "../runtime/nats/connect.ts";
import { startSiemProcess } from "./harness/siem_process.ts";
import { waitFor } from "./harness/nats.ts";
import { alertMessages, eventRows } from "./harness/events.ts";

const ASIM_BRUTE_FORCE = `id: 6f1e2d3c-00a5-4a5b-9c8d-a51a51a51a51
name: Failed logons, any source (ASIM)
description: Three failed logons for one user, whatever product reported them.
severity: Medium
kind: Scheduled
queryFrequency: 2s
queryPeriod: 5m
triggerOperator: gt
triggerThreshold: 0
tactics: [CredentialAccess]
query: |
  imAuthentication(starttime=ago(5m))
  | where EventResult == "Failure"
  | summarize Failures = count(), Products = make_set(EventProduct) by TargetUsername, bin(TimeGenerated, 1h)
  | where Failures >= 3
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: TargetUsername
customDetails:
  Products: Products
version: 1
`;

Deno.test("an imAuthentication rule fires from Windows 4625 events and from Entra sign-in failures alike", async () => {
  const rulesDir = await Deno.makeTempDir({ prefix: "siem-asim-rules-" });
  try {
    await Deno.writeTextFile(`${rulesDir}/asim.yaml`, ASIM_BRUTE_FORCE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    const password = (await Deno.readTextFile(`${siem.dataDir}/nats-password`)).trim();
    const nc = await connectNats([siem.natsUrl], { user: "siem", password });
    try {
      // One instant for every event, so each user's three failures land in one group.
      const at = new Date().toISOString();
      const windows = [1, 2, 3].map(() =>
        JSON.stringify({
          EventID: 4625,
          TimeCreated: at,
          Computer: "dc01.contoso.com",
          TargetUserName: "bob",
          TargetDomainName: "CONTOSO",
          LogonType: "3",
          IpAddress: "198.51.100.7",
          Status: "0xc000006d",
          SubStatus: "0xc000006a",
        })
      ).join("\n");
      const viaConnector = await siem.api("/api/v1/connectors/windows-security", {
        method: "POST",
        body: windows,
      });
      assert.equal((await viaConnector.json()).accepted, 3);

      const plain = [1, 2, 3].map(() =>
        JSON.stringify({
          TimeGenerated: at,
          EventID: 4625,
          Computer: "srv02",
          TargetAccount: "CONTOSO\\dave",
        })
      ).join("\n");
      const viaIngest = await siem.api("/api/v1/ingest/SecurityEvent", { method: "POST", body: plain });
      assert.equal((await viaIngest.json()).accepted, 3);

      const signins = {
        value: [1, 2, 3].map((i) => ({
          id: `00000000-0000-4000-8000-00000000000${i}`,
          createdDateTime: at,
          userPrincipalName: "carol@contoso.com",
          userId: "11111111-2222-4333-8444-555555555555",
          appDisplayName: "Azure Portal",
          ipAddress: "203.0.113.9",
          isInteractive: true,
          status: { errorCode: 50126, failureReason: "Invalid username or password" },
        })),
      };
      const viaEntra = await siem.api("/api/v1/connectors/entra-signin", {
        method: "POST",
        body: JSON.stringify(signins),
      });
      assert.equal((await viaEntra.json()).accepted, 3);

      const jsm = await jetstreamManager(nc);
      const alertFor = async (user: string) =>
        (await alertMessages(jsm)).find((a) => JSON.stringify(a.Entities ?? []).includes(user));
      assert.ok(
        await waitFor(async () => (await alertFor("bob")) !== undefined, 20_000),
        "no alert from the Windows connector's 4625 events",
      );
      assert.ok(
        await waitFor(async () => (await alertFor("dave")) !== undefined, 10_000),
        "no alert for dave",
      );
      assert.ok(
        await waitFor(async () => (await alertFor("carol")) !== undefined, 10_000),
        "no alert for carol",
      );
      const carol = (await alertFor("carol"))!;
      assert.equal(carol.AlertName, "Failed logons, any source (ASIM)");
      assert.match(JSON.stringify(carol.ExtendedProperties), /AAD/);
      assert.match(JSON.stringify((await alertFor("bob"))!.ExtendedProperties), /Security Events/);

      // What the rule read: the ASim rows ingest stored next to the source rows.
      const asim = await eventRows(jsm, "ASimAuthenticationEventLogs");
      assert.equal(asim.length, 9);
      assert.deepEqual(
        [...new Set(asim.map((r) => `${r.TargetUsername}|${r.EventResultDetails}`))].sort(),
        [
          "CONTOSO\\bob|Incorrect password",
          "CONTOSO\\dave|Other",
          "carol@contoso.com|No such user or password",
        ],
      );
      assert.equal((await eventRows(jsm, "SecurityEvent")).length, 6);

      // Hunting calls the same parsers, with their filtering parameters.
      const hunt = await siem.api("/api/v1/query", {
        method: "POST",
        body: JSON.stringify({
          query:
            `_Im_Authentication(eventresult='Failure', srcipaddr_has_any_prefix=dynamic(['198.51.', '203.0.']))
            | summarize n = count() by EventProduct | order by EventProduct asc`,
          timespan: "PT1H",
        }),
      });
      const result = await hunt.json();
      assert.equal(hunt.status, 200, JSON.stringify(result));
      assert.deepEqual(result.rows, [["AAD", 3], ["Security Events", 3]]);
    } finally {
      await nc.close();
    }
  } finally {
    await Deno.remove(rulesDir, { recursive: true });
  }
});
