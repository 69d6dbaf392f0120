/**
 * The Node engine pool: worker_threads running `node-worker.mjs`, reached with comlink's Node
 * adapter. Used by the CLI and the tests; the same orchestration as the browser pool. Idle workers
 * do not keep the process alive.
 */
import { wrap } from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { EngineWorkerApi } from "./engine-api.ts";
import { defaultNodePoolSize, takeEngineThread } from "./node-thread.ts";
import { type PoolWorker, WorkerPool } from "./pool-core.ts";
import type { EnginePool } from "./schedule.ts";

export { defaultNodePoolSize } from "./node-thread.ts";
export type { EnginePool, RunOptions, RunProgress } from "./schedule.ts";

/** A pool of `size` engine worker threads (a thread started early by `startEngineThreadEarly` first). */
export function createNodePool(size = defaultNodePoolSize()): EnginePool {
  const pool = new WorkerPool(
    Array.from({ length: Math.max(1, Math.floor(size)) }, (): PoolWorker => {
      const worker = takeEngineThread(
        (error) => pool.fail(error),
        (code) => {
          if (code !== 0) pool.fail(new Error(`an engine worker exited with code ${code}`));
        },
      );
      return {
        api: wrap<EngineWorkerApi>(nodeEndpoint(worker)),
        terminate: () => void worker.terminate(),
        setBusy: (isBusy) => (isBusy ? worker.ref() : worker.unref()),
      };
    }),
  );
  return pool;
}
