/**
 * The interoperability sweep (SPEC §5): replicate one component with its links N times — N roaming
 * partners, N CSMS vendors — to see how every headline figure moves with the number of
 * integrations. Each copy is a separate organisation (a different partner) when the original has
 * one, and takes every link the original has, in both directions.
 */
import type { Component, Link, Model, Org } from "../model/index.ts";
import { coupling } from "./coupling.ts";
import { simulateReliability } from "./index.ts";
import { securityTrials, simulateSecurity } from "./security.ts";
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

/** The model with `id` present `n` times in all (n ≥ 1; n = 1 is the model itself). */
export function replicate(model: Model, id: string, n: number): Model {
  const original = model.components.find((c) => c.id === id);
  if (!original) throw new RangeError(`no component "${id}" to replicate`);
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`the number of copies must be a whole number ≥ 1 (got ${n})`);
  const taken = new Set([
    ...model.components.map((c) => c.id),
    ...model.links.map((l) => l.id),
    ...model.orgs.map((o) => o.id),
  ]);
  const fresh = (stem: string) => {
    let k = 2;
    while (taken.has(`${stem}.${k}`)) k++;
    const next = `${stem}.${k}`;
    taken.add(next);
    return next;
  };
  const components: Component[] = [...model.components];
  const links: Link[] = [...model.links];
  const orgs: Org[] = [...model.orgs];
  const org = original.org ? model.orgs.find((o) => o.id === original.org) : undefined;
  const touching = model.links.filter((l) => l.from === id || l.to === id);
  for (let k = 2; k <= n; k++) {
    const copyId = fresh(id);
    let copyOrg = original.org;
    if (org) {
      copyOrg = fresh(org.id);
      orgs.push({ ...org, id: copyOrg, name: `${org.name} #${k}` });
    }
    components.push({
      ...original,
      id: copyId,
      name: `${original.name} #${k}`,
      x: original.x + 40 * (k - 1),
      y: original.y + 40 * (k - 1),
      ...(copyOrg ? { org: copyOrg } : {}),
    });
    for (const l of touching) {
      links.push({
        ...l,
        id: fresh(l.id),
        from: l.from === id ? copyId : l.from,
        to: l.to === id ? copyId : l.to,
      });
    }
  }
  return { ...model, orgs, components, links };
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
