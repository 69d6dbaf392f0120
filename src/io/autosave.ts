/**
 * Autosave to IndexedDB (idb-keyval) that never loses the last good model (SPEC §9).
 *
 * Two slots and a pointer: a save writes the model into the slot the pointer does not name (the
 * temporary copy), then swaps the pointer to it. A save that fails at either step (quota, private
 * mode, a closed database) leaves the pointer on the previous slot, which is untouched. Loading
 * validates the pointed slot and falls back to the other one, so a damaged save is skipped too — and
 * says so (`readAutosave`), with the time of the copy it opened. On the page a slot is parsed and
 * validated in the reading worker (a 20,000-component autosave froze startup on the main thread),
 * and a save stores the canonical text the read already made (`canonicalText`).
 * A save may be guarded with the version (the pointer's time) its tab last saw: when another tab
 * saved since, the model it saved is handed to `keep` (Recent models) before it is overwritten.
 */
import { del, get, set } from "idb-keyval";
import { canonicalTextInSlices } from "../../workers/parse-canonical.ts";
import { readSavedText } from "../../workers/parse-client.ts";
import type { Model, Result } from "../model/index.ts";
import { canonicalText } from "./file.ts";

/** Parses and validates a saved model's text: in a worker on the page, in this thread without workers. */
export type ParseSaved = (text: string) => Promise<Result>;

/** The few key-value operations autosave needs; idb-keyval by default, a map in tests. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export type SaveResult =
  | { ok: true; savedAt: number; displaced?: Model }
  | { ok: false; isQuotaExceeded: boolean; error: string };

type Slot = "a" | "b";
interface Pointer {
  slot: Slot;
  savedAt: number;
  /** When the other slot was saved (the older copy), if it holds one. */
  otherSavedAt?: number;
}

/** What loading found: the model, when that copy was saved, and why the newest copy was skipped. */
export interface AutosaveRead {
  model: Model;
  /** When the opened copy was saved (undefined when the pointer was lost). */
  savedAt: number | undefined;
  /** The version of the autosave as read (the pointer's time): a guard for the next save. */
  version: number | undefined;
  /** Set when the newest copy could not be read and the older one was opened instead. */
  fellBack?: { reason: string; newestSavedAt: number | undefined };
}

/** Guard of a save: the autosave version this tab last saw, and where a foreign model goes first. */
export interface SaveGuard {
  version: number | undefined;
  /** Keep the model another tab saved (Recent models); a rejection cancels the save. */
  keep(previous: Model): Promise<void>;
}

const POINTER_KEY = "seams:autosave";
const slotKey = (slot: Slot) => `seams:autosave:${slot}`;
const other = (slot: Slot): Slot => (slot === "a" ? "b" : "a");

const idbStore: KeyValueStore = {
  get: (key) => get(key),
  set: (key, value) => set(key, value),
  del: (key) => del(key),
};

// Saves run one after another: two overlapping saves must not write the same spare slot.
let queue: Promise<unknown> = Promise.resolve();

/** Save the model; resolves to an error result (never rejects) when storage refuses it. */
export function saveAutosave(
  model: Model,
  store: KeyValueStore = idbStore,
  guard?: SaveGuard,
): Promise<SaveResult> {
  const run = queue.then(() => writeSlots(model, store, guard));
  queue = run;
  return run;
}

async function writeSlots(model: Model, store: KeyValueStore, guard?: SaveGuard): Promise<SaveResult> {
  try {
    // (in slices: the whole text of an edited 20,000-component model held the page ~1 s)
    const text = await canonicalTextInSlices(model);
    const pointer = await readPointer(store);
    let displaced: Model | undefined;
    if (guard && pointer && pointer.savedAt !== guard.version) {
      // another tab saved since this one looked: its model goes to Recent before it is overwritten
      const foreign = await readAutosave(store);
      if (foreign && canonicalText(foreign.model) !== text) {
        await guard.keep(foreign.model);
        displaced = foreign.model;
      }
    }
    const spare = pointer ? other(pointer.slot) : "a";
    await store.set(slotKey(spare), text);
    const savedAt = Math.max(Date.now(), (pointer?.savedAt ?? 0) + 1);
    await store.set(POINTER_KEY, { slot: spare, savedAt, otherSavedAt: pointer?.savedAt } satisfies Pointer);
    if (guard) guard.version = savedAt;
    return displaced ? { ok: true, savedAt, displaced } : { ok: true, savedAt };
  } catch (error) {
    const isQuotaExceeded = isQuotaError(error);
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      isQuotaExceeded,
      error: isQuotaExceeded
        ? "Browser storage is full, so this change was not autosaved; the previous autosave is kept. Download the model to keep it."
        : `Autosave failed (${reason}); the previous autosave is kept.`,
    };
  }
}

/** The last good autosaved model (validated), or undefined when there is none or storage fails. */
export async function loadAutosave(store: KeyValueStore = idbStore): Promise<Model | undefined> {
  return (await readAutosave(store))?.model;
}

