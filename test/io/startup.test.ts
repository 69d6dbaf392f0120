import { readFileSync } from "node:fs";
import { deflateSync } from "fflate";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type KeyValueStore, saveAutosave } from "../../src/io/autosave.ts";
import { encodeShare } from "../../src/io/share.ts";
import { loadStartupModel } from "../../src/io/startup.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";

const read = (file: string) =>
  readFileSync(new URL(`../../public/templates/${file}`, import.meta.url), "utf8");

function model(file: string, name?: string): Model {
  const result = parseModelText(read(file));
  if (!result.ok) throw new Error(`${file} is invalid`);
  return name ? { ...result.model, name } : result.model;
}

function memoryStore(): KeyValueStore {
  const data = new Map<string, unknown>();
  return {
    get: async (key) => data.get(key),
    set: async (key, value) => void data.set(key, value),
    del: async (key) => void data.delete(key),
  };
}

beforeEach(() => {
  vi.stubGlobal(
    "fetch",
    vi.fn(
      async (url: string) => new Response(read(url.replace(`${import.meta.env.BASE_URL}templates/`, ""))),
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe("the model the app opens with", () => {
  it("is the reference ecosystem on first run", async () => {
    const start = await loadStartupModel("", memoryStore());
    expect(start).toMatchObject({ source: "template", issues: [] });
    expect(start.source !== "none" && start.model).toEqual(model("reference.seams.json"));
  });

  it("is the last autosave when there is one", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const start = await loadStartupModel("", store);
    expect(start.source === "autosave" && start.model.name).toBe("my work");
  });

  it("is a shared link before the autosave", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const shared = model("p2p-mesh.seams.json");
    const start = await loadStartupModel(`#model=${encodeShare(shared)}`, store);
    expect(start).toEqual({ source: "share", model: shared, issues: [] });
  });

  it("reports a damaged link and keeps the autosave", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const start = await loadStartupModel("#model=AAAA$$", store);
    expect(start.source === "autosave" && start.model.name).toBe("my work");
    expect(start.issues[0].path).toBe("(share link)");
  });
  it("refuses a link of 100,000 nested arrays with a message and keeps the autosave", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const deep = `{"schema":"seams/1","name":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    const data = Buffer.from(deflateSync(new TextEncoder().encode(deep), { level: 9 })).toString("base64url");
    expect(data.length).toBeLessThan(1000); // a short link
    const start = await loadStartupModel(`#model=${data}`, store);
    expect(start.source === "autosave" && start.model.name).toBe("my work");
    expect(start.issues[0].message).toMatch(/nested too deeply/);
  });

  it("reads the link with the reader it is given (the page's worker) and opens its model", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const shared = model("p2p-mesh.seams.json");
    const read: string[] = [];
    const start = await loadStartupModel("#model=from-the-worker", store, async (hash) => {
      read.push(hash);
      return { ok: true, model: shared };
    });
    expect(read).toEqual(["#model=from-the-worker"]);
    expect(start).toEqual({ source: "share", model: shared, issues: [] });
  });

  it("opens the autosave without an issue when the user cancels reading the link", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const start = await loadStartupModel(
      `#model=${encodeShare(model("p2p-mesh.seams.json"))}`,
      store,
      async () => "cancelled",
    );
    expect(start.source === "autosave" && start.model.name).toBe("my work");
    expect(start.issues).toEqual([]);
  });

  it("reports a reader that throws and opens the autosave", async () => {
    const store = memoryStore();
    await saveAutosave(model("hello.seams.json", "my work"), store);
    const start = await loadStartupModel("#model=AAAA", store, async () => {
      throw new Error("the worker died");
    });
    expect(start.source === "autosave" && start.model.name).toBe("my work");
    expect(start.issues).toEqual([
      { path: "(link)", message: "the link could not be read: Error: the worker died" },
    ]);
  });
});
