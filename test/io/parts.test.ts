/**
 * The reading worker's answer in parts (workers/parse-canonical.ts) and saved models parsed off
 * the main thread (issue 19): the page gets the same model and its canonical text, assembled a
 * part at a time; the autosave and Recent models hand their texts to the reading worker's parse.
 */
import { readFileSync } from "node:fs";
import { expose } from "comlink";
import { describe, expect, it } from "vitest";
import { type KeyValueStore, readAutosave, saveAutosave } from "../../src/io/autosave.ts";
import { canonicalModel, canonicalText } from "../../src/io/file.ts";
import {
  forgetRecent,
  keepInRecent,
  type RecentStore,
  readRecent,
  TEXT_PIECE_CHARS,
} from "../../src/io/recent.ts";
import { type Model, parseModelText, type Result } from "../../src/model/index.ts";
import { fromWire, toWire } from "../../workers/model-wire.ts";
import type { ParseWorkerApi } from "../../workers/parse.worker.ts";
import {
  assembleModel,
  canonicalTextInSlices,
  modelParts,
  PART_CHARS,
} from "../../workers/parse-canonical.ts";
import { fnv1a, fnv1aInSlices } from "../../workers/parse-canonical-hash.ts";
import { type ReadWorker, readSavedText } from "../../workers/parse-client.ts";
import { readInParts } from "../../workers/parse-core.ts";
import { flatModel } from "../fixtures/hostile.ts";

function parsed(text: string): Model {
  const result = parseModelText(text);
  if (!result.ok) throw new Error(`invalid: ${JSON.stringify(result.issues.slice(0, 2))}`);
  return result.model;
}

const reference = parsed(
  readFileSync(new URL("../../public/templates/reference.seams.json", import.meta.url), "utf8"),
);
/** 6,000 sites on 20 CSMSs, two links each: ~2 MB of JSON, several parts per list. */
const national = parsed(JSON.stringify(flatModel(6000, 20, 2)));

function memoryStore(): RecentStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
    del: async (key) => void data.delete(key),
    update: async <T>(key: string, updater: (old: T | undefined) => T) =>
      void data.set(key, updater(data.get(key) as T | undefined)),
  };
}

/** The reading worker's API (parse-core's readInParts) on a MessageChannel in this thread. */
function inThreadWorker(): { worker: ReadWorker; state: { terminated: boolean } } {
  const { port1, port2 } = new MessageChannel();
  expose({ read: readInParts } satisfies ParseWorkerApi, port2);
  port1.start();
  const state = { terminated: false };
  const worker: ReadWorker = {
    postMessage: ((message: unknown, transfer?: Transferable[]) =>
      port1.postMessage(message, { transfer: transfer ?? [] })) as ReadWorker["postMessage"],
    addEventListener: port1.addEventListener.bind(port1) as ReadWorker["addEventListener"],
    removeEventListener: port1.removeEventListener.bind(port1) as ReadWorker["removeEventListener"],
    terminate: () => {
      state.terminated = true;
      port1.close();
      port2.close();
    },
  };
  return { worker, state };
}

describe("a model in parts", () => {
  it("splits each list into parts of about PART_CHARS characters, the rest in the shell", () => {
    const parts = modelParts(national);
    expect(parts.lists.map((l) => l.key)).toEqual(["components", "links"]);
    const components = parts.lists[0].chunks;
    expect(components.length).toBeGreaterThan(1);
    const longestItem = Math.max(...national.components.map((c) => JSON.stringify(c).length));
    for (const chunk of components) expect(chunk.length).toBeLessThanOrEqual(PART_CHARS + longestItem + 2);
    expect(JSON.parse(parts.shell)).toMatchObject({ components: [], links: [], orgs: [] });
  });

  it("assembles to the same model, with its canonical text known, pausing between parts", async () => {
    const parts = modelParts(national);
    let pauses = 0;
    // a slice shorter than any part: the page gets a pause before each one
    const pause = async () => {
      pauses += 1;
    };
    const model = await assembleModel(parts, pause, -1);
    expect(pauses).toBe(parts.lists.reduce((sum, list) => sum + list.chunks.length, 0));
    expect(model).toEqual(national);
    expect(Object.keys(model)).toEqual(Object.keys(canonicalModel(national)));
    expect(canonicalText(model)).toBe(JSON.stringify(canonicalModel(national)));
  });

  it("keeps the key order and text of a model with scenarios, orgs and chains (the reference)", async () => {
    const model = await assembleModel(modelParts(reference));
    expect(model).toEqual(reference);
    expect(canonicalText(model)).toBe(JSON.stringify(canonicalModel(reference)));
  });
});

