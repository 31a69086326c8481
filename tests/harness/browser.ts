/**
 * Test harness: Debian's headless Chromium driven by playwright-core (which downloads no browser of its own),
 * and a front server for the UI when the SIEM under test does not serve it itself.
 */
import { Hono } from "hono";
import { type Browser, chromium } from "playwright-core";
import { uiRoutes } from "../../runtime/http/ui_routes.ts";

const CHROMIUM = "/usr/bin/chromium";

/**
 * Launch headless Chromium.
 *
 * @returns the browser; close it with `await using`
 */
export async function launchChromium(): Promise<Browser & AsyncDisposable> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return Object.assign(browser, { [Symbol.asyncDispose]: () => browser.close() });
}

/**
 * The UI's address for a SIEM at `apiUrl`: the SIEM itself when it serves `GET /`, otherwise a local server that
 * serves `uiRoutes()` and forwards every other request (the API, the live stream) to the SIEM, so the page and
 * the API share one origin as in production.
 *
 * @param apiUrl the SIEM's HTTP address
 * @returns the address to open and a disposer
 */
export async function uiFront(apiUrl: string): Promise<{ url: string } & AsyncDisposable> {
  const probe = await fetch(`${apiUrl}/`);
  await probe.body?.cancel();
  if (probe.ok && probe.headers.get("Content-Type")?.startsWith("text/html")) {
    return { url: apiUrl, [Symbol.asyncDispose]: () => Promise.resolve() };
  }
  // Its own bundle folder, removed on dispose (the unload hook of a temporary one does not run under deno test).
  const bundleDir = await Deno.makeTempDir({ prefix: "siem-ui-front-" });
  const ui = new Hono();
  uiRoutes({ bundleDir }).open!(ui);
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    const url = new URL(request.url);
    if (url.pathname === "/" || url.pathname.startsWith("/ui/")) return ui.fetch(request);
    return fetch(`${apiUrl}${url.pathname}${url.search}`, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      signal: request.signal,
    }).catch(() => new Response(null, { status: 502 })); // the page went away mid-request
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    [Symbol.asyncDispose]: async () => {
      await server.shutdown();
      await Deno.remove(bundleDir, { recursive: true });
    },
  };
}
