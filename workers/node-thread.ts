/**
 * Starting the Node engine's worker threads (`node-worker.mjs` beside this module: workers/ under
 * tsx, dist-cli/ in the compiled CLI). Kept apart from the pool, which loads the engine: the
 * compiled `seams` starts the first thread here before it loads anything else (bin/seams.mjs), so
 * the thread boots and loads the engine while the main thread loads, reads and validates the model.
 * node:worker_threads is fetched when a thread starts, not imported: loading it takes 10–50 ms, which
 * a run computed on the main thread need not spend.
 */
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";

const ENTRY = new URL("./node-worker.mjs", import.meta.url);

/** Workers to start by default: every core but one, at least one. */
export function defaultNodePoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

function newWorker(): Worker {
  return new (process.getBuiltinModule("node:worker_threads").Worker)(ENTRY);
}

/** A thread started ahead of its pool, and what happened to it before the pool took it. */
interface EarlyThread {
  readonly worker: Worker;
  error?: Error;
  exitCode?: number;
}

const early: EarlyThread[] = [];

/**
 * Start one engine thread now, for the next pool to take. It does not keep the process alive, and
 * an error before a pool takes it is kept for that pool (a command that never makes a pool exits as
 * it would have).
 */
export function startEngineThreadEarly(): void {
  const thread: EarlyThread = { worker: newWorker() };
  thread.worker.unref();
  thread.worker.on("error", (error) => {
    thread.error ??= error;
  });
  thread.worker.on("exit", (code) => {
    thread.exitCode ??= code;
  });
  early.push(thread);
}

/** End the threads started early that no pool took (the run computes on the main thread). */
export function stopEngineThreadsStartedEarly(): void {
  for (const thread of early.splice(0)) void thread.worker.terminate();
}

/**
 * An engine thread, unreferenced: one started early if there is one, else a new one. `onError` and
 * `onExit` also hear what happened to an early thread before it was taken.
 */
export function takeEngineThread(onError: (error: Error) => void, onExit: (code: number) => void): Worker {
  const thread = early.shift();
  const worker = thread?.worker ?? newWorker();
  worker.unref();
  worker.on("error", onError);
  worker.on("exit", onExit);
  const { error, exitCode } = thread ?? {};
  if (error !== undefined || exitCode !== undefined) {
    queueMicrotask(() => {
      if (error !== undefined) onError(error);
      if (exitCode !== undefined) onExit(exitCode);
    });
  }
  return worker;
}
