/**
 * Background services started once the first model is open: autosave to IndexedDB and the live
 * analysis in the worker pool (reliability, the attack Monte Carlo and the sweep; coupling and
 * attack paths in a worker of their own; the decision worker), connected to the store once. Both
 * follow the document.
 */
import { wrap } from "comlink";
import { useEffect } from "react";
import type { CouplingWorkerApi } from "../../workers/coupling.worker.ts";
import type { DecisionWorkerApi } from "../../workers/decision.worker.ts";
import { toWire } from "../../workers/model-wire.ts";
import { createBrowserPool } from "../../workers/pool.ts";
import { securityTrials } from "../engine/index.ts";
import { startAnalysis } from "../store/analysis.ts";
import { setServices } from "../store/services.ts";
import { startSaving } from "./saving.ts";

/** Once `ready` (the first model is open): autosave, and the workers connected to the store; undone on unmount. */
export function useBackgroundServices(ready: boolean): void {
  useEffect(() => {
    if (!ready) return;
    // autosave, coordinated with other tabs (saving.ts)
    const stopSaving = startSaving();

    const pool = createBrowserPool();
    const couplingWorker = new Worker(new URL("../../workers/coupling.worker.ts", import.meta.url), {
      type: "module",
    });
    const coupling = wrap<CouplingWorkerApi>(couplingWorker);
    const decisionWorker = new Worker(new URL("../../workers/decision.worker.ts", import.meta.url), {
      type: "module",
    });
    const decision = wrap<DecisionWorkerApi>(decisionWorker);
    // each attack run compiles its model afresh on the workers: a run number of its own is its revision
    let securityRuns = 0;
    setServices({
      pool,
      // models cross as their text (model-wire.ts): a clone of a large one held the page up
      coupling: async (model) => coupling.coupling(await toWire(model)),
      security: {
        run: (model, onProgress) =>
          pool
            .runSecurity(
              model,
              {
                revision: ++securityRuns,
                trials: securityTrials(model),
                seed: model.settings.seed,
                horizonDays: model.settings.horizonDays,
              },
              (p) => onProgress(p.result),
            )
            .then((final) => final?.result),
        cancel: () => pool.cancelSecurity(),
      },
      attackPath: async (model, target) => coupling.attackPath(await toWire(model), target),
      sweep: (model, id, max) =>
        pool
          .runSweep(model, id, max, () => undefined)
          .then((rows) => {
            if (!rows) throw new Error("a newer sweep replaced this one");
            return rows;
          }),
      decision: {
        fixFirst: async (model) => decision.fixFirst(await toWire(model)),
        whatIf: async (model, w) => decision.whatIf(await toWire(model), w),
        exportMef: async (model, id) => decision.exportMef(await toWire(model), id),
        compare: async (model, ids) => decision.compare(await toWire(model), ids),
        why: async (model, id) => decision.why(await toWire(model), id),
        replay: async (model, outcome) => decision.replay(await toWire(model), outcome),
      },
    });
    const stopAnalysis = startAnalysis();
    return () => {
      stopSaving();
      stopAnalysis();
      setServices(undefined);
      pool.dispose();
      couplingWorker.terminate();
      decisionWorker.terminate();
    };
  }, [ready]);
}
