import assert from "node:assert/strict";
import { FunctionRegistry } from "../symbols/mod.ts";
import { AGGREGATE_FUNCTIONS } from "./aggregate_functions.ts";
import { SCALAR_FUNCTIONS } from "./scalar_functions.ts";

/**
 * The binder's function registry (query/symbols) decides which calls type-check; this test keeps the library in
 * step with it: every function the binder accepts has an implementation here, and every argument count the
 * binder accepts is one the implementation takes. Functions deliberately left to the evaluator or not yet
 * implemented are listed with the reason (see README.md).
 */
const DEFERRED: Readonly<Record<string, string>> = {
  row_number: "row context: the evaluator's serialized operators",
  row_cumsum: "row context",
  row_rank_dense: "row context",
  row_rank_min: "row context",
  row_window_session: "row context",
  prev: "row context",
  next: "row context",
  pack_all: "row context",
  bag_pack_columns: "row context",
  ingestion_time: "row metadata",
  estimate_data_size: "row context",
  bin_auto: "query setting",
  current_principal: "session context",
  current_principal_details: "session context",
  current_cluster_endpoint: "session context",
  current_database: "session context",
  cursor_current: "database cursor",
  todatetime_unixtime: "undocumented",
  geo_info_from_ip_address: "needs a GeoIP database",
  parse_user_agent: "needs a user-agent database",
  zlib_decompress_from_base64_string: "needs a synchronous inflater",
  gzip_decompress_from_base64_string: "needs a synchronous inflater",
  gzip_compress_to_base64_string: "needs a synchronous deflater",
  hash_many: "undocumented algorithm",
  hash_combine: "undocumented algorithm",
};

function arity(signatures: readonly { parameters: readonly { optional: boolean; variadic: boolean }[] }[]) {
  let min = Infinity;
  let max = 0;
  for (const s of signatures) {
    min = Math.min(min, s.parameters.filter((p) => !p.optional).length);
    max = Math.max(max, s.parameters.some((p) => p.variadic) ? Infinity : s.parameters.length);
  }
  return { min, max };
}

Deno.test("every function the binder accepts is implemented or deferred with a reason", () => {
  const missing: string[] = [];
  for (const fn of FunctionRegistry.builtin().all()) {
    const table = fn.kind === "aggregate" ? AGGREGATE_FUNCTIONS : SCALAR_FUNCTIONS;
    if (!(fn.name in table) && !(fn.name in DEFERRED)) missing.push(`${fn.kind} ${fn.name}`);
  }
  assert.deepEqual(missing, []);
});

Deno.test("implementations take every argument count the binder accepts", () => {
  const mismatches: string[] = [];
  for (const fn of FunctionRegistry.builtin().all()) {
    const impl = (fn.kind === "aggregate" ? AGGREGATE_FUNCTIONS : SCALAR_FUNCTIONS)[fn.name];
    if (impl === undefined) continue;
    const { min, max } = arity(fn.signatures);
    const implMax = impl.maxArgs;
    if (min < impl.minArgs || (max > implMax && !(max === Infinity && implMax >= 64))) {
      mismatches.push(`${fn.name}: binder ${min}..${max}, implementation ${impl.minArgs}..${implMax}`);
    }
  }
  assert.deepEqual(mismatches, []);
});
