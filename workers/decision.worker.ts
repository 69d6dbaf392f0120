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

/** What-if trials in the app: the model's budget, at most 200,000 (the paired interval is narrow). */
function whatIfTrials(model: Model): number {
  const work = model.components.length + model.links.length;
  return Math.max(10_000, Math.min(model.settings.trials, 200_000, Math.round(2e8 / Math.max(1, work))));
}

const api = {
  importance(model: Model): ImportanceResult {
    return importance(model, { trials: 20_000 });
  },
  fixFirst(model: Model): FixFirstResult {
    const work = model.components.length + model.links.length;
    return fixFirst(model, { trials: work > 2000 ? 5_000 : 20_000, perKind: work > 2000 ? 3 : 6 });
  },
  whatIf(model: Model, w: WhatIf): PairedResult & { whatIf: WhatIf } {
    return { ...simulateWhatIf(model, w, whatIfTrials(model), model.settings.seed), whatIf: w };
  },
  exportMef(model: Model, chargerId: string): string {
    return exportMef(model, chargerId, { title: model.name });
  },
  /** The baseline and up to three scenarios side by side, paired with the baseline. */
  compare(model: Model, ids: string[]): Comparison {
    const work = model.components.length + model.links.length;
    return compareScenarios(model, ids, {
      trials: work > 2000 ? 20_000 : 100_000,
      securityTrials: work > 2000 ? 500 : 2_000,
    });
  },
  /** Why a charger site is unusable: exact minimal cut sets, or combinations counted from trials. */
  why(model: Model, chargerId: string): Why {
    return explainUnusable(model, chargerId);
  },
  replay(model: Model, outcome: ReplayOutcome): ReplayResult {
    return replay(model, outcome);
  },
};

export type DecisionWorkerApi = typeof api;

expose(api);
