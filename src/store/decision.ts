/**
 * "What do we change first?" (SPEC §6): the ranked fixes and the what-if comparison, computed in
 * the decision worker for the model revision they were asked for, and dropped when the model has
 * moved on. Nothing here runs an analysis on the main thread.
 */
import { create } from "zustand";
import type { Why } from "../../workers/decision.worker.ts";
import type { Comparison } from "../engine/compare.ts";
import type { FixFirstResult } from "../engine/fixfirst.ts";
import type { PairedResult } from "../engine/paired.ts";
import type { ReplayOutcome, ReplayResult } from "../engine/replay.ts";
import type { WhatIf } from "../engine/whatif.ts";
import type { Model } from "../model/schema.ts";
import { useModelStore } from "./model.ts";

export interface DecisionService {
  fixFirst(model: Model): Promise<FixFirstResult>;
  whatIf(model: Model, w: WhatIf): Promise<PairedResult & { whatIf: WhatIf }>;
  exportMef(model: Model, chargerId: string): Promise<string>;
  compare(model: Model, ids: string[]): Promise<Comparison>;
  why(model: Model, chargerId: string): Promise<Why>;
  replay(model: Model, outcome: ReplayOutcome): Promise<ReplayResult>;
}

export interface DecisionState {
  fixFirst: { revision: number; result: FixFirstResult } | undefined;
  fixFirstRunning: boolean;
  /** The active what-if (components forced / orgs offline) and its result, for one revision. */
  whatIf: { revision: number; spec: WhatIf; result: PairedResult | undefined } | undefined;
  error: string | undefined;
}

export const useDecisionStore = create<DecisionState>()(() => ({
  fixFirst: undefined,
  fixFirstRunning: false,
  whatIf: undefined,
  error: undefined,
}));

let service: DecisionService | undefined;

export function setDecisionService(s: DecisionService | undefined): void {
  service = s;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Rank the fixes for the current revision (no-op when they are known or being computed). */
export function requestFixFirst(): void {
  const { model, revision } = useModelStore.getState();
  const s = useDecisionStore.getState();
  if (!service || s.fixFirst?.revision === revision || s.fixFirstRunning) return;
  useDecisionStore.setState({ fixFirstRunning: true, error: undefined });
  service.fixFirst(model).then(
    (result) => {
      const now = useModelStore.getState().revision;
      useDecisionStore.setState({
        fixFirstRunning: false,
        ...(now === revision ? { fixFirst: { revision, result } } : {}),
      });
      // the model moved on while we computed: go again for the new revision
      if (now !== revision) requestFixFirst();
    },
    (error: unknown) => useDecisionStore.setState({ fixFirstRunning: false, error: message(error) }),
  );
}

/** Start (or replace) the what-if; its result lands when the worker is done, for this revision only. */
export function requestWhatIf(spec: WhatIf): void {
  const { model, revision } = useModelStore.getState();
  useDecisionStore.setState({ whatIf: { revision, spec, result: undefined }, error: undefined });
  if (!service) return;
  service.whatIf(model, spec).then(
    (result) => {
      const w = useDecisionStore.getState().whatIf;
      if (w && w.spec === spec && useModelStore.getState().revision === revision) {
        useDecisionStore.setState({ whatIf: { revision, spec, result } });
      }
    },
    (error: unknown) => useDecisionStore.setState({ error: message(error) }),
  );
}

export function clearWhatIf(): void {
  useDecisionStore.setState({ whatIf: undefined });
}

/** The MEF document of "charger site `chargerId` unusable" for the current model. */
export function exportMefOf(chargerId: string): Promise<string> {
  if (!service) return Promise.reject(new Error("no analysis worker"));
  return service.exportMef(useModelStore.getState().model, chargerId);
}

/**
 * Side by side: the baseline document (with its scenarios; see `currentDocument` in scenarios.ts)
 * and up to three of its scenarios. The caller passes the document and keeps the answer with it.
 */
export function compareScenarios(document: Model, ids: string[]): Promise<Comparison> {
  if (!service) return Promise.reject(new Error("no analysis worker"));
  return service.compare(document, ids);
}

/** Why charger site `chargerId` of the current model is unusable. */
export function whyUnusable(chargerId: string): Promise<Why> {
  if (!service) return Promise.reject(new Error("no analysis worker"));
  return service.why(useModelStore.getState().model, chargerId);
}

/** A sampled trial of the current model in which `outcome` happened, step by step. */
export function replayOutcome(outcome: ReplayOutcome): Promise<ReplayResult> {
  if (!service) return Promise.reject(new Error("no analysis worker"));
  return service.replay(useModelStore.getState().model, outcome);
}
