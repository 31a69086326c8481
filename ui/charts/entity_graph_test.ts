import assert from "node:assert/strict";
import type { Alert } from "../api/types.ts";
import { entityGraph, entityIdentity } from "./entity_graph.ts";

const alert = (id: string, time: string, entities: Alert["Entities"]): Alert => ({
  SystemAlertId: id,
  AlertName: `Alert ${id}`,
  AlertSeverity: "High",
  TimeGenerated: time,
  EndTime: time,
  Entities: entities,
});

Deno.test("entityIdentity: accounts by name and suffix, hosts case-insensitively, nameless entities skipped", () => {
  assert.deepEqual(entityIdentity({ Type: "account", Name: "Alice", UPNSuffix: "contoso.com" }), {
    key: "account:alice@contoso.com",
    label: "Alice@contoso.com",
  });
  assert.equal(entityIdentity({ Type: "host", HostName: "WEB1" })?.key, "host:web1");
  assert.equal(entityIdentity({ Type: "ip" }), undefined);
});

Deno.test("entityGraph: one node per alert and per distinct entity, edges where an alert names one", () => {
  const graph = entityGraph([
    alert("b", "2024-01-01T00:02:00Z", [{ Type: "ip", Address: "10.0.0.1" }, {
      Type: "host",
      HostName: "web1",
    }]),
    alert("a", "2024-01-01T00:01:00Z", [{ Type: "host", HostName: "WEB1" }, {
      Type: "account",
      Name: "bob",
    }]),
  ]);
  assert.deepEqual(graph.nodes.filter((n) => n.kind === "alert").map((n) => n.id), ["alert:a", "alert:b"]);
  assert.deepEqual(
    graph.nodes.filter((n) => n.kind === "entity").map((n) => n.label).sort(),
    ["10.0.0.1", "WEB1", "bob"],
  );
  assert.equal(graph.edges.length, 4);
  assert.ok(graph.edges.some((e) => e.from === "alert:b" && e.to === "entity:host:web1"));
  // Laid out on two rings: alerts at radius 90, entities at 190.
  for (const n of graph.nodes) {
    const r = Math.hypot(n.x, n.y);
    assert.ok(Math.abs(r - (n.kind === "alert" ? 90 : 190)) < 0.2, `${n.id} at ${r}`);
  }
  // Deterministic: the same input, the same picture.
  assert.deepEqual(entityGraph([...[]]), { nodes: [], edges: [], omitted: 0 });
});

Deno.test("entityGraph: a single alert sits in the middle; past the limit the least connected entities go", () => {
  const many = Array.from({ length: 5 }, (_, i) => ({ Type: "ip", Address: `10.0.0.${i}` }));
  const graph = entityGraph([alert("x", "2024-01-01T00:00:00Z", many)], { maxEntities: 3 });
  assert.deepEqual([graph.nodes[0].x, graph.nodes[0].y], [0, 0]);
  assert.equal(graph.nodes.length, 4);
  assert.equal(graph.omitted, 2);
});
