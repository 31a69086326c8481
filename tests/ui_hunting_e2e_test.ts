/**
 * The hunting page end to end in real headless Chromium against a real `siem start`: a KQL error underlined where
 * the server says, a time chart from `render`, a 100,000-row result that scrolls with only a window of rows in the
 * DOM, CSV and JSON export, the notice of a truncated result, cancel, history and saved queries. Screenshots go to a temporary folder (printed); with
 * `UPDATE_SCREENSHOTS=1` the hunting one also replaces docs/screenshots/hunting.png.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { launchChromium, uiFront } from "./harness/browser.ts";
import { startSiemProcess } from "./harness/siem_process.ts";

const DOCS_SCREENSHOTS = new URL("../docs/screenshots/", import.meta.url).pathname;

Deno.test({
  name:
    "web UI hunting: errors underlined, chart, 100k virtualized rows, export, cancel, history in Chromium",
  sanitizeOps: false,
  sanitizeResources: false,
  fn: async () => {
    const shots = await Deno.makeTempDir({ prefix: "siem-ui-hunting-" });
    await using siem = await startSiemProcess({ env: { SIEM_SYSLOG_PORT: "off" } });
    // Failed logons over the last five hours on three hosts, for the chart.
    const now = Date.now();
    const events = [];
    for (let h = 0; h < 5; h++) {
      for (const [computer, n] of [["dc1", 6 + h], ["web1", 3], ["db7", 8 - h]] as const) {
        for (let i = 0; i < n; i++) {
          events.push({
            TimeGenerated: new Date(now - h * 3_600_000 - i * 1000).toISOString(),
            EventID: 4625,
            Computer: computer,
            TargetAccount: `CONTOSO\\user${i}`,
          });
        }
      }
    }
    const ingest = await siem.api("/api/v1/ingest/SecurityEvent", {
      method: "POST",
      body: JSON.stringify(events),
    });
    assert.equal((await ingest.json()).accepted, events.length);

    await using front = await uiFront(siem.httpUrl);
    await using browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      // The 400 of the bad query is part of the scenario; the browser logs every failed fetch.
      if (m.type() === "error" && !/\b400\b/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

    const editor = page.getByRole("textbox", { name: "KQL query" });
    const status = page.locator("#query-status");
    const runQuery = async (query: string, options: { timespan?: string } = {}) => {
      await editor.fill(query);
      if (options.timespan !== undefined) await page.locator("#timespan").selectOption(options.timespan);
      await editor.press("Control+Enter");
    };

    try {
      await page.goto(`${front.url}/?token=${siem.token}#/hunting`);
      await editor.waitFor({ timeout: 30_000 });
      assert.equal(await page.title(), "Hunting · siem");

      // A misspelt column: the server's line and column, underlined in the editor and listed below it.
      await runQuery("SecurityEvent\n| where EventIDx == 4625\n| take 5");
      await page.locator("#query-error").waitFor();
      const underlined = page.locator("siem-kql-editor pre .err");
      await underlined.first().waitFor();
      assert.equal(await underlined.first().innerText(), "EventIDx");
      assert.match(
        await page.locator("siem-kql-editor #problems").innerText(),
        /Line 2, column 9: .*EventIDx/,
      );
      assert.equal(await editor.getAttribute("aria-invalid"), "true");
      // Choosing the problem puts the caret on it.
      await page.locator("siem-kql-editor #problems button").click();
      assert.equal(await editor.evaluate((t: HTMLTextAreaElement) => t.selectionStart), 22);
      // Editing clears the stale underline.
      await editor.press("End");
      await editor.type(" ");
      await underlined.first().waitFor({ state: "detached" });

      // render timechart: the chart view opens, one series per computer.
      await runQuery(
        "SecurityEvent\n| where EventID == 4625\n| summarize Failures = count() by bin(TimeGenerated, 1h), Computer\n| render timechart",
      );
      await page.locator("siem-hunting-chart canvas").first().waitFor({ timeout: 20_000 });
      assert.equal(await page.locator("#tab-chart").getAttribute("aria-selected"), "true");
      assert.match(
        await page.locator("siem-hunting-chart .legend").innerText(),
        /dc1[\s\S]*db7[\s\S]*web1|dc1/,
      );
      assert.match(await status.innerText(), /^15 rows in /);
      await page.screenshot({ path: join(shots, "hunting.png") });
      // Arrow keys move between the tabs.
      await page.locator("#tab-chart").focus();
      await page.keyboard.press("ArrowLeft");
      assert.equal(await page.locator("#tab-table").getAttribute("aria-selected"), "true");
      await page.getByRole("table", { name: "Results" }).getByText("dc1").first().waitFor();

      // 100,000 rows: a window of rows in the DOM, wherever the scroll is.
      await runQuery("range x from 1 to 100000 step 1", { timespan: "" });
      await status.getByText("100,000 rows in").waitFor({ timeout: 30_000 });
      const table = page.getByRole("table", { name: "Results" });
      assert.equal(await table.getAttribute("aria-rowcount"), "100001");
      const rowsInDom = () => page.locator("siem-hunting-table [role=row]").count();
      assert.ok(await rowsInDom() < 60, `${await rowsInDom()} rows in the DOM`);
      const frames = await page.evaluate(async () => {
        const table = document.querySelector("siem-app")!.shadowRoot!.querySelector("siem-hunting")!
          .shadowRoot!
          .querySelector("siem-hunting-table")!.shadowRoot!.querySelector<HTMLElement>(".scroller")!;
        const times: number[] = [];
        let last = performance.now();
        // Two seconds of scrolling, 1,200 rows a frame, measured frame by frame.
        for (let i = 0; i < 120; i++) {
          table.scrollTop += 28 * 1200;
          await new Promise((r) => requestAnimationFrame(r));
          const t = performance.now();
          times.push(t - last);
          last = t;
        }
        table.scrollTop = table.scrollHeight;
        await new Promise((r) => requestAnimationFrame(r));
        await new Promise((r) => requestAnimationFrame(r));
        times.sort((a, b) => a - b);
        return { median: times[60], p95: times[114], max: times[119] };
      });
      console.log(`100k-row scroll, frame times (ms): ${JSON.stringify(frames)}`);
      // The median frame stays inside a frame budget; the tail is left to the machine's load (2 shared cores).
      assert.ok(frames.median < 50, `scrolling stutters: ${JSON.stringify(frames)}`);
      await table.getByRole("cell", { name: "100000", exact: true }).waitFor();
      assert.ok(await rowsInDom() < 60);
      // Keyboard: Home goes back to the first row.
      await table.focus();
      await page.keyboard.press("Home");
      await table.getByRole("cell", { name: "1", exact: true }).waitFor();
      assert.equal(await table.getAttribute("aria-activedescendant"), "r0");
      await page.keyboard.press("ArrowDown");
      assert.equal(await table.getAttribute("aria-activedescendant"), "r1");

      // Export, from the rows the page holds.
      const [csv] = await Promise.all([page.waitForEvent("download"), page.locator("#export-csv").click()]);
      const csvText = await Deno.readTextFile((await csv.path())!);
      const lines = csvText.split("\r\n");
      assert.equal(lines[0], "x");
      assert.equal(lines[100_000], "100000");
      assert.equal(lines.length, 100_002); // header, rows, and the empty string after the last CRLF
      const [json] = await Promise.all([page.waitForEvent("download"), page.locator("#export-json").click()]);
      const records = JSON.parse(await Deno.readTextFile((await json.path())!));
      assert.equal(records.length, 100_000);
      assert.deepEqual(records[41], { x: 42 });

      // A result over the truncation limit: its first rows, and a notice that says so.
      await runQuery("set truncationmaxrecords = 50;\nrange x from 1 to 100 step 1");
      await status.getByText("50 rows (truncated) in").waitFor({ timeout: 30_000 });
      const notice = page.locator("#truncated");
      assert.match(await notice.innerText(), /Showing the first 50 rows/);
      await runQuery("range x from 1 to 10 step 1");
      await status.getByText("10 rows in").waitFor({ timeout: 30_000 });
      assert.equal(await notice.count(), 0);

      // Cancel a query that takes a while: the page says so and stays usable.
      await runQuery("range x from 1 to 30000000 step 1\n| summarize n = count() by k = x % 7");
      await page.locator("#cancel:not([disabled])").click();
      await status.getByText("Cancelled").waitFor({ timeout: 10_000 });
      assert.equal(await page.locator("#run").isDisabled(), false);

      // History (newest first) and a saved query, both kept across a reload.
      await page.locator("#save-name").fill("hundred thousand");
      await page.locator("#save-name").press("Enter");
      await page.reload();
      await editor.waitFor();
      const history = await page.locator("#history button").allInnerTexts();
      assert.equal(history[0], "range x from 1 to 30000000 step 1 | summarize n = count() by k = x % 7");
      assert.ok(history.some((h) => h.startsWith("SecurityEvent | where EventID == 4625")));
      await page.locator("#saved").getByRole("button", { name: "hundred thousand", exact: true }).click();
      assert.match(await editor.inputValue(), /^range x from 1 to 30000000/);
      await page.locator("#saved").getByRole("button", { name: "Delete saved query 'hundred thousand'" })
        .click();
      await page.locator("#saved").getByText("None yet").waitFor();

      // Dark theme, and no sideways scroll on a laptop screen.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.setViewportSize({ width: 1024, height: 720 });
      await runQuery(
        "SecurityEvent | summarize n = count(), accounts = dcount(TargetAccount) by Computer | render columnchart",
        {
          timespan: "P1D",
        },
      );
      await page.locator("siem-hunting-chart canvas").first().waitFor({ timeout: 20_000 });
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth
      );
      assert.ok(overflow <= 0, `the hunting page scrolls sideways by ${overflow}px`);
      assert.match(await page.locator("siem-hunting-chart .legend").innerText(), /n\s+accounts/);
      await page.screenshot({ path: join(shots, "hunting-dark.png") });

      assert.deepEqual(problems, []);
      console.log(`screenshots: ${shots}`);
      if (Deno.env.get("UPDATE_SCREENSHOTS") === "1") {
        await Deno.mkdir(DOCS_SCREENSHOTS, { recursive: true });
        await Deno.copyFile(join(shots, "hunting.png"), join(DOCS_SCREENSHOTS, "hunting.png"));
      }
    } catch (error) {
      await page.screenshot({ path: join(shots, "failure.png"), fullPage: true }).catch(() => {});
      console.error(`screenshots: ${shots}; problems: ${JSON.stringify(problems)}`);
      throw error;
    }
  },
});
