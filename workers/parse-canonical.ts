/**
 * A model's canonical JSON (schema key order), and the model handed from the reading worker to the
 * page in parts (issue 19): one structured clone of a 20,000-component model held the page for
 * ~0.5 s under load, so the worker sends JSON texts of a few hundred KB — strings copy flat — and
 * the page parses them one per task, yielding between, and gets the canonical text for free (the
 * autosave and Recent models store it instead of serialising the model again on the main thread).
 */
import {
  chainSchema,
  commonCauseSchema,
  componentSchema,
  latencySchema,
  linkSchema,
  type Model,
  modelSchema,
  orgSchema,
  settingsSchema,
} from "../src/model/index.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);
const MODEL_KEYS = keysOf(modelSchema);
const ORDER: Record<string, string[]> = {
  orgs: keysOf(orgSchema),
  components: keysOf(componentSchema),
  links: keysOf(linkSchema),
  commonCauses: keysOf(commonCauseSchema),
  chains: keysOf(chainSchema),
};
const SETTINGS_KEYS = keysOf(settingsSchema);
const LATENCY_KEYS = keysOf(latencySchema);

/** Copy of `value` with its keys in `order` first (schema order), then any others as found. */
function ordered(value: object, order: readonly string[]): { [key: string]: Json } {
  const source = value as Record<string, unknown>;
  const out: { [key: string]: Json } = {};
  const put = (key: string) => {
    const v = source[key];
    if (v === undefined) return;
    out[key] =
      key === "latencyMs" && typeof v === "object" && v !== null ? ordered(v, LATENCY_KEYS) : (v as Json);
  };
  for (const key of order) put(key);
  for (const key of Object.keys(source)) if (!order.includes(key)) put(key);
  return out;
}

/** The model as plain JSON data with every object's keys in schema order. */
export function canonicalModel(model: Model): { [key: string]: Json } {
  const top = ordered(model, MODEL_KEYS);
  for (const [key, order] of Object.entries(ORDER)) {
    const list = top[key];
    if (Array.isArray(list)) top[key] = list.map((item) => ordered(item as object, order));
  }
  if (top.settings) top.settings = ordered(top.settings as object, SETTINGS_KEYS);
  return top;
}

/** Canonical texts already known, by model object (models are never mutated: an edit makes a new one). */
const knownTexts = new WeakMap<Model, string>();

/** The model's canonical compact JSON (`JSON.stringify(canonicalModel(model))`), computed once per model. */
export function canonicalText(model: Model): string {
  const known = knownTexts.get(model);
  if (known !== undefined) return known;
  const text = JSON.stringify(canonicalModel(model));
  knownTexts.set(model, text);
  return text;
}

/** Items stringified between two looks at the clock (one look per item cost more than the item). */
const ITEMS_PER_LOOK = 32;

/**
 * Each list item's text, by item object: an edit makes a new model that shares every item it did
 * not change, so the text of an edited 20,000-component model is one item's text and a join.
 */
const itemTexts = new WeakMap<object, string>();
/** Texts being built, so the autosave, Recent and the workers' wire build one between them. */
const buildingTexts = new WeakMap<Model, Promise<string>>();

/**
 * `canonicalText(model)`, built on the calling thread an item at a time with `pause` once a slice
 * of `sliceMs` is used (the whole text of an edited 20,000-component model took ~1 s of the page in
 * one piece), from the texts of items seen in an earlier model; remembered like canonicalText's.
 */
export function canonicalTextInSlices(
  model: Model,
  pause: () => Promise<void> = yieldToPage,
  sliceMs: number = SLICE_MS,
): Promise<string> {
  const known = knownTexts.get(model);
  if (known !== undefined) return Promise.resolve(known);
  let building = buildingTexts.get(model);
  if (building === undefined) {
    building = buildInSlices(model, pause, sliceMs).finally(() => buildingTexts.delete(model));
    buildingTexts.set(model, building);
  }
  return building;
}

