/**
 * The reliability engine's surface (SPEC §3, §7) for the workers, the pool and the other analyses:
 * compile once, run batches into tallies, merge them in batch order, summarise. A run is a sequence
 * of batches of `BATCH_TRIALS` trials; batch b draws from the random stream derived from (seed, b),
 * so the same seed and trial count give the same numbers whatever the number of workers.
 */
import type { Model } from "../../model/schema.ts";
import { type CompiledReliability, compileReliability } from "../compile/index.ts";
import { batchCount, type MeanEstimate, type ReliabilityResult } from "../types.ts";
import { runBatch } from "./run.ts";
import { precisionOf, summarize } from "./summarize.ts";
import { createTally, mergeTally, resetTally, type Tally } from "./tally.ts";

/** A model compiled to flat typed arrays (structured-cloneable). */
export type CompiledModel = CompiledReliability;

/** Counts and sums of one or more batches (plain typed arrays; structured-cloneable). */
export type ReliabilityTally = Tally;

export function compileModel(model: Model): CompiledModel {
  return compileReliability(model);
}

/**
 * The tallies' layout version: a change of what an array's entries mean, at the same lengths, gives
 * a new number, so shards of another layout are refused (part of their fingerprint). 2: drvCause
 * per (row, group, cause); 3: drvSuccess and drvAttempt per (group, row), siteDown and slotSight
 * per (group, site or slot, sight).
 */
export const TALLY_LAYOUT_VERSION = 3;

export function createReliabilityTally(compiled: CompiledModel): ReliabilityTally {
  return createTally(compiled);
}

/** Run batch `batch` of a run of `totalTrials` trials with `seed`, adding into `tally`. */
export function runReliabilityBatch(
  compiled: CompiledModel,
  seed: number,
  batch: number,
  totalTrials: number,
  tally: ReliabilityTally,
): void {
  runBatch(compiled, seed, batch, totalTrials, tally);
}

/** Add `from` into `into` (call in batch order for bit-identical float sums). */
export function mergeReliabilityTally(into: ReliabilityTally, from: ReliabilityTally): void {
  mergeTally(into, from);
}

/** The widest half-width and the unusable kW of a tally, as its summary would give them (summarize.ts). */
export function reliabilityPrecision(
  compiled: CompiledModel,
  tally: ReliabilityTally,
): { widestHalfWidth: number; unusableKw: MeanEstimate } {
  return precisionOf(compiled, tally);
}

export function summarizeReliability(
  compiled: CompiledModel,
  tally: ReliabilityTally,
  seed: number,
): ReliabilityResult {
  return summarize(compiled, tally, seed);
}

/**
 * Run a whole analysis in this thread (tests, bench, small models): per-batch tallies merged in
 * batch order, exactly as the pool does, so the numbers are identical to a pool run.
 */
export function simulateReliability(model: Model, trials: number, seed: number): ReliabilityResult {
  const compiled = compileModel(model);
  const total = createTally(compiled);
  const batch = createTally(compiled);
  for (let b = 0; b < batchCount(trials); b++) {
    resetTally(batch);
    runBatch(compiled, seed, b, trials, batch);
    mergeTally(total, batch);
  }
  return summarize(compiled, total, seed);
}