describe("saved models are parsed by the reading worker", () => {
  it("reads a saved text through the worker and gets the model with its canonical text", async () => {
    const { worker, state } = inThreadWorker();
    const text = JSON.stringify(canonicalModel(national));
    const result = await readSavedText(text, () => worker);
    expect(result.ok && result.model).toEqual(national);
    expect(result.ok && canonicalText(result.model)).toBe(text);
    expect(state.terminated).toBe(true);
  });

  it("reports a broken saved text with parseModelText's message", async () => {
    const { worker } = inThreadWorker();
    const result = await readSavedText('{"schema": "seams/1", "name": ', () => worker);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ path: "(file)", message: /not valid JSON/ });
  });

  it("the autosave hands each slot's text to the parse it is given, and falls back past a bad one", async () => {
    const store: KeyValueStore = memoryStore();
    await saveAutosave({ ...reference, name: "older" }, store);
    await saveAutosave({ ...reference, name: "newer" }, store);
    const seen: string[] = [];
    const parse = async (text: string): Promise<Result> => {
      seen.push((JSON.parse(text) as { name: string }).name);
      // the newest copy is refused: the older one opens
      return seen.length === 1
        ? { ok: false, issues: [{ path: "(file)", message: "refused" }] }
        : parseModelText(text);
    };
    const read = await readAutosave(store, parse);
    expect(seen).toEqual(["newer", "older"]);
    expect(read?.model.name).toBe("older");
    expect(read?.fellBack?.reason).toBe("(file): refused");
  });

  it("Recent models hand the kept text to the parse it is given", async () => {
    const store = memoryStore();
    const entry = await keepInRecent(national, "file", { store });
    const texts: string[] = [];
    const result = await readRecent(entry.id, store, async (text) => {
      texts.push(text);
      return parseModelText(text);
    });
    expect(texts).toEqual([JSON.stringify(canonicalModel(national))]);
    expect(result.ok && result.model).toEqual(national);
  });

  it("saving a model read from parts stores the text the read made, equal to serialising it", async () => {
    const store = memoryStore();
    const model = await assembleModel(modelParts(national));
    await saveAutosave(model, store);
    const pointer = (await store.get("seams:autosave")) as { slot: string };
    expect(await store.get(`seams:autosave:${pointer.slot}`)).toBe(JSON.stringify(canonicalModel(national)));
  });
});

describe("Recent models keep a model without holding the page (text, hash and writes in slices)", () => {
  it("builds the canonical text a slice at a time, equal to serialising it at once", async () => {
    for (const source of [national, reference]) {
      const model = structuredClone(source); // (a new object: no text known for it yet)
      let pauses = 0;
      const text = await canonicalTextInSlices(
        model,
        async () => {
          pauses += 1;
        },
        -1,
      );
      expect(text).toBe(JSON.stringify(canonicalModel(source)));
      expect(pauses).toBeGreaterThan(source === national ? 100 : 1);
      expect(canonicalText(model)).toBe(text);
    }
  });

  it("an edited model's text reuses the texts of the items it shares, and equals serialising it", async () => {
    const before = structuredClone(national);
    const text = await canonicalTextInSlices(before, async () => undefined, -1);
    // an edit: a new model sharing every item but one renamed component (models are never mutated)
    const at = 4321;
    const edited: Model = {
      ...before,
      components: before.components.map((c, i) => (i === at ? { ...c, name: `${c.name} (edited)` } : c)),
    };
    const editedText = await canonicalTextInSlices(edited, async () => undefined, -1);
    expect(editedText).toBe(JSON.stringify(canonicalModel(edited)));
    expect(editedText.length - text.length).toBe(" (edited)".length);
    // a shared item is looked up, not serialised again: written over in place (which the app never
    // does), another model sharing it still gets its first text
    const shared = before.components[7];
    const name = shared.name;
    (shared as { name: string }).name = "written over";
    const again = await canonicalTextInSlices({ ...edited, name: "again" }, async () => undefined, -1);
    expect(again).toContain(JSON.stringify(name));
    expect(again).not.toContain("written over");
  });

  it("two builds of one model's text at once are one build: the same string, one set of pauses", async () => {
    const model = structuredClone(reference);
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    const [a, b] = await Promise.all([
      canonicalTextInSlices(model, pause, -1),
      canonicalTextInSlices(model, pause, -1),
    ]);
    expect(a).toBe(b);
    const once = pauses;
    const alone = structuredClone(reference);
    pauses = 0;
    await canonicalTextInSlices(alone, pause, -1);
    expect(once).toBe(pauses);
  });

  it("a model crosses to a worker as its text and is read back equal; the same text twice, the same object", async () => {
    for (const source of [reference, national]) {
      const model = structuredClone(source);
      const wire = await toWire(model);
      expect(typeof wire.canonical).toBe("string");
      const read = fromWire(structuredClone(wire));
      expect(read).toEqual(canonicalModel(source));
      expect(read).toEqual(JSON.parse(JSON.stringify(source)));
      // a second post of the same text (another string object) reads as the same model
      expect(fromWire({ canonical: `${wire.canonical} `.trimEnd() })).toBe(read);
    }
  });

  it("hashes a slice at a time to fnv1a's hash", async () => {
    // (FNV-1a 32 of "seams", worked out apart in Python)
    expect(fnv1a("seams")).toBe("d97aecc0-5");
    const text = canonicalText(national);
    let pauses = 0;
    const pause = async () => {
      pauses += 1;
    };
    expect(await fnv1aInSlices(text, pause, 100_000)).toBe(fnv1a(text));
    expect(pauses).toBe(Math.ceil(text.length / 100_000) - 1);
    expect(await fnv1aInSlices("", pause)).toBe(fnv1a(""));
  });

  it("stores a long text in pieces: read back whole, the old pieces deleted when replaced or forgotten", async () => {
    const store = memoryStore();
    const pieceKeys = async () =>
      ((await store.get(`seams:recent:tab-1`)) as { pieces: string[] } | undefined)?.pieces ?? [];
    await keepInRecent(national, "tab", { store, id: "tab-1" });
    const first = await pieceKeys();
    expect(first.length).toBe(Math.ceil(canonicalText(national).length / TEXT_PIECE_CHARS));
    const edited = { ...national, name: "national, edited" };
    await keepInRecent(edited, "tab", { store, id: "tab-1" });
    const second = await pieceKeys();
    expect(second.length).toBe(first.length);
    for (const key of first) expect(await store.get(key)).toBeUndefined();
    const read = await readRecent("tab-1", store);
    expect(read.ok && read.model).toEqual(edited);
    await forgetRecent("tab-1", store);
    for (const key of second) expect(await store.get(key)).toBeUndefined();
    expect(await readRecent("tab-1", store)).toMatchObject({ ok: false });
  });
});
