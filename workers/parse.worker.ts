/**
 * Browser worker that reads an opened file, a share link or a saved model's text (issue 19):
 * decompressing, parsing and validating a large model takes seconds to minutes, which on the main
 * thread froze the page. The page gets back the validated model as JSON parts it parses a slice at
 * a time (parse-canonical.ts: one structured clone of a large model held the page), or the issues,
 * and terminates the worker to cancel. The work itself is in parse-core.ts.
 */
import { expose } from "comlink";
import { type OnReadProgress, type ReadRequest, readInParts } from "./parse-core.ts";

const api = {
  /** Read `request` to a validated model (in parts) or its issues, reporting each phase to `onProgress`. */
  read(request: ReadRequest, onProgress: OnReadProgress) {
    return readInParts(request, onProgress);
  },
};

export type ParseWorkerApi = typeof api;

expose(api);
