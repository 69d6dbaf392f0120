/**
 * Two runs trial by trial with the same random numbers (SPEC §6: what-if against the baseline with
 * common random numbers). Both compiled models reset their streams from the same (seed, batch), so
 * trial t of one is trial t of the other; when the second is the first with states forced
 * (`withForces`), every draw is identical and only the forced components differ. The differences
 * are tallied per trial, so their intervals come from the paired differences — much narrower than
 * the difference of two independent runs when the change is small.
 *
 * Runs of two different models (scenarios) pair the same way and their intervals stay valid; they
 * are narrower only as far as the two models' draws line up.
 */

import type { CompiledReliability } from "./compile/index.ts";
import { popcount, trialsIn } from "./kit/bits.ts";
import { defineTally } from "./kit/tally.ts";
import { type PairedDriverDeltas, pairedDriverDeltas } from "./reliability/driverDelta.ts";
import {
  createTally,
  runWord,
  startBatch,
  summarize,
  type Tally,
  type WorkingMemory,
} from "./reliability/index.ts";
import { meanEstimate } from "./stats.ts";
import { batchCount, type MeanEstimate, type ReliabilityResult, trialsInBatch } from "./types.ts";

/** System sums of the per-trial differences B − A, by position. */
const D_KW = 0;
const D_KW_SQ = 1;
const D_SEAM_KW = 2;
const D_SEAM_KW_SQ = 3;
const D_PHANTOM = 4;
const D_PHANTOM_SQ = 5;
const D_SYSTEMIC = 6;
const D_SYSTEMIC_SQ = 7;
const D_COUNT = 8;

/**
 * Paired differences: per component of A, trials functional in A and not in B (lost) and the
 * reverse (gained); the system sums of the per-trial differences B − A (D_…).
 */
const PAIR_TALLY = defineTally((a: CompiledReliability) => ({ lost: a.n, gained: a.n, system: D_COUNT }));

export type PairTally = ReturnType<typeof PAIR_TALLY.create>;

/** Which component of B is component i of A (−1: not in B). */
export function componentMap(a: CompiledReliability, b: CompiledReliability): Int32Array {
  if (a.componentIds === b.componentIds) return Int32Array.from({ length: a.n }, (_, i) => i);
  const at = new Map(b.componentIds.map((id, i) => [id, i]));
  return Int32Array.from(a.componentIds, (id) => at.get(id) ?? -1);
}

/** A zeroed paired tally for the components of A. */
export const createPairTally: (a: CompiledReliability) => PairTally = PAIR_TALLY.create;
/** Add `from` into `into` (in batch order). */
export const mergePairTally: (into: PairTally, from: PairTally) => void = PAIR_TALLY.merge;

/**
 * Batch `batch` of both runs, word by word: each run's own tally (for its full result) and the
 * paired differences. `map` is componentMap(a, b).
 */
export function runPairedBatch(
  a: CompiledReliability,
  b: CompiledReliability,
  map: Int32Array,
  seed: number,
  batch: number,
  totalTrials: number,
  tallyA: Tally,
  tallyB: Tally,
  pair: PairTally,
): void {
  const trials = trialsInBatch(totalTrials, batch);
  if (trials <= 0) return;
  const sa = startBatch(a, seed, batch);
  const sb = startBatch(b, seed, batch);
  const words = Math.ceil(trials / 32);
  for (let w = 0; w < words; w++) {
    const valid = runWord(a, sa, w, trials, tallyA);
    runWord(b, sb, w, trials, tallyB);
    comparePair(a, b, map, sa, sb, valid, pair);
  }
  tallyA.trials += trials;
  tallyB.trials += trials;
  pair.trials += trials;
}

