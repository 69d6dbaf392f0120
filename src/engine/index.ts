/**
 * The reliability engine's public surface (SPEC §3, §7). The worker pool, the CLI, the bench and
 * the tests use only these functions. Everything is pure and deterministic for a seed.
 *
 * A run is a sequence of batches of `BATCH_TRIALS` trials; batch b draws from the random stream
 * derived from (seed, b). A worker runs batches into tallies; the caller merges tallies in batch
 * order and summarises. The same seed and trial count give the same numbers whatever the number of
 * workers.
 */
import type { Model } from "../model/schema.ts";
import type { ReliabilityResult } from "./types.ts";

export * from "./blast.ts";
export * from "./types.ts";

/** A model compiled to flat typed arrays (structured-cloneable). */
export interface CompiledModel {
  readonly componentIds: string[];
  readonly linkIds: string[];
  // further fields are the engine's own
  readonly [key: string]: unknown;
}

/** Counts and sums of one or more batches (plain typed arrays; structured-cloneable). */
export interface ReliabilityTally {
  trials: number;
  readonly [key: string]: unknown;
}

export declare function compileModel(model: Model): CompiledModel;
export declare function createReliabilityTally(compiled: CompiledModel): ReliabilityTally;
/** Run batch `batch` of a run of `totalTrials` trials with `seed`, adding into `tally`. */
export declare function runReliabilityBatch(
  compiled: CompiledModel,
  seed: number,
  batch: number,
  totalTrials: number,
  tally: ReliabilityTally,
): void;
/** Add `from` into `into` (call in batch order for bit-identical float sums). */
export declare function mergeReliabilityTally(into: ReliabilityTally, from: ReliabilityTally): void;
export declare function summarizeReliability(
  compiled: CompiledModel,
  tally: ReliabilityTally,
  seed: number,
): ReliabilityResult;
