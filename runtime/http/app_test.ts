import assert from "node:assert/strict";
import { createApp, type Readiness } from "./app.ts";
import { adminTokenVerifier, tokenFromHeader } from "./auth.ts";
import { Metrics } from "./metrics.ts";
import { createLogger } from "../log.ts";
import { HttpError } from "./http_error.ts";

const TOKEN = "admin-token-for-tests-0123456789";

function makeApp(options: { readiness?: Readiness; maxBodyBytes?: number } = {}) {
  const logs: string[] = [];
  const metrics = new Metrics();
  const app = createApp({
    logger: createLogger("debug", { sink: (l) => logs.push(l) }),
    metrics,
    verifier: adminTokenVerifier(TOKEN),
    maxBodyBytes: options.maxBodyBytes ?? 1024,
    readiness: () => Promise.resolve(options.readiness ?? { ready: true, checks: { nats: true } }),
    modules: [{
      api(api) {
        api.post("/api/v1/echo", async (c) => c.json({ length: (await c.req.text()).length }));
        api.get("/api/v1/boom", () => {
          throw new Error("secret detail");
        });
        api.get("/api/v1/teapot", () => {
          throw new HttpError(409, "conflict_here", "Cannot do that: it conflicts");
        });
      },
    }],
  });
  const call = (path: string, init: RequestInit = {}) => app.request(path, init);
  const auth = { Authorization: `Bearer ${TOKEN}` };
  return { app, call, auth, logs, metrics };
}

Deno.test("healthz and readyz answer without a token", async () => {
  const { call } = makeApp();
  assert.equal((await call("/healthz")).status, 200);
  const ready = await call("/readyz");
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), { status: "ready", checks: { nats: true } });
});

Deno.test("readyz answers 503 while not ready", async () => {
  const { call } = makeApp({ readiness: { ready: false, checks: { nats: false } } });
  const res = await call("/readyz");
  assert.equal(res.status, 503);
  assert.equal((await res.json()).status, "not_ready");
});

Deno.test("API routes need a valid bearer token", async () => {
  const { call, auth } = makeApp();
  const missing = await call("/metrics");
  assert.equal(missing.status, 401);
  assert.deepEqual(await missing.json(), {
    error: { code: "unauthenticated", message: "Missing bearer token" },
  });
  assert.match(missing.headers.get("WWW-Authenticate") ?? "", /Bearer/);
  const wrong = await call("/metrics", { headers: { Authorization: "Bearer nope" } });
  assert.equal(wrong.status, 401);
  assert.equal((await wrong.json()).error.code, "invalid_token");
  const basic = await call("/metrics", { headers: { Authorization: "Basic Zm9vOmJhcg==" } });
  assert.equal(basic.status, 401);
  const basicToken = await call("/metrics", { headers: { Authorization: `Basic ${btoa(`any:${TOKEN}`)}` } });
  assert.equal(basicToken.status, 200);
  assert.equal((await call("/metrics", { headers: auth })).status, 200);
  assert.equal((await call("/metrics", { headers: { Authorization: `Splunk ${TOKEN}` } })).status, 200);
});

Deno.test("unknown paths answer 401 without a token and a JSON 404 with one", async () => {
  const { call, auth } = makeApp();
  assert.equal((await call("/nothing/here")).status, 401);
  const res = await call("/nothing/here", { headers: auth });
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), {
    error: { code: "not_found", message: "No route for GET '/nothing/here'" },
  });
});

Deno.test("bodies over the limit get 413 in the JSON error shape", async () => {
  const { call, auth } = makeApp({ maxBodyBytes: 100 });
  const ok = await call("/api/v1/echo", { method: "POST", headers: auth, body: "x".repeat(100) });
  assert.equal(ok.status, 200);
  const big = await call("/api/v1/echo", { method: "POST", headers: auth, body: "x".repeat(101) });
  assert.equal(big.status, 413);
  assert.equal((await big.json()).error.code, "payload_too_large");
});

Deno.test("uncaught errors become 500 internal without leaking detail, and are logged", async () => {
  const { call, auth, logs } = makeApp();
  const res = await call("/api/v1/boom", { headers: auth });
  assert.equal(res.status, 500);
  const body = await res.json();
  assert.equal(body.error.code, "internal");
  assert.ok(!JSON.stringify(body).includes("secret detail"));
  assert.ok(logs.some((l) => l.includes("secret detail")));
});

Deno.test("HttpError keeps its status and code", async () => {
  const { call, auth } = makeApp();
  const res = await call("/api/v1/teapot", { headers: auth });
  assert.equal(res.status, 409);
  assert.deepEqual(await res.json(), {
    error: { code: "conflict_here", message: "Cannot do that: it conflicts" },
  });
});

Deno.test("metrics count requests by route and status", async () => {
  const { call, auth, metrics } = makeApp();
  await call("/healthz");
  await call("/healthz");
  assert.equal(
    metrics.value("siem_http_requests_total", { method: "GET", route: "/healthz", status: "200" }),
    2,
  );
  const text = await (await call("/metrics", { headers: auth })).text();
  assert.match(text, /# TYPE siem_http_requests_total counter/);
  assert.match(text, /siem_http_requests_total\{method="GET",route="\/healthz",status="200"\} 2/);
});

Deno.test("every response carries a request id", async () => {
  const { call } = makeApp();
  assert.match((await call("/healthz")).headers.get("X-Request-Id") ?? "", /^[0-9a-f-]{36}$/);
  assert.equal(
    (await call("/healthz", { headers: { "X-Request-Id": "abc" } })).headers.get("X-Request-Id"),
    "abc",
  );
});

Deno.test("tokenFromHeader accepts Bearer, Splunk, and Basic with the token as password", () => {
  assert.equal(tokenFromHeader("Bearer abc"), "abc");
  assert.equal(tokenFromHeader(`Basic ${btoa("elastic:abc")}`), "abc");
  assert.equal(tokenFromHeader(`Basic ${btoa("abc")}`), undefined);
  assert.equal(tokenFromHeader("Basic !!notbase64"), undefined);
  assert.equal(tokenFromHeader("bearer  abc "), "abc");
  assert.equal(tokenFromHeader("Splunk abc"), "abc");
  assert.equal(tokenFromHeader("Bearer"), undefined);
  assert.equal(tokenFromHeader(undefined), undefined);
});

Deno.test("permissionFor classifies routes by method and path", async () => {
  const { permissionFor } = await import("./auth.ts");
  assert.equal(permissionFor("POST", "/api/v1/ingest/Syslog"), "ingest");
  assert.equal(permissionFor("POST", "/services/collector/event"), "ingest");
  assert.equal(permissionFor("POST", "/_bulk"), "ingest");
  assert.equal(permissionFor("POST", "/logs-2024/_bulk"), "ingest");
  assert.equal(permissionFor("POST", "/v1/logs"), "ingest");
  assert.equal(permissionFor("GET", "/api/v1/alerts"), "read");
  assert.equal(permissionFor("POST", "/v1/workspaces/abc/query"), "read");
  assert.equal(permissionFor("POST", "/v2/rest/query"), "read");
  assert.equal(permissionFor("POST", "/api/v1/query"), "read");
  assert.equal(permissionFor("PUT", "/api/v1/workbooks/mine"), "write");
  assert.equal(permissionFor("PATCH", "/api/v1/incidents/1"), "write");
  assert.equal(permissionFor("GET", "/api/v1/tokens"), "admin");
});