async function buildInSlices(model: Model, pause: () => Promise<void>, sliceMs: number): Promise<string> {
  const top = ordered(model, MODEL_KEYS);
  const texts = new Map<string, string>();
  let sliceStart = performance.now();
  for (const [key, order] of Object.entries(ORDER)) {
    const list = top[key];
    if (!Array.isArray(list)) continue;
    const items: string[] = [];
    for (let i = 0; i < list.length; i++) {
      if (i % ITEMS_PER_LOOK === 0 && performance.now() - sliceStart > sliceMs) {
        await pause();
        sliceStart = performance.now();
      }
      items.push(itemText(list[i], order));
    }
    texts.set(key, `[${items.join(",")}]`);
  }
  if (top.settings) top.settings = ordered(top.settings as object, SETTINGS_KEYS);
  const text = `{${Object.keys(top)
    .map((key) => `${JSON.stringify(key)}:${texts.get(key) ?? JSON.stringify(top[key])}`)
    .join(",")}}`;
  knownTexts.set(model, text);
  return text;
}

/** An item's canonical text (as JSON.stringify writes an array's item: not an object, as it is; undefined as null). */
function itemText(item: unknown, order: readonly string[]): string {
  if (typeof item !== "object" || item === null) return JSON.stringify(item) ?? "null";
  let text = itemTexts.get(item);
  if (text === undefined) {
    text = JSON.stringify(ordered(item, order));
    itemTexts.set(item, text);
  }
  return text;
}

/** The JSON texts a model travels in from the worker: the rest of the model, and its lists in slices. */
export interface ModelParts {
  /** The canonical model with each non-empty list left empty (`[]`), keys in schema order. */
  shell: string;
  /** Each non-empty top-level list's items, as JSON arrays of at most PART_CHARS characters each. */
  lists: { key: string; chunks: string[] }[];
}

/** About how many characters of JSON one part holds (~0.3 MB: a few ms to parse). */
export const PART_CHARS = 256 * 1024;

/** Split a (validated) model into the parts the page parses one at a time. */
export function modelParts(model: Model): ModelParts {
  const top = canonicalModel(model);
  const lists: ModelParts["lists"] = [];
  for (const [key, value] of Object.entries(top)) {
    if (!Array.isArray(value) || value.length === 0) continue;
    const chunks: string[] = [];
    let slice: string[] = [];
    let chars = 0;
    for (const item of value) {
      const text = JSON.stringify(item);
      if (slice.length > 0 && chars + text.length > PART_CHARS) {
        chunks.push(`[${slice.join(",")}]`);
        slice = [];
        chars = 0;
      }
      slice.push(text);
      chars += text.length + 1;
    }
    chunks.push(`[${slice.join(",")}]`);
    lists.push({ key, chunks });
    top[key] = [];
  }
  return { shell: JSON.stringify(top), lists };
}

/** Let the page handle its input and timers: the Prioritized Task Scheduling API, else a macrotask. */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === "function") return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Parse on the main thread for at most this long before yielding to the page. */
const SLICE_MS = 8;

/**
 * The model of `parts`, parsed one part at a time with `pause` once a slice of `sliceMs` is used,
 * and its canonical text remembered (`canonicalText` returns it without serialising the model again).
 */
export async function assembleModel(
  parts: ModelParts,
  pause: () => Promise<void> = yieldToPage,
  sliceMs: number = SLICE_MS,
): Promise<Model> {
  const doc = JSON.parse(parts.shell) as Record<string, unknown>;
  const texts = new Map<string, string>();
  let sliceStart = performance.now();
  for (const { key, chunks } of parts.lists) {
    const items: unknown[] = [];
    for (const chunk of chunks) {
      if (performance.now() - sliceStart > sliceMs) {
        await pause();
        sliceStart = performance.now();
      }
      for (const item of JSON.parse(chunk) as unknown[]) items.push(item);
    }
    // assigning a key the shell has keeps the key order
    doc[key] = items;
    texts.set(key, `[${chunks.map((chunk) => chunk.slice(1, -1)).join(",")}]`);
  }
  const model = doc as unknown as Model;
  const text = `{${Object.keys(doc)
    .map((key) => `${JSON.stringify(key)}:${texts.get(key) ?? JSON.stringify(doc[key])}`)
    .join(",")}}`;
  knownTexts.set(model, text);
  return model;
}
