import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  forgetRecent,
  keepInRecent,
  listRecent,
  RECENT_LIMIT,
  type RecentStore,
  readRecent,
  sourceLabel,
} from "../../src/io/recent.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";

function hello(name = "Hello, Seams"): Model {
  const text = readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8");
  const result = parseModelText(text);
  if (!result.ok) throw new Error("hello is invalid");
  return { ...result.model, name };
}

/** idb-keyval's operations on a map; `update` is one step, as idb-keyval's transaction is. */
class MemoryStore implements RecentStore {
  readonly data = new Map<string, unknown>();
  failWrites = false;
  async get(key: string) {
    return this.data.get(key);
  }
  async set(key: string, value: unknown) {
    if (this.failWrites) throw new Error("The quota has been exceeded.");
    this.data.set(key, value);
  }
  async del(key: string) {
    this.data.delete(key);
  }
  async update<T>(key: string, updater: (old: T | undefined) => T) {
    this.data.set(key, updater(this.data.get(key) as T | undefined));
  }
}

const texts = (store: MemoryStore) =>
  [...store.data.keys()].filter((k) => k.startsWith("seams:recent:")).length;

describe("recent models", () => {
  it("is empty at first", async () => {
    expect(await listRecent(new MemoryStore())).toEqual([]);
  });

  it("keeps a model with its name, time, component count and source, and gives it back whole", async () => {
    const store = new MemoryStore();
    const model = hello("My charging park");
    const entry = await keepInRecent(model, "link", { store, now: 1_000 });
    expect(entry).toMatchObject({ name: "My charging park", keptAt: 1_000, source: "link" });
    expect(entry.componentCount).toBe(model.components.length);
    expect(entry.componentCount).toBeGreaterThan(0);
    expect(await listRecent(store)).toEqual([entry]);
    expect(await readRecent(entry.id, store)).toEqual({ ok: true, model });
  });

  it("lists the newest first and keeps the last 10, forgetting the texts of older ones", async () => {
    const store = new MemoryStore();
    for (let i = 1; i <= 12; i++) await keepInRecent(hello(`model ${i}`), "template", { store, now: i });
    const list = await listRecent(store);
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(list.map((e) => e.name)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((i) => `model ${i}`));
    expect(texts(store)).toBe(RECENT_LIMIT);
  });

  it("keeps the same model once, moved to the top", async () => {
    const store = new MemoryStore();
    const first = await keepInRecent(hello("a"), "file", { store, now: 1 });
    await keepInRecent(hello("b"), "file", { store, now: 2 });
    const again = await keepInRecent(hello("a"), "link", { store, now: 3 });
    expect(again.id).toBe(first.id);
    const list = await listRecent(store);
    expect(list.map((e) => [e.name, e.keptAt, e.source])).toEqual([
      ["a", 3, "link"],
      ["b", 2, "file"],
    ]);
    expect(texts(store)).toBe(2);
  });

  it("updates a tab's own entry in place", async () => {
    const store = new MemoryStore();
    await keepInRecent(hello("other"), "link", { store, now: 1 });
    await keepInRecent(hello("tab edit 1"), "tab", { store, id: "tab-x", now: 2 });
    await keepInRecent(hello("tab edit 2"), "tab", { store, id: "tab-x", now: 3 });
    const list = await listRecent(store);
    expect(list.map((e) => [e.id, e.name])).toEqual([
      ["tab-x", "tab edit 2"],
      [list[1]?.id, "other"],
    ]);
    const read = await readRecent("tab-x", store);
    expect(read.ok && read.model.name).toBe("tab edit 2");
  });

  it("rejects when storage refuses, leaving the list as it was", async () => {
    const store = new MemoryStore();
    await keepInRecent(hello("kept"), "file", { store });
    store.failWrites = true;
    await expect(keepInRecent(hello("too big"), "file", { store })).rejects.toThrow(/quota/);
    expect((await listRecent(store)).map((e) => e.name)).toEqual(["kept"]);
  });

  it("reports a damaged or missing text with its path, and skips a damaged index entry", async () => {
    const store = new MemoryStore();
    const entry = await keepInRecent(hello(), "file", { store });
    store.data.set(`seams:recent:${entry.id}`, '{"schema": ');
    const damaged = await readRecent(entry.id, store);
    expect(damaged.ok).toBe(false);
    if (!damaged.ok) expect(damaged.issues[0]?.message).toMatch(/not valid JSON/);
    const missing = await readRecent("nobody", store);
    expect(missing).toEqual({
      ok: false,
      issues: [{ path: "(recent models)", message: "this model is no longer in Recent models" }],
    });
    store.data.set("seams:recent", [{ id: 3 }, ...(await listRecent(store))]);
    expect((await listRecent(store)).map((e) => e.id)).toEqual([entry.id]);
  });

  it("forgets an entry", async () => {
    const store = new MemoryStore();
    const entry = await keepInRecent(hello(), "new", { store });
    await forgetRecent(entry.id, store);
    expect(await listRecent(store)).toEqual([]);
    expect(texts(store)).toBe(0);
  });

  it("says why a model is there in words", () => {
    expect(sourceLabel("link")).toBe("replaced by a link");
    expect(sourceLabel("tab")).toBe("edited in a second tab");
  });
});
