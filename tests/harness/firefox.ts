/**
 * Test harness: Debian's headless Firefox ESR driven by puppeteer-core over WebDriver BiDi, which stock Firefox
 * speaks natively (playwright-core needs a patched Firefox build; puppeteer-core downloads no browser of its own).
 * Queries use puppeteer's `>>>` combinator, which pierces the UI's shadow roots.
 */
import puppeteer, { type Browser, type Page } from "puppeteer-core";

const FIREFOX = "/usr/bin/firefox-esr";

/**
 * Launch headless Firefox.
 *
 * @returns the browser; close it with `await using`
 */
export async function launchFirefox(): Promise<Browser & AsyncDisposable> {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    // A loaded machine (the suite runs test files in parallel on two cores) can take a while to start it.
    timeout: 60_000,
    // The page sets its own viewport; the default 800x600 would hide the layout a laptop sees.
    defaultViewport: null,
    args: ["--width=1366", "--height=860"],
    extraPrefsFirefox: {
      // No calls home while the test runs (puppeteer's profile already points most services at a dummy host):
      // the page must be the only thing talking, and only to its origin.
      "network.connectivity-service.enabled": false,
      "network.captive-portal-service.enabled": false,
      "captivedetect.canonicalURL": "",
      "dom.push.connection.enabled": false,
      "toolkit.telemetry.enabled": false,
      "toolkit.telemetry.server": "",
      "browser.ping-centre.telemetry": false,
      "browser.region.network.url": "",
      "browser.region.update.enabled": false,
      "extensions.blocklist.enabled": false,
      "network.dns.disablePrefetch": true,
      "network.prefetch-next": false,
      "network.trr.mode": 5,
      "app.update.auto": false,
    },
  });
  return Object.assign(browser, { [Symbol.asyncDispose]: () => browser.close() });
}

/**
 * Collect what must not happen on a page: console errors, uncaught errors, Content-Security-Policy violations
 * (reported by a listener installed before any page script, since Firefox keeps them out of the console API)
 * and requests to any other origin than `origin`.
 *
 * @param page the page to watch, before its first navigation
 * @param origin the only origin the page may talk to
 * @param expected console errors that are part of the scenario (e.g. a refused token's 401)
 * @returns the list of problems, filled as they happen
 */
export async function watchPage(page: Page, origin: string, expected?: RegExp): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction("__siemCspViolation", (text: string) => problems.push(`CSP violation: ${text}`));
  await page.evaluateOnNewDocument(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (globalThis as unknown as { __siemCspViolation(text: string): void }).__siemCspViolation;
      report(`${e.violatedDirective} blocked '${e.blockedURI}' at ${e.sourceFile}:${e.lineNumber}`);
    }, { capture: true });
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !(expected?.test(m.text()) ?? false)) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e instanceof Error ? e.message : String(e)}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith("data:")) problems.push(`other host: ${r.url()}`);
  });
  return problems;
}

/**
 * Wait until an element matching `selector` has text matching `pattern`.
 *
 * @param page the page
 * @param selector a puppeteer selector (`>>>` pierces shadow roots)
 * @param pattern what the element's text must match
 * @param timeoutMs how long to wait
 * @returns the matching text
 */
export async function waitForText(
  page: Page,
  selector: string,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (true) {
    const elements = await page.$$(selector);
    seen = [];
    for (const element of elements) {
      const text = await element.evaluate((e) => (e as HTMLElement).innerText ?? e.textContent ?? "")
        .catch(() => ""); // re-rendered away between the query and the read
      seen.push(text);
      if (pattern.test(text)) return text;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `No '${selector}' with text ${pattern} after ${timeoutMs} ms; seen: ${JSON.stringify(seen)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Wait until no element matches `selector`.
 *
 * @param page the page
 * @param selector a puppeteer selector
 * @param timeoutMs how long to wait
 */
export async function waitForGone(page: Page, selector: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await page.$$(selector)).length > 0) {
    if (Date.now() > deadline) throw new Error(`'${selector}' still there after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
