/** Undo and redo track the model document only; every change of the model moves the revision on. */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { Model } from "../../src/model/schema.ts";
import { parseModelText } from "../../src/model/validate.ts";
import { useAnalysisStore } from "../../src/store/analysis.ts";
import { redo, undo, useModelStore } from "../../src/store/model.ts";
import { useUiStore } from "../../src/store/ui.ts";

function hello(): Model {
  const parsed = parseModelText(readFileSync("public/templates/hello.seams.json", "utf8"));
  if (!parsed.ok) throw new Error("hello template invalid");
  return parsed.model;
}

const history = () => useModelStore.temporal.getState();
const availabilityOfSite = () =>
  useModelStore.getState().model.components.find((c) => c.id === "site")?.availability;

describe("undo history", () => {
  beforeEach(() => useModelStore.getState().load(hello()));

  it("an edit is one step; selection, shown issues, view state and results are not history", () => {
    expect(history().pastStates).toHaveLength(0);
    useModelStore.getState().patchComponent("site", { availability: 0.5 });
    expect(history().pastStates).toHaveLength(1);
    useModelStore.getState().select({ components: ["site"], links: [] });
    useModelStore.getState().showIssues({ title: "t", issues: [] });
    useUiStore.getState().set({ mode: "security" });
    useAnalysisStore.setState({ running: true });
    expect(history().pastStates).toHaveLength(1);
    expect(history().futureStates).toHaveLength(0);
  });

  it("undo and redo restore the model and move the revision forward, never back", () => {
    const before = availabilityOfSite();
    const start = useModelStore.getState().revision;
    useModelStore.getState().patchComponent("site", { availability: 0.5 });
    const edited = useModelStore.getState().revision;
    expect(edited).toBe(start + 1);
    useModelStore.getState().select({ components: ["site"], links: [] });
    undo();
    expect(availabilityOfSite()).toBe(before);
    expect(useModelStore.getState().revision).toBe(edited + 1);
    // the selection is not undone
    expect(useModelStore.getState().selection.components).toEqual(["site"]);
    expect(history().futureStates).toHaveLength(1);
    redo();
    expect(availabilityOfSite()).toBe(0.5);
    expect(useModelStore.getState().revision).toBe(edited + 2);
    expect(history().pastStates).toHaveLength(1);
  });

  it("undo with nothing to undo changes nothing", () => {
    const { revision, model } = useModelStore.getState();
    undo();
    redo();
    expect(useModelStore.getState().revision).toBe(revision);
    expect(useModelStore.getState().model).toBe(model);
  });

  it("undoing an added component drops it from the selection", () => {
    const id = useModelStore.getState().addComponent("csms", { x: 0, y: 0 });
    expect(useModelStore.getState().selection.components).toEqual([id]);
    undo();
    expect(useModelStore.getState().selection.components).toEqual([]);
  });

  it("an edit that changes nothing is no step and keeps the revision", () => {
    const { revision } = useModelStore.getState();
    useModelStore.getState().patchComponent("no-such-component", { availability: 0.5 });
    expect(useModelStore.getState().revision).toBe(revision);
    expect(history().pastStates).toHaveLength(0);
  });

  it("loading a document starts a fresh history and counts a load", () => {
    useModelStore.getState().patchComponent("site", { availability: 0.5 });
    const { loads, revision } = useModelStore.getState();
    useModelStore.getState().load(hello());
    expect(history().pastStates).toHaveLength(0);
    expect(useModelStore.getState().loads).toBe(loads + 1);
    expect(useModelStore.getState().revision).toBe(revision + 1);
    expect(useModelStore.getState().selection).toEqual({ components: [], links: [] });
  });
});
