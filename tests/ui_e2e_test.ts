/**
 * End to end in real headless Chromium against a real `siem start`: sign in through `/?token=`, watch the live
 * chart move while events are ingested, see an alert appear live, open its incident, assign it, meet a 412 from a
 * concurrent change, reload, and close it. Screenshots go to a temporary folder (printed); with
 * `UPDATE_SCREENSHOTS=1` the overview and incident ones also replace docs/screenshots/.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchChromium, uiFront } from "./harness/browser.ts";
import { startSiemProcess } from "./harness/siem_process.ts";

const RULE = `id: 7a7a7a7a-0009-4000-8000-000000000009
name: SSH password failures
description: Failed SSH passwords for one host.
severity: Medium
kind: NRT
tactics: [CredentialAccess]
query: |
  Syslog
  | where SyslogMessage has "Failed password"
  | project TimeGenerated, Computer = HostName, SyslogMessage
entityMappings:
  - entityType: Host
    fieldMappings:
      - identifier: HostName
        columnName: Computer
incidentConfiguration:
  createIncident: true
version: 1
`;

const DOCS_SCREENSHOTS = new URL("../docs/screenshots/", import.meta.url).pathname;

Deno.test({
  name: "web UI: sign in, live chart, live alert, incident assign, conflict and close in Chromium",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const rulesDir = await Deno.makeTempDir({ prefix: "siem-ui-rules-" });
    const shots = await Deno.makeTempDir({ prefix: "siem-ui-screenshots-" });
    await Deno.writeTextFile(`${rulesDir}/ssh.yaml`, RULE);
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } });
    await using front = await uiFront(siem.httpUrl);
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      // The 401 and 412 answers are part of the scenario; the browser logs every failed fetch.
      if (m.type() === "error" && !/\b(401|412)\b/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    const origin = new URL(front.url).origin;
    page.on("request", (r) => {
      if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) {
        problems.push(`other host: ${r.url()}`);
      }
    });

    const syslog = (host: string, text: string) =>
      siem.api("/api/v1/connectors/syslog", {
        method: "POST",
        body: `<38>1 ${new Date().toISOString()} ${host} sshd 1 - - ${text}\n`,
      }).then((r) => r.body?.cancel());
    let traffic = true;
    const background = (async () => {
      // Bounded: at most 2 minutes of 4 batches a second.
      for (let i = 0; traffic && i < 480; i++) {
        await syslog("web1", `Accepted publickey for deploy from 10.0.0.${i % 250} port 22`);
        await new Promise((r) => setTimeout(r, 250));
      }
    })();

    try {
      // A wrong token: the clear 401 screen, nothing kept.
      await page.goto(`${front.url}/?token=wrong-token-0000000000`);
      await page.getByText("That token was refused (401 Unauthorized)").waitFor({ timeout: 30_000 });
      assert.ok(!page.url().includes("token="), page.url());
      await page.screenshot({ path: join(shots, "sign-in-401.png") });

      // /?token= signs in and the token leaves the address bar.
      await page.goto(`${front.url}/?token=${siem.token}#/overview`);
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      assert.equal(new URL(page.url()).search, "");
      assert.equal(await page.evaluate(() => sessionStorage.getItem("siem.token")), siem.token);

      // The live chart: the Syslog series appears with a non-zero rate and the canvas changes second by second.
      const legend = page.locator('siem-rate-chart [data-table="Syslog"]');
      await legend.waitFor({ timeout: 20_000 });
      const canvas = page.locator("siem-rate-chart canvas").first();
      const before = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
      await page.waitForTimeout(2_500);
      const after = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
      assert.notEqual(after, before, "the chart did not move");
      // Any non-zero rate: the background traffic slows down when the machine is busy.
      assert.match(await legend.innerText(), /Syslog: (?!0(\.0*)?\/s)[\d.]+\/s/);
      await page.screenshot({ path: join(shots, "overview-start.png") });

      // An alert appears live on the alerts page.
      await page.getByRole("link", { name: "Alerts" }).click();
      await page.getByRole("table", { name: "Alerts" }).waitFor();
      assert.equal(await page.title(), "Alerts · siem");
      await syslog("db7", "Failed password for root from 203.0.113.9 port 22");
      const alertLink = page.getByRole("link", { name: "SSH password failures" }).first();
      await alertLink.waitFor({ timeout: 20_000 });
      await page.locator("#severity-filter").selectOption("High");
      await page.getByText("No alerts of severity 'High' yet").waitFor();
      await page.locator("#severity-filter").selectOption("Medium");
      await alertLink.click();
      await page.locator("#entities").getByText("HostName=db7").waitFor();
      await page.locator("#results").getByText("Failed password for root from 203.0.113.9").waitFor();
      await page.locator("#rule").getByText('where SyslogMessage has "Failed password"').waitFor();
      await page.screenshot({ path: join(shots, "alert.png"), fullPage: true });

      // The overview counts it, and the open incident.
      await page.getByRole("link", { name: "Overview" }).click();
      await page.locator('#alerts-by-severity [data-severity="Medium"]').getByText("1").waitFor({
        timeout: 10_000,
      });
      await page.locator('#incidents-by-status [data-status="New"]').getByText("1").waitFor({
        timeout: 10_000,
      });
      await page.screenshot({ path: join(shots, "overview.png") });

      // Its incident: assign, lose a race, reload, close.
      await page.getByRole("link", { name: "Incidents" }).click();
      const incidentLink = page.getByRole("link", { name: "SSH password failures" }).first();
      await incidentLink.waitFor({ timeout: 20_000 });
      await page.locator("#sort-input").selectOption("severity");
      await incidentLink.click();
      await page.locator("#owner-input").fill("alice@example.com");
      await page.getByRole("button", { name: "Assign" }).click();
      await page.locator("#owner").getByText("alice@example.com").waitFor();
      const id = decodeURIComponent(new URL(page.url()).hash.split("/")[2]);

      const other = await siem.api(`/api/v1/incidents/${id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Severity: "High" }),
      });
      assert.equal(other.status, 200);
      await other.body?.cancel();
      // The live stream tells the page at once; saving anyway meets the 412.
      await page.locator("#stale").waitFor({ timeout: 10_000 });
      await page.locator("#status-input").selectOption("Active");
      await page.getByRole("button", { name: "Save status" }).click();
      await page.locator("#conflict").getByText("changed by someone else, reload").waitFor();
      await page.screenshot({ path: join(shots, "incident-conflict.png") });
      await page.getByRole("button", { name: "Reload" }).click();
      await page.locator("#conflict").waitFor({ state: "detached" });

      await page.locator("#comment-input").fill("Brute force from 203.0.113.9, blocked at the firewall");
      await page.getByRole("button", { name: "Add comment" }).click();
      await page.locator("#comments").getByText("blocked at the firewall").waitFor();
      await page.locator("#status-input").selectOption("Closed");
      await page.locator("#classification-input").selectOption("TruePositive");
      await page.locator("#reason-input").fill("SuspiciousActivity");
      await page.getByRole("button", { name: "Save status" }).click();
      await page.locator("#status").getByText("Closed").waitFor();
      await page.screenshot({ path: join(shots, "incident.png"), fullPage: true });

      const final = await (await siem.api(`/api/v1/incidents/${id}`)).json();
      assert.equal(final.Status, "Closed");
      assert.equal(final.Classification, "TruePositive");
      assert.equal(final.Owner.assignedTo, "alice@example.com");
      assert.equal(final.Severity, "High"); // the other analyst's change survived
      assert.equal(final.Comments.length, 1);

      await page.getByRole("link", { name: "Hunting" }).click();
      await page.getByRole("textbox", { name: "KQL query" }).waitFor();

      // Keyboard: the first Tab stop is the first navigation link, with a visible focus ring.
      await page.getByRole("link", { name: "Overview" }).click();
      await page.reload();
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const app = document.querySelector("siem-app")!;
        const el = app.shadowRoot!.activeElement as HTMLElement | null;
        return el ? el.textContent : null;
      });
      assert.equal(focused, "Overview");

      // A dark-theme screenshot, for the record.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.screenshot({ path: join(shots, "overview-dark.png") });

      // Laptop widths: no page scrolls sideways.
      for (const width of [1024, 1280]) {
        await page.setViewportSize({ width, height: 720 });
        for (const hash of ["#/overview", "#/alerts", `#/incidents/${id}`]) {
          await page.goto(`${front.url}/${hash}`);
          await page.getByRole("navigation", { name: "Main" }).waitFor();
          await page.waitForTimeout(300);
          const overflow = await page.evaluate(() =>
            document.documentElement.scrollWidth - document.documentElement.clientWidth
          );
          assert.ok(overflow <= 0, `${hash} at ${width}px scrolls sideways by ${overflow}px`);
        }
      }

      // A token that stops working mid-session: back to the sign-in screen with the reason.
      await page.evaluate(() => sessionStorage.setItem("siem.token", "revoked-token-0000000000"));
      await page.reload();
      await page.getByText("Your session ended: the server refused the token").waitFor({ timeout: 10_000 });
      assert.equal(await page.evaluate(() => sessionStorage.getItem("siem.token")), null);

      assert.deepEqual(problems, []);
      console.log(`screenshots: ${shots}`);
      if (Deno.env.get("UPDATE_SCREENSHOTS") === "1") {
        await Deno.mkdir(DOCS_SCREENSHOTS, { recursive: true });
        await Deno.copyFile(join(shots, "overview.png"), join(DOCS_SCREENSHOTS, "overview.png"));
        await Deno.copyFile(join(shots, "incident.png"), join(DOCS_SCREENSHOTS, "incident.png"));
      }
    } catch (error) {
      await page.screenshot({ path: join(shots, "failure.png"), fullPage: true }).catch(() => {});
      console.error(`screenshots: ${shots}; problems: ${JSON.stringify(problems)}`);
      throw error;
    } finally {
      traffic = false;
      await background;
      await Deno.remove(rulesDir, { recursive: true });
    }
  },
});
