/**
 * The live analysis: after every edit (debounced) the model goes to the engine's worker pool; the
 * progressive results land in the analysis slice tagged with the model revision they belong to. A
 * result lands only while its revision is the current one (revision.ts); an edit that does not
 * change what the engine sees (a drag, a rename) re-tags the current result instead of re-running.
 */
import { useDeferredValue } from "react";
import type { CouplingShown, SecurityResult, SweepRow } from "../engine/index.ts";
import type { Model } from "../model/schema.ts";
import { semanticKey } from "./edits.ts";
import { isCurrent, resultFor, setIfCurrent } from "./revision.ts";
import { type AnalysisProgress, askService, connectedServices } from "./services.ts";
import { setSlice, sliceHook, useSeamsStore } from "./store.ts";

export type { AnalysisState } from "./slices/analysis.ts";

/** The analysis slice of the one store, as a selector hook. */
export const useAnalysisStore = sliceHook("analysis");

/**
 * The analysis as drawn: deferred, so React renders a streamed result in slices between which the
 * page answers — except when the live one already belongs to the model's current revision and the
 * deferred one does not (a result re-tagged by a drag, a rename, an undo): that one shows at once,
 * so the figures never blink out on an edit the engine does not see. A result is only ever shown
 * for its own revision (the callers use `resultFor`).
 */
export function useDrawnAnalysis<T extends { revision: number }>(live: T, modelRevision: number): T {
  const deferred = useDeferredValue(live);
  return !resultFor(deferred, modelRevision) && resultFor(live, modelRevision) ? live : deferred;
}

/** Stop when the widest 95 % interval half-width is below this (0.2 percentage points). */
export const TARGET_HALF_WIDTH = 0.002;
/** Wait this long after the last edit before starting a run. */
export const DEBOUNCE_MS = 80;

/** Ask for the most frequent attack path to `target` in the current model; stale answers are dropped. */
export function requestAttackPath(target: string): void {
  const { model, revision } = useSeamsStore.getState();
  if (resultFor(useAnalysisStore.getState().attackPath, revision)?.target === target) return;
  askService((s) => s.attackPath(model, target)).then(
    (path) => setIfCurrent(revision, "analysis", { attackPath: { revision, target, path } }),
    () => undefined,
  );
}

/** Run the sweep on the current model (rejects when no worker is there). */
export function runSweep(id: string, max: number): Promise<SweepRow[]> {
  const { model } = useSeamsStore.getState();
  return askService((s) => s.sweep(model, id, max));
}

/** Coupling metrics of any model (e.g. a template), from the coupling worker. */
export function couplingOfModel(model: Model): Promise<CouplingShown> {
  return askService((s) => s.coupling(model));
}

/** Whether the analyses of `b` are those of `a` (same size first, then same semantic key). */
function isSameInputs(a: Model | undefined, b: Model): boolean {
  if (a === undefined || a.components.length !== b.components.length || a.links.length !== b.links.length)
    return false;
  return semanticKey(a) === semanticKey(b);
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The running analysis' hold and resume (startAnalysis sets them; undefined while none runs). */
let holding: { hold(): void; resume(): void } | undefined;

/**
 * Stop the live analysis' runs while a large read needs the page and the cores (issue 19: the
 * results of the model being replaced re-rendered the panels for seconds during the read). The
 * next revision (the model read) runs as usual; `resumeAnalysis` restarts the held one.
 */
export function holdAnalysis(): void {
  holding?.hold();
}

/** Restart the live analysis of the model on the canvas if `holdAnalysis` stopped it (else nothing). */
export function resumeAnalysis(): void {
  holding?.resume();
}

/**
 * Connect the document to the engine (the services must be connected, see services.ts): every new
 * revision is analysed; returns a function that stops listening.
 */
export function startAnalysis(): () => void {
  const services = connectedServices();
  if (!services) throw new Error("startAnalysis: connect the services first (setServices)");
  const { pool, coupling, security } = services;
  // the model of the last run: its inputs are compared only when a result could be kept (a model
  // of another size, a file opened, is never written out as a key: ~0.5 s at 20,000 components)
  let lastModel: Model | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let isHeld = false;

  /** The attack Monte Carlo of `revision`, shown while that revision is the current one. */
  const runSecurity = (model: Model, revision: number) => {
    const showSecurity = (r: SecurityResult | undefined) => {
      if (r) setIfCurrent(revision, "analysis", { security: r, securityRevision: revision });
    };
    security.run(model, showSecurity).then(showSecurity, () => undefined);
  };

  const run = (model: Model, revision: number) => {
    setSlice("analysis", { running: true, error: undefined });
    // the attack run shares the engine workers: it starts once the reliability run has shown its
    // first numbers (or ended), so an edit's first numbers do not wait behind attack batches
    let isSecurityStarted = false;
    const startSecurity = () => {
      if (isSecurityStarted || !isCurrent(revision)) return;
      isSecurityStarted = true;
      runSecurity(model, revision);
    };
    const onProgress = (p: AnalysisProgress) => {
      const { trialsDone, trialsTarget, converged, done } = p;
      const shown = setIfCurrent(p.revision, "analysis", {
        revision: p.revision,
        result: p.result,
        progress: { trialsDone, trialsTarget, converged, done },
        running: !done,
      });
      if (shown) startSecurity();
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
        setIfCurrent(revision, "analysis", { running: false, error: message(error) });
      });
  };

  const onModel = (model: Model, revision: number) => {
    isHeld = false;
    // same analysis inputs: the current numbers stay valid for this revision — once the run is
    // over; a run still on its way for an older revision would be shown for none (its numbers are
    // dropped as stale), so the same inputs then run again for this one
    const shown = useAnalysisStore.getState();
    if (shown.result && !shown.running && isSameInputs(lastModel, model)) {
      setSlice("analysis", { revision });
      return;
    }
    lastModel = model;
    // the last revision's runs end now (this one's attack run starts after its first numbers)
    pool.cancel();
    security.cancel();
    setSlice("analysis", { running: true });
    coupling(model).then(
      (b) => setIfCurrent(revision, "analysis", { blast: b.components, coupling: b }),
      () => undefined,
    );
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (isCurrent(revision)) run(useSeamsStore.getState().model, revision);
    }, DEBOUNCE_MS);
  };

  holding = {
    hold() {
      isHeld = true;
      // the held run is cut short: the next revision runs even with the same inputs (the same file again)
      lastModel = undefined;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pool.cancel();
      security.cancel();
    },
    resume() {
      if (!isHeld) return;
      const s = useSeamsStore.getState();
      onModel(s.model, s.revision);
    },
  };
  const initial = useSeamsStore.getState();
  onModel(initial.model, initial.revision);
  const unsubscribe = useSeamsStore.subscribe((s, prev) => {
    if (s.revision !== prev.revision) onModel(s.model, s.revision);
  });
  return () => {
    holding = undefined;
    unsubscribe();
    if (timer !== undefined) clearTimeout(timer);
    pool.cancel();
  };
}
