/**
 * Compare scenarios side by side (issue 8): the baseline and up to three scenarios, each run on the
 * same seed and paired trial by trial with the baseline, so every difference has its paired 95 %
 * interval; plus the coupling figures (deterministic) and the attacker-controllable power.
 */
import { applyScenario, type Model } from "../model/index.ts";
import { compileReliability } from "./compile/index.ts";
import { coupling } from "./coupling.ts";
import { type PairedDeltas, simulatePaired } from "./paired.ts";
import { simulateReliability } from "./reliability/simulate.ts";
import { simulateSecurity } from "./security/index.ts";
import type { MeanEstimate, ReliabilityResult } from "./types.ts";

export interface ScenarioFigures {
  id: string;
  name: string;
  reliability: ReliabilityResult;
  integrations: number;
  seams: number;
  controllableKw: MeanEstimate;
}

export interface Comparison {
  trials: number;
  seed: number;
  baseline: ScenarioFigures;
  scenarios: (ScenarioFigures & { delta: PairedDeltas })[];
}

export const MAX_COMPARED = 3;

export function compareScenarios(
  model: Model,
  ids: string[],
  options: { trials?: number; seed?: number; securityTrials?: number } = {},
): Comparison {
  if (ids.length > MAX_COMPARED) throw new RangeError(`at most ${MAX_COMPARED} scenarios side by side`);
  const trials = options.trials ?? Math.min(model.settings.trials, 100_000);
  const seed = options.seed ?? model.settings.seed;
  const secTrials = options.securityTrials ?? 2_000;
  const { scenarios: _all, ...base } = model;
  const base0 = compileReliability(base);
  const figures = (id: string, name: string, m: Model, reliability: ReliabilityResult): ScenarioFigures => {
    const k = coupling(m).model;
    const sec = simulateSecurity(m, secTrials, seed, { horizonDays: m.settings.horizonDays }).controllableKw;
    return {
      id,
      name,
      reliability,
      integrations: k.integrations,
      seams: k.seams,
      controllableKw: { mean: sec.mean, ci95: sec.ci95 },
    };
  };
  let baselineResult: ReliabilityResult | undefined;
  const scenarios: Comparison["scenarios"] = [];
  for (const id of ids) {
    const s = model.scenarios?.find((x) => x.id === id);
    if (!s) throw new RangeError(`no scenario "${id}"`);
    const variant = applyScenario(model, s);
    const r = simulatePaired(base0, compileReliability(variant), trials, seed);
    baselineResult ??= r.baseline;
    scenarios.push({ ...figures(s.id, s.name, variant, r.variant), delta: r.delta });
  }
  if (!baselineResult) baselineResult = simulateReliability(base, trials, seed);
  return { trials, seed, baseline: figures("baseline", "Baseline", base, baselineResult), scenarios };
}
