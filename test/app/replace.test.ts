/**
 * replaceModel, the one way a model takes the place of the one on the canvas (issue 19): what is
 * kept in Recent models, what the notice says, Restore, a refusal of storage, and the startup's
 * share link and fallen-back autosave — with idb-keyval on a map.
 */
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const idb = vi.hoisted(() => ({ data: new Map<string, unknown>(), failWrites: false }));
vi.mock("idb-keyval", () => ({
  get: async (key: string) => idb.data.get(key),
  set: async (key: string, value: unknown) => {
    if (idb.failWrites) throw new Error("The quota has been exceeded.");
    idb.data.set(key, value);
  },
  del: async (key: string) => {
    idb.data.delete(key);
  },
  update: async (key: string, updater: (old: unknown) => unknown) => {
    if (idb.failWrites) throw new Error("The quota has been exceeded.");
    idb.data.set(key, updater(idb.data.get(key)));
  },
}));

import { newModel, openStartupModel, replaceModel, restoreRecent } from "../../src/app/commands/replace.ts";
import { saveAutosave } from "../../src/io/autosave.ts";
import { listRecent } from "../../src/io/recent.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";
import { undo, useModelStore } from "../../src/store/model.ts";

function hello(name = "Hello, Seams"): Model {
  const text = readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8");
  const result = parseModelText(text);
  if (!result.ok) throw new Error("hello is invalid");
  return { ...result.model, name };
}

const notices = () => useModelStore.getState().notices.map((n) => ({ id: n.id, text: n.text }));
const confirm = vi.fn((_message: string) => false);

beforeEach(() => {
  idb.data.clear();
  idb.failWrites = false;
  confirm.mockReset();
  vi.stubGlobal("window", { confirm });
  useModelStore.setState({ notices: [] });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Put `model` on the canvas as if it came from `kind`, then rename it (an edit). */
function edited(model: Model, kind: "template" | "file", newName: string): void {
  useModelStore.getState().load(model, { kind });
  useModelStore.getState().patchModel({ name: newName });
}

describe("replacing the model on the canvas", () => {
  it("keeps an edited model in Recent, says so, and Restore brings it back", async () => {
    edited(hello(), "template", "My charging park");
    expect(await replaceModel(hello("Their model"), { kind: "file", label: "theirs.seams.json" })).toBe(true);
    expect(useModelStore.getState().model.name).toBe("Their model");
    const [entry, ...more] = await listRecent();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ name: "My charging park", source: "file" });
    const [notice] = useModelStore.getState().notices;
    expect(notice).toMatchObject({
      id: "replaced",
      text: "Opened “Their model” from the file “theirs.seams.json”. Your previous model “My charging park” is in Recent models.",
      action: { kind: "restore", recentId: entry?.id },
    });

    await restoreRecent(entry?.id ?? "");
    expect(useModelStore.getState().model.name).toBe("My charging park");
    // the model Restore replaced (from a file) is kept in its turn
    expect((await listRecent()).map((e) => [e.name, e.source])).toEqual([
      ["Their model", "restore"],
      ["My charging park", "file"],
    ]);
    expect(notices()).toEqual([
      {
        id: "replaced",
        text: "Opened “My charging park” from Recent models. Your previous model “Their model” is in Recent models.",
      },
    ]);
  });

  it("keeps nothing for a template nobody edited (the Templates menu has it), and says nothing", async () => {
    useModelStore.getState().load(hello("Template as it came"), { kind: "template" });
    await replaceModel(hello("Next"), { kind: "template" });
    expect(await listRecent()).toEqual([]);
    expect(notices()).toEqual([]);
    // an edit undone is the template as it came again; an edit is not
    useModelStore.getState().patchModel({ name: "Undone" });
    undo();
    await replaceModel(hello("Next again"), { kind: "template" });
    expect(await listRecent()).toEqual([]);
    useModelStore.getState().patchModel({ name: "Touched" });
    await replaceModel(hello("After"), { kind: "new" });
    expect((await listRecent()).map((e) => e.name)).toEqual(["Touched"]);
    expect(notices()[0]?.text).toBe(
      "Started a new model. Your previous model “Touched” is in Recent models.",
    );
  });

  it("the first-run card's Start blank keeps even an unedited template, with Restore", async () => {
    useModelStore.getState().load(hello("The reference"), { kind: "template" });
    expect(await newModel(true)).toBe(true);
    expect(useModelStore.getState().model.components).toEqual([]);
    expect((await listRecent()).map((e) => e.name)).toEqual(["The reference"]);
    expect(notices()[0]?.text).toBe(
      "Started a new model. Your previous model “The reference” is in Recent models.",
    );
  });

  it("asks before replacing a model it cannot keep; Cancel leaves it on the canvas", async () => {
    edited(hello(), "file", "Unsaved work");
    idb.failWrites = true;
    expect(await replaceModel(hello("Incoming"), { kind: "link" })).toBe(false);
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(confirm.mock.calls[0]?.[0]).toContain(
      "Your model “Unsaved work” could not be kept in Recent models (The quota has been exceeded.)",
    );
    expect(useModelStore.getState().model.name).toBe("Unsaved work");
    confirm.mockReturnValue(true);
    expect(await replaceModel(hello("Incoming"), { kind: "link" })).toBe(true);
    expect(useModelStore.getState().model.name).toBe("Incoming");
  });
});

describe("the model the app starts with", () => {
  it("a share link keeps the autosaved model in Recent before it opens", async () => {
    await saveAutosave(hello("Autosaved work"));
    await openStartupModel({ source: "share", model: hello("From the link"), issues: [] });
    expect(useModelStore.getState().model.name).toBe("From the link");
    expect((await listRecent()).map((e) => [e.name, e.source])).toEqual([["Autosaved work", "link"]]);
    expect(notices()).toEqual([
      {
        id: "replaced",
        text: "Opened “From the link” from a link. Your previous model “Autosaved work” is in Recent models.",
      },
    ]);
  });

  it("an autosave that fell back to its older copy says so", async () => {
    await openStartupModel({
      source: "autosave",
      model: hello("Older copy"),
      issues: [],
      autosave: {
        model: hello("Older copy"),
        savedAt: undefined,
        version: 2,
        fellBack: { reason: "it is missing", newestSavedAt: 2 },
      },
    });
    expect(useModelStore.getState().model.name).toBe("Older copy");
    expect(notices()).toEqual([
      {
        id: "autosave-fallback",
        text: "The last autosave could not be read (it is missing); opened an earlier copy instead.",
      },
    ]);
  });
});
