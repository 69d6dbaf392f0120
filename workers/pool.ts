/**
 * The browser's engine pool (SPEC §7): Web Workers running `engine.worker.ts`, reached with comlink.
 * The main thread only hands out batch numbers, merges tallies and summarises, so the canvas stays
 * responsive during a run.
 */
import { wrap } from "comlink";
import type { EngineWorkerApi } from "./engine-api.ts";
import { type PoolWorker, WorkerPool } from "./pool-core.ts";
import type { EnginePool } from "./schedule.ts";

export type { EnginePool, RunOptions, RunProgress } from "./schedule.ts";

/** Workers to start by default: every core but one (left for the page), at least one. */
export function defaultBrowserPoolSize(): number {
  const cores = typeof navigator === "undefined" ? 2 : (navigator.hardwareConcurrency ?? 2);
  return Math.max(1, cores - 1);
}

/** A pool of `size` engine Web Workers. */
export function createBrowserPool(size = defaultBrowserPoolSize()): EnginePool {
  const pool = new WorkerPool(
    Array.from({ length: Math.max(1, Math.floor(size)) }, () => {
      // Vite recognises this exact form and bundles the worker with its imports.
      const worker = new Worker(new URL("./engine.worker.ts", import.meta.url), { type: "module" });
      worker.addEventListener("error", (event) => {
        event.preventDefault();
        pool.fail(new Error(`an engine worker failed: ${event.message || "it could not start"}`));
      });
      const entry: PoolWorker = { api: wrap<EngineWorkerApi>(worker), terminate: () => worker.terminate() };
      return entry;
    }),
  );
  return pool;
}
