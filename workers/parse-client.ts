/**
 * The page's side of reading an opened file, a share link or a saved model (issue 19): each read
 * runs in a Web Worker of its own (parse.worker.ts) reached with comlink, so the page keeps
 * answering, and its model comes back in parts parsed a slice at a time; cancel terminates it.
 * Where there are no workers (Node, tests) or one is injected, the same steps of parse-core.ts run
 * in the calling thread.
 */
import { proxy, wrap } from "comlink";
import type { Result } from "../src/model/index.ts";
import type { ParseWorkerApi } from "./parse.worker.ts";
import { assembleModel } from "./parse-canonical.ts";
import { FILE_PATH, type OnReadProgress, type ReadRequest, readRequest, SHARE_PATH } from "./parse-core.ts";

export type { OnReadProgress, ReadCounts, ReadPhase, ReadProgress, ReadRequest } from "./parse-core.ts";

/** A read under way: its outcome (the result, or "cancelled") and a way to stop it. */
export interface ReadJob {
  done: Promise<Result | "cancelled">;
  /** Stop the read (terminates its worker); `done` resolves to "cancelled" unless it already settled. */
  cancel(): void;
}

/** The part of a Worker a read needs (a real Worker, or a stand-in in tests). */
export type ReadWorker = Pick<
  Worker,
  "postMessage" | "addEventListener" | "removeEventListener" | "terminate"
>;

/** Starts the worker of one read; undefined reads in the calling thread. */
export type StartReadWorker = () => ReadWorker | undefined;

/** A module worker for the read, or undefined where the platform has no workers. */
export const startParseWorker: StartReadWorker = () =>
  typeof Worker === "undefined"
    ? undefined
    : // Vite recognises this exact form and bundles the worker with its imports.
      new Worker(new URL("./parse.worker.ts", import.meta.url), { type: "module" });

/** Read `request` off the main thread (or inline when `startWorker` gives none), with progress. */
export function startRead(
  request: ReadRequest,
  onProgress: OnReadProgress = () => undefined,
  startWorker: StartReadWorker = startParseWorker,
): ReadJob {
  let settle: (outcome: Result | "cancelled") => void = () => undefined;
  let isSettled = false;
  const done = new Promise<Result | "cancelled">((resolve) => {
    settle = (outcome) => {
      if (isSettled) return;
      isSettled = true;
      resolve(outcome);
    };
  });
  const where = request.kind === "share" ? SHARE_PATH : FILE_PATH;
  const failed = (error: unknown): Result => ({
    ok: false,
    issues: [{ path: where, message: `the model could not be read: ${reasonOf(error)}` }],
  });
  const report: OnReadProgress = (progress) => {
    if (!isSettled) onProgress(progress);
  };
  let worker: ReadWorker | undefined;
  try {
    worker = startWorker();
  } catch {
    worker = undefined;
  }
  if (!worker) {
    // no workers here: the same steps in this thread (a cancel can only drop the outcome)
    readRequest(request, report).then(settle, (error) => settle(failed(error)));
    return { done, cancel: () => settle("cancelled") };
  }
  const running = worker;
  const onError = (event: Event) => {
    event.preventDefault();
    const message = (event as ErrorEvent).message;
    settle(failed(message || "the reading worker could not start"));
  };
  running.addEventListener("error", onError);
  const api = wrap<ParseWorkerApi>(running as Worker);
  api
    .read(request, proxy(report))
    // the model comes in parts the page parses a slice at a time (parse-canonical.ts)
    .then(async (outcome): Promise<Result> => {
      if (!outcome.ok) return outcome;
      return { ok: true, model: await assembleModel(outcome.parts) };
    })
    .then(settle, (error: unknown) => settle(failed(error)));
  void done.then(() => {
    running.removeEventListener("error", onError);
    running.terminate();
  });
  return { done, cancel: () => settle("cancelled") };
}

/**
 * Parse and validate a saved model's text (the autosave, Recent models) off the main thread, in a
 * worker of its own (inline where there are none); nobody cancels it.
 */
export async function readSavedText(
  text: string,
  startWorker: StartReadWorker = startParseWorker,
): Promise<Result> {
  const outcome = await startRead({ kind: "text", text }, undefined, startWorker).done;
  return outcome === "cancelled"
    ? { ok: false, issues: [{ path: FILE_PATH, message: "reading was stopped" }] }
    : outcome;
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
