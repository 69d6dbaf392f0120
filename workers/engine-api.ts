/**
 * What an engine worker does, independent of how it is reached (browser Web Worker or Node
 * worker_threads): compile a model once per revision (for reliability, and for security per
 * horizon), then run lists of batches into one tally per batch; and compute one row of the
 * interoperability sweep. Tallies go back as plain data with their typed arrays transferred, not
 * copied. The reliability and the security model are kept apart, so the two runs can interleave.
 */
import { transfer } from "comlink";
import {
  type CompiledModel,
  type CompiledSecurity,
  compileModel,
  compileSecurity,
  createReliabilityTally,
  createSecurityTally,
  type ReliabilityTally,
  runReliabilityBatch,
  runSecurityBatch,
  type SecurityTally,
  type SweepRow,
  sweepRow,
  tallyBuffers,
} from "../src/engine/index.ts";
import type { Model } from "../src/model/schema.ts";

/** A list of batches of one run, for the model compiled at `revision`. */
export interface BatchJob {
  revision: number;
  seed: number;
  /** The run's whole trial budget (the last batch may be partial). */
  trials: number;
  batches: number[];
}

/** A list of attack batches of one run, for the security model compiled at (`revision`, `horizonDays`). */
export interface SecurityBatchJob extends BatchJob {
  horizonDays: number;
}

export interface EngineWorkerApi {
  /** Compile `model` as revision `revision`, kept until the next compile. */
  compile(revision: number, model: Model): void;
  /** The compiled model of `revision` (the pool merges and summarises tallies with it). */
  compiledModel(revision: number): CompiledModel;
  /** Run each batch into its own fresh tally, in the order given. */
  runBatches(job: BatchJob): ReliabilityTally[];
  /** Compile the security model of `model` as (`revision`, `horizonDays`), kept until the next one. */
  compileSecurity(revision: number, horizonDays: number, model: Model): void;
  /** The compiled security model of (`revision`, `horizonDays`), for merging and summarising. */
  compiledSecurity(revision: number, horizonDays: number): CompiledSecurity;
  /** Run each attack batch into its own fresh tally, in the order given. */
  runSecurityBatches(job: SecurityBatchJob): SecurityTally[];
  /** Row `n` of the interoperability sweep of `id` (see `sweepRow` in src/engine/sweep.ts). */
  sweepRow(model: Model, id: string, n: number, trials: number, securityTrials: number): SweepRow;
}

/** The same API called across a thread boundary: every call answers with a promise. */
export type AsyncEngineApi = {
  [K in keyof EngineWorkerApi]: (
    ...args: Parameters<EngineWorkerApi[K]>
  ) => Promise<ReturnType<EngineWorkerApi[K]>>;
};

/** The engine API one worker exposes; it keeps the latest compiled model. */
export function createEngineApi(): EngineWorkerApi {
  let current: { revision: number; compiled: CompiledModel } | undefined;
  let currentSecurity: { revision: number; horizonDays: number; compiled: CompiledSecurity } | undefined;
  return {
    compile(revision, model) {
      current = undefined;
      current = { revision, compiled: compileModel(model) };
    },
    compiledModel(revision) {
      return compiledAt(revision);
    },
    runBatches(job) {
      const compiled = compiledAt(job.revision);
      const tallies = job.batches.map((batch) => {
        const tally = createReliabilityTally(compiled);
        runReliabilityBatch(compiled, job.seed, batch, job.trials, tally);
        return tally;
      });
      return transfer(tallies, tallyBuffers(tallies));
    },
    compileSecurity(revision, horizonDays, model) {
      currentSecurity = undefined;
      currentSecurity = { revision, horizonDays, compiled: compileSecurity(model, { horizonDays }) };
    },
    compiledSecurity(revision, horizonDays) {
      return securityAt(revision, horizonDays);
    },
    runSecurityBatches(job) {
      const compiled = securityAt(job.revision, job.horizonDays);
      const tallies = job.batches.map((batch) => {
        const tally = createSecurityTally(compiled);
        runSecurityBatch(compiled, job.seed, batch, job.trials, tally);
        return tally;
      });
      return transfer(tallies, tallyBuffers(tallies));
    },
    sweepRow(model, id, n, trials, securityTrials) {
      return sweepRow(model, id, n, trials, securityTrials);
    },
  };

  function compiledAt(revision: number): CompiledModel {
    if (current?.revision !== revision)
      throw new Error(`revision ${revision} is not compiled in this worker`);
    return current.compiled;
  }

  function securityAt(revision: number, horizonDays: number): CompiledSecurity {
    if (currentSecurity?.revision !== revision || currentSecurity.horizonDays !== horizonDays) {
      throw new Error(`security revision ${revision} (${horizonDays} days) is not compiled in this worker`);
    }
    return currentSecurity.compiled;
  }
}
