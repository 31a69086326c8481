import type { Value } from "../values/value.ts";

/**
 * The "digest" behind `tdigest()`, `percentile_tdigest()` and `percentilew()`: here an exact weighted summary
 * (distinct values with their total weights) rather than a T-Digest, so percentiles are exact and merging is
 * lossless; the price is size linear in the number of distinct values. Its JSON form is
 * `{ "tdigest": 1, "values": [...], "weights": [...] }` with values ascending.
 */
export interface ExactDigest {
  readonly values: number[];
  readonly weights: number[];
}

/** Builds a digest from value/weight pairs (non-finite values and non-positive weights are dropped). */
export function digestOf(values: readonly number[], weights?: readonly number[]): ExactDigest {
  const totals = new Map<number, number>();
  values.forEach((v, i) => {
    const w = weights === undefined ? 1 : weights[i];
    if (Number.isFinite(v) && w > 0) totals.set(v, (totals.get(v) ?? 0) + w);
  });
  const sorted = [...totals.keys()].sort((a, b) => a - b);
  return { values: sorted, weights: sorted.map((v) => totals.get(v)!) };
}

/** The union of digests. */
export function mergeDigests(digests: readonly ExactDigest[]): ExactDigest {
  return digestOf(digests.flatMap((d) => d.values), digests.flatMap((d) => d.weights));
}

/** Weighted nearest rank: the smallest value whose cumulative weight reaches p% of the total. */
export function digestPercentile(digest: ExactDigest, p: number): number | null {
  if (digest.values.length === 0 || !(p >= 0 && p <= 100)) return null;
  const total = digest.weights.reduce((a, b) => a + b, 0);
  const target = p / 100 * total;
  let cumulative = 0;
  for (let i = 0; i < digest.values.length; i++) {
    cumulative += digest.weights[i];
    if (cumulative >= target && cumulative > 0) return digest.values[i];
  }
  return digest.values[digest.values.length - 1];
}

/** The percentage of the total weight at or below a value. */
export function digestRank(digest: ExactDigest, value: number): number | null {
  if (digest.values.length === 0) return null;
  const total = digest.weights.reduce((a, b) => a + b, 0);
  let below = 0;
  for (let i = 0; i < digest.values.length && digest.values[i] <= value; i++) below += digest.weights[i];
  return 100 * below / total;
}

/** The JSON (dynamic) form of a digest. */
export function digestToValue(digest: ExactDigest): Value {
  return { tdigest: 1, values: digest.values, weights: digest.weights };
}

/** Reads a digest from its dynamic form; null when the value is not one. */
export function digestFromValue(value: Value): ExactDigest | null {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
  const o = value as { tdigest?: Value; values?: Value; weights?: Value };
  if (o.tdigest !== 1 || !Array.isArray(o.values) || !Array.isArray(o.weights)) return null;
  if (o.values.length !== o.weights.length) return null;
  if (!o.values.every((v) => typeof v === "number") || !o.weights.every((w) => typeof w === "number")) {
    return null;
  }
  return { values: [...o.values as number[]], weights: [...o.weights as number[]] };
}
