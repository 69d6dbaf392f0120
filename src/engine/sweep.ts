/**
 * The interoperability sweep (SPEC §5): every headline figure of the model with one component
 * replicated N times — N roaming partners, N CSMS vendors — to see how the figures move with the
 * number of integrations. The copies are made by `replicate` (src/model/edits/replicate.ts).
 */
import { type Model, replicate } from "../model/index.ts";
import { coupling } from "./coupling.ts";
import { simulateReliability } from "./reliability/simulate.ts";
import { securityTrials, simulateSecurity } from "./security/index.ts";
import type { Estimate, MeanEstimate } from "./types.ts";

/** One N of the interoperability sweep: the headline figures, with their intervals. */
export interface SweepRow {
  n: number;
  unusableKw: MeanEstimate;
  phantomRate: MeanEstimate;
  seamShare: Estimate;
  integrations: number;
  seams: number;
  controllableKw: MeanEstimate;
}

/** Reliability trials of one sweep row at most (the model's own budget when smaller). */
export const SWEEP_RELIABILITY_TRIALS = 50_000;
/** Attack trials of one sweep row at most (fewer on large models, as in the app's security view). */
export const SWEEP_SECURITY_TRIALS = 2_000;

/** The trial budgets of row `n` of a sweep of `id` in the app. */
export function sweepTrials(model: Model, id: string, n: number): { trials: number; securityTrials: number } {
  return {
    trials: Math.min(model.settings.trials, SWEEP_RELIABILITY_TRIALS),
    securityTrials: Math.min(SWEEP_SECURITY_TRIALS, securityTrials(replicate(model, id, n))),
  };
}

/**
 * One N of the sweep: the model with `id` present `n` times, its reliability (`trials`), coupling
 * and security (`attackTrials`) headline figures, on the model's seed. Pure, so any worker can run any N.
 */
export function sweepRow(
  model: Model,
  id: string,
  n: number,
  trials: number,
  attackTrials: number,
): SweepRow {
  const m = replicate(model, id, n);
  const r = simulateReliability(m, trials, m.settings.seed);
  const k = coupling(m).model;
  const sec = simulateSecurity(m, attackTrials, m.settings.seed, { horizonDays: m.settings.horizonDays });
  return {
    n,
    unusableKw: r.system.unusableKw,
    phantomRate: r.system.phantomRate,
    seamShare: r.system.seamShare,
    integrations: k.integrations,
    seams: k.seams,
    controllableKw: { mean: sec.controllableKw.mean, ci95: sec.controllableKw.ci95 },
  };
}
