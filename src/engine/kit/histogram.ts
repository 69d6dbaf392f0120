/**
 * Log-spaced histograms (chain latencies, times to compromise): `perDecade` bins per decade from
 * 10^lowLog10, after `underflowBins` (0 or 1) bins below it, then one bin for everything slower and
 * one last bin for "never" (a broken chain, an uncompromised component). Counts live in a caller's
 * Float64Array, one histogram per `bins` entries, so tallies stay flat typed arrays.
 */

export interface LogBins {
  lowLog10: number;
  perDecade: number;
  decades: number;
  /** 1: values at or below 10^lowLog10 get a bin of their own; 0: they share the first bin. */
  underflowBins: 0 | 1;
  /** Every bin: underflow, decades × perDecade, slower, never. */
  bins: number;
}

/** The layout of a log-spaced histogram. */
export function logBins(lowLog10: number, perDecade: number, decades: number, underflowBins: 0 | 1): LogBins {
  return { lowLog10, perDecade, decades, underflowBins, bins: underflowBins + decades * perDecade + 2 };
}

/** The bin of value x (non-finite: the last, "never"). */
export function binOf(h: LogBins, x: number): number {
  const k = Math.floor((Math.log10(x) - h.lowLog10) * h.perDecade) + h.underflowBins;
  if (k > 0 && k < h.bins - 2) return k; // the usual case (NaN and ±∞ fail both tests)
  if (!Number.isFinite(x)) return h.bins - 1;
  if (x <= 0) return 0;
  return Math.min(h.bins - 2, Math.max(0, k));
}

/** Upper edge of bin k (infinite for the "never" bin). */
export function binUpper(h: LogBins, k: number): number {
  if (k >= h.bins - 1) return Number.POSITIVE_INFINITY;
  return 10 ** (h.lowLog10 + (k + 1 - h.underflowBins) / h.perDecade);
}

/**
 * The q-quantile as the upper edge of the first bin where the running count reaches q × total,
 * to three significant digits, over the first `within` bins of the histogram at `offset`; null when
 * that bin is "never" or no bin reaches it.
 */
export function binPercentile(
  h: LogBins,
  counts: Float64Array,
  offset: number,
  within: number,
  total: number,
  q: number,
): number | null {
  const want = q * total;
  let acc = 0;
  for (let k = 0; k < within; k++) {
    acc += counts[offset + k];
    if (acc >= want) {
      const upper = binUpper(h, k);
      return Number.isFinite(upper) ? Number(upper.toPrecision(3)) : null;
    }
  }
  return null;
}
