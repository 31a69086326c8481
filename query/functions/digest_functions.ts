import type { Value } from "../values/value.ts";
import {
  digestFromValue,
  digestPercentile,
  digestRank,
  digestToValue,
  mergeDigests,
} from "./exact_digest.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";

/** Scalar functions over `tdigest()` results. */
export const DIGEST_FUNCTIONS: ScalarFunctionTable = {
  percentile_tdigest: define([2, 3], "real", ([d, p]) => {
    const digest = digestFromValue(d);
    return digest === null || typeof p !== "number" ? null : digestPercentile(digest, p);
  }),
  percentiles_array_tdigest: define([2, 64], "dynamic", ([d, ...ps]) => {
    const digest = digestFromValue(d);
    if (digest === null) return null;
    return ps.flatMap((p) => Array.isArray(p) ? p : [p]).map((p) =>
      typeof p === "number" ? digestPercentile(digest, p) : null
    );
  }),
  percentrank_tdigest: define([2, 2], "real", ([d, v]) => {
    const digest = digestFromValue(d);
    return digest === null || typeof v !== "number" ? null : digestRank(digest, v);
  }),
  merge_tdigest: define([1, 64], "dynamic", (args: readonly Value[]) => {
    const digests = args.flatMap((a) => {
      const d = digestFromValue(a);
      return d === null ? [] : [d];
    });
    return digests.length === 0 ? null : digestToValue(mergeDigests(digests));
  }, { strict: false }),
};
