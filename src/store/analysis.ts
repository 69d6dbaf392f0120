/**
 * The live analysis: after every edit (debounced) the model goes to the engine's worker pool; the
 * progressive results land here tagged with the model revision they belong to. A result is shown
 * only while its revision is the store's current one; an edit that does not change what the engine
 * sees (a drag, a rename) re-tags the current result instead of re-running.
 */
import { useDeferredValue } from "react";
import { create } from "zustand";
import type { BlastRadius } from "../engine/blast.ts";
import type { CouplingResult } from "../engine/coupling.ts";
import type { SecurityResult } from "../engine/security.ts";
import type { SweepRow } from "../engine/sweep.ts";
import type { ReliabilityResult } from "../engine/types.ts";
import type { Model } from "../model/schema.ts";
import { semanticKey } from "./edits.ts";
import { useModelStore } from "./model.ts";

/** The part of the worker pool the UI uses (workers/pool.ts implements it). */
export interface AnalysisPool {
  runReliability(
    model: Model,
    options: { revision: number; trials: number; seed: number; targetHalfWidth?: number },
    onProgress: (p: AnalysisProgress) => void,
  ): Promise<AnalysisProgress | undefined>;
  cancel(): void;
  dispose(): void;
}

export interface AnalysisProgress {
  revision: number;
  trialsDone: number;
  trialsTarget: number;
  converged: boolean;
  done: boolean;
  result: ReliabilityResult;
}

export interface AnalysisState {
  /** Revision of the model the result belongs to. */
  revision: number;
  result: ReliabilityResult | undefined;
  blast: Record<string, BlastRadius> | undefined;
  /** Coupling metrics of the current revision (deterministic; SPEC §5). */
  coupling: CouplingResult | undefined;
  /** Attack Monte Carlo of the current revision, and of the revision before the last hardening. */
  security: SecurityResult | undefined;
  securityRevision: number;
  /** The most frequent attack path to a chosen component, for the revision it was computed on. */
  attackPath: { revision: number; target: string; path: SecurityResult["criticalPath"] } | undefined;
  progress: { trialsDone: number; trialsTarget: number; converged: boolean; done: boolean } | undefined;
  running: boolean;
  error: string | undefined;
}

/**
 * The analysis as drawn: deferred, so React renders a streamed result in slices between which the
 * page answers — except when the live one already belongs to the model's current revision and the
 * deferred one does not (a result re-tagged by a drag, a rename, an undo): that one shows at once,
 * so the figures never blink out on an edit the engine does not see. A result is only ever shown
 * for its own revision (the callers compare `revision`).
 */
export function useDrawnAnalysis<T extends { revision: number }>(live: T, modelRevision: number): T {
  const deferred = useDeferredValue(live);
  return deferred.revision !== modelRevision && live.revision === modelRevision ? live : deferred;
}

export const useAnalysisStore = create<AnalysisState>()(() => ({
  revision: -1,
  result: undefined,
  blast: undefined,
  coupling: undefined,
  security: undefined,
  securityRevision: -1,
  attackPath: undefined,
  progress: undefined,
  running: false,
  error: undefined,
}));

/** Stop when the widest 95 % interval half-width is below this (0.2 percentage points). */
export const TARGET_HALF_WIDTH = 0.002;
/** Wait this long after the last edit before starting a run. */
export const DEBOUNCE_MS = 80;

/** Deterministic coupling metrics and blast radius, computed off the main thread (a worker). */
export type CouplingService = (model: Model) => Promise<CouplingResult>;
/**
 * The attack Monte Carlo (SPEC §4), off the main thread: `run`'s partial results (with their
 * intervals) go to `onProgress` as batches land; its promise settles with the last one (undefined:
 * superseded or cancelled). `cancel` ends the current run.
 */
export interface SecurityService {
  run(model: Model, onProgress: (r: SecurityResult) => void): Promise<SecurityResult | undefined>;
  cancel(): void;
}

/** Attack paths to a chosen component, off the main thread (a worker). */
export type AttackPathService = (model: Model, target: string) => Promise<SecurityResult["criticalPath"]>;
let attackPathService: AttackPathService | undefined;

export function setAttackPathService(service: AttackPathService | undefined): void {
  attackPathService = service;
}

