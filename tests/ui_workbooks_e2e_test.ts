/**
 * Workbooks end to end in real headless Chromium against a real `siem start`: the prebuilt "Failed sign-ins by
 * location" workbook over freshly ingested sign-ins draws its pie, time chart, single value and table; a tile
 * whose table is empty says so; parameters are substituted as literals (a quote in the value cannot break the
 * query); a new workbook is created, edited and saved through the page. The API's validation and roles are
 * checked on the way, and the overview's health tiles show a rejected line. With `UPDATE_SCREENSHOTS=1` the
 * workbook screenshot replaces docs/screenshots/workbook.png.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchChromium, uiFront } from "./harness/browser.ts";
import { startSiemProcess } from "./harness/siem_process.ts";

const DOCS_SCREENSHOTS = new URL("../docs/screenshots/", import.meta.url).pathname;

Deno.test({
  name: "web UI workbooks: prebuilt workbook with data, empty tile, parameters, create and save in Chromium",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const shots = await Deno.makeTempDir({ prefix: "siem-ui-workbooks-" });
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
    const json = (body: unknown) => ({
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

    // The API: prebuilt workbooks are there, bad documents are refused with the field, readers cannot write.
    const listed = await (await siem.api("/api/v1/workbooks")).json();
    const ids = listed.workbooks.map((w: { id: string }) => w.id);
    for (
      const id of [
        "entra-failed-signins",
        "windows-logons",
        "azure-activity-operations",
        "cloudtrail-console-logins",
        "cef-top-talkers",
      ]
    ) assert.ok(ids.includes(id), `missing prebuilt workbook ${id}`);
    const bad = await siem.api("/api/v1/workbooks/bad", {
      method: "PUT",
      body: JSON.stringify({ name: "x", tiles: [{ id: "a", title: "A", query: "T", visual: "radar" }] }),
    });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error.message, /'visual' must be one of .* \(at 'tiles\.0\.visual'\)/);
    const reader = await (await siem.api("/api/v1/tokens", json({ name: "viewer", role: "reader" }))).json();
    const asReader = (path: string, init: RequestInit = {}) =>
      fetch(`${siem.httpUrl}${path}`, { ...init, headers: { Authorization: `Bearer ${reader.token}` } });
    assert.equal(
      (await asReader("/api/v1/workbooks/windows-logons").then(async (r) => (await r.body?.cancel(), r)))
        .status,
      200,
    );
    const denied = await asReader("/api/v1/workbooks/windows-logons", { method: "DELETE" });
    assert.equal(denied.status, 403);
    await denied.body?.cancel();

    const now = Date.now();
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    const signins = [
      ["alice@contoso.com", "DE", "50126", 5],
      ["alice@contoso.com", "DE", "50126", 65],
      ["alice@contoso.com", "FR", "50126", 125],
      ['o"brien@contoso.com', "US", "50053", 10],
      ["bob@contoso.com", "US", "50126", 70],
      ["bob@contoso.com", "US", "0", 15],
    ].map(([upn, location, result, ago]) => ({
      TimeGenerated: at(Number(ago)),
      UserPrincipalName: upn,
      Location: location,
      ResultType: result,
      IPAddress: "198.51.100.7",
    }));
    const ingested = await (await siem.api("/api/v1/ingest/SigninLogs", json(signins))).json();
    assert.equal(ingested.accepted, 6);
    const rejected = await siem.api("/api/v1/connectors/cef", { method: "POST", body: "not a CEF line\n" });
    assert.equal((await rejected.json()).rejected, 1);
    const health = await (await siem.api("/api/v1/health")).json();
    assert.equal(health.deadLetters.bySource.cef, 1);

    await using front = await uiFront(siem.httpUrl);
    await using browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    try {
      // The overview's health tiles: the rejected CEF line is counted with its reason; detection reports its lag.
      await page.goto(`${front.url}/?token=${siem.token}#/overview`);
      await page.locator('#dead-letters [data-source="cef"]').getByText("1").waitFor({ timeout: 15_000 });
      await page.locator("#dead-letters").getByText("Cannot parse CEF").waitFor();
      await page.locator('#rule-health [data-health="lag"]').getByText(/\d s$/).waitFor();
      await page.getByRole("link", { name: "Workbooks" }).click();
      await page.getByRole("table", { name: "Workbooks" }).waitFor();
      assert.equal(await page.title(), "Workbooks · siem");
      await page.getByRole("link", { name: "Failed sign-ins by location" }).click();
      await page.getByRole("heading", { level: 1, name: "Failed sign-ins by location" }).waitFor();

      // Each tile draws the visual its query renders, from the five failed sign-ins.
      const tile = (id: string) => page.locator(`[data-tile="${id}"] siem-workbook-tile`);
      await tile("by-location").locator('[data-visual="piechart"] svg path').first().waitFor({
        timeout: 30_000,
      });
      assert.equal(
        await tile("by-location").locator('[data-visual="piechart"] svg[role="img"] path').count(),
        3,
      );
      const pieLabel = await tile("by-location").locator('svg[role="img"]').getAttribute("aria-label");
      assert.match(pieLabel ?? "", /DE 2.*US 2.*FR 1|DE 2.*FR 1.*US 2|US 2.*DE 2.*FR 1/);
      await tile("over-time").locator('[data-visual="timechart"] canvas').first().waitFor();
      await tile("total").locator('[data-visual="single"]').getByText("5").waitFor();
      const table = tile("top-users").locator('[data-visual="table"]');
      await table.getByRole("cell", { name: "alice@contoso.com" }).waitFor();
      assert.equal(await table.locator("tbody tr").count(), 3);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(shots, "workbook.png"), fullPage: true });

      // A parameter value with a quote is a literal, not a piece of query: it filters to that one account.
      await page.locator('input[data-parameter="User"]').fill('o"brien@contoso.com');
      await page.locator('input[data-parameter="User"]').press("Enter");
      await page.locator('input[data-parameter="User"]').dispatchEvent("change");
      await tile("total").locator('[data-visual="single"]').getByText("1", { exact: true }).waitFor();
      await table.getByRole("cell", { name: 'o"brien@contoso.com' }).waitFor();

      // The time range narrows every tile: in the last hour only two failures remain.
      await page.locator('input[data-parameter="User"]').fill("");
      await page.locator('input[data-parameter="User"]').dispatchEvent("change");
      await page.locator("#time-range").selectOption("PT1H");
      await tile("total").locator('[data-visual="single"]').getByText("2", { exact: true }).waitFor();

      // A workbook whose table has no events says so on every tile.
      await page.goto(`${front.url}/#/workbooks/windows-logons`);
      const empty = page.locator('[data-tile="by-type"] siem-workbook-tile .empty');
      await empty.getByText("No data in SecurityEvent for the last 24 hours").waitFor({ timeout: 30_000 });
      assert.equal(await page.locator("siem-workbook-tile canvas").count(), 0);

      // Create a workbook, edit its tile, save; the server has it.
      await page.goto(`${front.url}/#/workbooks`);
      await page.getByLabel("New workbook name").fill("Sign-ins by user");
      await page.getByRole("button", { name: "Create" }).click();
      await page.locator("siem-workbook-editor").waitFor();
      const editor = page.locator('[data-tile-editor="tile-1"]');
      await editor.locator(".tile-title").fill("Sign-ins per account");
      await editor.locator(".tile-title").dispatchEvent("change");
      await editor.locator(".tile-query").fill(
        "SigninLogs\n| summarize SignIns = count() by UserPrincipalName\n| sort by SignIns desc\n| render barchart",
      );
      await editor.locator(".tile-query").dispatchEvent("change");
      await page.locator('siem-workbook-tile [data-visual="barchart"] svg').waitFor({ timeout: 30_000 });
      await page.locator("#save").click();
      await page.locator("#notice").getByText("Saved 'Sign-ins by user'").waitFor();
      const id = decodeURIComponent(new URL(page.url()).hash.split("/")[2].split("?")[0]);
      const saved = await (await siem.api(`/api/v1/workbooks/${id}`)).json();
      assert.equal(saved.tiles[0].title, "Sign-ins per account");
      assert.match(saved.tiles[0].query, /render barchart/);
      assert.equal(saved.origin, "user");
      assert.equal(saved.updatedBy, "admin");
      await page.reload();
      await page.locator('siem-workbook-tile [data-visual="barchart"] svg').waitFor({ timeout: 30_000 });
      const bars = await page.locator('siem-workbook-tile [data-visual="barchart"] svg[role="img"]')
        .getAttribute(
          "aria-label",
        );
      assert.match(bars ?? "", /alice@contoso\.com 3/);

      // Keyboard: the time range picker is reachable and labelled.
      await page.locator("#time-range").focus();
      assert.equal(await page.getByRole("combobox", { name: /^Time range/ }).count(), 1);
      assert.ok(
        await page.locator("#time-range").evaluate((el) =>
          el.getRootNode() instanceof ShadowRoot &&
          (el.getRootNode() as ShadowRoot).activeElement === el
        ),
      );

      // Dark theme, laptop width: no sideways scrolling.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.setViewportSize({ width: 1024, height: 720 });
      await page.goto(`${front.url}/#/workbooks/entra-failed-signins`);
      await page.locator('[data-visual="piechart"]').first().waitFor({ timeout: 30_000 });
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      assert.ok(overflow <= 0, `the workbook scrolls sideways by ${overflow}px`);
      await page.screenshot({ path: join(shots, "workbook-dark.png"), fullPage: true });

      assert.deepEqual(problems, []);
      console.log(`screenshots: ${shots}`);
      if (Deno.env.get("UPDATE_SCREENSHOTS") === "1") {
        await Deno.mkdir(DOCS_SCREENSHOTS, { recursive: true });
        await Deno.copyFile(join(shots, "workbook.png"), join(DOCS_SCREENSHOTS, "workbook.png"));
      }
    } catch (error) {
      await page.screenshot({ path: join(shots, "failure.png"), fullPage: true }).catch(() => {});
      console.error(`screenshots: ${shots}; problems: ${JSON.stringify(problems)}`);
      throw error;
    }
  },
});
