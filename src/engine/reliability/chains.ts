/**
 * Signal chains (SPEC §5): broken when a hop's provider is non-functional (every trial, bitwise),
 * else the sum of hop latencies — link transit, the provider's processing (slower when degraded)
 * and, on an async pull, a uniform wait up to pollSeconds — timed in the first CHAIN_TIMED trials
 * of each word only (a random subset: trials are independent), which keeps chains cheap next to
 * the propagation.
 */

import { type CompiledReliability, LATENCY_QUANTILES } from "../compile/index.ts";
import { bitOf, popcount } from "../kit/bits.ts";
import { binOf, binPercentile } from "../kit/histogram.ts";
import { wilson } from "../stats.ts";
import type { ChainReliability } from "../types.ts";
import type { WorkingMemory } from "./memory.ts";
import { CHAIN_BINS, CHAIN_HISTOGRAM, type Tally } from "./tally.ts";

const CHAIN_TIMED = 8;
/** A uniform 32-bit draw shifted to an index into LATENCY_QUANTILES (1024 = 2^10) quantiles. */
const QUANTILE_SHIFT = 22;

/** The chains of one word into the tally: broken trials bitwise, latencies of the first few. */
export function tallyChains(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  const rng = s.chainLatencyRng;
  // trials are the low bits of a word: the count of trailing ones of valid
  const trials = Math.min(CHAIN_TIMED, valid === -1 ? 32 : 31 - Math.clz32(valid + 1));
  t.chainTimed[0] += trials;
  for (let k = 0; k < c.chainIds.length; k++) {
    const h0 = c.hopStart[k];
    const h1 = c.hopStart[k + 1];
    let broken = 0;
    for (let h = h0; h < h1; h++) broken |= ~s.functional[c.hopProvider[h]];
    broken &= valid;
    if (broken !== 0) t.chainBroken[k] += popcount(broken);
    const deadline = c.chainDeadline[k];
    for (let b = 0; b < trials; b++) {
      if (bitOf(broken, b)) {
        t.chainTimedBroken[k]++;
        continue;
      }
      let ms = 0;
      for (let h = h0; h < h1; h++) {
        const slow = bitOf(s.degraded[c.hopProvider[h]], b) ? c.hopFactor[h] : 1;
        const q = h * LATENCY_QUANTILES;
        ms += slow * c.hopProcQ[q + (rng.nextUint32() >>> QUANTILE_SHIFT)];
        ms += c.hopLinkQ[q + (rng.nextUint32() >>> QUANTILE_SHIFT)];
        if (c.hopPollMs[h] > 0) ms += rng.next() * c.hopPollMs[h];
      }
      if (ms > deadline) t.chainMiss[k]++;
      t.chainHist[k * CHAIN_BINS + binOf(CHAIN_HISTOGRAM, ms)]++;
    }
  }
}

/** The q-quantile of chain k's latency in ms among the trials it got through (null: none did). */
function chainPercentile(t: Tally, k: number, q: number): number | null {
  const base = k * CHAIN_BINS;
  let through = 0;
  for (let x = 0; x < CHAIN_BINS - 1; x++) through += t.chainHist[base + x];
  if (through === 0) return null;
  return binPercentile(CHAIN_HISTOGRAM, t.chainHist, base, CHAIN_BINS - 1, through, q);
}

/** Chain k's figures: percentiles, deadline misses, P(broken) and a compact histogram for charts. */
export function summarizeChain(c: CompiledReliability, t: Tally, k: number): ChainReliability {
  const hist = t.chainHist.subarray(k * CHAIN_BINS, (k + 1) * CHAIN_BINS);
  // 10 bins per decade plus "broken"
  const perDecade = CHAIN_HISTOGRAM.perDecade;
  const edges: number[] = [];
  const counts: number[] = [];
  for (let x = 0; x < CHAIN_BINS - 2; x += 10) {
    edges.push(10 ** (x / perDecade));
    let sum = 0;
    for (let y = x; y < Math.min(x + 10, CHAIN_BINS - 1); y++) sum += hist[y];
    counts.push(sum);
  }
  edges.push(Number.POSITIVE_INFINITY);
  counts.push(t.chainTimedBroken[k]);
  return {
    p50: chainPercentile(t, k, 0.5),
    p95: chainPercentile(t, k, 0.95),
    p99: chainPercentile(t, k, 0.99),
    deadlineMs: c.chainDeadline[k],
    deadlineMiss: wilson(t.chainMiss[k], t.chainTimed[0]),
    broken: wilson(t.chainBroken[k], t.trials),
    histogram: { edges: edges.map((e) => (Number.isFinite(e) ? e : -1)), counts },
  };
}
