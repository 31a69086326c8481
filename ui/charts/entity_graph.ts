/**
 * The incident's entity graph: alerts and the entities they name (accounts, hosts, IPs, ...), an edge wherever
 * an alert names an entity, laid out radially (alerts on the inner ring in time order, entities on the outer
 * ring next to the alerts that name them). Pure and deterministic, so the picture is the same on every load.
 */
import type { Alert, Entity } from "../api/types.ts";

/** A node: an alert or an entity, placed at `x`, `y` in a box centred on 0,0. */
export interface GraphNode {
  readonly id: string;
  readonly kind: "alert" | "entity";
  /** Entity type (`account`, `host`, ...) or `alert`. */
  readonly type: string;
  readonly label: string;
  readonly severity?: string;
  readonly x: number;
  readonly y: number;
}

/** The graph. */
export interface EntityGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly { readonly from: string; readonly to: string }[];
  /** Entities left out past `maxEntities`. */
  readonly omitted: number;
}

/** The field that names each entity type (as in the alerts' `Entities`). */
const NAME_FIELDS: Record<string, readonly string[]> = {
  account: ["Name", "UPNSuffix", "AadUserId", "Sid"],
  host: ["HostName", "NetBiosName", "AzureID"],
  ip: ["Address"],
  url: ["Url"],
  filehash: ["Value"],
  process: ["CommandLine", "ProcessId"],
  file: ["Name", "Directory"],
  dns: ["DomainName"],
};

/**
 * An entity's identity and label: accounts and hosts compare case-insensitively.
 *
 * @param entity an alert entity
 * @returns the key (`type:value`) and a short label, or undefined for an entity with no name
 */
export function entityIdentity(entity: Entity): { key: string; label: string } | undefined {
  const type = String(entity.Type ?? "").toLowerCase();
  const fields = NAME_FIELDS[type] ?? Object.keys(entity).filter((k) => k !== "Type");
  for (const f of fields) {
    const v = entity[f];
    if (typeof v === "string" && v !== "" || typeof v === "number") {
      let label = String(v);
      if (type === "account" && f === "Name" && typeof entity.UPNSuffix === "string") {
        label = `${label}@${entity.UPNSuffix}`;
      }
      return { key: `${type}:${label.toLowerCase()}`, label };
    }
  }
  return undefined;
}

/**
 * Build and lay out the graph.
 *
 * @param alerts the incident's alerts
 * @param options ring radii and how many entities to draw at most
 * @returns nodes with positions and edges
 */
export function entityGraph(
  alerts: readonly Alert[],
  options: { inner?: number; outer?: number; maxEntities?: number } = {},
): EntityGraph {
  const inner = options.inner ?? 90;
  const outer = options.outer ?? 190;
  const ordered = [...alerts].sort((a, b) =>
    (a.EndTime ?? a.TimeGenerated).localeCompare(b.EndTime ?? b.TimeGenerated) ||
    a.SystemAlertId.localeCompare(b.SystemAlertId)
  );
  const alertAngle = new Map<string, number>();
  const nodes: GraphNode[] = ordered.map((a, i) => {
    const angle = ordered.length === 1 ? 0 : (i / ordered.length) * 2 * Math.PI;
    alertAngle.set(a.SystemAlertId, angle);
    const r = ordered.length === 1 ? 0 : inner;
    return {
      id: `alert:${a.SystemAlertId}`,
      kind: "alert",
      type: "alert",
      label: a.AlertName,
      severity: a.AlertSeverity,
      ...polar(r, angle),
    };
  });
  const entities = new Map<string, { label: string; type: string; alerts: string[] }>();
  for (const a of ordered) {
    for (const e of a.Entities ?? []) {
      const id = entityIdentity(e);
      if (!id) continue;
      let entry = entities.get(id.key);
      if (!entry) entities.set(id.key, entry = { label: id.label, type: id.key.split(":")[0], alerts: [] });
      if (!entry.alerts.includes(a.SystemAlertId)) entry.alerts.push(a.SystemAlertId);
    }
  }
  // Entities named by more alerts matter more; past the limit the least connected are left out.
  const max = options.maxEntities ?? 40;
  const kept = [...entities].sort((a, b) =>
    b[1].alerts.length - a[1].alerts.length || a[0].localeCompare(b[0])
  )
    .slice(0, max);
  // Each entity wants the mean angle of its alerts; spread them evenly in that order so labels do not collide.
  const wanted = kept.map(([key, e]) => ({
    key,
    e,
    angle: meanAngle(e.alerts.map((id) => alertAngle.get(id)!)),
  }))
    .sort((a, b) => a.angle - b.angle || a.key.localeCompare(b.key));
  const offset = wanted.length > 0 ? wanted[0].angle : 0;
  const edges: { from: string; to: string }[] = [];
  wanted.forEach(({ key, e }, i) => {
    const angle = offset + (i / wanted.length) * 2 * Math.PI;
    nodes.push({ id: `entity:${key}`, kind: "entity", type: e.type, label: e.label, ...polar(outer, angle) });
    for (const alertId of e.alerts) edges.push({ from: `alert:${alertId}`, to: `entity:${key}` });
  });
  return { nodes, edges, omitted: entities.size - kept.length };
}

function polar(r: number, angle: number): { x: number; y: number } {
  // `+ 0` turns -0 into 0, so positions compare and print plainly.
  return {
    x: Math.round(r * Math.sin(angle) * 10) / 10 + 0,
    y: Math.round(-r * Math.cos(angle) * 10) / 10 + 0,
  };
}

function meanAngle(angles: readonly number[]): number {
  const x = angles.reduce((s, a) => s + Math.cos(a), 0);
  const y = angles.reduce((s, a) => s + Math.sin(a), 0);
  const a = Math.atan2(y, x);
  return a < 0 ? a + 2 * Math.PI : a;
}