function comparePair(
  a: CompiledReliability,
  b: CompiledReliability,
  map: Int32Array,
  sa: WorkingMemory,
  sb: WorkingMemory,
  valid: number,
  pair: PairTally,
): void {
  for (let i = 0; i < a.n; i++) {
    const j = map[i];
    const fa = sa.functional[i];
    const fb = j >= 0 ? sb.functional[j] : 0;
    if (fa === fb) continue;
    pair.lost[i] += popcount(fa & ~fb & valid);
    pair.gained[i] += popcount(~fa & fb & valid);
  }
  const sys = pair.system;
  const inWord = trialsIn(valid);
  for (let t = 0; t < inWord; t++) {
    const dk = sb.lastTrialKw[t] - sa.lastTrialKw[t];
    const ds = sb.lastTrialSeamKw[t] - sa.lastTrialSeamKw[t];
    const dp = sb.lastTrialPhantomShare[t] - sa.lastTrialPhantomShare[t];
    const dy =
      (sb.lastTrialKw[t] >= b.systemicKw && b.systemicKw > 0 ? 1 : 0) -
      (sa.lastTrialKw[t] >= a.systemicKw && a.systemicKw > 0 ? 1 : 0);
    sys[D_KW] += dk;
    sys[D_KW_SQ] += dk * dk;
    sys[D_SEAM_KW] += ds;
    sys[D_SEAM_KW_SQ] += ds * ds;
    sys[D_PHANTOM] += dp;
    sys[D_PHANTOM_SQ] += dp * dp;
    sys[D_SYSTEMIC] += dy;
    sys[D_SYSTEMIC_SQ] += dy * dy;
  }
}

/** A change B − A with its 95 % interval, and whether the interval excludes 0. */
export interface Delta extends MeanEstimate {
  significant: boolean;
}

function delta(sum: number, sumSq: number, n: number): Delta {
  const e = meanEstimate(sum, sumSq, n);
  // a difference that never happened has no noise: call it not significant
  return { ...e, significant: e.ci95[0] > 0 || e.ci95[1] < 0 };
}

export interface PairedDeltas {
  trials: number;
  unusableKw: Delta;
  seamKw: Delta;
  phantomRate: Delta;
  systemicEvent: Delta;
  /** Per charger of A: change in P(usable); per component: change in P(functional). */
  chargers: Record<string, Delta>;
  components: Record<string, Delta>;
  /** The driver's figures (SPEC §10): paired changes, from runs that kept their tallies. */
  drivers?: PairedDriverDeltas;
}

export function summarizePair(a: CompiledReliability, pair: PairTally): PairedDeltas {
  const n = pair.trials;
  const s = pair.system;
  const components: Record<string, Delta> = {};
  const chargers: Record<string, Delta> = {};
  const isCharger = new Uint8Array(a.n);
  for (const i of a.chargers) isCharger[i] = 1;
  for (let i = 0; i < a.n; i++) {
    // per trial: +1 gained, −1 lost, so Σd = gained − lost and Σd² = gained + lost
    const d = delta(pair.gained[i] - pair.lost[i], pair.gained[i] + pair.lost[i], n);
    components[a.componentIds[i]] = d;
    if (isCharger[i]) chargers[a.componentIds[i]] = d;
  }
  return {
    trials: n,
    unusableKw: delta(s[D_KW], s[D_KW_SQ], n),
    seamKw: delta(s[D_SEAM_KW], s[D_SEAM_KW_SQ], n),
    phantomRate: delta(s[D_PHANTOM], s[D_PHANTOM_SQ], n),
    systemicEvent: delta(s[D_SYSTEMIC], s[D_SYSTEMIC_SQ], n),
    chargers,
    components,
  };
}

export interface PairedResult {
  baseline: ReliabilityResult;
  variant: ReliabilityResult;
  delta: PairedDeltas;
}

/** Both runs in this thread, batch by batch (as a pool would, merged in batch order). */
export function simulatePaired(
  a: CompiledReliability,
  b: CompiledReliability,
  trials: number,
  seed: number,
): PairedResult {
  const map = componentMap(a, b);
  const ta = createTally(a);
  const tb = createTally(b);
  const pair = createPairTally(a);
  for (let batch = 0; batch < batchCount(trials); batch++) {
    runPairedBatch(a, b, map, seed, batch, trials, ta, tb, pair);
  }
  return {
    baseline: summarize(a, ta, seed),
    variant: summarize(b, tb, seed),
    delta: { ...summarizePair(a, pair), drivers: pairedDriverDeltas(a, ta, b, tb) },
  };
}
