/**
 * `<siem-entity-graph>`: the incident's alerts and the entities they name as an SVG graph (radial layout from
 * the pure `entityGraph`). Every node is a Tab stop: focusing or hovering one highlights its edges and names its
 * neighbours in the panel beside the graph (announced politely); Enter on an alert opens it.
 */
import { css, html, LitElement, svg } from "lit";
import { repeat } from "lit/directives/repeat.js";
import type { Alert } from "../api/types.ts";
import { entityGraph, type GraphNode } from "../charts/entity_graph.ts";
import { sharedStyles } from "./shared_styles.ts";

const SIZE = 460;
const ICONS: Record<string, string> = {
  alert: "!",
  account: "A",
  host: "H",
  ip: "IP",
  url: "U",
  filehash: "#",
  process: "P",
  file: "F",
  dns: "D",
};

export class SiemEntityGraph extends LitElement {
  static override properties = { alerts: { attribute: false } };
  static override styles = [
    sharedStyles,
    css`
      .wrap {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: flex-start;
      }
      svg {
        max-width: 100%;
        height: auto;
        flex: 0 1 ${SIZE}px;
      }
      .edge {
        stroke: var(--border);
        stroke-width: 1.5px;
      }
      .edge.on {
        stroke: var(--accent);
        stroke-width: 2.5px;
      }
      .node circle {
        fill: var(--card-bg);
        stroke: var(--muted);
        stroke-width: 2px;
      }
      .node.alert circle {
        stroke: var(--sev-medium);
      }
      .node.alert.High circle {
        stroke: var(--sev-high);
      }
      .node.alert.Low circle,
      .node.alert.Informational circle {
        stroke: var(--sev-low);
      }
      .node.on circle {
        fill: var(--accent);
      }
      .node.on .icon {
        fill: var(--accent-fg);
      }
      .node:focus {
        outline: none;
      }
      .node:focus-visible circle {
        stroke: var(--focus);
        stroke-width: 4px;
      }
      text {
        fill: var(--fg);
        font-size: 11px;
      }
      .icon {
        font-weight: 700;
        font-size: 10px;
      }
      .panel {
        flex: 1 1 14rem;
        min-height: 6rem;
      }
    `,
  ];
  declare alerts: readonly Alert[];
  /** The keyboard's node wins over the pointer's, so a resting mouse never hides what focus shows. */
  #focused: string | undefined;
  #hovered: string | undefined;

  get #active(): string | undefined {
    return this.#focused ?? this.#hovered;
  }

  override willUpdate(changed: Map<string, unknown>): void {
    // New alerts (another incident, or this one grew): trust only the element that really has focus now.
    if (changed.has("alerts")) {
      this.#focused = this.shadowRoot?.activeElement?.getAttribute("data-node") ?? undefined;
      this.#hovered = undefined;
    }
  }

  constructor() {
    super();
    this.alerts = [];
  }

  override render() {
    const graph = entityGraph(this.alerts, { inner: 95, outer: 185 });
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const near = new Set<string>();
    for (const e of graph.edges) {
      if (e.from === this.#active) near.add(e.to);
      if (e.to === this.#active) near.add(e.from);
    }
    const active = this.#active ? byId.get(this.#active) : undefined;
    const entities = graph.nodes.filter((n) => n.kind === "entity").length;
    return html`
      <div class="wrap">
        <svg id="entity-graph" viewBox="${-SIZE / 2} ${-SIZE / 2} ${SIZE} ${SIZE}" width=${SIZE}
          height=${SIZE}
          role="group" aria-label=${`Entity graph: ${
            graph.nodes.length - entities
          } alerts, ${entities} entities`}>
          ${graph.edges.map((e) => {
            const a = byId.get(e.from)!;
            const b = byId.get(e.to)!;
            const on = e.from === this.#active || e.to === this.#active;
            return svg`<line class="edge ${on ? "on" : ""}" x1=${a.x} y1=${a.y} x2=${b.x} y2=${b.y}></line>`;
          })}
          ${// Keyed, so a focused node keeps its element (and its focus) when the graph is redrawn.
          repeat(graph.nodes, (n) => n.id, (n) => this.#node(n, n.id === this.#active || near.has(n.id)))}
        </svg>
        <div class="panel" aria-live="polite" id="graph-panel">
          ${active
            ? this.#describe(active, [...near].map((id) => byId.get(id)!))
            : html`<p class="muted">Focus or point
            at a node to see what it is linked to. ${
              graph.omitted > 0 ? `${graph.omitted} less connected entities are not drawn.` : ""
            }</p>`}
        </div>
      </div>
    `;
  }

  #node(n: GraphNode, on: boolean) {
    const label = n.label.length > 24 ? `${n.label.slice(0, 23)}…` : n.label;
    const name = n.kind === "alert" ? `Alert ${n.label} (${n.severity})` : `${n.type} ${n.label}`;
    const below = n.y >= 0 || n.kind === "alert";
    const body = svg`
      <circle r=${n.kind === "alert" ? 14 : 12}></circle>
      <text class="icon" text-anchor="middle" dy="4">${ICONS[n.type] ?? "?"}</text>
      <text text-anchor="middle" dy=${below ? 28 : -20}>${label}</text>
    `;
    const cls = `node ${n.kind} ${n.severity ?? ""} ${on ? "on" : ""}`;
    const focus = () => this.#set("focused", n.id);
    const blur = () => this.#set("focused", undefined);
    const enter = () => this.#set("hovered", n.id);
    const leave = () => this.#set("hovered", undefined);
    return n.kind === "alert"
      ? svg`
        <a class=${cls} data-node=${n.id} href="#/alerts/${encodeURIComponent(n.id.slice("alert:".length))}"
          transform="translate(${n.x} ${n.y})" aria-label=${name} @focus=${focus} @blur=${blur}
          @mouseenter=${enter} @mouseleave=${leave}>${body}</a>
      `
      : svg`
        <g class=${cls} data-node=${n.id} tabindex="0" role="img"
          transform="translate(${n.x} ${n.y})"
          aria-label=${name} @focus=${focus} @blur=${blur} @mouseenter=${enter}
          @mouseleave=${leave}>${body}</g>
      `;
  }

  #describe(n: GraphNode, neighbours: GraphNode[]) {
    return n.kind === "alert"
      ? html`
        <p><strong>${n.label}</strong> <span class="sev sev-${n.severity}">${n.severity}</span></p>
        <p>Names ${neighbours.length} entit${neighbours.length === 1 ? "y" : "ies"}:</p>
        <ul>${neighbours.map((x) => html`<li>${x.type} ${x.label}</li>`)}</ul>
      `
      : html`
        <p><strong>${n.type} ${n.label}</strong></p>
        <p>Named by ${neighbours.length} alert${neighbours.length === 1 ? "" : "s"}:</p>
        <ul>${neighbours.map((x) => html`<li>${x.label}</li>`)}</ul>
      `;
  }

  #set(which: "focused" | "hovered", id: string | undefined): void {
    if (which === "focused") this.#focused = id;
    else this.#hovered = id;
    this.requestUpdate();
  }
}
customElements.define("siem-entity-graph", SiemEntityGraph);
