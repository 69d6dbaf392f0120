/**
 * A batch of the snapshot Monte Carlo (SPEC §3), 32 trials per machine word: trial t of a batch is
 * bit t % 32 of word ⌊t / 32⌋ in every mask. A word is sampled (steps 1–3), propagated (step 4),
 * then tallied (steps 5–7); the batch's streams are reset from (seed, batch) first.
 */
import type { CompiledReliability } from "../compile/index.ts";
import { gap, geometricGap } from "../rng.ts";
import { trialsInBatch } from "../types.ts";
import { schedule } from "./agenda.ts";
import { tallyChains } from "./chains.ts";
import { memoryFor, type WorkingMemory } from "./memory.ts";
import { tallyWord } from "./outcomes.ts";
import { propagate } from "./propagate.ts";
import { sample } from "./sample.ts";
import type { Tally } from "./tally.ts";

/** Run batch `batch` of a run of `totalTrials` trials with `seed`, adding into `tally`. */
export function runBatch(
  c: CompiledReliability,
  seed: number,
  batch: number,
  totalTrials: number,
  tally: Tally,
): void {
  const trials = trialsInBatch(totalTrials, batch);
  if (trials <= 0) return;
  const s = startBatch(c, seed, batch);
  const words = Math.ceil(trials / 32);
  for (let w = 0; w < words; w++) runWord(c, s, w, trials, tally);
  tally.trials += trials;
}

/**
 * Reset `c`'s streams for batch `batch` of `seed`; returns its working memory. `allAges`: give every
 * propagated failure its age (for replays; the tallies only need those where needsAge).
 */
export function startBatch(
  c: CompiledReliability,
  seed: number,
  batch: number,
  allAges = false,
): WorkingMemory {
  const s = memoryFor(c);
  s.allAges = allAges;
  const rng = s.upCallRng;
  rng.reset(seed, batch);
  s.chainLatencyRng.reset((seed ^ 0x1a7e_0000) >>> 0, batch);
  s.forcedAgeRng.reset((seed ^ 0x0f0c_e000) >>> 0, batch);
  const n = c.n;
  const r = s.componentRngs;
  for (let i = 0; i < n; i++) {
    r.reset(i, seed, batch, c.streamKey[i]);
    if (s.degradedCallMaxP[i] > 0)
      s.degradedCallRngs.reset(i, (seed ^ 0x0ca1_1000) >>> 0, batch, c.streamKey[i]);
    s.nextDownTrial[i] = gap(r.nextUint32(i), c.invLogDown[i]);
    s.nextDegradedTrial[i] = gap(r.nextUint32(i), c.invLogDeg[i]);
  }
  for (let k = 0; k < s.nextCommonCauseTrial.length; k++) {
    const r = s.commonCauseRngs[k];
    r.reset(seed, batch, c.ccStreamKey[k]);
    s.nextCommonCauseTrial[k] = geometricGap(r, c.ccInvLog[k]);
  }
  s.nextUpCallSlot = geometricGap(rng, c.invLogUpMax);
  s.calendarHead.fill(-1);
  s.farCount = 0;
  for (let i = 0; i < n; i++) schedule(s, i, 0);
  s.nextWord = 0;
  return s;
}

/** Word w (trials 32w …) of a batch of `trials` trials: sample, propagate, tally. Returns its valid mask. */
export function runWord(
  c: CompiledReliability,
  s: WorkingMemory,
  w: number,
  trials: number,
  tally: Tally,
  mask = -1,
): number {
  const valid = propagateWord(c, s, w, trials, mask);
  tallyWord(c, s, valid, tally);
  if (c.chainIds.length > 0) tallyChains(c, s, valid, tally);
  return valid;
}

/**
 * Steps 1–4 alone for word w, the boolean layer: intrinsic states, common causes, calls and the
 * fixed point, leaving each component's functional mask in s.functional (and the ages, unmet requirements
 * and hot list the tallies read). runWord is this followed by the tallies; the bench times it on
 * its own as the propagation rate. Returns the word's valid mask.
 */
export function propagateWord(
  c: CompiledReliability,
  s: WorkingMemory,
  w: number,
  trials: number,
  mask = -1,
): number {
  const start = w * 32;
  const left = trials - start;
  const valid = (left >= 32 ? -1 : (1 << left) - 1) & mask;
  if (w !== s.nextWord)
    throw new Error(`word ${w} after word ${s.nextWord - 1}: a batch's words run in order`);
  s.nextWord++;
  sample(c, s, w, start, valid);
  propagate(c, s, valid);
  return valid;
}
