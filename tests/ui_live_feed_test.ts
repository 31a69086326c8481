/**
 * The UI's live feed against a real HTTP server speaking Server-Sent Events: messages reach subscribers, rate
 * samples are kept, a dropped stream is reopened, and a 401 stops it and reports the sign-out.
 */
import assert from "node:assert/strict";
import { ApiClient } from "../ui/api/api_client.ts";
import { LiveFeed, type LiveMessage } from "../ui/api/live_feed.ts";

const TOKEN = "feed-test-token-0123456789";

function sseServer(onConnect: (n: number) => string | null) {
  let connections = 0;
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, (request) => {
    if (request.headers.get("Authorization") !== `Bearer ${TOKEN}`) {
      return Response.json({ error: { code: "unauthorized", message: "Invalid token" } }, { status: 401 });
    }
    const body = onConnect(++connections);
    if (body === null) {
      return Response.json({ error: { code: "unauthorized", message: "Revoked" } }, { status: 401 });
    }
    // The stream ends after the body: the feed must reconnect.
    return new Response(body, { headers: { "Content-Type": "text/event-stream" } });
  });
  return { server, base: `http://127.0.0.1:${server.addr.port}`, connections: () => connections };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("Timed out waiting for the live feed");
    await new Promise((r) => setTimeout(r, 20));
  }
}

Deno.test("live feed: dispatches rates, alerts and incidents, keeps samples and reconnects", async () => {
  const now = new Date().toISOString();
  const { server, base, connections } = sseServer((n) =>
    `event: hello\ndata: {"time":"${now}"}\n\n` +
    `event: rates\ndata: {"type":"rates","time":"${now}","perSecond":{"Syslog":${n}}}\n\n` +
    (n === 1
      ? `event: alert\ndata: {"type":"alert","alert":{"SystemAlertId":"a1","AlertSeverity":"High"}}\n\n` +
        `event: incident\ndata: {"type":"incident","change":"created","incident":{"IncidentName":"i1"}}\n\n` +
        `event: rates\ndata: not json\n\n`
      : "")
  );
  const feed = new LiveFeed(new ApiClient(TOKEN, { fetch: (path, init) => fetch(`${base}${path}`, init) }));
  const seen: LiveMessage[] = [];
  feed.subscribe((m) => seen.push(m));
  try {
    feed.start();
    await until(() => connections() >= 2 && seen.filter((m) => m.type === "rates").length >= 2);
    const types = seen.map((m) => m.type);
    assert.ok(types.includes("alert") && types.includes("incident"), types.join(","));
    const alert = seen.find((m) => m.type === "alert");
    assert.equal(alert?.type === "alert" && alert.alert.SystemAlertId, "a1");
    assert.deepEqual(feed.samples.slice(0, 2).map((s) => s.perSecond), [{ Syslog: 1 }, { Syslog: 2 }]);
    assert.ok(types.includes("status"));
  } finally {
    feed.stop();
    await server.shutdown();
  }
});

Deno.test("live feed: a 401 stops the feed and tells the app", async () => {
  const { server, base, connections } = sseServer(() => null);
  let signedOut = 0;
  const client = new ApiClient(TOKEN, {
    fetch: (path, init) => fetch(`${base}${path}`, init),
    onUnauthorized: () => signedOut++,
  });
  const feed = new LiveFeed(client);
  try {
    feed.start();
    await until(() => signedOut === 1);
    await new Promise((r) => setTimeout(r, 1_200));
    assert.equal(connections(), 1, "no retry after a 401");
    assert.equal(feed.connected, false);
  } finally {
    feed.stop();
    await server.shutdown();
  }
});
