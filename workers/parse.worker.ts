/**
 * Browser worker that reads an opened file or share link (issue 19): decompressing, parsing and
 * validating a large model takes seconds to minutes, which on the main thread froze the page. The
 * page gets back the validated model (a structured clone) or the issues, and terminates the worker
 * to cancel. The work itself is in parse-core.ts.
 */
import { expose } from "comlink";
import { type OnReadProgress, type ReadRequest, readRequest } from "./parse-core.ts";

const api = {
  /** Read `request` to a validated model or its issues, reporting each phase to `onProgress`. */
  read(request: ReadRequest, onProgress: OnReadProgress) {
    return readRequest(request, onProgress);
  },
};

export type ParseWorkerApi = typeof api;

expose(api);
