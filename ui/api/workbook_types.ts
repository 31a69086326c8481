/** The JSON shapes of the workbooks, query and health APIs, as the README documents them. */

export const TILE_VISUALS = ["auto", "timechart", "barchart", "piechart", "table", "single"] as const;
/** How a tile shows its result; `auto` follows the query's `render` or the result's shape. */
export type TileVisual = typeof TILE_VISUALS[number];

export const PARAMETER_TYPES = ["string", "long", "real", "bool", "datetime", "timespan"] as const;
export type ParameterType = typeof PARAMETER_TYPES[number];

/** The time ranges the picker offers, with their labels. */
export const TIME_RANGES = {
  PT15M: "last 15 minutes",
  PT1H: "last hour",
  PT4H: "last 4 hours",
  PT12H: "last 12 hours",
  P1D: "last 24 hours",
  P2D: "last 2 days",
  P7D: "last 7 days",
} as const;
export type TimeRangeKey = keyof typeof TIME_RANGES;

export interface WorkbookParameter {
  name: string;
  type: ParameterType;
  label?: string;
  default?: string;
  options?: string[];
}

export interface WorkbookTile {
  id: string;
  title: string;
  query: string;
  visual: TileVisual;
  /** Grid columns (of 3). */
  width: number;
}

/** `GET /api/v1/workbooks/{id}`. */
export interface Workbook {
  id: string;
  name: string;
  description: string;
  connector?: string;
  timeRange: TimeRangeKey;
  parameters: WorkbookParameter[];
  tiles: WorkbookTile[];
  origin?: "prebuilt" | "user";
  updatedTime?: string;
  updatedBy?: string;
}

/** `POST /api/v1/query`: columns, rows in Kusto REST v2 conventions, and the `render` of the query, if any. */
export interface QueryAnswer {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
  readonly chart?: { readonly chart: string; readonly properties?: Readonly<Record<string, unknown>> };
}

/** `GET /api/v1/health`. */
export interface HealthReport {
  readonly time: string;
  readonly deadLetters: {
    readonly total: number;
    readonly bySource: Readonly<Record<string, number>>;
    readonly last: { readonly time: string; readonly source: string; readonly reason: string } | null;
  };
  readonly rules: {
    readonly total: number;
    readonly enabled: number;
    readonly withErrors: readonly { ruleId: string; name: string; message: string; count: number }[];
  };
  readonly detection: {
    readonly caughtUp: boolean;
    readonly pendingMessages: number;
    readonly lagSeconds: number;
    readonly ownedRules: number;
  } | null;
}
