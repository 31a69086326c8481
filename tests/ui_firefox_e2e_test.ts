/**
 * End to end in real headless Firefox (Debian's firefox-esr over WebDriver BiDi) against a real `siem start`: sign
 * in with the form and through `/?token=`, watch the live chart move while events are ingested, see an alert appear
 * live, open its incident, assign it, meet a 412 from a concurrent change, reload and close it, run a hunting
 * query, and open the rules and workbooks pages. Any console error, uncaught error or CSP violation fails it.
 * Screenshots go to a temporary folder (printed).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { uiFront } from "./harness/browser.ts";
import { launchFirefox, waitForGone, waitForText, watchPage } from "./harness/firefox.ts";
import { startSiemProcess } from "./harness/siem_process.ts";

const RULE_ID = "7a7a7a7a-0009-4000-8000-000000000029";
const RULE = `id: ${RULE_ID}
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

const WORKBOOK = {
  name: "SSH activity",
  description: "Every kind of tile, drawn in Firefox.",
  timeRange: "PT1H",
  tiles: [
    {
      id: "over-time",
      title: "Over time",
      query: "Syslog | summarize n = count() by bin(TimeGenerated, 1h), HostName | render timechart",
      visual: "auto",
      width: 2,
    },
    {
      id: "total",
      title: "Events",
      query: "Syslog | summarize n = count()",
      visual: "single",
      width: 1,
    },
    {
      id: "by-host",
      title: "By host",
      query: "Syslog | summarize n = count() by HostName | render barchart",
      visual: "auto",
      width: 1,
    },
    {
      id: "share",
      title: "Share",
      query: "Syslog | summarize n = count() by HostName | render piechart",
      visual: "auto",
      width: 1,
    },
    {
      id: "latest",
      title: "Latest",
      query: "Syslog | top 5 by TimeGenerated desc | project TimeGenerated, HostName, SyslogMessage",
      visual: "table",
      width: 1,
    },
  ],
};

/** Everything the app draws sits in shadow roots under `siem-app`; `>>>` pierces them. */
const $ = (selector: string) => `siem-app >>> ${selector}`;

