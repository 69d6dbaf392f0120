/**
 * Browser worker that runs the engine pool (SPEC §7): it starts the engine workers, hands out their
 * batches, merges the tallies in batch order and summarises them, so the page only receives results
 * (see remote-pool.ts). `workers/pool.ts` starts it.
 */
import { expose, wrap } from "comlink";
import type { EngineWorkerApi } from "./engine-api.ts";
import { type PoolWorker, WorkerPool } from "./pool-core.ts";
import { createPoolHost } from "./remote-pool.ts";

expose(
  createPoolHost((size) => {
    const pool = new WorkerPool(
      Array.from({ length: size }, (): PoolWorker => {
        // Vite recognises this exact form and bundles the worker with its imports.
        const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
        worker.addEventListener("error", (event) => {
          event.preventDefault();
          pool.fail(new Error(`an engine worker failed: ${event.message || "it could not start"}`));
        });
        return { api: wrap<EngineWorkerApi>(worker), terminate: () => worker.terminate() };
      }),
    );
    return pool;
  }),
);
