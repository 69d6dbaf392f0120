/**
 * The read in progress (issue 19): an opened file or a share link is read in a worker while the
 * page answers; this holds what the reading overlay shows (what, which phase, since when) and the
 * Cancel, which terminates the worker and leaves the model on the canvas as it was.
 */
import { create } from "zustand";
import type { OnReadProgress, ReadJob, ReadProgress } from "../../workers/parse-client.ts";
import { startReadingFile } from "../io/file.ts";
import { startReadingShare } from "../io/share.ts";
import type { Result } from "../model/index.ts";
import { holdAnalysis, resumeAnalysis } from "../store/analysis.ts";

/** A read the overlay shows: what is read (a file name, "the shared link"), its progress, its cancel. */
export interface Reading {
  id: number;
  what: string;
  progress?: ReadProgress;
  /** performance.now() when the read started. */
  startedAtMs: number;
  cancel(): void;
}

/** The read in progress, if any (one at a time: a newer read cancels the older one). */
export const useReadingStore = create<{ reading?: Reading }>(() => ({}));

let lastId = 0;

/**
 * Run a read with the overlay shown until it ends (`done` never rejects). Marks `seams:read-start`
 * and `seams:read-end` (detail: "model", "issues" or "cancelled") in the page's performance
 * timeline, so a test can tell the read from what follows it. The live analysis of the model on
 * the canvas is held meanwhile (its streamed results re-rendered the panels for seconds while a
 * 20,000-component file was read); a model read replaces it and runs, otherwise it runs again.
 */
export async function readWithProgress(
  what: string,
  start: (onProgress: OnReadProgress) => ReadJob,
): Promise<Result | "cancelled"> {
  useReadingStore.getState().reading?.cancel();
  const id = ++lastId;
  const job = start((progress) => {
    const reading = useReadingStore.getState().reading;
    if (reading?.id === id) useReadingStore.setState({ reading: { ...reading, progress } });
  });
  globalThis.performance?.mark?.("seams:read-start");
  holdAnalysis();
  useReadingStore.setState({ reading: { id, what, startedAtMs: performance.now(), cancel: job.cancel } });
  const outcome = await job.done;
  const detail = outcome === "cancelled" ? "cancelled" : outcome.ok ? "model" : "issues";
  // a model read goes on the canvas next (its load runs the analysis; replace.ts resumes if kept out)
  if (detail !== "model") resumeAnalysis();
  globalThis.performance?.mark?.("seams:read-end", { detail });
  if (useReadingStore.getState().reading?.id === id) useReadingStore.setState({ reading: undefined });
  return outcome;
}

/** Read a chosen or dropped file in a worker, with the overlay. */
export function readFileWithProgress(file: File): Promise<Result | "cancelled"> {
  return readWithProgress(file.name, (onProgress) => startReadingFile(file, onProgress));
}

/** Read the page's share link in a worker, with the overlay (startup's reader). */
export function readShareWithProgress(hash: string): Promise<Result | "cancelled"> {
  return readWithProgress("the shared link", (onProgress) => startReadingShare(hash, onProgress));
}