Deno.test({
  name:
    "web UI in Firefox: sign in, live chart, live alert, incident assign, conflict and close, hunting, rules",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const rulesDir = await Deno.makeTempDir({ prefix: "siem-ui-firefox-rules-" });
    const shots = await Deno.makeTempDir({ prefix: "siem-ui-firefox-screenshots-" });
    await Deno.writeTextFile(`${rulesDir}/ssh.yaml`, RULE);
    const [siem, browser] = await Promise.all([
      startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off", SIEM_RULES_DIR: rulesDir } }),
      launchFirefox(),
    ]);
    await using _siem = siem;
    await using _browser = browser;
    await using front = await uiFront(siem.httpUrl);
    const page = await browser.newPage();
    await page.setViewport({ width: 1366, height: 860 });
    // The 401 and 412 answers are part of the scenario; a browser may log a failed fetch.
    const problems = await watchPage(page, new URL(front.url).origin, /\b(401|412)\b/);
    const shot = (name: string, fullPage = false) => page.screenshot({ path: join(shots, name), fullPage });

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
      // The sign-in form: a wrong token is refused clearly, the right one signs in.
      await page.goto(`${front.url}/#/overview`);
      await page.locator($("#token")).fill("wrong-token-0000000000");
      await page.locator($('button[type="submit"]')).click();
      await waitForText(page, $('siem-sign-in >>> [role="alert"]'), /refused \(401 Unauthorized\)/, 30_000);
      await shot("sign-in-401.png");
      await page.locator($("#token")).fill("");
      await page.locator($("#token")).fill(siem.token);
      await page.locator($('button[type="submit"]')).click();
      await page.waitForSelector($('nav[aria-label="Main"]'));
      assert.equal(await page.evaluate(() => sessionStorage.getItem("siem.token")), siem.token);

      // /?token= signs in directly and the token leaves the address bar.
      await page.evaluate(() => sessionStorage.clear());
      await page.goto(`${front.url}/?token=${siem.token}#/overview`);
      await page.waitForSelector($('nav[aria-label="Main"]'));
      assert.equal(new URL(page.url()).search, "");
      assert.equal(await page.evaluate(() => sessionStorage.getItem("siem.token")), siem.token);

      // The live chart: the Syslog series appears with a non-zero rate and the canvas changes second by second.
      await waitForText(
        page,
        $('siem-rate-chart >>> [data-table="Syslog"]'),
        /Syslog: [1-9][\d.]*\/s/,
        30_000,
      );
      const chart = () =>
        page.$eval($("siem-rate-chart >>> canvas"), (c) => (c as HTMLCanvasElement).toDataURL());
      const before = await chart();
      await new Promise((r) => setTimeout(r, 2_500));
      assert.notEqual(await chart(), before, "the chart did not move");
      await shot("overview-start.png");

      // An alert appears live on the alerts page, with its entities and triggering row.
      await page.locator($('nav a[href="#/alerts"]')).click();
      await page.waitForSelector($('table[aria-label="Alerts"]'));
      assert.equal(await page.title(), "Alerts · siem");
      await syslog("db7", "Failed password for root from 203.0.113.9 port 22");
      await waitForText(page, $('a[href^="#/alerts/"]'), /SSH password failures/, 30_000);
      await page.locator($('a[href^="#/alerts/"]')).click();
      await waitForText(page, $("#entities"), /HostName=db7/);
      await waitForText(page, $("#results"), /Failed password for root from 203\.0\.113\.9/);
      await shot("alert.png", true);

      // The overview counts it.
      await page.locator($('nav a[href="#/overview"]')).click();
      await waitForText(page, $('#alerts-by-severity [data-severity="Medium"]'), /\b1\b/);
      await waitForText(page, $('#incidents-by-status [data-status="New"]'), /\b1\b/);
      await shot("overview.png");

      // Its incident: assign, lose a race, reload, comment, close.
      await page.locator($('nav a[href="#/incidents"]')).click();
      await waitForText(page, $('a[href^="#/incidents/"]'), /SSH password failures/, 30_000);
      await page.locator($('a[href^="#/incidents/"]')).click();
      await page.locator($("#owner-input")).fill("alice@example.com");
      await page.locator($('form[aria-label="Assign owner"] button')).click();
      await waitForText(page, $("#owner"), /alice@example\.com/);
      const id = decodeURIComponent(new URL(page.url()).hash.split("/")[2]);

      const other = await siem.api(`/api/v1/incidents/${id}`, {
        method: "PATCH",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ Severity: "High" }),
      });
      assert.equal(other.status, 200);
      await other.body?.cancel();
      // The live stream tells the page at once; saving anyway meets the 412.
      await page.waitForSelector($("#stale"));
      await page.select($("#status-input"), "Active");
      const saveStatus = $('form[aria-label="Status and classification"] button[type="submit"]');
      await page.locator(saveStatus).click();
      await waitForText(page, $("#conflict"), /changed by someone else, reload/);
      await shot("incident-conflict.png");
      await page.locator($("#conflict #reload")).click();
      await waitForGone(page, $("#conflict"));

      await page.locator($("#comment-input")).fill("Brute force from 203.0.113.9, blocked at the firewall");
      await page.locator($('form[aria-label="Add a comment"] button')).click();
      await waitForText(page, $("#comments"), /blocked at the firewall/);
      await page.select($("#status-input"), "Closed");
      await page.waitForSelector($("#classification-input"));
      await page.select($("#classification-input"), "TruePositive");
      await page.locator($("#reason-input")).fill("SuspiciousActivity");
      await page.locator(saveStatus).click();
      await waitForText(page, $("#status"), /Closed/);
      await shot("incident.png", true);

      const final = await (await siem.api(`/api/v1/incidents/${id}`)).json();
      assert.equal(final.Status, "Closed");
      assert.equal(final.Classification, "TruePositive");
      assert.equal(final.Owner.assignedTo, "alice@example.com");
      assert.equal(final.Severity, "High"); // the other analyst's change survived
      assert.equal(final.Comments.length, 1);

      // Hunting: a query run with Ctrl+Enter, its rows in the results table.
      await page.locator($('nav a[href="#/hunting"]')).click();
      await huntAndSee(page);
      await shot("hunting.png");

      // Rules: the list and the rule's editor, validated.
      await page.locator($('nav a[href="#/rules"]')).click();
      await waitForText(page, $(`a[href="#/rules/${RULE_ID}"]`), /SSH password failures/);
      await page.locator($(`a[href="#/rules/${RULE_ID}"]`)).click();
      await waitForText(page, $("#validity"), /Valid/, 30_000);
      await shot("rule.png");

      // Workbooks: the list, and one with every kind of tile drawn over the Syslog traffic.
      const put = await siem.api("/api/v1/workbooks/ssh-activity", {
        method: "PUT",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(WORKBOOK),
      });
      assert.equal(put.status, 201, await put.text());
      await page.locator($('nav a[href="#/workbooks"]')).click();
      await page.locator($('a[href="#/workbooks/ssh-activity"]')).click();
      const tile = (id: string, inner: string) => $(`[data-tile="${id}"] siem-workbook-tile >>> ${inner}`);
      await page.waitForSelector(tile("over-time", '[data-visual="timechart"] >>> canvas'));
      await page.waitForSelector(tile("by-host", '[data-visual="barchart"] >>> svg rect'));
      await page.waitForSelector(tile("share", '[data-visual="piechart"] >>> svg path'));
      await waitForText(page, tile("total", '[data-visual="single"]'), /^[1-9]\d*$/, 30_000);
      await waitForText(page, tile("latest", '[data-visual="table"] td'), /^web1$/, 30_000);
      await shot("workbook.png");

      // Keyboard: the first Tab stop is the first navigation link.
      await page.reload();
      await page.waitForSelector($('nav[aria-label="Main"]'));
      await page.keyboard.press("Tab");
      assert.equal(
        await page.evaluate(() => document.querySelector("siem-app")!.shadowRoot!.activeElement?.textContent),
        "Overview",
      );

      // A laptop screen: no page scrolls sideways.
      await page.setViewport({ width: 1024, height: 720 });
      for (
        const hash of [
          "#/overview",
          "#/alerts",
          `#/incidents/${id}`,
          "#/hunting",
          "#/workbooks/ssh-activity",
          `#/rules/${RULE_ID}`,
        ]
      ) {
        await page.evaluate((h) => void (location.hash = h), hash);
        await page.waitForSelector($('nav a[aria-current="page"]'));
        await new Promise((r) => setTimeout(r, 300));
        const overflow = await page.evaluate(() =>
          document.documentElement.scrollWidth - document.documentElement.clientWidth
        );
        assert.ok(overflow <= 0, `${hash} at 1024px scrolls sideways by ${overflow}px`);
      }

      assert.deepEqual(problems, []);
      console.log(`screenshots: ${shots}`);
    } catch (error) {
      await shot("failure.png", true).catch(() => {});
      console.error(`screenshots: ${shots}; problems: ${JSON.stringify(problems)}`);
      throw error;
    } finally {
      traffic = false;
      await background;
      await Deno.remove(rulesDir, { recursive: true });
    }
  },
});

async function huntAndSee(page: Page): Promise<void> {
  const editor = $('textarea[aria-label="KQL query"]');
  await page.locator(editor).fill(
    'Syslog\n| where SyslogMessage has "Accepted publickey"\n| summarize n = count() by HostName',
  );
  // The highlighted copy under the (transparent) text area must use the very same font, or the caret drifts away
  // from the text it stands in along a long line.
  const drift = await page.$eval($("siem-kql-editor"), (host) => {
    const root = host.shadowRoot!;
    const width = (el: Element) => {
      const context = document.createElement("canvas").getContext("2d")!;
      context.font = getComputedStyle(el).font;
      return context.measureText("SecurityEvent | where x ".repeat(8)).width;
    };
    return Math.abs(width(root.querySelector("pre code")!) - width(root.querySelector("textarea")!));
  });
  assert.ok(drift < 1, `the highlighted text drifts ${drift}px from the text area's over 192 characters`);
  await page.focus(editor);
  await page.keyboard.down("Control");
  await page.keyboard.press("Enter");
  await page.keyboard.up("Control");
  await waitForText(page, $("#query-status"), /^1 rows? in /, 30_000);
  await waitForText(page, $('[role="table"][aria-label="Results"] [role="cell"]'), /^web1$/);
}
