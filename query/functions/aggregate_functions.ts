import type { AggregateFunctionTable } from "./aggregate_function.ts";
import { BASIC_AGGREGATES } from "./aggregates_basic.ts";
import { COLLECT_AGGREGATES } from "./aggregates_collect.ts";
import { DISTINCT_AGGREGATES } from "./aggregates_distinct.ts";
import { PERCENTILE_AGGREGATES } from "./aggregates_percentile.ts";

/** Every built-in aggregate by lower-case KQL name, with Kusto's deprecated aliases (`makeset`, `any`, …). */
export const AGGREGATE_FUNCTIONS: AggregateFunctionTable = Object.freeze({
  ...BASIC_AGGREGATES,
  ...DISTINCT_AGGREGATES,
  ...COLLECT_AGGREGATES,
  ...PERCENTILE_AGGREGATES,
  make_dictionary: COLLECT_AGGREGATES.make_bag,
  any: COLLECT_AGGREGATES.take_any,
  anyif: COLLECT_AGGREGATES.take_anyif,
});
