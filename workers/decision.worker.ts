/**
 * Browser worker for the "what do we change first?" analyses (SPEC §6): importance, the ranked
 * fixes, what-if runs with common random numbers and the Open-PSA export. They take seconds on
 * large models, so they have their own worker and never hold up the live analysis.
 */
import { expose } from "comlink";
import {
  type Comparison,
  compareScenarios,
  explainUnusable,
  exportMef,
  type FixFirstResult,
  fixFirst,
  type ImportanceResult,
  importance,
  type PairedResult,
  type ReplayOutcome,
  type ReplayResult,
  replay,
  simulateWhatIf,
  type WhatIf,
  type Why,
} from "../src/engine/index.ts";
import type { Model } from "../src/model/schema.ts";
import { fromWire, type ModelOnWire } from "./model-wire.ts";

/** What-if trials in the app: the model's budget, at most 200,000 (the paired interval is narrow). */
function whatIfTrials(model: Model): number {
  const work = model.components.length + model.links.length;
  return Math.max(10_000, Math.min(model.settings.trials, 200_000, Math.round(2e8 / Math.max(1, work))));
}

const api = {
  importance(wire: ModelOnWire): ImportanceResult {
    return importance(fromWire(wire), { trials: 20_000 });
  },
  fixFirst(wire: ModelOnWire): FixFirstResult {
    const model = fromWire(wire);
    const work = model.components.length + model.links.length;
    return fixFirst(model, { trials: work > 2000 ? 5_000 : 20_000, perKind: work > 2000 ? 3 : 6 });
  },
  whatIf(wire: ModelOnWire, w: WhatIf): PairedResult & { whatIf: WhatIf } {
    const model = fromWire(wire);
    return { ...simulateWhatIf(model, w, whatIfTrials(model), model.settings.seed), whatIf: w };
  },
  exportMef(wire: ModelOnWire, chargerId: string): string {
    const model = fromWire(wire);
    return exportMef(model, chargerId, { title: model.name });
  },
  /** The baseline and up to three scenarios side by side, paired with the baseline. */
  compare(wire: ModelOnWire, ids: string[]): Comparison {
    const model = fromWire(wire);
    const work = model.components.length + model.links.length;
    return compareScenarios(model, ids, {
      trials: work > 2000 ? 20_000 : 100_000,
      securityTrials: work > 2000 ? 500 : 2_000,
    });
  },
  /** Why a charger site is unusable: exact minimal cut sets, or combinations counted from trials. */
  why(wire: ModelOnWire, chargerId: string): Why {
    return explainUnusable(fromWire(wire), chargerId);
  },
  replay(wire: ModelOnWire, outcome: ReplayOutcome): ReplayResult {
    return replay(fromWire(wire), outcome);
  },
};

export type DecisionWorkerApi = typeof api;

expose(api);
