/** Scenario sessions: drafting from edits, entering, saving, discarding; what gets saved meanwhile. */
import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { Model } from "../../src/model/schema.ts";
import { parseModelText, validateModel } from "../../src/model/validate.ts";
import { useModelStore } from "../../src/store/model.ts";
import {
  currentDocument,
  discardSession,
  enterScenario,
  saveSession,
  startDraft,
  useScenarioStore,
} from "../../src/store/scenarios.ts";

function hello(): Model {
  const parsed = parseModelText(
    readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8"),
  );
  if (!parsed.ok) throw new Error("hello template invalid");
  return parsed.model;
}

const availabilityOf = (m: Model, id: string) => m.components.find((c) => c.id === id)?.availability;

describe("scenario sessions", () => {
  beforeEach(() => useModelStore.getState().load(hello()));

  it("a draft's edits become a scenario and the baseline comes back", () => {
    const before = useModelStore.getState().model;
    startDraft();
    useModelStore.getState().patchComponent("site", { availability: 0.5 });
    // meanwhile, what would be saved is the baseline with the draft as a scenario
    const doc = currentDocument();
    expect(availabilityOf(doc, "site")).toBe(availabilityOf(before, "site"));
    expect(doc.scenarios?.[0].set?.components?.site).toEqual({ availability: 0.5 });
    expect(validateModel(JSON.parse(JSON.stringify(doc))).ok).toBe(true);
    saveSession("Half-broken site");
    const after = useModelStore.getState().model;
    expect(useScenarioStore.getState().session).toBeUndefined();
    expect(availabilityOf(after, "site")).toBe(availabilityOf(before, "site"));
    expect(after.scenarios?.map((s) => [s.id, s.name])).toEqual([["half-broken-site", "Half-broken site"]]);
  });

  it("entering a scenario shows its model; edits there change the scenario; discarding keeps the old one", () => {
    startDraft();
    useModelStore.getState().patchComponent("site", { availability: 0.5 });
    saveSession("S");
    enterScenario("s");
    expect(availabilityOf(useModelStore.getState().model, "site")).toBe(0.5);
    useModelStore.getState().patchComponent("site", { availability: 0.6 });
    discardSession();
    enterScenario("s");
    expect(availabilityOf(useModelStore.getState().model, "site")).toBe(0.5);
    useModelStore.getState().patchComponent("site", { availability: 0.7 });
    enterScenario(undefined); // back to the baseline, keeping the edit
    const m = useModelStore.getState().model;
    expect(m.scenarios?.[0].set?.components?.site).toEqual({ availability: 0.7 });
    expect(availabilityOf(m, "site")).not.toBe(0.7);
  });

  it("loading another document ends the session", () => {
    startDraft();
    useModelStore.getState().load(hello());
    expect(useScenarioStore.getState().session).toBeUndefined();
  });
});
