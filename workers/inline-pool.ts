/**
 * A pool of "workers" on the calling thread: the engine API called directly, each request in its
 * own macrotask so timers (progress) and signals still run between chunks. Same orchestration and
 * same numbers as the threaded pools, without a thread's start-up cost — the CLI's `--workers 1`;
 * the tests use several to exercise the pool's interleaving.
 */
import { createEngineApi, type EngineWorkerApi } from "./engine-api.ts";
import { type PoolWorker, WorkerPool } from "./pool-core.ts";
import type { EnginePool } from "./schedule.ts";

/** Resolve with `work()` in a later macrotask (rejects if it throws). */
function later<T>(work: () => T): Promise<T> {
  return new Promise((resolve, reject) => {
    setTimeout(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error);
      }
    }, 0);
  });
}

/** One in-process worker: its own engine (its own compiled models), answering in later macrotasks. */
function inlineWorker(): PoolWorker {
  const engine: EngineWorkerApi = createEngineApi();
  return {
    api: {
      compile: (revision, model) => later(() => engine.compile(revision, model)),
      compiledModel: (revision) => later(() => engine.compiledModel(revision)),
      runBatches: (job) => later(() => engine.runBatches(job)),
      compileSecurity: (revision, horizonDays, model) =>
        later(() => engine.compileSecurity(revision, horizonDays, model)),
      compiledSecurity: (revision, horizonDays) =>
        later(() => engine.compiledSecurity(revision, horizonDays)),
      runSecurityBatches: (job) => later(() => engine.runSecurityBatches(job)),
      sweepRow: (model, id, n, trials, securityTrials) =>
        later(() => engine.sweepRow(model, id, n, trials, securityTrials)),
    },
    terminate: () => undefined,
  };
}

/** An engine pool that computes on the calling thread, as `size` workers (one by default). */
export function createInlinePool(size = 1): EnginePool {
  return new WorkerPool(Array.from({ length: Math.max(1, Math.floor(size)) }, inlineWorker));
}
