/**
 * "What do we change first?" (SPEC §6): the ranked fixes and the what-if comparison, computed in
 * the decision worker for the model revision they were asked for, and dropped when the model has
 * moved on (revision.ts). Nothing here runs an analysis on the main thread.
 */
import type { Comparison, ReplayOutcome, ReplayResult, WhatIf, Why } from "../engine/index.ts";
import type { Model } from "../model/schema.ts";
import { resultFor, setIfCurrent } from "./revision.ts";
import { askService, connectedServices } from "./services.ts";
import { sliceHook, useSeamsStore } from "./store.ts";

export type { DecisionState } from "./slices/decision.ts";

/** The decision slice of the one store, as a selector hook. */
export const useDecisionStore = sliceHook("decision");

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Rank the fixes for the current revision (no-op when they are known or being computed). */
export function requestFixFirst(): void {
  const services = connectedServices();
  const { model, revision } = useSeamsStore.getState();
  const s = useDecisionStore.getState();
  if (!services || resultFor(s.fixFirst, revision) || s.fixFirstRunning) return;
  useDecisionStore.setState({ fixFirstRunning: true, error: undefined });
  services.decision.fixFirst(model).then(
    (result) => {
      useDecisionStore.setState({ fixFirstRunning: false });
      // the model moved on while we computed: go again for the new revision
      if (!setIfCurrent(revision, "decision", { fixFirst: { revision, result } })) requestFixFirst();
    },
    (error: unknown) => useDecisionStore.setState({ fixFirstRunning: false, error: message(error) }),
  );
}

/** Start (or replace) the what-if; its result lands when the worker is done, for this revision only. */
export function requestWhatIf(spec: WhatIf): void {
  const { model, revision } = useSeamsStore.getState();
  useDecisionStore.setState({ whatIf: { revision, spec, result: undefined }, error: undefined });
  const services = connectedServices();
  if (!services) return;
  services.decision.whatIf(model, spec).then(
    (result) => {
      // a newer what-if replaced this one: its answer is not wanted
      if (useDecisionStore.getState().whatIf?.spec !== spec) return;
      setIfCurrent(revision, "decision", { whatIf: { revision, spec, result } });
    },
    (error: unknown) => useDecisionStore.setState({ error: message(error) }),
  );
}

export function clearWhatIf(): void {
  useDecisionStore.setState({ whatIf: undefined });
}

/** The MEF document of "charger site `chargerId` unusable" for the current model. */
export function exportMefOf(chargerId: string): Promise<string> {
  return askService((s) => s.decision.exportMef(useSeamsStore.getState().model, chargerId));
}

/**
 * Side by side: the baseline document (with its scenarios; see `currentDocument` in scenarios.ts)
 * and up to three of its scenarios. The caller passes the document and keeps the answer with it.
 */
export function compareScenarios(document: Model, ids: string[]): Promise<Comparison> {
  return askService((s) => s.decision.compare(document, ids));
}

/** Why charger site `chargerId` of the current model is unusable. */
export function whyUnusable(chargerId: string): Promise<Why> {
  return askService((s) => s.decision.why(useSeamsStore.getState().model, chargerId));
}

/** A sampled trial of the current model in which `outcome` happened, step by step. */
export function replayOutcome(outcome: ReplayOutcome): Promise<ReplayResult> {
  return askService((s) => s.decision.replay(useSeamsStore.getState().model, outcome));
}
