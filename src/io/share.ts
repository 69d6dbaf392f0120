/**
 * URL shares: the model as compact JSON, raw DEFLATE (fflate) and base64url, carried in the
 * fragment (`…/#model=<data>`) so it never reaches a server. Decoding refuses damaged links with a
 * message at the path `(share link)` and caps the decompressed size at 20 MB (a small link can
 * inflate a thousandfold), then validates through the one restore path (SPEC §9).
 */
import { deflateSync, Inflate } from "fflate";
import { MAX_FILE_BYTES, type Model, type Result, validateModel } from "../model/index.ts";
import { canonicalModel } from "./file.ts";

/** The fragment parameter that carries a shared model. */
export const SHARE_PARAM = "model";
const SHARE_PATH = "(share link)";
/** Compressed bytes pushed to the inflater at a time, so an oversized output stops early. */
const INFLATE_SLICE = 4096;

/** The model as a base64url string of its deflated JSON. */
export function encodeShare(model: Model): string {
  const json = new TextEncoder().encode(JSON.stringify(canonicalModel(model)));
  return toBase64Url(deflateSync(json, { level: 9 }));
}

/** A link to the page at `base` (default: the current page) that opens the model. */
export function shareUrl(model: Model, base: string = globalThis.location?.href ?? ""): string {
  const hash = base.indexOf("#");
  return `${hash === -1 ? base : base.slice(0, hash)}#${SHARE_PARAM}=${encodeShare(model)}`;
}

/** Whether a URL or fragment carries a shared model (`#model=…`). */
export function hasShare(hashOrUrl: string): boolean {
  return Boolean(shareData(hashOrUrl));
}

/**
 * Read a shared model from a full URL, a fragment (`#model=…`), `model=…` or the bare data.
 * Damaged links give one issue at `(share link)`; a readable but invalid model gives its issues.
 */
export function decodeShare(hashOrUrl: string): Result {
  const data =
    shareData(hashOrUrl) ?? (/^[A-Za-z0-9_-]+$/.test(hashOrUrl.trim()) ? hashOrUrl.trim() : undefined);
  if (data === undefined || data === "") {
    return fail("there is no model in this link (expected …#model=…)");
  }
  // base64 inflates 3 bytes to 4; more than that cannot be a link we made for a ≤ 20 MB model
  if (data.length > (MAX_FILE_BYTES / 3) * 4) return fail("the link is too long to be a Seams model");
  const bytes = fromBase64Url(data);
  if (!bytes) {
    return fail("the link is damaged: its data is not valid base64url (was it cut short when copied?)");
  }
  const inflated = inflateCapped(bytes, MAX_FILE_BYTES);
  if (inflated === "too large") {
    return fail(`the link's model is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB once decompressed`);
  }
  if (!inflated) {
    return fail("the link is damaged: its data does not decompress (was it cut short when copied?)");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(inflated);
  } catch {
    return fail("the link is damaged: its data is not text");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail("the link is damaged: its data is not valid JSON");
  }
  return validateModel(value);
}

function fail(message: string): Result {
  return { ok: false, issues: [{ path: SHARE_PATH, message }] };
}

/** The value of `model=` in the fragment of a URL or in a bare fragment, if present. */
function shareData(hashOrUrl: string): string | undefined {
  const text = hashOrUrl.trim();
  const hash = text.indexOf("#");
  const fragment = hash === -1 ? text : text.slice(hash + 1);
  for (const part of fragment.split("&")) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return undefined;
}

/** Inflate raw DEFLATE data, stopping as soon as the output passes `limit` bytes. */
function inflateCapped(data: Uint8Array, limit: number): Uint8Array | "too large" | undefined {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let isTooLarge = false;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > limit) isTooLarge = true;
    else chunks.push(chunk);
  });
  try {
    for (let start = 0; start < data.length && !isTooLarge; start += INFLATE_SLICE) {
      const end = Math.min(start + INFLATE_SLICE, data.length);
      inflater.push(data.subarray(start, end), end === data.length);
    }
  } catch {
    return undefined;
  }
  if (isTooLarge) return "too large";
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // String.fromCharCode takes its bytes as arguments; slices keep it under the engine's limit
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(data: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(data) || data.length % 4 === 1) return undefined;
  const padded = data.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (data.length % 4)) % 4);
  let binary: string;
  try {
    binary = atob(padded);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
