/**
 * Scenario sessions (issue 8). The document is always the baseline with its scenarios; to draft or
 * edit a scenario the editor works on the scenario's model for a while:
 * - `startDraft()` marks the current baseline; the user edits as usual; `saveSession(name)` stores
 *   the edits as a scenario (`diffModels`) and brings the baseline back;
 * - `enterScenario(id)` puts the scenario's model on the canvas (the live analysis follows, as for
 *   any document); edits change the scenario; `saveSession()` keeps them, `discardSession()` not;
 *   entering another scenario (or the baseline) keeps the current one's edits first.
 * While a session is open, `documentOf(model)` is what saving, sharing and autosave write: the
 * baseline with the session's scenario as it stands, never the scenario's model on its own.
 * Entering or leaving a session starts a fresh undo history (the undo steps belong to one model).
 */
import { applyScenario, diffModels } from "../model/scenario.ts";
import type { Model, Scenario } from "../model/schema.ts";
import { sliceHook, useSeamsStore } from "./store.ts";

export type { ScenarioSession } from "./slices/scenario.ts";

/** The scenario slice of the one store, as a selector hook. */
export const useScenarioStore = sliceHook("scenario");

const newId = (base: Model, name: string) => {
  const stem =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "scenario";
  const taken = new Set((base.scenarios ?? []).map((s) => s.id));
  let id = stem;
  for (let k = 2; taken.has(id); k++) id = `${stem}-${k}`;
  return id;
};

/** The document to save: the baseline with the open session's scenario as it stands now. */
export function documentOf(model: Model): Model {
  const session = useScenarioStore.getState().session;
  if (!session) return model;
  const id = session.id ?? newId(session.base, session.name);
  const scenario = diffModels(session.base, model, id, session.name);
  const old = session.base.scenarios?.find((s) => s.id === id);
  if (old?.description) scenario.description = old.description;
  const others = (session.base.scenarios ?? []).filter((s) => s.id !== id);
  const { scenarios: _ignored, ...baseline } = session.base;
  return { ...baseline, scenarios: [...others, scenario] };
}

/** The current document (baseline + scenarios), whether or not a session is open. */
export function currentDocument(): Model {
  return documentOf(useSeamsStore.getState().model);
}

/** Put `model` on the canvas as a new revision with a fresh undo history (not a new document: no load). */
function show(model: Model): void {
  useSeamsStore.setState({
    model,
    revision: useSeamsStore.getState().revision + 1,
    selection: { components: [], links: [] },
  });
  useSeamsStore.temporal.getState().clear();
}

/** Start drafting a scenario from the current baseline (edits from here on become the scenario). */
export function startDraft(name = "New scenario"): void {
  if (useScenarioStore.getState().session) saveSession();
  useScenarioStore.setState({ session: { id: undefined, name, base: useSeamsStore.getState().model } });
}

/** Put scenario `id` on the canvas (keeping the edits of an open session first); undefined: the baseline. */
export function enterScenario(id: string | undefined): void {
  const baseline = useScenarioStore.getState().session ? saveSession() : useSeamsStore.getState().model;
  if (id === undefined) return;
  const scenario = baseline.scenarios?.find((s) => s.id === id);
  if (!scenario) throw new RangeError(`no scenario "${id}"`);
  useScenarioStore.setState({ session: { id, name: scenario.name, base: baseline } });
  show({ ...applyScenario(baseline, scenario), scenarios: baseline.scenarios });
}

/** Keep the session's edits as its scenario and go back to the baseline; returns the baseline document. */
export function saveSession(name?: string): Model {
  const session = useScenarioStore.getState().session;
  if (!session) return useSeamsStore.getState().model;
  if (name !== undefined) useScenarioStore.setState({ session: { ...session, name } });
  const doc = documentOf(useSeamsStore.getState().model);
  useScenarioStore.setState({ session: undefined });
  show(doc);
  return doc;
}

/** Leave the session without keeping its edits. */
export function discardSession(): void {
  const session = useScenarioStore.getState().session;
  if (!session) return;
  useScenarioStore.setState({ session: undefined });
  show(session.base);
}

/** Remove a scenario from the document (from the baseline view). */
export function deleteScenario(id: string): void {
  if (useScenarioStore.getState().session) saveSession();
  const m = useSeamsStore.getState().model;
  useSeamsStore
    .getState()
    .replace({ ...m, scenarios: (m.scenarios ?? []).filter((s: Scenario) => s.id !== id) });
}

/** A document was loaded (file, template, share link, restore): any session belongs to the old one. */
export function forgetSession(): void {
  useScenarioStore.setState({ session: undefined });
}

useSeamsStore.subscribe((s, prev) => {
  // a new document (file, template, share link) ends any session of the old one
  if (s.loads !== prev.loads) forgetSession();
});
