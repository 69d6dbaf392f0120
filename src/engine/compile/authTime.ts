/**
 * How long an authorisation takes (SPEC §10.3): each hop of a path takes its timed-out attempts ×
 * `timeoutMs` and the successful attempt's latency (provider × `degradedFactor` when degraded, plus
 * the link's transit), given that the call succeeded; a hop served from a cache after its call timed
 * out took all its attempts. P(path time > patience) is computed exactly on a grid of the patience
 * (the driver's outcome is tallied by this expectation, not sampled: same mean, less noise).
 */
import { attemptTimeoutProbability, erfc, type LogNormal, normalQuantile } from "../latency.ts";

/** Grid cells below the patience; a path's time is compared in whole cells (error < hops cells). */
const CELLS = 512;
/** Quadrature points over the link's transit quantiles for one attempt's latency distribution. */
const TRANSIT_POINTS = 128;

/** One hop as the time model needs it. */
export interface HopTiming {
  provider: LogNormal;
  transit: LogNormal;
  degradedFactor: number;
  timeoutMs: number;
  retries: number;
}

/** A hop's state on a path: answered normally, answered while its provider is degraded, served from cache after all attempts timed out. */
export const HOP_UP = 0;
export const HOP_DEGRADED = 1;
export const HOP_TIMED_OUT = 2;

let transitZ: Float64Array | undefined;
function transitQuantiles(): Float64Array {
  if (!transitZ) {
    transitZ = new Float64Array(TRANSIT_POINTS);
    for (let i = 0; i < TRANSIT_POINTS; i++) transitZ[i] = normalQuantile((i + 0.5) / TRANSIT_POINTS);
  }
  return transitZ;
}

/** P(provider × factor + transit ≤ t) for one attempt. */
function attemptCdf(h: HopTiming, factor: number, t: number): number {
  if (t <= 0) return 0;
  const z = transitQuantiles();
  let sum = 0;
  for (let i = 0; i < TRANSIT_POINTS; i++) {
    const rest = t - Math.exp(h.transit.mu + h.transit.sigma * z[i]);
    if (rest <= 0) continue;
    const x = Math.log(rest / factor) - h.provider.mu;
    sum += h.provider.sigma === 0 ? (x >= 0 ? 1 : 0) : 1 - 0.5 * erfc(x / (h.provider.sigma * Math.SQRT2));
  }
  return sum / TRANSIT_POINTS;
}

/**
 * The hop's time given its call succeeded, as probabilities per grid cell of width `cellMs`
 * (index CELLS: at least the patience). K timed-out attempts before the successful one, P(K = k) ∝
 * q^k, then one attempt's latency conditioned on beating the timeout.
 */
function hopPmf(h: HopTiming, degraded: boolean, cellMs: number): Float64Array {
  const pmf = new Float64Array(CELLS + 1);
  const factor = degraded ? h.degradedFactor : 1;
  const q = attemptTimeoutProbability(h.provider, factor, h.transit, h.timeoutMs);
  if (q >= 1) return pmf; // the call never succeeds: nothing to time
  const attempts = 1 + h.retries;
  const norm = (1 - q) / (1 - q ** attempts);
  const within = attemptCdf(h, factor, h.timeoutMs);
  // the successful attempt's latency, conditioned on ≤ timeout, per cell
  const cells = Math.min(CELLS, Math.ceil(h.timeoutMs / cellMs));
  const latency = new Float64Array(cells + 1);
  let previous = 0;
  for (let x = 0; x < cells; x++) {
    const upper = Math.min(h.timeoutMs, (x + 1) * cellMs);
    const cdf = within > 0 ? Math.min(1, attemptCdf(h, factor, upper) / within) : 1;
    latency[x] = cdf - previous;
    previous = cdf;
  }
  latency[cells] = Math.max(0, 1 - previous); // beyond the patience (a timeout longer than it)
  for (let k = 0; k < attempts; k++) {
    const pk = norm * q ** k;
    const shift = Math.floor((k * h.timeoutMs) / cellMs);
    for (let x = 0; x <= cells; x++)
      pmf[Math.min(CELLS, x + shift + (x === cells ? CELLS : 0))] += pk * latency[x];
  }
  return pmf;
}

/** Memoised P(path time > patience) for hop sequences with their states. */
export class AuthTimer {
  private readonly pmfs = new Map<string, Float64Array>();
  private readonly slow = new Map<string, number>();

  constructor(private readonly hops: readonly HopTiming[]) {}

  /** P(the hops' total time ≥ patienceMs), hops given by link index and state (HOP_*). */
  slowProbability(
    links: ArrayLike<number>,
    states: ArrayLike<number>,
    count: number,
    patienceMs: number,
  ): number {
    if (count === 0) return patienceMs <= 0 ? 1 : 0;
    let key = `${patienceMs}`;
    for (let h = 0; h < count; h++) key += `,${links[h]}:${states[h]}`;
    const known = this.slow.get(key);
    if (known !== undefined) return known;
    const cellMs = patienceMs / CELLS;
    let total: Float64Array = new Float64Array(CELLS + 1);
    total[0] = 1;
    for (let h = 0; h < count; h++) {
      const timing = this.hops[links[h]];
      let pmf: Float64Array;
      if (states[h] === HOP_TIMED_OUT) {
        pmf = new Float64Array(CELLS + 1);
        pmf[Math.min(CELLS, Math.floor(((1 + timing.retries) * timing.timeoutMs) / cellMs))] = 1;
      } else {
        const pkey = `${patienceMs},${links[h]}:${states[h]}`;
        let found = this.pmfs.get(pkey);
        if (!found) {
          found = hopPmf(timing, states[h] === HOP_DEGRADED, cellMs);
          this.pmfs.set(pkey, found);
        }
        pmf = found;
      }
      total = convolve(total, pmf);
    }
    let fast = 0;
    for (let x = 0; x < CELLS; x++) fast += total[x];
    const p = Math.min(1, Math.max(0, 1 - fast));
    this.slow.set(key, p);
    return p;
  }
}

/** Sum of two independent cell-valued times; everything at or past the last cell stays there. */
function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(CELLS + 1);
  for (let x = 0; x <= CELLS; x++) {
    const ax = a[x];
    if (ax === 0) continue;
    for (let y = 0; y <= CELLS; y++) {
      const by = b[y];
      if (by === 0) continue;
      out[Math.min(CELLS, x + y)] += ax * by;
    }
  }
  return out;
}
