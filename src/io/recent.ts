/**
 * Recent models (IndexedDB via idb-keyval, like the autosave): every model that left the canvas —
 * replaced by a link, a template, a file, a new model or a restore, or kept from another tab — so
 * nothing a person made is lost without asking (SPEC §9, issue 19). The last 10, newest first.
 *
 * The text is the canonical text, built and hashed on the page a slice at a time
 * (canonicalTextInSlices, fnv1aInSlices) and stored in pieces of TEXT_PIECE_CHARS, one write each
 * (one write of a 13 M-character text held the page ~0.2–0.3 s; sending it to a worker ~0.1 s, as
 * a string is copied): keeping a 20 MB model leaves the page answering. A text of one piece is
 * stored as it is; a longer one as a list of its pieces' keys, written after them.
 *
 * An index (one key, updated in one transaction so tabs do not overwrite each other's entries)
 * holds each entry's name, time, component count, source and a hash of its text; each model's text
 * has a key of its own, written before the index names it. The same model kept twice is one entry,
 * moved to the top.
 */
import { del, get, set, update } from "idb-keyval";
import { canonicalTextInSlices, yieldToPage } from "../../workers/parse-canonical.ts";
import { fnv1aInSlices } from "../../workers/parse-canonical-hash.ts";
import { readSavedText } from "../../workers/parse-client.ts";
import type { Model, Result } from "../model/index.ts";
import type { KeyValueStore, ParseSaved } from "./autosave.ts";

export { whenLabel } from "./autosave.ts";

/** How many models Recent keeps. */
export const RECENT_LIMIT = 10;

/** Why a model went to Recent: what replaced it on the canvas, or that another tab had it. */
export type RecentSource = "link" | "template" | "file" | "new" | "restore" | "tab";

/** One kept model, as the Recent list shows it. */
export interface RecentEntry {
  id: string;
  name: string;
  /** When it was kept (ms since 1970). */
  keptAt: number;
  /** Components of the baseline. */
  componentCount: number;
  source: RecentSource;
  /** FNV-1a of the canonical text: the same model is kept once. */
  hash: string;
}

/** The key-value operations Recent needs: autosave's, and an atomic read-modify-write. */
export interface RecentStore extends KeyValueStore {
  update<T>(key: string, updater: (old: T | undefined) => T): Promise<void>;
}

const INDEX_KEY = "seams:recent";
const textKey = (id: string) => `seams:recent:${id}`;
/** Characters per stored piece of a text (~1–2 MB: a write of a few tens of ms). */
export const TEXT_PIECE_CHARS = 1 << 20;
/** Where a long text's pieces are: their keys, in order. */
interface TextPieces {
  pieces: string[];
}
const isPieces = (value: unknown): value is TextPieces =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as TextPieces).pieces) &&
  (value as TextPieces).pieces.every((k) => typeof k === "string");

/**
 * Store `text` as entry `id`'s: as it is when short, else in pieces (each its own write, the page
 * answering between) under keys new to this write, then the list naming them, then the pieces of
 * the text it replaced are deleted — a write cut short leaves the old text whole.
 */
async function writeText(store: RecentStore, id: string, text: string): Promise<void> {
  const old = await store.get(textKey(id)).catch(() => undefined);
  if (text.length <= TEXT_PIECE_CHARS) await store.set(textKey(id), text);
  else {
    const write = newId();
    const pieces: string[] = [];
    for (let start = 0; start < text.length; start += TEXT_PIECE_CHARS) {
      const key = `seams:recent-piece:${id}:${write}:${pieces.length}`;
      await store.set(key, text.slice(start, start + TEXT_PIECE_CHARS));
      pieces.push(key);
    }
    await store.set(textKey(id), { pieces } satisfies TextPieces);
  }
  if (isPieces(old)) await Promise.allSettled(old.pieces.map((key) => store.del(key)));
}

/** Entry `id`'s text (joined from its pieces); undefined when it or a piece is missing. */
async function readText(store: RecentStore, id: string): Promise<unknown> {
  const value = await store.get(textKey(id));
  if (!isPieces(value)) return value;
  const pieces = await Promise.all(value.pieces.map((key) => store.get(key)));
  return pieces.every((p) => typeof p === "string") ? pieces.join("") : undefined;
}

