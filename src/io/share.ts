/**
 * URL shares: the model as compact JSON, raw DEFLATE (fflate) and base64url, carried in the
 * fragment (`…/#model=<data>`) so it never reaches a server. Decoding (workers/parse-core.ts)
 * refuses damaged links with a message at the path `(share link)` and caps the decompressed size
 * at 20 MB (a small link can inflate a thousandfold), then validates through the one restore path
 * (SPEC §9); the page runs it in a worker.
 */
import { deflateSync } from "fflate";
import {
  type OnReadProgress,
  type ReadJob,
  type StartReadWorker,
  startRead,
} from "../../workers/parse-client.ts";
import { SHARE_PARAM } from "../../workers/parse-core.ts";
import type { Model } from "../model/index.ts";
import { canonicalText } from "./file.ts";

// decoding lives with the reading worker (it runs there); the page and tests import it from here
export { decodeShare, hasShare, SHARE_PARAM } from "../../workers/parse-core.ts";

/** The model as a base64url string of its deflated JSON. */
export function encodeShare(model: Model): string {
  const json = new TextEncoder().encode(canonicalText(model));
  return toBase64Url(deflateSync(json, { level: 9 }));
}

/** A link to the page at `base` (default: the current page) that opens the model. */
export function shareUrl(model: Model, base: string = globalThis.location?.href ?? ""): string {
  const hash = base.indexOf("#");
  return `${hash === -1 ? base : base.slice(0, hash)}#${SHARE_PARAM}=${encodeShare(model)}`;
}

/**
 * Read a shared link off the main thread (a Web Worker of its own; inline where there are none),
 * reporting each phase; cancel terminates it (issue 19: a 215 KB link held the page for 93 s).
 */
export function startReadingShare(
  hashOrUrl: string,
  onProgress?: OnReadProgress,
  startWorker?: StartReadWorker,
): ReadJob {
  return startRead({ kind: "share", link: hashOrUrl }, onProgress, startWorker);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // String.fromCharCode takes its bytes as arguments; slices keep it under the engine's limit
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
