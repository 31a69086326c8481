/**
 * The UI's static routes: served without a token, with a strict Content-Security-Policy, a real bundle, and a page
 * that loads nothing inline and nothing from another host.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { createApp } from "../runtime/http/app.ts";
import { adminTokenVerifier } from "../runtime/http/auth.ts";
import { Metrics } from "../runtime/http/metrics.ts";
import { UI_CONTENT_SECURITY_POLICY, uiRoutes } from "../runtime/http/ui_routes.ts";
import { createLogger } from "../runtime/log.ts";

/** Bundle folders made by these tests, removed at the end. */
const BUNDLE_DIRS: string[] = [];

async function bundleDir(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "siem-ui-test-" });
  BUNDLE_DIRS.push(dir);
  return dir;
}

async function uiApp(): Promise<Hono> {
  const app = new Hono();
  uiRoutes({ bundleDir: await bundleDir() }).open!(app);
  return app;
}

Deno.test("ui routes: index, styles and bundle, each with the strict CSP", async () => {
  const app = await uiApp();
  const index = await app.request("/");
  assert.equal(index.status, 200);
  assert.match(index.headers.get("Content-Type")!, /^text\/html/);
  assert.equal(index.headers.get("Content-Security-Policy"), UI_CONTENT_SECURITY_POLICY);
  assert.equal(index.headers.get("X-Frame-Options"), "DENY");
  const html = await index.text();
  assert.match(html, /<script type="module" src="\/ui\/app\.js"><\/script>/);
  // No inline script or style, no absolute URL to another host.
  assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/);
  assert.doesNotMatch(html, /<style|style="/);
  assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//);

  const css = await app.request("/ui/styles.css");
  assert.equal(css.status, 200);
  assert.match(await css.text(), /prefers-color-scheme: dark/);

  const js = await app.request("/ui/app.js");
  assert.equal(js.status, 200);
  assert.match(js.headers.get("Content-Type")!, /^text\/javascript/);
  assert.equal(js.headers.get("Content-Security-Policy"), UI_CONTENT_SECURITY_POLICY);
  const bundle = await js.text();
  assert.ok(bundle.includes("siem-app"), "the bundle defines <siem-app>");
  assert.ok(bundle.length > 20_000, `bundle is only ${bundle.length} bytes`);
  assert.doesNotMatch(bundle, /https?:\/\/(?!www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}\/[\w/.-]*\.(js|css)/i);
});

Deno.test("ui routes: the CSP allows only this origin and forbids inline code and framing", () => {
  const directives = new Map(
    UI_CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]),
  );
  assert.equal(directives.get("default-src"), "'self'");
  assert.equal(directives.get("script-src"), "'self'");
  assert.equal(directives.get("connect-src"), "'self'");
  assert.equal(directives.get("frame-ancestors"), "'none'");
  assert.ok(!UI_CONTENT_SECURITY_POLICY.includes("unsafe"));
});

Deno.test("ui routes: a given bundle folder with app.js is served as is", async () => {
  const dir = await Deno.makeTempDir({ prefix: "siem-ui-given-" });
  try {
    await Deno.writeTextFile(
      `${dir}/app.js`,
      "customElements.define('siem-app', class extends HTMLElement {});\n",
    );
    const app = new Hono();
    uiRoutes({ bundleDir: dir }).open!(app);
    const js = await app.request("/ui/app.js");
    assert.equal(await js.text(), "customElements.define('siem-app', class extends HTMLElement {});\n");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("ui routes in the assembled app: the page is open, the API and unknown paths still need the token", async () => {
  const app = createApp({
    logger: createLogger("error", { sink: () => {} }),
    metrics: new Metrics(),
    verifier: adminTokenVerifier("ui-test-token-0123456789"),
    maxBodyBytes: 1024,
    readiness: () => Promise.resolve({ ready: true, checks: {} }),
    modules: [uiRoutes({ bundleDir: await bundleDir() })],
  });
  const index = await app.request("/");
  assert.equal(index.status, 200);
  assert.equal(index.headers.get("Content-Security-Policy"), UI_CONTENT_SECURITY_POLICY);
  await index.body?.cancel();
  for (const asset of ["/ui/styles.css", "/ui/app.js"]) {
    const r = await app.request(asset);
    assert.equal(r.status, 200, asset);
    await r.body?.cancel();
  }
  for (const path of ["/ui/missing.js", "/ui/../deno.json", "/metrics"]) {
    const r = await app.request(path);
    assert.equal(r.status, 401, path);
    await r.body?.cancel();
  }
  const authed = await app.request("/ui/missing.js", {
    headers: { Authorization: "Bearer ui-test-token-0123456789" },
  });
  assert.equal(authed.status, 404);
  await authed.body?.cancel();
});

Deno.test("ui routes: clean up the test bundles", async () => {
  for (const dir of BUNDLE_DIRS) await Deno.remove(dir, { recursive: true });
});
