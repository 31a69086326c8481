/**
 * The workbook document: a dashboard of KQL tiles with a time range and declared parameters, as the workbooks
 * API stores it (KV bucket `siem_workbooks`) and the UI renders it. Validation never throws: it returns the
 * workbook or the first problem, with the path of the bad field.
 */
import * as v from "valibot";

/** How a tile shows its result; `auto` follows the query's `render` (or the shape of the result). */
export const TILE_VISUALS = ["auto", "timechart", "barchart", "piechart", "table", "single"] as const;
export type TileVisual = typeof TILE_VISUALS[number];

/** Types a declared parameter can have: its value is substituted as a KQL literal of that type. */
export const PARAMETER_TYPES = ["string", "long", "real", "bool", "datetime", "timespan"] as const;
export type ParameterType = typeof PARAMETER_TYPES[number];

/** Time ranges the picker offers (ISO 8601 durations, as the query API's `timespan`). */
export const TIME_RANGES = ["PT15M", "PT1H", "PT4H", "PT12H", "P1D", "P2D", "P7D"] as const;

/** Parameter names the UI supplies itself: `{TimeRange}` (a timespan) and `{TimeGrain}` (a bin size for it). */
export const BUILTIN_PARAMETERS = ["TimeRange", "TimeGrain"] as const;

const oneOf = (name: string, values: readonly string[]) =>
  `'${name}' must be one of ${values.map((x) => `'${x}'`).join(", ")}`;

const ParameterSchema = v.strictObject({
  name: v.pipe(
    v.string("'name' must be a string"),
    v.regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, "Invalid parameter name: use letters, digits and '_'"),
    v.check(
      (n) => !(BUILTIN_PARAMETERS as readonly string[]).includes(n),
      "Parameter names 'TimeRange' and 'TimeGrain' are built in",
    ),
  ),
  type: v.picklist(PARAMETER_TYPES, oneOf("type", PARAMETER_TYPES)),
  label: v.optional(v.pipe(v.string(), v.maxLength(200))),
  default: v.optional(v.pipe(v.string("'default' must be a string"), v.maxLength(1000))),
  options: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(1000))), v.maxLength(100))),
});

const TileSchema = v.strictObject({
  id: v.pipe(
    v.string("'id' must be a string"),
    v.regex(/^[A-Za-z0-9_-]{1,64}$/, "Invalid tile id: use letters, digits, '-' and '_'"),
  ),
  title: v.pipe(
    v.string("'title' must be a string"),
    v.minLength(1, "'title' must not be empty"),
    v.maxLength(200),
  ),
  query: v.pipe(
    v.string("'query' must be a string"),
    v.minLength(1, "'query' must not be empty"),
    v.maxLength(20_000),
  ),
  visual: v.optional(v.picklist(TILE_VISUALS, oneOf("visual", TILE_VISUALS)), "auto"),
  /** Grid columns the tile spans (of 3). */
  width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3)), 1),
});

/** The document as clients send it (server-set fields are optional and overwritten). */
export const WorkbookSchema = v.strictObject({
  id: v.optional(v.string()),
  name: v.pipe(
    v.string("'name' must be a string"),
    v.minLength(1, "'name' must not be empty"),
    v.maxLength(200),
  ),
  description: v.optional(v.pipe(v.string(), v.maxLength(2000)), ""),
  connector: v.optional(v.pipe(v.string(), v.maxLength(100))),
  timeRange: v.optional(v.picklist(TIME_RANGES, oneOf("timeRange", TIME_RANGES)), "P1D"),
  parameters: v.optional(v.pipe(v.array(ParameterSchema), v.maxLength(20)), []),
  tiles: v.pipe(v.array(TileSchema), v.maxLength(50, "A workbook holds at most 50 tiles")),
  origin: v.optional(v.picklist(["prebuilt", "user"] as const)),
  updatedTime: v.optional(v.string()),
  updatedBy: v.optional(v.string()),
});

/** A declared parameter. */
export type WorkbookParameter = v.InferOutput<typeof ParameterSchema>;
/** One tile. */
export type WorkbookTile = v.InferOutput<typeof TileSchema>;
/** A stored workbook. */
export type Workbook = v.InferOutput<typeof WorkbookSchema> & { id: string };

/** Workbook ids: lowercase slugs, so they read well in addresses. */
export const WORKBOOK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

/**
 * Validate a workbook document.
 *
 * @param input the parsed JSON
 * @param id the id it is stored under (wins over any `id` in the body)
 * @returns the workbook with defaults filled in, or the first problem
 * @example
 * ```ts
 * const r = validateWorkbook({ name: "Mine", tiles: [] }, "mine");
 * r.ok; // true
 * ```
 */
export function validateWorkbook(
  input: unknown,
  id: string,
): { ok: true; workbook: Workbook } | { ok: false; message: string } {
  if (!WORKBOOK_ID.test(id)) {
    return { ok: false, message: `Invalid workbook id '${id}': use lowercase letters, digits and '-'` };
  }
  const parsed = v.safeParse(WorkbookSchema, input);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const where = issue.path?.map((p) => p.key).join(".");
    return { ok: false, message: where ? `${issue.message} (at '${where}')` : issue.message };
  }
  const workbook = { ...parsed.output, id };
  const tileIds = new Set<string>();
  for (const t of workbook.tiles) {
    if (tileIds.has(t.id)) return { ok: false, message: `Duplicate tile id '${t.id}'` };
    tileIds.add(t.id);
  }
  const names = new Set<string>();
  for (const p of workbook.parameters) {
    if (names.has(p.name)) return { ok: false, message: `Duplicate parameter '${p.name}'` };
    names.add(p.name);
  }
  return { ok: true, workbook };
}
