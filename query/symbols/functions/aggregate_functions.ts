/**
 * Built-in aggregate functions (summarize, make-series, top-nested), one signature per line (format in
 * function_symbol.ts). `prefix=` gives the summarize output name prefix where it differs from the function
 * name (`make_set(X)` → `set_X`). `arg_max`, `arg_min`, `take_any` and `percentiles` expand into several
 * columns: the binder names those.
 */
import { defineFunctions, type FunctionSymbol } from "./function_symbol.ts";

/** Every built-in aggregate function. */
export const AGGREGATE_FUNCTIONS: readonly FunctionSymbol[] = defineFunctions("aggregate", [
  "count(): long",
  "count(value:any): long",
  "countif(predicate:bool): long",
  "count_distinct(value:any): long",
  "count_distinctif(value:any, predicate:bool): long",
  "dcount(value:any, accuracy?:long): long",
  "dcountif(value:any, predicate:bool, accuracy?:long): long",
  "sum(value:summable): $sum",
  "sumif(value:summable, predicate:bool): $sum",
  "avg(value:summable): real",
  "avgif(value:summable, predicate:bool): real",
  "min(value:any): $0",
  "max(value:any): $0",
  "minif(value:any, predicate:bool): $0",
  "maxif(value:any, predicate:bool): $0",
  "make_set(value:any, maxSize?:long): dynamic | prefix=set",
  "make_set_if(value:any, predicate:bool, maxSize?:long): dynamic | prefix=set",
  "makeset(value:any, maxSize?:long): dynamic | prefix=set",
  "make_list(value:any, maxSize?:long): dynamic | prefix=list",
  "make_list_if(value:any, predicate:bool, maxSize?:long): dynamic | prefix=list",
  "make_list_with_nulls(value:any, maxSize?:long): dynamic | prefix=list",
  "makelist(value:any, maxSize?:long): dynamic | prefix=list",
  "make_bag(value:dynamic, maxSize?:long): dynamic | prefix=bag",
  "make_bag_if(value:dynamic, predicate:bool, maxSize?:long): dynamic | prefix=bag",
  "arg_max(by:any, columns:any...): $0 | prefix=max",
  "arg_min(by:any, columns:any...): $0 | prefix=min",
  "take_any(values:any...): $0 | prefix=any",
  "any(values:any...): $0 | prefix=any",
  "take_anyif(value:any, predicate:bool): $0 | prefix=any",
  "anyif(value:any, predicate:bool): $0 | prefix=any",
  "percentile(value:summable, percentile:number): $0",
  "percentiles(value:summable, percentiles:number...): $0 | prefix=percentile",
  "percentiles_array(value:summable, percentiles:any...): dynamic | prefix=percentiles",
  "percentilew(value:summable, weight:number, percentile:number): $0 | prefix=percentile",
  "stdev(value:number): real",
  "stdevif(value:number, predicate:bool): real",
  "stdevp(value:number): real",
  "variance(value:number): real",
  "varianceif(value:number, predicate:bool): real",
  "variancep(value:number): real",
  "hll(value:any, accuracy?:long): dynamic",
  "hll_if(value:any, predicate:bool, accuracy?:long): dynamic | prefix=hll",
  "hll_merge(hll:dynamic): dynamic",
  "tdigest(value:any, weight?:number): dynamic",
  "tdigest_merge(tdigest:dynamic): dynamic",
  "binary_all_or(value:long): long",
  "binary_all_and(value:long): long",
  "binary_all_xor(value:long): long",
]);