/** Ask for the most frequent attack path to `target` in the current model; stale answers are dropped. */
export function requestAttackPath(target: string): void {
  const { model, revision } = useModelStore.getState();
  const known = useAnalysisStore.getState().attackPath;
  if (known && known.revision === revision && known.target === target) return;
  attackPathService?.(model, target).then(
    (path) => {
      if (useModelStore.getState().revision === revision) {
        useAnalysisStore.setState({ attackPath: { revision, target, path } });
      }
    },
    () => undefined,
  );
}

/** The interoperability sweep, off the main thread (the engine worker pool, one N per worker). */
export type SweepService = (model: Model, id: string, max: number) => Promise<SweepRow[]>;
let sweepService: SweepService | undefined;

export function setSweepService(service: SweepService | undefined): void {
  sweepService = service;
}

/** Run the sweep on the current model (rejects when no worker is there). */
export function runSweep(id: string, max: number): Promise<SweepRow[]> {
  if (!sweepService) return Promise.reject(new Error("no analysis worker"));
  return sweepService(useModelStore.getState().model, id, max);
}

let couplingService: CouplingService | undefined;

/** Coupling metrics of any model (e.g. a template), from the coupling worker. */
export function couplingOfModel(model: Model): Promise<CouplingResult> {
  if (!couplingService) return Promise.reject(new Error("no analysis worker"));
  return couplingService(model);
}

/** Connect the model store to the engine: returns a function that stops listening. */
export function startAnalysis(
  pool: AnalysisPool,
  couplingOf: CouplingService,
  security?: SecurityService,
): () => void {
  let lastKey = "";
  let timer: ReturnType<typeof setTimeout> | undefined;
  couplingService = couplingOf;

  /** The attack Monte Carlo of `revision`, shown while that revision is the current one. */
  const runSecurity = (model: Model, revision: number) => {
    const showSecurity = (r: SecurityResult | undefined) => {
      if (r && useModelStore.getState().revision === revision) {
        useAnalysisStore.setState({ security: r, securityRevision: revision });
      }
    };
    security?.run(model, showSecurity).then(showSecurity, () => undefined);
  };

  const run = (model: Model, revision: number) => {
    useAnalysisStore.setState({ running: true, error: undefined });
    // the attack run shares the engine workers: it starts once the reliability run has shown its
    // first numbers (or ended), so an edit's first numbers do not wait behind attack batches
    let isSecurityStarted = false;
    const startSecurity = () => {
      if (isSecurityStarted || revision !== useModelStore.getState().revision) return;
      isSecurityStarted = true;
      runSecurity(model, revision);
    };
    const onProgress = (p: AnalysisProgress) => {
      if (p.revision !== useModelStore.getState().revision) return;
      useAnalysisStore.setState({
        revision: p.revision,
        result: p.result,
        progress: {
          trialsDone: p.trialsDone,
          trialsTarget: p.trialsTarget,
          converged: p.converged,
          done: p.done,
        },
        running: !p.done,
      });
      startSecurity();
    };
    pool
      .runReliability(
        model,
        {
          revision,
          trials: model.settings.trials,
          seed: model.settings.seed,
          targetHalfWidth: TARGET_HALF_WIDTH,
        },
        onProgress,
      )
      .then((final) => {
        if (final) onProgress({ ...final, done: true });
      })
      .catch((error: unknown) => {
        startSecurity();
        if (revision !== useModelStore.getState().revision) return;
        useAnalysisStore.setState({
          running: false,
          error: error instanceof Error ? error.message : String(error),
        });
      });
  };

  const onModel = (model: Model, revision: number) => {
    const key = semanticKey(model);
    if (key === lastKey) {
      // same analysis inputs: the current numbers stay valid for this revision
      const a = useAnalysisStore.getState();
      if (a.result) useAnalysisStore.setState({ revision });
      return;
    }
    lastKey = key;
    // the last revision's runs end now (this one's attack run starts after its first numbers)
    pool.cancel();
    security?.cancel();
    useAnalysisStore.setState({ running: true });
    couplingOf(model).then(
      (b) => {
        if (useModelStore.getState().revision === revision) {
          useAnalysisStore.setState({ blast: b.components, coupling: b });
        }
      },
      () => undefined,
    );
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const s = useModelStore.getState();
      if (s.revision === revision) run(s.model, s.revision);
    }, DEBOUNCE_MS);
  };

  const initial = useModelStore.getState();
  onModel(initial.model, initial.revision);
  const unsubscribe = useModelStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision) onModel(s.model, s.revision);
  });
  return () => {
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    pool.cancel();
  };
}