/** Delete entry `id`'s text and its pieces. */
async function deleteText(store: RecentStore, id: string): Promise<void> {
  const value = await store.get(textKey(id)).catch(() => undefined);
  await store.del(textKey(id));
  if (isPieces(value)) await Promise.allSettled(value.pieces.map((key) => store.del(key)));
}

const idbStore: RecentStore = {
  get: (key) => get(key),
  set: (key, value) => set(key, value),
  del: (key) => del(key),
  update: (key, updater) => update(key, updater),
};

/** Why it is in Recent, in words ("replaced by a link"). */
export function sourceLabel(source: RecentSource): string {
  switch (source) {
    case "link":
      return "replaced by a link";
    case "template":
      return "replaced by a template";
    case "file":
      return "replaced by a file";
    case "new":
      return "replaced by a new model";
    case "restore":
      return "replaced by a restored model";
    case "tab":
      return "edited in a second tab";
    default:
      return source satisfies never;
  }
}

/**
 * Keep `model` in Recent (at the top; the same model already there moves up). `id` names an entry
 * to update in place (a tab's own copy); resolves to the entry kept. Rejects when storage fails.
 */
export async function keepInRecent(
  model: Model,
  source: RecentSource,
  options: { id?: string; store?: RecentStore; now?: number } = {},
): Promise<RecentEntry> {
  const store = options.store ?? idbStore;
  const text = await canonicalTextInSlices(model);
  const hash = await fnv1aInSlices(text, yieldToPage);
  const entry: RecentEntry = {
    id: options.id ?? newId(),
    name: model.name,
    keptAt: options.now ?? Date.now(),
    componentCount: model.components.length,
    source,
    hash,
  };
  await writeText(store, entry.id, text);
  let dropped: string[] = [];
  let kept = entry;
  await store.update<RecentEntry[]>(INDEX_KEY, (old) => {
    const index = validIndex(old);
    const same = index.find((e) => e.hash === hash && e.id !== entry.id);
    // the same model under another id: keep that one's text, under its id, at the top
    kept = same ? { ...entry, id: same.id } : entry;
    const rest = index.filter((e) => e.id !== kept.id && e.id !== entry.id);
    const next = [kept, ...rest].slice(0, RECENT_LIMIT);
    dropped = index.filter((e) => !next.some((n) => n.id === e.id)).map((e) => e.id);
    if (same) dropped.push(entry.id);
    return next;
  });
  await Promise.allSettled(dropped.map((id) => deleteText(store, id)));
  return kept;
}

/** The kept models, newest first (empty when storage is unavailable). */
export async function listRecent(store: RecentStore = idbStore): Promise<RecentEntry[]> {
  try {
    return validIndex(await store.get(INDEX_KEY));
  } catch {
    return [];
  }
}

/** The model of entry `id`, validated like any file (SPEC §9), in the reading worker on the page. */
export async function readRecent(
  id: string,
  store: RecentStore = idbStore,
  parse: ParseSaved = readSavedText,
): Promise<Result> {
  let text: unknown;
  try {
    text = await readText(store, id);
  } catch (error) {
    return failure(
      `Recent models could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof text !== "string") return failure("this model is no longer in Recent models");
  return parse(text);
}

/** Forget entry `id`. */
export async function forgetRecent(id: string, store: RecentStore = idbStore): Promise<void> {
  await store.update<RecentEntry[]>(INDEX_KEY, (old) => validIndex(old).filter((e) => e.id !== id));
  await deleteText(store, id).catch(() => undefined);
}

const failure = (message: string): Result => ({
  ok: false,
  issues: [{ path: "(recent models)", message }],
});

/** The index as stored, keeping only well-formed entries (a damaged one is skipped, not fatal). */
function validIndex(value: unknown): RecentEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (e): e is RecentEntry =>
      typeof e === "object" &&
      e !== null &&
      typeof e.id === "string" &&
      typeof e.name === "string" &&
      typeof e.keptAt === "number" &&
      typeof e.componentCount === "number" &&
      typeof e.source === "string" &&
      typeof e.hash === "string",
  );
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
