/**
 * Importance per component for "charger site usable" (SPEC §6): Birnbaum, Fussell–Vesely, RAW and
 * RRW per site and summed over sites in kW — exact from the fault trees when the model's
 * requirements are acyclic (`importance-exact.ts`), else Monte Carlo with common random numbers:
 * for each component the run with it forced up and the run with it forced down share every other
 * draw, and Birnbaum (in kW) is their paired difference, with its interval.
 *
 * With R = E[unusable kW], p = P(down): R(down) − R(up) = Birnbaum B, R − R(up) = p·B (the kW a
 * component's own failures cost: "saved if it never failed"), and a redundant twin (1-of-2,
 * independent failures) saves p(1 − p)·B.
 */
import type { Model } from "../model/index.ts";
import {
  type CompiledReliability,
  compileReliability,
  FORCE_DOWN,
  FORCE_UP,
  requirementCone,
  withForces,
} from "./compile/index.ts";
import { FaultTreeError } from "./faulttree/index.ts";
import { BddTooLarge, exactImportance, type Factors, factors } from "./importance-exact.ts";
import { componentMap, createPairTally, runPairedBatch, summarizePair } from "./paired.ts";
import { createTally, mergeTally, resetTally, runBatch, summarize } from "./reliability/index.ts";
import { batchCount, type MeanEstimate } from "./types.ts";

export interface ComponentImportance extends Factors {
  id: string;
  pDown: number;
  /** kW of charging lost to this component's own failures: E[kW] − E[kW | never down] = p·B. */
  savedKw: number;
  /** kW a redundant, independent twin (1-of-2) would save: p(1 − p)·B. */
  redundancyKw: number;
  /** 95 % interval of Birnbaum (kW per unit probability); exact: [B, B]. */
  birnbaumCi: [number, number];
}

export interface ImportanceResult {
  method: "exact" | "monte-carlo";
  /** How it was obtained (after the method's name): the BDD's size, or the trials and why not exact. */
  note: string;
  trials: number;
  seed: number;
  expectedKw: MeanEstimate;
  /** Ranked by savedKw, largest first; only components some charger depends on. */
  components: ComponentImportance[];
  /** Per charger site: P(unusable) and its components' factors. */
  chargers: Record<string, { unusable: number; components: Record<string, Factors> }>;
}

export interface ImportanceOptions {
  /** Monte Carlo trials per component (forced up and forced down, paired). */
  trials?: number;
  seed?: number;
  /** Force Monte Carlo even when the exact method applies (tests compare the two). */
  method?: "exact" | "monte-carlo";
}

export const IMPORTANCE_TRIALS = 50_000;

export function importance(model: Model, options: ImportanceOptions = {}): ImportanceResult {
  const seed = options.seed ?? model.settings.seed;
  const trials = options.trials ?? IMPORTANCE_TRIALS;
  let reason = "";
  if (options.method !== "monte-carlo") {
    try {
      return fromExact(model, seed);
    } catch (error) {
      if (!(error instanceof FaultTreeError || error instanceof BddTooLarge)) throw error;
      if (options.method === "exact") throw error;
      reason = error.message;
    }
  }
  return monteCarlo(model, trials, seed, reason || "Monte Carlo was asked for");
}

function fromExact(model: Model, seed: number): ImportanceResult {
  const x = exactImportance(model);
  const components: ComponentImportance[] = Object.entries(x.components)
    .map(([id, f]) => row(id, f.pDown, f, [f.birnbaum, f.birnbaum]))
    .filter((r) => r.birnbaum !== 0);
  components.sort(byValue);
  const chargers: ImportanceResult["chargers"] = {};
  for (const [id, p] of Object.entries(x.unusable))
    chargers[id] = { unusable: p, components: x.perCharger[id] };
  return {
    method: "exact",
    note: `fault trees quantified with a BDD (${x.nodes.toLocaleString("en-US")} nodes)`,
    trials: 0,
    seed,
    expectedKw: { mean: x.expectedKw, ci95: [x.expectedKw, x.expectedKw] },
    components,
    chargers,
  };
}

function row(id: string, pDown: number, f: Factors, ci: [number, number]): ComponentImportance {
  const B = f.birnbaum;
  return { id, pDown, ...f, savedKw: pDown * B, redundancyKw: pDown * (1 - pDown) * B, birnbaumCi: ci };
}

function byValue(a: ComponentImportance, b: ComponentImportance): number {
  return b.savedKw - a.savedKw || b.birnbaum - a.birnbaum || (a.id < b.id ? -1 : 1);
}

/** Components some charger depends on through breaking links (the charger itself included). */
export function dependedOn(c: CompiledReliability): number[] {
  const cone = requirementCone(c, c.chargers);
  const out: number[] = [];
  for (let i = 0; i < c.n; i++) if (cone[i]) out.push(i);
  return out;
}

function monteCarlo(model: Model, trials: number, seed: number, reason: string): ImportanceResult {
  const c = compileReliability(model);
  // the baseline, for R and P(unusable) per site
  const total = createTally(c);
  const part = createTally(c);
  for (let b = 0; b < batchCount(trials); b++) {
    resetTally(part);
    runBatch(c, seed, b, trials, part);
    mergeTally(total, part);
  }
  const base = summarize(c, total, seed);
  const R = base.system.unusableKw.mean;
  const chargers: ImportanceResult["chargers"] = {};
  for (const ci of c.chargers) {
    const id = c.componentIds[ci];
    chargers[id] = { unusable: 1 - base.chargers[id].usable.p, components: {} };
  }
  const components: ComponentImportance[] = [];
  const map = componentMap(c, c);
  for (const i of dependedOn(c)) {
    const up = withForces(c, new Map([[i, FORCE_UP]]));
    const down = withForces(c, new Map([[i, FORCE_DOWN]]));
    const ta = createTally(c);
    const tb = createTally(c);
    const pair = createPairTally(c);
    for (let b = 0; b < batchCount(trials); b++) runPairedBatch(up, down, map, seed, b, trials, ta, tb, pair);
    const d = summarizePair(c, pair);
    const id = c.componentIds[i];
    const p = c.pDown[i];
    const B = d.unusableKw.mean;
    if (B === 0 && d.unusableKw.ci95[1] === 0) continue;
    components.push(row(id, p, factors(R, p, B), d.unusableKw.ci95));
    for (const ci of c.chargers) {
      const cid = c.componentIds[ci];
      const Bc = -d.chargers[cid].mean;
      if (Bc !== 0) chargers[cid].components[id] = factors(chargers[cid].unusable, p, Bc);
    }
  }
  components.sort(byValue);
  return {
    method: "monte-carlo",
    note: `common random numbers, ${trials.toLocaleString("en-US")} trials per component forced up and down (${reason})`,
    trials,
    seed,
    expectedKw: base.system.unusableKw,
    components,
    chargers,
  };
}
