import type { Value } from "../values/value.ts";
import { define, type ScalarFunctionTable } from "./scalar_function.ts";
import { autocorrelation, decompose, type DecomposeOptions, outlierScores } from "./series_decompose.ts";

/** The numeric elements of a series; non-numeric elements (nulls from `make-series` gaps) are skipped. */
function numbers(series: Value): { index: number; value: number }[] | null {
  if (!Array.isArray(series)) return null;
  const out: { index: number; value: number }[] = [];
  series.forEach((v, index) => {
    if (typeof v === "number" && Number.isFinite(v)) out.push({ index, value: v });
  });
  return out;
}

/**
 * `series_stats_dynamic` (and `series_stats`, whose columns the evaluator expands from the same bag): min and max
 * with their first index, average, and sample variance and standard deviation.
 */
function seriesStats(series: Value): Value {
  const points = numbers(series);
  if (points === null) return null;
  if (points.length === 0) {
    return { min: null, min_idx: null, max: null, max_idx: null, avg: null, stdev: null, variance: null };
  }
  let min = points[0];
  let max = points[0];
  let sum = 0;
  for (const p of points) {
    if (p.value < min.value) min = p;
    if (p.value > max.value) max = p;
    sum += p.value;
  }
  const avg = sum / points.length;
  let squares = 0;
  for (const p of points) squares += (p.value - avg) ** 2;
  const variance = points.length > 1 ? squares / (points.length - 1) : 0;
  return {
    min: min.value,
    min_idx: min.index,
    max: max.value,
    max_idx: max.index,
    avg,
    stdev: Math.sqrt(variance),
    variance,
  };
}

/**
 * `series_fit_line`: least-squares line over x = 1, 2, … (the series' positions): R², slope, variance of the
 * series, residual variance, intercept and the fitted values.
 */
