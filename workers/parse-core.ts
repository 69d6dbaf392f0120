/**
 * Reading an opened model (SPEC §9, issue 19): a chosen file or a share link, read, decompressed,
 * parsed and validated through the one restore path (`parseModelText`, `validateModel`), reporting
 * the phase it is in. Plain functions: `parse.worker.ts` runs them in a Web Worker so the page
 * keeps answering; tests, and a page without workers, call them directly.
 */
import { Inflate } from "fflate";
import {
  type Issue,
  MAX_FILE_BYTES,
  parseModelText,
  type Result,
  validateModel,
} from "../src/model/index.ts";
import { type ModelParts, modelParts } from "./parse-canonical.ts";

/** What a read is doing: the bytes come in, inflate (links), become JSON, then are validated. */
export type ReadPhase = "reading" | "decompressing" | "parsing" | "validating";

/** How many items the document being validated holds (what makes validation take long). */
export interface ReadCounts {
  components: number;
  links: number;
  scenarios: number;
}

/** One progress report of a read: its phase, the bytes in hand and, once parsed, the counts. */
export interface ReadProgress {
  phase: ReadPhase;
  bytes?: number;
  counts?: ReadCounts;
}

export type OnReadProgress = (progress: ReadProgress) => void;

/**
 * What to read: a chosen or dropped file, a share link (a URL, `#model=…` or the bare data), or the
 * text of a saved model (the autosave, Recent models).
 */
export type ReadRequest =
  | { kind: "file"; file: Blob; name: string }
  | { kind: "share"; link: string }
  | { kind: "text"; text: string };

/** The fragment parameter that carries a shared model. */
export const SHARE_PARAM = "model";
/** Where the issues of a link that cannot be read are reported. */
export const SHARE_PATH = "(share link)";
/** Where the issues of a file that cannot be read are reported. */
export const FILE_PATH = "(file)";
/** Compressed bytes pushed to the inflater at a time, so an oversized output stops early. */
const INFLATE_SLICE = 4096;

const ignore: OnReadProgress = () => undefined;

/** Read a request to a validated model or its issues (a file, a share link or a saved text). */
export function readRequest(request: ReadRequest, onProgress: OnReadProgress = ignore): Promise<Result> {
  switch (request.kind) {
    case "share":
      return Promise.resolve(decodeShare(request.link, onProgress));
    case "text":
      return Promise.resolve(readModelText(request.text, onProgress));
    case "file":
      return readModelBlob(request.file, request.name, onProgress);
    default:
      return request satisfies never;
  }
}

/** What a read in the worker sends back: the model in parts (parse-canonical.ts), or the issues. */
export type PartsResult = { ok: true; parts: ModelParts } | { ok: false; issues: Issue[] };

/** `readRequest` with the model split into the parts the page parses a slice at a time (the worker's answer). */
export async function readInParts(
  request: ReadRequest,
  onProgress: OnReadProgress = ignore,
): Promise<PartsResult> {
  const result = await readRequest(request, onProgress);
  return result.ok ? { ok: true, parts: modelParts(result.model) } : result;
}

/** Read and validate a chosen or dropped file; refuses files over 20 MB before reading them. */
export async function readModelBlob(
  file: Blob,
  name: string,
  onProgress: OnReadProgress = ignore,
): Promise<Result> {
  if (file.size > MAX_FILE_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    return fail(FILE_PATH, `"${name}" is ${mb} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB`);
  }
  onProgress({ phase: "reading", bytes: file.size });
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return fail(FILE_PATH, `"${name}" could not be read: ${reason}`);
  }
  return readModelText(text, onProgress);
}

/** Parse and validate a model file's text (`parseModelText`), saying first how much it holds. */
export function readModelText(text: string, onProgress: OnReadProgress = ignore): Result {
  onProgress({ phase: "parsing", bytes: text.length });
  // a first parse only to count what validation will go through; parseModelText has the last word
  // (non-finite numbers, the JSON error's line and column, the size limit)
  let counts: ReadCounts | undefined;
  if (text.length <= MAX_FILE_BYTES) {
    try {
      counts = countsOf(JSON.parse(text));
    } catch {
      counts = undefined;
    }
  }
  onProgress({ phase: "validating", bytes: text.length, counts });
  return parseModelText(text);
}

/** Whether a URL or fragment carries a shared model (`#model=…`). */
export function hasShare(hashOrUrl: string): boolean {
  return Boolean(shareData(hashOrUrl));
}

/**
 * Read a shared model from a full URL, a fragment (`#model=…`), `model=…` or the bare data.
 * Damaged links give one issue at `(share link)`; a readable but invalid model gives its issues.
 */
export function decodeShare(hashOrUrl: string, onProgress: OnReadProgress = ignore): Result {
  const data =
    shareData(hashOrUrl) ?? (/^[A-Za-z0-9_-]+$/.test(hashOrUrl.trim()) ? hashOrUrl.trim() : undefined);
  if (data === undefined || data === "") {
    return fail(SHARE_PATH, "there is no model in this link (expected …#model=…)");
  }
  // base64 inflates 3 bytes to 4; more than that cannot be a link we made for a ≤ 20 MB model
  if (data.length > (MAX_FILE_BYTES / 3) * 4)
    return fail(SHARE_PATH, "the link is too long to be a Seams model");
  const bytes = fromBase64Url(data);
  if (!bytes) {
    return fail(
      SHARE_PATH,
      "the link is damaged: its data is not valid base64url (was it cut short when copied?)",
    );
  }
  onProgress({ phase: "decompressing", bytes: bytes.length });
  const inflated = inflateCapped(bytes, MAX_FILE_BYTES);
  if (inflated === "too large") {
    return fail(
      SHARE_PATH,
      `the link's model is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB once decompressed`,
    );
  }
  if (!inflated) {
    return fail(
      SHARE_PATH,
      "the link is damaged: its data does not decompress (was it cut short when copied?)",
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(inflated);
  } catch {
    return fail(SHARE_PATH, "the link is damaged: its data is not text");
  }
  onProgress({ phase: "parsing", bytes: text.length });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return fail(SHARE_PATH, "the link is damaged: its data is not valid JSON");
  }
  onProgress({ phase: "validating", bytes: text.length, counts: countsOf(value) });
  return validateModel(value);
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

/** Components, links and scenarios of a parsed document (0 where it has no such list). */
export function countsOf(doc: unknown): ReadCounts {
  const lengthOf = (key: string) => {
    const list = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>)[key] : undefined;
    return Array.isArray(list) ? list.length : 0;
  };
  return { components: lengthOf("components"), links: lengthOf("links"), scenarios: lengthOf("scenarios") };
}

function fail(path: string, message: string): Result {
  return { ok: false, issues: [{ path, message }] };
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
