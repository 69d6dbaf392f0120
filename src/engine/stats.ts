/** Intervals for reported estimates (SPEC §3.7): Wilson for proportions, normal for means. */
import type { Estimate, MeanEstimate } from "./types.ts";

/** The standard normal 97.5 % quantile (two-sided 95 % intervals). */
export const Z95 = 1.959963984540054;

/** Wilson score interval for `successes` out of `n` (fractional successes allowed). */
export function wilson(successes: number, n: number): Estimate {
  if (n <= 0) return { p: 0, ci95: [0, 1] };
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { p, ci95: [Math.max(0, centre - half), Math.min(1, centre + half)] };
}

/** Mean of n values from their sum and sum of squares, with a normal 95 % interval. */
export function meanEstimate(sum: number, sumSq: number, n: number): MeanEstimate {
  if (n <= 0) return { mean: 0, ci95: [0, 0] };
  const mean = sum / n;
  const variance = n > 1 ? Math.max(0, (sumSq - n * mean * mean) / (n - 1)) : 0;
  const half = Z95 * Math.sqrt(variance / n);
  return { mean, ci95: [mean - half, mean + half] };
}

/**
 * Ratio Σs / Σu of per-trial sums with a delta-method 95 % interval, clamped to [0, 1]
 * (for shares such as seam-failure kW over unusable kW).
 */
export function ratioEstimate(
  sumS: number,
  sumU: number,
  sumSS: number,
  sumUU: number,
  sumSU: number,
  n: number,
): Estimate {
  if (n <= 0 || sumU <= 0) return { p: 0, ci95: [0, 1] };
  const r = sumS / sumU;
  const meanU = sumU / n;
  // variance of (s − r·u) over trials
  const ss = sumSS - 2 * r * sumSU + r * r * sumUU;
  const variance = n > 1 ? Math.max(0, ss / (n - 1)) : 0;
  const half = (Z95 * Math.sqrt(variance / n)) / meanU;
  return { p: r, ci95: [Math.max(0, r - half), Math.min(1, r + half)] };
}
