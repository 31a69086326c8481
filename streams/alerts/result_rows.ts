/**
 * A result's rows as the alert builder reads them: converted to JSON objects on first use and remembered per row.
 *
 * A scheduled rule's window overlaps the previous one (a 24h window every 5m shares 287 of its 288 panes with the
 * last run), and an incremental plan hands the same row arrays to every evaluation that covers them. Converting
 * each row (and mapping its entities) once instead of at every instant keeps the work per instant proportional to
 * the rows that are new, not to the window, while the alert still sees every row of the result.
 */
import type { EntityMapping } from "../rules/mod.ts";
import type { Value } from "../../query/values/mod.ts";
import { type AlertEntity, entitiesOfRow } from "./entities.ts";
import { type Json, type ResultTable, rowToObject } from "./result_table.ts";

interface Converted {
  /** The column layout the row was converted with (see layoutId). */
  readonly layout: number;
  readonly object: Record<string, Json>;
  /** Entities per mapping list, with their dedup keys. */
  entities?: { readonly mappings: readonly EntityMapping[]; readonly list: readonly Keyed[] };
}

/** An entity with the key that identifies it among an alert's entities. */
export interface Keyed {
  readonly key: string;
  readonly entity: AlertEntity;
}

// Keyed by the row array itself: a row dropped from every window is collected with its conversion.
const converted = new WeakMap<readonly Value[], Converted>();

// A layout (column names and types) as a small number, so that checking a cached row costs one comparison even
// for a table of 200 columns; computed once per columns array (the map holds one entry per result shape seen).
const layoutIds = new Map<string, number>();
const layoutOfColumns = new WeakMap<ResultTable["columns"], number>();

function layoutId(columns: ResultTable["columns"]): number {
  let id = layoutOfColumns.get(columns);
  if (id === undefined) {
    const text = columns.map((c) => `${c.name}:${c.type}`).join(",");
    id = layoutIds.get(text);
    if (id === undefined) {
      id = layoutIds.size;
      layoutIds.set(text, id);
    }
    layoutOfColumns.set(columns, id);
  }
  return id;
}

/** The rows of one result, converted on demand. */
export class ResultRows {
  readonly #table: ResultTable;
  readonly #layout: number;

  constructor(table: ResultTable) {
    this.#table = table;
    this.#layout = layoutId(table.columns);
  }

  get length(): number {
    return this.#table.rows.length;
  }

  /** Row `i` as an object keyed by column name (the same object every time it is asked for). */
  object(i: number): Record<string, Json> {
    return this.#entry(i).object;
  }

  /** The entities row `i` maps to under `mappings`, with their keys. */
  entities(i: number, mappings: readonly EntityMapping[]): readonly Keyed[] {
    const entry = this.#entry(i);
    if (entry.entities?.mappings !== mappings) {
      const list = entitiesOfRow(mappings, entry.object).map((entity) => ({
        key: JSON.stringify(entity),
        entity,
      }));
      entry.entities = { mappings, list };
    }
    return entry.entities.list;
  }

  #entry(i: number): Converted {
    const row = this.#table.rows[i];
    const cached = converted.get(row);
    if (cached !== undefined && cached.layout === this.#layout) return cached;
    const entry: Converted = { layout: this.#layout, object: rowToObject(this.#table, row) };
    converted.set(row, entry);
    return entry;
  }
}
