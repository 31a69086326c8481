/**
 * Series decomposition and anomaly scoring for `series_decompose`, `series_decompose_anomalies` and
 * `series_outliers`. The structure follows the Kusto documentation: baseline = seasonal + trend, residual =
 * series − baseline, anomaly scores from Tukey's fences on the residual, flags where |score| exceeds the threshold.
 *
 * Differences from Kusto, which does not publish its exact numerics:
 * - seasonality autodetection (`-1`) picks the lag with the highest autocorrelation of the detrended learning
 *   points if it reaches the seasonality threshold (default 0.6), instead of `series_periods_detect`'s method;
 * - percentiles for the fences interpolate linearly between ranks.
 * Results therefore agree with Kusto in shape and in which points are flagged for clear anomalies, not to the last
 * digit of the scores.
 */

/** The options of a decomposition (Kusto's parameters after the series). */
export interface DecomposeOptions {
  /** -1 autodetect, 0 none, or the period in bins. */
  readonly seasonality: number;
  /** `avg`, `linefit` or `none`. */
  readonly trend: string;
  /** Points at the end excluded from learning (forecast points). */
  readonly testPoints: number;
  /** Autocorrelation needed to accept an autodetected period. */
  readonly seasonalityThreshold: number;
}

/** The components of a decomposed series, each as long as the series. */
export interface Decomposition {
  readonly baseline: number[];
  readonly seasonal: number[];
  readonly trend: number[];
  readonly residual: number[];
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((s, v) => s + v, 0) / values.length;
}

function trendOf(values: readonly number[], length: number, kind: string): number[] {
  if (kind === "none") return new Array(length).fill(0);
  if (kind === "linefit" && values.length > 1) {
    const mx = (values.length - 1) / 2;
    const my = mean(values);
    let sxy = 0;
    let sxx = 0;
    values.forEach((y, x) => {
      sxy += (x - mx) * (y - my);
      sxx += (x - mx) ** 2;
    });
    const slope = sxx === 0 ? 0 : sxy / sxx;
    return Array.from({ length }, (_, x) => my + slope * (x - mx));
  }
  return new Array(length).fill(mean(values));
}

export function autocorrelation(values: readonly number[], lag: number): number {
  const m = mean(values);
  let num = 0;
  let den = 0;
  for (let i = 0; i < values.length; i++) {
    den += (values[i] - m) ** 2;
    if (i + lag < values.length) num += (values[i] - m) * (values[i + lag] - m);
  }
  return den === 0 ? 0 : num / den;
}

function detectPeriod(values: readonly number[], threshold: number): number {
  let best = 0;
  let bestScore = threshold;
  for (let lag = 2; lag <= Math.floor(values.length / 2); lag++) {
    const score = autocorrelation(values, lag);
    if (score >= bestScore) {
      best = lag;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Decomposes a series into trend, seasonal component (the mean detrended value at each phase of the period),
 * baseline and residual. Non-numeric points are read as 0, as `make-series` gaps are by default.
 */
export function decompose(series: readonly number[], options: DecomposeOptions): Decomposition {
  const n = series.length;
  const learn = series.slice(0, Math.max(0, n - Math.max(0, Math.trunc(options.testPoints))));
  let trend = trendOf(learn, n, options.trend);
  const period = options.seasonality < 0
    ? detectPeriod(learn.map((v, i) => v - trend[i]), options.seasonalityThreshold)
    : Math.trunc(options.seasonality);
  let seasonal = new Array<number>(n).fill(0);
  if (period > 1 && period < learn.length) {
    // Trend and season are estimated in turns (backfitting): a line fitted through a seasonal series is biased by
    // the season, so the trend is refitted on the deseasonalised series until both settle.
    for (let round = 0; round < 50; round++) {
      const detrended = learn.map((v, i) => v - trend[i]);
      const phases = Array.from(
        { length: period },
        (_, p) => mean(detrended.filter((_, i) => i % period === p)),
      );
      const centre = mean(phases);
      seasonal = Array.from({ length: n }, (_, i) => phases[i % period] - centre);
      const next = trendOf(learn.map((v, i) => v - seasonal[i]), n, options.trend);
      const change = next.reduce((m, v, i) => Math.max(m, Math.abs(v - trend[i])), 0);
      trend = next;
      if (change < 1e-12) break;
    }
  }
  const baseline = series.map((_, i) => trend[i] + seasonal[i]);
  return { baseline, seasonal, trend, residual: series.map((v, i) => v - baseline[i]) };
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/**
 * Tukey fence scores: how many inter-percentile ranges a point lies above the upper or below the lower
 * percentile (0 inside). `ctukey` uses the 10th-90th percentiles unless others are given, `tukey` the 25th-75th.
 */
export function outlierScores(
  values: readonly number[],
  method: string,
  percentiles: { readonly low?: number; readonly high?: number } = {},
): number[] {
  const [lowP, highP] = method === "tukey" ? [25, 75] : [percentiles.low ?? 10, percentiles.high ?? 90];
  const sorted = [...values].sort((a, b) => a - b);
  const low = percentile(sorted, lowP);
  const high = percentile(sorted, highP);
  const range = high - low;
  return values.map((v) => {
    if (range === 0) return v > high ? Infinity : v < low ? -Infinity : 0;
    return v > high ? (v - high) / range : v < low ? (v - low) / range : 0;
  });
}
