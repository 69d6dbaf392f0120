/**
 * Latency arithmetic shared by the engine, its oracle and the signal-chain analyses. A latency
 * `{p50, p95}` is lognormal: μ = ln p50, σ = (ln p95 − ln p50) / z95 (σ = 0 when p95 = p50).
 */
import type { Latency } from "../model/schema.ts";

const Z_95_ONE_SIDED = 1.6448536269514722;

export interface LogNormal {
  mu: number;
  sigma: number;
}

export function logNormalOf(l: Latency): LogNormal {
  return { mu: Math.log(l.p50), sigma: Math.max(0, Math.log(l.p95) - Math.log(l.p50)) / Z_95_ONE_SIDED };
}

/** erfc with relative error < 1.2e-7 (Numerical Recipes' Chebyshev fit). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Inverse standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
  );
}

/** P(scale · X > t) for X lognormal. */
function survival(d: LogNormal, scale: number, t: number): number {
  if (t <= 0) return 1;
  const z = Math.log(t / scale) - d.mu;
  if (d.sigma === 0) return z < 0 ? 1 : 0;
  return 0.5 * erfc(z / (d.sigma * Math.SQRT2));
}

const QUADRATURE_POINTS = 4096;

/**
 * P(one attempt takes longer than `timeoutMs`): the attempt's latency is the provider's
 * processing (× `factor` when degraded) plus the link's transit, independent lognormals. Computed
 * by midpoint quadrature over the link latency's quantiles (absolute error < 1e-4).
 */
export function attemptTimeoutProbability(
  provider: LogNormal,
  factor: number,
  link: LogNormal,
  timeoutMs: number,
): number {
  const key = `${provider.mu},${provider.sigma},${factor},${link.mu},${link.sigma},${timeoutMs}`;
  const known = memo.get(key);
  if (known !== undefined) return known;
  const z = standardQuantiles();
  let sum = 0;
  for (let i = 0; i < QUADRATURE_POINTS; i++) {
    const y = Math.exp(link.mu + link.sigma * z[i]);
    sum += survival(provider, factor, timeoutMs - y);
  }
  const p = sum / QUADRATURE_POINTS;
  if (memo.size > 10_000) memo.clear();
  memo.set(key, p);
  return p;
}

const memo = new Map<string, number>();
let quantiles: Float64Array | undefined;

/** Standard normal quantiles at the quadrature's midpoints, computed once. */
function standardQuantiles(): Float64Array {
  if (!quantiles) {
    quantiles = new Float64Array(QUADRATURE_POINTS);
    for (let i = 0; i < QUADRATURE_POINTS; i++) quantiles[i] = normalQuantile((i + 0.5) / QUADRATURE_POINTS);
  }
  return quantiles;
}

/** P(a call fails): all 1 + retries independent attempts time out (SPEC §3.3). */
export function callFailureProbability(
  provider: LogNormal,
  factor: number,
  link: LogNormal,
  timeoutMs: number,
  retries: number,
): number {
  const q = attemptTimeoutProbability(provider, factor, link, timeoutMs);
  return q ** (1 + retries);
}

/** One draw of a lognormal latency, from a standard normal `z`. */
export function sampleLatency(d: LogNormal, z: number): number {
  return Math.exp(d.mu + d.sigma * z);
}
