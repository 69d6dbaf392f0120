/**
 * A pool of one "worker" on the calling thread: the engine API called directly, each chunk in its
 * own macrotask so timers (progress) and signals still run between chunks. Same orchestration and
 * same numbers as the threaded pools, without a thread's start-up cost — the CLI's `--workers 1`.
 */
import { createEngineApi, type EngineWorkerApi } from "./engine-api.ts";
import { WorkerPool } from "./pool-core.ts";
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

/** An engine pool that computes on the calling thread. */
export function createInlinePool(): EnginePool {
  const engine: EngineWorkerApi = createEngineApi();
  return new WorkerPool([
    {
      api: {
        compile: (revision, model) => later(() => engine.compile(revision, model)),
        compiledModel: (revision) => later(() => engine.compiledModel(revision)),
        runBatches: (job) => later(() => engine.runBatches(job)),
      },
      terminate: () => undefined,
    },
  ]);
}