/**
 * The last good autosaved model with when it was saved; `fellBack` says why the newest copy was
 * skipped when the older one was opened. Undefined when nothing readable is saved or storage fails.
 */
export async function readAutosave(
  store: KeyValueStore = idbStore,
  parse: ParseSaved = readSavedText,
): Promise<AutosaveRead | undefined> {
  try {
    const pointer = await readPointer(store);
    const order: Slot[] = pointer ? [pointer.slot, other(pointer.slot)] : ["a", "b"];
    const times = pointer ? [pointer.savedAt, pointer.otherSavedAt] : [undefined, undefined];
    let skipped: string | undefined;
    for (const [index, slot] of order.entries()) {
      const read = await readSlot(store, slot, parse);
      if ("model" in read) {
        const found: AutosaveRead = { model: read.model, savedAt: times[index], version: pointer?.savedAt };
        if (skipped !== undefined && pointer) found.fellBack = { reason: skipped, newestSavedAt: times[0] };
        return found;
      }
      // only a newest copy the pointer names counts as lost; without a pointer, a and b are peers
      if (index === 0 && pointer) skipped = read.reason;
    }
  } catch {
    // storage unavailable (private mode, blocked): behave as if nothing was saved
  }
  return undefined;
}

/** One slot's model, or why it cannot be used. */
async function readSlot(
  store: KeyValueStore,
  slot: Slot,
  parse: ParseSaved,
): Promise<{ model: Model } | { reason: string }> {
  let text: unknown;
  try {
    text = await store.get(slotKey(slot));
  } catch (error) {
    return {
      reason: `storage refused to read it: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (text === undefined) return { reason: "it is missing" };
  if (typeof text !== "string") return { reason: "it is not a saved model" };
  const result = await parse(text);
  if (result.ok) return { model: result.model };
  const first = result.issues[0];
  return { reason: first ? `${first.path}: ${first.message}` : "it is not a valid model" };
}

/** Forget the autosave (both slots and the pointer). */
export async function clearAutosave(store: KeyValueStore = idbStore): Promise<void> {
  await queue.catch(() => undefined);
  await Promise.allSettled([store.del(POINTER_KEY), store.del(slotKey("a")), store.del(slotKey("b"))]);
}

/** Debounced autosave for an editor: `schedule` on every change, `flush` before the page hides. */
export function createAutosaver(options: {
  delayMs?: number;
  store?: KeyValueStore;
  /** How a model is saved (the tab's writer or its Recent entry); the autosave slots by default. */
  save?: (model: Model) => Promise<SaveResult>;
  onResult?: (result: SaveResult) => void;
}): { schedule(model: Model): void; flush(): Promise<SaveResult | undefined>; cancel(): void } {
  const delayMs = options.delayMs ?? 1000;
  let pending: Model | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = async () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const model = pending;
    pending = undefined;
    if (!model) return undefined;
    const result = await (options.save ? options.save(model) : saveAutosave(model, options.store));
    options.onResult?.(result);
    return result;
  };
  return {
    schedule(model) {
      pending = model;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void flush(), delayMs);
    },
    flush,
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending = undefined;
    },
  };
}

async function readPointer(store: KeyValueStore): Promise<Pointer | undefined> {
  const value = await store.get(POINTER_KEY);
  if (typeof value !== "object" || value === null) return undefined;
  const slot = (value as { slot?: unknown }).slot;
  const savedAt = (value as { savedAt?: unknown }).savedAt;
  const otherSavedAt = (value as { otherSavedAt?: unknown }).otherSavedAt;
  if ((slot !== "a" && slot !== "b") || typeof savedAt !== "number") return undefined;
  return typeof otherSavedAt === "number" ? { slot, savedAt, otherSavedAt } : { slot, savedAt };
}

/** Quota errors differ by browser: QuotaExceededError (DOMException code 22) or Firefox's NS_ERROR_DOM_QUOTA_REACHED. */
function isQuotaError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A time as people read it in a notice: "12:04" today, "3 Mar 2026, 12:04" another day (local time). */
export function whenLabel(ms: number, nowMs: number = Date.now()): string {
  const at = new Date(ms);
  const now = new Date(nowMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(at.getHours())}:${pad(at.getMinutes())}`;
  const isToday =
    at.getFullYear() === now.getFullYear() &&
    at.getMonth() === now.getMonth() &&
    at.getDate() === now.getDate();
  return isToday ? clock : `${at.getDate()} ${MONTHS[at.getMonth()]} ${at.getFullYear()}, ${clock}`;
}

/** The notice for an autosave that fell back to its older copy (undefined when it did not). */
export function fallbackNotice(read: AutosaveRead, nowMs: number = Date.now()): string | undefined {
  if (!read.fellBack) return undefined;
  const copy =
    read.savedAt === undefined ? "an earlier copy" : `the copy from ${whenLabel(read.savedAt, nowMs)}`;
  return `The last autosave could not be read (${read.fellBack.reason}); opened ${copy} instead.`;
}
