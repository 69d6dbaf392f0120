/**
 * The run's binned series (SPEC §11): each bin closes with the time averages of the levels
 * (available and shown units, queues, stale ages) and the counts of the bin (requests offered and
 * served, timeouts, p95 response, driver attempts), for the selected components and the viewers.
 */
import { binOf, binPercentile, type LogBins, logBins } from "../kit/histogram.ts";
import { G_TRUE, type Sim } from "./sim.ts";

/** Response times, ms: 20 bins a decade from 1 ms to 1,000 s. */
export const RESPONSE_BINS: LogBins = logBins(0, 20, 6, 1);

export class Recorder {
  readonly bins: number;
  readonly trueAvailable: Float64Array;
  readonly shown: Float64Array[];
  readonly staleMinutes: Float64Array[];
  readonly attempts: Float64Array;
  readonly successes: Float64Array;
  readonly intended: Float64Array;
  readonly load: Float64Array[];
  readonly served: Float64Array[];
  readonly latencyP95Ms: Float64Array[];
  readonly queue: Float64Array[];
  readonly timeouts: Float64Array[];
  /** Response-time histograms: the current bin's per selected component, the run's per component. */
  readonly binResponses: Float64Array;
  readonly runResponses: Float64Array;
  /** Per component: its position among the selected (−1: not selected). */
  readonly selectedIndex: Int32Array;
  /** Pairs per viewer (the denominator of its mean stale age). */
  readonly viewerPairs: Float64Array;
  /** The last timeout's wait in ms and its histogram bin. */
  private timeoutMs = Number.NaN;
  private timeoutBin = 0;

  constructor(sim: Sim) {
    const { cp } = sim;
    this.bins = cp.bins;
    const series = (count: number) => Array.from({ length: count }, () => new Float64Array(cp.bins));
    this.trueAvailable = new Float64Array(cp.bins);
    this.shown = series(cp.viewers.length);
    this.staleMinutes = series(cp.viewers.length);
    this.attempts = new Float64Array(cp.bins);
    this.successes = new Float64Array(cp.bins);
    this.intended = new Float64Array(cp.bins);
    const s = cp.selected.length;
    this.load = series(s);
    this.served = series(s);
    this.latencyP95Ms = series(s);
    this.queue = series(s);
    this.timeouts = series(s);
    this.binResponses = new Float64Array(s * RESPONSE_BINS.bins);
    this.runResponses = new Float64Array(cp.n * RESPONSE_BINS.bins);
    this.selectedIndex = new Int32Array(cp.n).fill(-1);
    cp.selected.forEach((i, k) => {
      this.selectedIndex[i] = k;
    });
    this.viewerPairs = new Float64Array(cp.viewers.length);
    for (const v of cp.c.pairViewer) this.viewerPairs[sim.viewerIndex[v]] += 1;
  }

  /** A response of `ms` from provider i. */
  response(i: number, ms: number): void {
    this.responseIn(i, binOf(RESPONSE_BINS, ms));
  }

  /** A timed-out attempt that waited `ms` at provider i (timeouts recur: the last one's bin is kept). */
  timedOut(i: number, ms: number): void {
    if (ms !== this.timeoutMs) {
      this.timeoutMs = ms;
      this.timeoutBin = binOf(RESPONSE_BINS, ms);
    }
    this.responseIn(i, this.timeoutBin);
  }

  private responseIn(i: number, k: number): void {
    this.runResponses[i * RESPONSE_BINS.bins + k] += 1;
    const s = this.selectedIndex[i];
    if (s >= 0) this.binResponses[s * RESPONSE_BINS.bins + k] += 1;
  }

  /** Close bin b at time t (its length `seconds`). */
  close(sim: Sim, b: number, t: number, seconds: number): void {
    const { cp } = sim;
    this.trueAvailable[b] = sim.global.take(G_TRUE, t) / seconds;
    for (let v = 0; v < cp.viewers.length; v++) {
      this.shown[v][b] = sim.shown.take(v, t) / seconds;
      this.staleMinutes[v][b] = sim.stale.take(v, t) / seconds / 60 / Math.max(1, this.viewerPairs[v]);
    }
    const H = RESPONSE_BINS.bins;
    for (let s = 0; s < cp.selected.length; s++) {
      const i = cp.selected[s];
      this.load[s][b] = sim.offeredBin[i] / seconds;
      this.served[s][b] = sim.servedBin[i] / seconds;
      this.timeouts[s][b] = sim.timeoutBin[i];
      this.queue[s][b] = sim.queue.take(i, t) / seconds;
      let total = 0;
      for (let k = 0; k < H; k++) total += this.binResponses[s * H + k];
      this.latencyP95Ms[s][b] =
        total === 0
          ? Number.NaN
          : (binPercentile(RESPONSE_BINS, this.binResponses, s * H, H, total, 0.95) ?? Number.NaN);
      this.binResponses.fill(0, s * H, (s + 1) * H);
    }
    sim.offeredBin.fill(0);
    sim.servedBin.fill(0);
    sim.timeoutBin.fill(0);
  }

  /** Provider i's p95 response over the run, ms (null without responses). */
  runP95(i: number): number | null {
    const H = RESPONSE_BINS.bins;
    let total = 0;
    for (let k = 0; k < H; k++) total += this.runResponses[i * H + k];
    return total === 0 ? null : binPercentile(RESPONSE_BINS, this.runResponses, i * H, H, total, 0.95);
  }
}
