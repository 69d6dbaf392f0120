/**
 * The pure half of the worker pool (SPEC §7): which batches go out next, how per-batch tallies that
 * come back in any order are merged strictly in batch order, and when a run has converged. Both
 * pools (browser and Node) and the CLI's in-process runner use it, so the same seed gives the same
 * numbers whatever the number of workers: batch b is always drawn from the stream of (seed, b), and
 * the merged prefix is always ((0 + t0) + t1) + t2 …, bit for bit.
 */
import type { MeanEstimate, ReliabilityResult, SecurityResult, SweepRow } from "../src/engine/index.ts";
import { batchCount } from "../src/engine/index.ts";
import type { Model } from "../src/model/schema.ts";

export interface RunOptions {
  revision: number;
  trials: number;
  seed: number;
  /** stop when the largest 95 % CI half-width of charger usable / component functional ≤ this */
  targetHalfWidth?: number;
}

/** Where a progressive run stands: the merged prefix's result and how far it is. */
export interface Progress<R> {
  revision: number;
  trialsDone: number;
  trialsTarget: number;
  converged: boolean;
  done: boolean;
  result: R;
}

export type RunProgress = Progress<ReliabilityResult>;

export interface SecurityRunOptions {
  revision: number;
  trials: number;
  seed: number;
  horizonDays: number;
}

/** A security run's progress; `converged` once precise enough to stop (`isSecurityPrecise`). */
export type SecurityProgress = Progress<SecurityResult>;

export interface EnginePool {
  readonly size: number;
  /**
   * Starts a run, ending the previous reliability run (not a security run or a sweep); onProgress
   * about every 100 ms with merged results so far (first as soon as the first batch is back);
   * resolves with the final progress, or undefined when cancelled.
   */
  runReliability(
    model: Model,
    options: RunOptions,
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress | undefined>;
  /** Ends the current reliability run (it resolves undefined); a security run or sweep goes on. */
  cancel(): void;
  /** Ends the current attack run (it resolves undefined); a reliability run or sweep goes on. */
  cancelSecurity(): void;
  /**
   * Starts an attack run (SPEC §4) in a run slot of its own: a newer security run ends this one,
   * a reliability run neither ends it nor is ended by it (their batches interleave on the workers).
   * Progress as for reliability; stops early once precise (`isSecurityPrecise`).
   */
  runSecurity(
    model: Model,
    options: SecurityRunOptions,
    onProgress: (p: SecurityProgress) => void,
  ): Promise<SecurityProgress | undefined>;
  /**
   * The interoperability sweep of `id`, N = 1…max, the Ns spread over the workers; `onRow` gets the
   * rows in N order. A newer sweep ends this one (it resolves undefined).
   */
  runSweep(
    model: Model,
    id: string,
    max: number,
    onRow: (row: SweepRow) => void,
  ): Promise<SweepRow[] | undefined>;
  /** Ends every run and stops the workers. */
  dispose(): void;
}

/** Minimum time between two progress reports of one run. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Batches handed to a worker at a time. Small, so a cancelled run frees the workers within a
 * chunk's time and out-of-order tallies waiting for their predecessors stay few.
 */
export const CHUNK_BATCHES = 2;

/** Largest 95 % half-width over every charger's P(usable) and every component's P(functional). */
export function largestHalfWidth(result: ReliabilityResult): number {
  let widest = 0;
  const widen = (ci95: [number, number]) => {
    const half = (ci95[1] - ci95[0]) / 2;
    // a NaN interval (no trials yet) is never precise enough
    widest = Number.isNaN(half) ? Number.POSITIVE_INFINITY : Math.max(widest, half);
  };
  for (const charger of Object.values(result.chargers)) widen(charger.usable.ci95);
  for (const component of Object.values(result.components)) widen(component.functional.ci95);
  return widest;
}

/** Relative precision wanted of the headline expected unusable kW (half-width / mean). */
export const TARGET_RELATIVE_KW = 0.02;

/**
 * Whether a result meets the target precision (never, without a target): every component's and
 * charger's probability within ± `targetHalfWidth`, and the expected unusable kW within ± 2 %.
 */
export function isConverged(result: ReliabilityResult, targetHalfWidth: number | undefined): boolean {
  if (targetHalfWidth === undefined) return false;
  return isPrecise(largestHalfWidth(result), result.system?.unusableKw, targetHalfWidth);
}

/** isConverged from the widest half-width and the unusable kW (reliabilityPrecision of a tally). */
export function isPrecise(
  widestHalfWidth: number,
  kw: MeanEstimate | undefined,
  targetHalfWidth: number,
): boolean {
  if (widestHalfWidth > targetHalfWidth) return false;
  if (!kw || kw.mean <= 0) return true;
  return (kw.ci95[1] - kw.ci95[0]) / 2 <= TARGET_RELATIVE_KW * kw.mean;
}

/** A problem with run options, or undefined when they are usable. */
export function checkRunOptions(options: RunOptions): string | undefined {
  const { trials, seed, targetHalfWidth } = options;
  const problem = checkTrialsAndSeed(trials, seed);
  if (problem) return problem;
  if (targetHalfWidth !== undefined && !(targetHalfWidth > 0)) {
    return `targetHalfWidth must be greater than 0 (got ${targetHalfWidth})`;
  }
  return undefined;
}

/** A problem with security run options, or undefined when they are usable. */
export function checkSecurityRunOptions(options: SecurityRunOptions): string | undefined {
  const { trials, seed, horizonDays } = options;
  const problem = checkTrialsAndSeed(trials, seed);
  if (problem) return problem;
  if (!(Number.isFinite(horizonDays) && horizonDays > 0)) {
    return `horizonDays must be a number of days greater than 0 (got ${horizonDays})`;
  }
  return undefined;
}

function checkTrialsAndSeed(trials: number, seed: number): string | undefined {
  if (!Number.isSafeInteger(trials) || trials < 1) return `trials must be a whole number ≥ 1 (got ${trials})`;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    return `seed must be a whole number from 0 to 4294967295 (got ${seed})`;
  }
  return undefined;
}

