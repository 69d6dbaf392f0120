import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import {
  clearAutosave,
  createAutosaver,
  type KeyValueStore,
  loadAutosave,
  saveAutosave,
} from "../../src/io/autosave.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";

function hello(name = "Hello, Seams"): Model {
  const text = readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8");
  const result = parseModelText(text);
  if (!result.ok) throw new Error("hello is invalid");
  return { ...result.model, name };
}

/** An in-memory store that can be told to refuse writes the way a full IndexedDB does. */
class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, unknown>();
  failWritesWith: Error | undefined;
  failWritesTo: ((key: string) => boolean) | undefined;

  async get(key: string) {
    return this.data.get(key);
  }
  async set(key: string, value: unknown) {
    if (this.failWritesWith && (this.failWritesTo?.(key) ?? true)) throw this.failWritesWith;
    this.data.set(key, value);
  }
  async del(key: string) {
    this.data.delete(key);
  }
}

const quotaError = () =>
  Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });

describe("autosave", () => {
  it("returns undefined when nothing was saved", async () => {
    expect(await loadAutosave(new MemoryStore())).toBeUndefined();
  });

  it("loads the last saved model", async () => {
    const store = new MemoryStore();
    expect((await saveAutosave(hello("first"), store)).ok).toBe(true);
    expect((await saveAutosave(hello("second"), store)).ok).toBe(true);
    expect((await loadAutosave(store))?.name).toBe("second");
    expect((await saveAutosave(hello("third"), store)).ok).toBe(true);
    expect(await loadAutosave(store)).toEqual(hello("third"));
  });

  it("keeps the previous model when the quota is exceeded, and says so", async () => {
    const store = new MemoryStore();
    await saveAutosave(hello("good"), store);
    store.failWritesWith = quotaError();
    const result = await saveAutosave(hello("too big"), store);
    expect(result).toMatchObject({ ok: false, isQuotaExceeded: true });
    if (!result.ok) expect(result.error).toMatch(/storage is full.*previous autosave is kept/);
    expect((await loadAutosave(store))?.name).toBe("good");
  });

  it("keeps the previous model when the swap itself fails", async () => {
    const store = new MemoryStore();
    await saveAutosave(hello("good"), store);
    store.failWritesWith = new Error("database closed");
    store.failWritesTo = (key) => key === "seams:autosave";
    const result = await saveAutosave(hello("half-written"), store);
    expect(result).toMatchObject({ ok: false, isQuotaExceeded: false });
    expect((await loadAutosave(store))?.name).toBe("good");
  });

  it("falls back to the other slot when the current one is damaged", async () => {
    const store = new MemoryStore();
    await saveAutosave(hello("older"), store);
    await saveAutosave(hello("newer"), store);
    const pointer = store.data.get("seams:autosave") as { slot: string };
    store.data.set(`seams:autosave:${pointer.slot}`, '{"schema": "seams/1", "name": ');
    expect((await loadAutosave(store))?.name).toBe("older");
  });

  it("never throws when storage is unavailable", async () => {
    const broken: KeyValueStore = {
      get: () => Promise.reject(new Error("no IndexedDB")),
      set: () => Promise.reject(new Error("no IndexedDB")),
      del: () => Promise.reject(new Error("no IndexedDB")),
    };
    expect(await loadAutosave(broken)).toBeUndefined();
    expect((await saveAutosave(hello(), broken)).ok).toBe(false);
    await expect(clearAutosave(broken)).resolves.toBeUndefined();
  });

  it("keeps the newest of overlapping saves", async () => {
    const store = new MemoryStore();
    await Promise.all(["one", "two", "three"].map((name) => saveAutosave(hello(name), store)));
    expect((await loadAutosave(store))?.name).toBe("three");
  });

  it("clears", async () => {
    const store = new MemoryStore();
    await saveAutosave(hello(), store);
    await clearAutosave(store);
    expect(await loadAutosave(store)).toBeUndefined();
  });

  it("debounces: saves the last scheduled model once", async () => {
    vi.useFakeTimers();
    try {
      const store = new MemoryStore();
      const onResult = vi.fn();
      const saver = createAutosaver({ delayMs: 500, store, onResult });
      saver.schedule(hello("a"));
      saver.schedule(hello("b"));
      await vi.advanceTimersByTimeAsync(600);
      expect(onResult).toHaveBeenCalledTimes(1);
      expect((await loadAutosave(store))?.name).toBe("b");
      saver.schedule(hello("c"));
      expect((await saver.flush())?.ok).toBe(true);
      expect((await loadAutosave(store))?.name).toBe("c");
    } finally {
      vi.useRealTimers();
    }
  });
});
