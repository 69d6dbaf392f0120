import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import {
  clearAutosave,
  createAutosaver,
  fallbackNotice,
  type KeyValueStore,
  loadAutosave,
  readAutosave,
  type SaveGuard,
  saveAutosave,
  whenLabel,
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

/** Local time today at hh:mm (the notice shows local clock time). */
const todayAt = (hours: number, minutes: number) => new Date(2026, 2, 3, hours, minutes).getTime();

/** Save `model` as if the clock showed `at`. */
async function saveAt(model: Model, store: KeyValueStore, at: number, guard?: SaveGuard) {
  vi.useFakeTimers({ now: at, toFake: ["Date"] });
  try {
    return await saveAutosave(model, store, guard);
  } finally {
    vi.useRealTimers();
  }
}

describe("autosave says which copy it opened", () => {
  it("reads the newest copy without a word when it is good", async () => {
    const store = new MemoryStore();
    await saveAt(hello("older"), store, todayAt(12, 4));
    await saveAt(hello("newer"), store, todayAt(12, 10));
    const read = await readAutosave(store);
    expect(read).toMatchObject({ savedAt: todayAt(12, 10), version: todayAt(12, 10) });
    expect(read?.model.name).toBe("newer");
    expect(read?.fellBack).toBeUndefined();
    if (read) expect(fallbackNotice(read)).toBeUndefined();
  });

  it("falls back from a damaged newest copy and names why and the time of the copy it opened", async () => {
    const store = new MemoryStore();
    await saveAt(hello("older"), store, todayAt(12, 4));
    await saveAt(hello("newer"), store, todayAt(12, 10));
    const pointer = store.data.get("seams:autosave") as { slot: string };
    store.data.set(`seams:autosave:${pointer.slot}`, '{"schema": "seams/1", "name": ');
    const read = await readAutosave(store);
    expect(read?.model.name).toBe("older");
    expect(read?.savedAt).toBe(todayAt(12, 4));
    expect(read?.fellBack?.newestSavedAt).toBe(todayAt(12, 10));
    expect(read?.fellBack?.reason).toBe("(file): not valid JSON: value expected at line 1, column 31");
    if (!read) return;
    const notice = fallbackNotice(read, todayAt(13, 0));
    expect(notice).toMatch(
      /^The last autosave could not be read \(.+\); opened the copy from 12:04 instead\.$/,
    );
  });

  it("falls back from a newest copy that is valid JSON but not a valid model, naming the path", async () => {
    const store = new MemoryStore();
    await saveAt(hello("older"), store, todayAt(9, 30));
    await saveAt(hello("newer"), store, todayAt(9, 45));
    const pointer = store.data.get("seams:autosave") as { slot: string };
    const broken = {
      ...JSON.parse(store.data.get(`seams:autosave:${pointer.slot}`) as string),
      components: 7,
    };
    store.data.set(`seams:autosave:${pointer.slot}`, JSON.stringify(broken));
    const read = await readAutosave(store);
    expect(read?.model.name).toBe("older");
    expect(read?.fellBack?.reason).toContain("components");
    if (read) expect(fallbackNotice(read, todayAt(10, 0))).toContain("opened the copy from 09:30 instead");
  });

  it("says the newest copy is missing, and gives the date of an older day", async () => {
    const store = new MemoryStore();
    await saveAt(hello("older"), store, todayAt(12, 4));
    await saveAt(hello("newer"), store, todayAt(12, 10));
    const pointer = store.data.get("seams:autosave") as { slot: string };
    store.data.delete(`seams:autosave:${pointer.slot}`);
    const read = await readAutosave(store);
    expect(read?.fellBack?.reason).toBe("it is missing");
    if (read)
      expect(fallbackNotice(read, todayAt(12, 4) + 86_400_000)).toContain("the copy from 3 Mar 2026, 12:04");
  });

  it("a pointer of the old format (no time for the other copy) says 'an earlier copy'", async () => {
    const store = new MemoryStore();
    await saveAt(hello("older"), store, todayAt(12, 4));
    await saveAt(hello("newer"), store, todayAt(12, 10));
    const pointer = store.data.get("seams:autosave") as { slot: string; savedAt: number };
    store.data.set("seams:autosave", { slot: pointer.slot, savedAt: pointer.savedAt });
    store.data.set(`seams:autosave:${pointer.slot}`, 42);
    const read = await readAutosave(store);
    expect(read?.model.name).toBe("older");
    if (read)
      expect(fallbackNotice(read)).toBe(
        "The last autosave could not be read (it is not a saved model); opened an earlier copy instead.",
      );
  });

  it("formats times as people read them", () => {
    expect(whenLabel(todayAt(7, 5), todayAt(23, 59))).toBe("07:05");
    expect(whenLabel(todayAt(7, 5), todayAt(7, 5) + 86_400_000)).toBe("3 Mar 2026, 07:05");
  });
});

describe("a guarded save keeps another tab's model first", () => {
  it("hands the model another tab saved to keep, then overwrites it; its own next save does not", async () => {
    const store = new MemoryStore();
    const kept: string[] = [];
    const keep = async (previous: Model) => {
      kept.push(previous.name);
    };
    const tabA: SaveGuard = { version: undefined, keep };
    const tabB: SaveGuard = { version: undefined, keep };
    expect(await saveAt(hello("A's model"), store, todayAt(10, 0), tabA)).toEqual({
      ok: true,
      savedAt: todayAt(10, 0),
    });
    expect(tabA.version).toBe(todayAt(10, 0));
    // B never saw A's save: A's model is kept before B's overwrites it
    const first = await saveAt(hello("B's model"), store, todayAt(10, 1), tabB);
    expect(first).toMatchObject({ ok: true, displaced: { name: "A's model" } });
    expect(kept).toEqual(["A's model"]);
    expect((await saveAt(hello("B's model, edited"), store, todayAt(10, 2), tabB)).ok).toBe(true);
    expect(kept).toEqual(["A's model"]);
    expect((await loadAutosave(store))?.name).toBe("B's model, edited");
  });

  it("keeps nothing when the other tab saved the same model", async () => {
    const store = new MemoryStore();
    const keep = vi.fn(async () => undefined);
    await saveAt(hello("same"), store, todayAt(10, 0), { version: undefined, keep });
    const result = await saveAt(hello("same"), store, todayAt(10, 1), { version: 1, keep });
    expect(result).toEqual({ ok: true, savedAt: todayAt(10, 1) });
    expect(keep).not.toHaveBeenCalled();
  });

  it("does not overwrite when the other tab's model cannot be kept", async () => {
    const store = new MemoryStore();
    await saveAt(hello("theirs"), store, todayAt(10, 0));
    const guard: SaveGuard = {
      version: undefined,
      keep: () => Promise.reject(new Error("Recent models are full")),
    };
    const result = await saveAt(hello("mine"), store, todayAt(10, 1), guard);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.error).toContain("Recent models are full");
    expect((await loadAutosave(store))?.name).toBe("theirs");
  });
});