function seriesFitLine(series: Value): Value {
  const points = numbers(series);
  if (points === null || !Array.isArray(series)) return null;
  const n = points.length;
  if (n === 0) return null;
  let sx = 0;
  let sy = 0;
  for (const p of points) {
    sx += p.index + 1;
    sy += p.value;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const p of points) {
    const dx = p.index + 1 - mx;
    const dy = p.value - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const interception = my - slope * mx;
  let residual = 0;
  for (const p of points) residual += (p.value - (slope * (p.index + 1) + interception)) ** 2;
  return {
    rsquare: syy === 0 ? 1 : 1 - residual / syy,
    slope,
    variance: n > 1 ? syy / (n - 1) : 0,
    rvariance: n > 1 ? residual / (n - 1) : 0,
    interception,
    line_fit: series.map((_, i) => slope * (i + 1) + interception),
  };
}

interface LineFit {
  slope: number;
  interception: number;
  /** Sum of squared residuals. */
  residual: number;
  /** Sum of squared deviations from the mean. */
  total: number;
  n: number;
}

/** Least squares over the points (x, ys[i]) with x = first + i + 1 (series positions are 1-based). */
function fitLine(ys: readonly number[], first: number): LineFit {
  const n = ys.length;
  const mx = first + (n + 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  ys.forEach((y, i) => {
    const dx = first + i + 1 - mx;
    sxx += dx * dx;
    sxy += dx * (y - my);
    syy += (y - my) ** 2;
  });
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const interception = my - slope * mx;
  let residual = 0;
  ys.forEach((y, i) => residual += (y - (slope * (first + i + 1) + interception)) ** 2);
  return { slope, interception, residual, total: syy, n };
}

function lineStats(fit: LineFit): Record<string, number> {
  const d = fit.n > 1 ? fit.n - 1 : 1;
  return {
    rsquare: fit.total === 0 ? 1 : 1 - fit.residual / fit.total,
    slope: fit.slope,
    interception: fit.interception,
    variance: fit.total / d,
    rvariance: fit.residual / d,
  };
}

/**
 * `series_fit_2lines`: the split of the series into two parts, each fitted by its own line, with the least total
 * squared residual (each part at least two points); overall R², the split index and each side's line statistics.
 */
function seriesFit2Lines(series: Value): Value {
  if (!Array.isArray(series)) return null;
  const ys = series.map((v) => typeof v === "number" && Number.isFinite(v) ? v : 0);
  const n = ys.length;
  if (n < 4) return null;
  let best: { split: number; left: LineFit; right: LineFit } | null = null;
  for (let split = 2; split <= n - 2; split++) {
    const left = fitLine(ys.slice(0, split), 0);
    const right = fitLine(ys.slice(split), split);
    if (best === null || left.residual + right.residual < best.left.residual + best.right.residual) {
      best = { split, left, right };
    }
  }
  const { split, left, right } = best!;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const total = ys.reduce((a, y) => a + (y - my) ** 2, 0);
  const residual = left.residual + right.residual;
  const l = lineStats(left);
  const r = lineStats(right);
  return {
    rsquare: total === 0 ? 1 : 1 - residual / total,
    split_idx: split - 1,
    variance: total / (n - 1),
    rvariance: residual / (n - 1),
    line_fit: ys.map((_, i) =>
      i < split ? left.slope * (i + 1) + left.interception : right.slope * (i + 1) + right.interception
    ),
    right_rsquare: r.rsquare,
    right_slope: r.slope,
    right_interception: r.interception,
    right_variance: r.variance,
    right_rvariance: r.rvariance,
    left_rsquare: l.rsquare,
    left_slope: l.slope,
    left_interception: l.interception,
    left_variance: l.variance,
    left_rvariance: l.rvariance,
  };
}

/** `series_decompose_forecast(series, points, [seasonality, trend, seasonality_threshold])`: the baseline learnt
 * without the last `points` points, which it extends over them. */
function seriesDecomposeForecast(args: readonly Value[]): Value {
  const series = filled(args[0]);
  const points = args[1];
  if (series === null || typeof points !== "number") return null;
  const [, , seasonality, trend, seasonalityThreshold] = args;
  return decompose(series, decomposeOptions([seasonality, trend, points, seasonalityThreshold])).baseline;
}

/** Whether a series point is missing: null, or equal to the given placeholder. */
function missing(v: Value, placeholder: Value): boolean {
  return v === null || (placeholder !== null && v === placeholder) ||
    (typeof v === "number" && v !== v && typeof placeholder === "number" && placeholder !== placeholder);
}

function fillForward(series: readonly Value[], placeholder: Value): Value[] {
  let last: Value = null;
  return series.map((v) => missing(v, placeholder) ? last : (last = v));
}

function fillLinear(series: readonly Value[], placeholder: Value, fillEdges: boolean): Value[] {
  const out = [...series];
  const known = series.flatMap((v, i) => missing(v, placeholder) || typeof v !== "number" ? [] : [i]);
  if (known.length === 0) return out;
  for (let k = 0; k + 1 < known.length; k++) {
    const [i, j] = [known[k], known[k + 1]];
    const [a, b] = [series[i] as number, series[j] as number];
    for (let x = i + 1; x < j; x++) out[x] = a + (b - a) * (x - i) / (j - i);
  }
  if (fillEdges) {
    for (let x = 0; x < known[0]; x++) out[x] = series[known[0]];
    for (let x = known[known.length - 1] + 1; x < series.length; x++) {
      out[x] = series[known[known.length - 1]];
    }
  }
  return out;
}

function compareSeries(op: (x: number, y: number) => boolean) {
  return define([2, 2], "dynamic", ([a, b]) => elementwiseBool(a, b, op));
}

function elementwiseBool(a: Value, b: Value, op: (x: number, y: number) => boolean): Value {
  if (!Array.isArray(a) && !Array.isArray(b)) return null;
  const length = Math.max(Array.isArray(a) ? a.length : 0, Array.isArray(b) ? b.length : 0);
  const at = (v: Value, i: number): Value => Array.isArray(v) ? (i < v.length ? v[i] : null) : v;
  return Array.from({ length }, (_, i) => {
    const x = at(a, i);
    const y = at(b, i);
    return typeof x === "number" && typeof y === "number" ? op(x, y) : null;
  });
}

/**
 * `series_iir(series, numerators, denominators)`: the infinite impulse response filter
 * y[n] = (Σ b[k]·x[n−k] − Σ_{k≥1} a[k]·y[n−k]) / a[0]; null when a[0] is 0.
 */
function seriesIir(series: Value, numerators: Value, denominators: Value): Value {
  const x = filled(series);
  const b = filled(numerators);
  const a = filled(denominators);
  if (x === null || b === null || a === null || a.length === 0 || a[0] === 0) return null;
  const y: number[] = [];
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    for (let k = 0; k < b.length && k <= n; k++) acc += b[k] * x[n - k];
    for (let k = 1; k < a.length && k <= n; k++) acc -= a[k] * y[n - k];
    y.push(acc / a[0]);
  }
  return y;
}

/**
 * `series_periods_detect(series, min_period, max_period, num_periods)`: the lags in the range whose
 * autocorrelation is a positive local maximum, strongest first, as `[periods, scores]`. Kusto's detector combines
 * a periodogram with autocorrelation; this one uses autocorrelation alone, so scores differ from Kusto's.
 */
function seriesPeriodsDetect(series: Value, minPeriod: Value, maxPeriod: Value, count: Value): Value {
  const x = filled(series);
  if (
    x === null || typeof minPeriod !== "number" || typeof maxPeriod !== "number" || typeof count !== "number"
  ) {
    return null;
  }
  const lo = Math.max(2, Math.ceil(minPeriod));
  const hi = Math.min(Math.floor(x.length / 2), Math.floor(maxPeriod));
  const scores = new Map<number, number>();
  for (let lag = lo - 1; lag <= hi + 1; lag++) if (lag >= 1) scores.set(lag, autocorrelation(x, lag));
  const peaks: { period: number; score: number }[] = [];
  for (let lag = lo; lag <= hi; lag++) {
    const score = scores.get(lag)!;
    const left = scores.get(lag - 1) ?? -Infinity;
    const right = scores.get(lag + 1) ?? -Infinity;
    if (score > 0 && score >= left && score >= right) peaks.push({ period: lag, score });
  }
  peaks.sort((p, q) => q.score - p.score);
  const top = peaks.slice(0, Math.max(0, Math.trunc(count)));
  return [top.map((p) => p.period), top.map((p) => p.score)];
}

/** Element-wise arithmetic of two series (or a series and a scalar); null where either side is not a number. */
function elementwise(a: Value, b: Value, op: (x: number, y: number) => number): Value {
  if (!Array.isArray(a) && !Array.isArray(b)) return null;
  const length = Math.max(Array.isArray(a) ? a.length : 0, Array.isArray(b) ? b.length : 0);
  const at = (v: Value, i: number): Value => Array.isArray(v) ? (i < v.length ? v[i] : null) : v;
  return Array.from({ length }, (_, i) => {
    const x = at(a, i);
    const y = at(b, i);
    return typeof x === "number" && typeof y === "number" ? op(x, y) : null;
  });
}

/** A series as numbers, gaps (nulls, non-numbers) read as 0 like `make-series`'s default fill. */
function filled(series: Value): number[] | null {
  if (!Array.isArray(series)) return null;
  return series.map((v) => typeof v === "number" && Number.isFinite(v) ? v : 0);
}

function decomposeOptions(args: readonly Value[]): DecomposeOptions {
  const [seasonality, trend, testPoints, seasonalityThreshold] = args;
  return {
    seasonality: typeof seasonality === "number" ? seasonality : -1,
    trend: typeof trend === "string" ? trend : "avg",
    testPoints: typeof testPoints === "number" ? testPoints : 0,
    seasonalityThreshold: typeof seasonalityThreshold === "number" ? seasonalityThreshold : 0.6,
  };
}

/** `series_decompose(series, [seasonality, trend, test_points, seasonality_threshold])`. */
function seriesDecompose(args: readonly Value[]): Value {
  const series = filled(args[0]);
  if (series === null) return null;
  const d = decompose(series, decomposeOptions(args.slice(1)));
  return [d.baseline, d.seasonal, d.trend, d.residual];
}

/** `series_decompose_anomalies(series, [threshold, seasonality, trend, test_points, ad_method, …])`. */
function seriesDecomposeAnomalies(args: readonly Value[]): Value {
  const series = filled(args[0]);
  if (series === null) return null;
  const threshold = typeof args[1] === "number" ? args[1] : 1.5;
  const [, , seasonality, trend, testPoints, method, seasonalityThreshold] = args;
  const d = decompose(series, decomposeOptions([seasonality, trend, testPoints, seasonalityThreshold]));
  const scores = outlierScores(d.residual, typeof method === "string" ? method : "ctukey");
  const flags = scores.map((s) => s > threshold ? 1 : s < -threshold ? -1 : 0);
  return [flags, scores.map((s) => Number.isFinite(s) ? s : Math.sign(s) * Number.MAX_VALUE), d.baseline];
}

/** Functions over numeric series (dynamic arrays, as `make-series` produces). */
export const SERIES_FUNCTIONS: ScalarFunctionTable = {
  series_stats: define([1, 2], "dynamic", ([s]) => seriesStats(s)),
  series_stats_dynamic: define([1, 2], "dynamic", ([s]) => seriesStats(s)),
  series_fit_line: define([1, 1], "dynamic", ([s]) => seriesFitLine(s)),
  series_fit_line_dynamic: define([1, 1], "dynamic", ([s]) => seriesFitLine(s)),
  series_decompose: define([1, 5], "dynamic", seriesDecompose, { strict: false }),
  series_decompose_anomalies: define([1, 7], "dynamic", seriesDecomposeAnomalies, { strict: false }),
  series_decompose_forecast: define([2, 5], "dynamic", seriesDecomposeForecast, { strict: false }),
  series_fit_2lines: define([1, 1], "dynamic", ([s]) => seriesFit2Lines(s)),
  series_fit_2lines_dynamic: define([1, 1], "dynamic", ([s]) => seriesFit2Lines(s)),
  series_outliers: define([1, 5], "dynamic", ([s, method, ignore, low, high]) => {
    if (!Array.isArray(s)) return null;
    // Points equal to `ignore_val` (a placeholder for missing values) take no part and score 0.
    const skip = (v: Value) => v === null || (typeof ignore === "number" && v === ignore);
    const kept = s.filter((v) => !skip(v)).map((v) => typeof v === "number" ? v : 0);
    const scores = outlierScores(kept, typeof method === "string" ? method : "ctukey", {
      low: typeof low === "number" ? low : undefined,
      high: typeof high === "number" ? high : undefined,
    });
    let k = 0;
    return s.map((v) => skip(v) ? 0 : scores[k++]);
  }, { strict: false }),
  series_fill_const: define([1, 3], "dynamic", ([s, constant, placeholder]) => {
    if (!Array.isArray(s)) return null;
    return s.map((v) => missing(v, placeholder ?? null) ? constant ?? 0 : v);
  }, { strict: false }),
  series_fill_forward: define(
    [1, 2],
    "dynamic",
    ([s, placeholder]) => Array.isArray(s) ? fillForward(s, placeholder ?? null) : null,
    { strict: false },
  ),
  series_fill_backward: define(
    [1, 2],
    "dynamic",
    ([s, placeholder]) =>
      Array.isArray(s) ? fillForward([...s].reverse(), placeholder ?? null).reverse() : null,
    { strict: false },
  ),
  series_fill_linear: define([1, 4], "dynamic", ([s, placeholder, fillEdges, constant]) => {
    if (!Array.isArray(s)) return null;
    // `constant` fills a series that has no known value at all, where interpolation has nothing to work from.
    if (constant !== undefined && s.every((v) => missing(v, placeholder ?? null))) {
      return s.map(() => constant);
    }
    return fillLinear(s, placeholder ?? null, fillEdges !== false);
  }, { strict: false }),
  series_greater: compareSeries((x, y) => x > y),
  series_greater_equals: compareSeries((x, y) => x >= y),
  series_less: compareSeries((x, y) => x < y),
  series_less_equals: compareSeries((x, y) => x <= y),
  series_equals: compareSeries((x, y) => x === y),
  series_not_equals: compareSeries((x, y) => x !== y),
  series_iir: define([3, 3], "dynamic", ([s, b, a]) => seriesIir(s, b, a)),
  series_periods_detect: define([4, 4], "dynamic", ([s, lo, hi, n]) => seriesPeriodsDetect(s, lo, hi, n)),
  series_add: define([2, 2], "dynamic", ([a, b]) => elementwise(a, b, (x, y) => x + y)),
  series_subtract: define([2, 2], "dynamic", ([a, b]) => elementwise(a, b, (x, y) => x - y)),
  series_multiply: define([2, 2], "dynamic", ([a, b]) => elementwise(a, b, (x, y) => x * y)),
  series_divide: define([2, 2], "dynamic", ([a, b]) => elementwise(a, b, (x, y) => x / y)),
};