/** Contiguous batch range [first, end) of shard `index` of `count` (0-based) for a trial budget. */
export function shardBatches(trials: number, index: number, count: number): { first: number; end: number } {
  const batches = batchCount(trials);
  return {
    first: Math.floor((index * batches) / count),
    end: Math.floor(((index + 1) * batches) / count),
  };
}

/**
 * One run's bookkeeping. Hands out batch numbers in increasing order, in chunks; keeps tallies that
 * arrive before their predecessors; merges the contiguous prefix into `total` one batch at a time
 * (the caller checks convergence between merges, so where a run stops does not depend on timing).
 */
export class BatchSchedule<T> {
  /** Batches of the whole budget. */
  readonly batches: number;
  private readonly end: number;
  private nextBatch: number;
  private mergedBatches: number;
  private mergedTrials = 0;
  private readonly waiting = new Map<number, T>();
  private isStopped = false;
  private isFirstChunk = true;

  constructor(
    readonly trials: number,
    /** The accumulator; batches are merged into it in order. */
    readonly total: T,
    private readonly merge: (into: T, from: T) => void,
    private readonly trialsOf: (tally: T) => number,
    private readonly chunkBatches = CHUNK_BATCHES,
    /** Run only batches [first, end) — a shard; the whole budget by default. */
    range?: { first: number; end: number },
    /** Trials per batch (the reliability engine's by default). */
    batchTrials?: number,
  ) {
    this.batches = batchCount(trials, batchTrials);
    this.nextBatch = range?.first ?? 0;
    this.mergedBatches = this.nextBatch;
    this.end = range?.end ?? this.batches;
  }

  /**
   * The next batch numbers to run, in order; empty once all are out or the run stopped. The first
   * chunk is one batch, so the first numbers come after one batch's time (a batch of a
   * 20,000-component model takes seconds), the next ones `chunkBatches`.
   */
  takeChunk(): number[] {
    if (this.isStopped) return [];
    const size = this.isFirstChunk ? 1 : this.chunkBatches;
    this.isFirstChunk = false;
    const chunk: number[] = [];
    while (chunk.length < size && this.nextBatch < this.end) chunk.push(this.nextBatch++);
    return chunk;
  }

  /** Keep a batch's tally until every batch before it has been merged. */
  accept(batch: number, tally: T): void {
    if (batch < this.mergedBatches || batch >= this.end || this.waiting.has(batch)) {
      throw new Error(`batch ${batch} was not expected`);
    }
    this.waiting.set(batch, tally);
  }

  /** Merge the next batch if it is back; returns its number, or undefined when it is not (yet). */
  mergeNext(): number | undefined {
    const batch = this.mergedBatches;
    const tally = this.waiting.get(batch);
    if (tally === undefined) return undefined;
    this.waiting.delete(batch);
    this.merge(this.total, tally);
    this.mergedTrials += this.trialsOf(tally);
    this.mergedBatches++;
    return batch;
  }

  /** Stop handing out batches; tallies already out are still accepted but need not be merged. */
  stop(): void {
    this.isStopped = true;
  }

  /** Trials in the merged prefix. */
  get trialsDone(): number {
    return this.mergedTrials;
  }

  /** Batches merged so far (the prefix's end). */
  get merged(): number {
    return this.mergedBatches;
  }

  /** Whether every batch of the range has been merged. */
  get isComplete(): boolean {
    return this.mergedBatches >= this.end;
  }
}
