/** The JSON shapes of the hunting and rules APIs that the hunting and rules pages read. */

/** `POST /api/v1/query`: columns, rows, and the `render` info when the query ends with one. */
export interface QueryAnswer {
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  readonly rows: readonly (readonly unknown[])[];
  readonly chart?: { readonly chart: string; readonly properties?: Readonly<Record<string, unknown>> };
  /** The result had more rows than the truncation limit; `rows` holds the first ones. */
  readonly truncated?: boolean;
}

/** One rule in `GET /api/v1/rules`, with its health. */
export interface RuleSummary {
  readonly id: string;
  readonly name: string;
  readonly severity: string;
  readonly kind: string;
  readonly enabled: boolean;
  readonly mode: string;
  readonly modeReason?: string;
  readonly origin: string;
  readonly updatedAt: string;
  readonly revision: number;
  /** When it last raised an alert, or null. */
  readonly lastFired: string | null;
  /** Failed evaluations; null when no detection worker runs in the API's process. */
  readonly errorCount: number | null;
  readonly lastError: string | null;
}

/** A problem of a rule, with its place in the YAML. */
export interface RuleProblem {
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** `POST /api/v1/rules/validate` (and the body of a refused PUT). */
export interface RuleValidationAnswer {
  readonly ok: boolean;
  readonly id: string | null;
  readonly mode: string;
  readonly modeReason?: string;
  readonly problems: readonly RuleProblem[];
}

/** An alert a dry run would raise (the fields the page shows). */
export interface DryRunAlert {
  readonly SystemAlertId: string;
  readonly AlertName: string;
  readonly AlertSeverity: string;
  readonly StartTime: string;
  readonly EndTime: string;
  readonly Entities?: readonly { readonly Type: string; readonly [k: string]: unknown }[];
  readonly ExtendedProperties?: Readonly<Record<string, unknown>>;
}

/** `POST /api/v1/rules/dry-run`. */
export interface DryRunAnswer {
  readonly from: string;
  readonly to: string;
  readonly hours: number;
  readonly mode: string;
  readonly events: number;
  readonly instants: number;
  readonly alertCount: number;
  readonly alerts: readonly DryRunAlert[];
  readonly errors: readonly string[];
}
