/**
 * The browser's engine pool (SPEC §7): a worker of its own runs the pool (`pool.worker.ts`: engine
 * workers, merging, summarising), reached with comlink. The main thread only starts runs and takes
 * in their results, so the canvas stays responsive during a run.
 */
import { wrap } from "comlink";
import { type PoolHostApi, RemotePool } from "./remote-pool.ts";
import type { EnginePool } from "./schedule.ts";

export type { EnginePool, RunOptions, RunProgress } from "./schedule.ts";

/** Engine workers to start by default: every core but one (left for the page), at least one. */
export function defaultBrowserPoolSize(): number {
  const cores = typeof navigator === "undefined" ? 2 : (navigator.hardwareConcurrency ?? 2);
  return Math.max(1, cores - 1);
}

/** A pool of `size` engine Web Workers, run from a worker of its own. */
export function createBrowserPool(size = defaultBrowserPoolSize()): EnginePool {
  // Vite recognises this exact form and bundles the worker with its imports.
  const worker = new Worker(new URL("./pool.worker.ts", import.meta.url), { type: "module" });
  const pool = new RemotePool(wrap<PoolHostApi>(worker), Math.max(1, Math.floor(size)), () =>
    worker.terminate(),
  );
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    pool.fail(new Error(`the engine pool failed: ${event.message || "it could not start"}`));
  });
  return pool;
}
