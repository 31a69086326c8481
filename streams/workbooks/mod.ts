/**
 * Workbooks: dashboards of KQL tiles. The document schema (validated with valibot) and the prebuilt workbooks
 * installed per connector. Pure: the runtime stores them (`runtime/http/workbooks_routes.ts`) and the UI draws
 * them.
 *
 * @example
 * ```ts
 * import { PREBUILT_WORKBOOKS, validateWorkbook } from "./mod.ts";
 * const first = PREBUILT_WORKBOOKS[0];
 * validateWorkbook(first, first.id).ok; // true
 * ```
 * @module
 */
export {
  BUILTIN_PARAMETERS,
  PARAMETER_TYPES,
  type ParameterType,
  TILE_VISUALS,
  type TileVisual,
  TIME_RANGES,
  validateWorkbook,
  type Workbook,
  WORKBOOK_ID,
  type WorkbookParameter,
  WorkbookSchema,
  type WorkbookTile,
} from "./workbook.ts";
export { PREBUILT_WORKBOOKS } from "./prebuilt_workbooks.ts";
