/**
 * Autosave to IndexedDB (idb-keyval) that never loses the last good model (SPEC §9).
 *
 * Two slots and a pointer: a save writes the model into the slot the pointer does not name (the
 * temporary copy), then swaps the pointer to it. A save that fails at either step (quota, private
 * mode, a closed database) leaves the pointer on the previous slot, which is untouched. Loading
 * validates the pointed slot and falls back to the other one, so a damaged save is skipped too.
 */
import { del, get, set } from "idb-keyval";
import { type Model, parseModelText } from "../model/index.ts";
import { canonicalModel } from "./file.ts";

/** The few key-value operations autosave needs; idb-keyval by default, a map in tests. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export type SaveResult =
  | { ok: true; savedAt: number }
  | { ok: false; isQuotaExceeded: boolean; error: string };

type Slot = "a" | "b";
interface Pointer {
  slot: Slot;
  savedAt: number;
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
export function saveAutosave(model: Model, store: KeyValueStore = idbStore): Promise<SaveResult> {
  const run = queue.then(() => writeSlots(model, store));
  queue = run;
  return run;
}

async function writeSlots(model: Model, store: KeyValueStore): Promise<SaveResult> {
  try {
    const text = JSON.stringify(canonicalModel(model));
    const pointer = await readPointer(store);
    const spare = pointer ? other(pointer.slot) : "a";
    await store.set(slotKey(spare), text);
    const savedAt = Date.now();
    await store.set(POINTER_KEY, { slot: spare, savedAt } satisfies Pointer);
    return { ok: true, savedAt };
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
  try {
    const pointer = await readPointer(store);
    const order: Slot[] = pointer ? [pointer.slot, other(pointer.slot)] : ["a", "b"];
    for (const slot of order) {
      const text = await store.get(slotKey(slot)).catch(() => undefined);
      if (typeof text !== "string") continue;
      const result = parseModelText(text);
      if (result.ok) return result.model;
    }
  } catch {
    // storage unavailable (private mode, blocked): behave as if nothing was saved
  }
  return undefined;
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
    const result = await saveAutosave(model, options.store);
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
  return (slot === "a" || slot === "b") && typeof savedAt === "number" ? { slot, savedAt } : undefined;
}

/** Quota errors differ by browser: QuotaExceededError (DOMException code 22) or Firefox's NS_ERROR_DOM_QUOTA_REACHED. */
function isQuotaError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22;
}
