/**
 * Exact importance (SPEC §6) from the fault trees of every charger site, quantified with one shared
 * BDD: P(unusable) per site, and per component (its intrinsic "down" event) Birnbaum, Fussell–Vesely,
 * RAW and RRW, per site and summed over sites in kW.
 *
 * With R = E[unusable kW] = Σ kW_c·P(T_c) and B = ∂R/∂p_i (p_i = 1 − availability_i):
 * R(i down) = R + (1 − p_i)·B, R(i up) = R − p_i·B, Birnbaum = B, Fussell–Vesely = p_i·B / R,
 * RAW = R(i down) / R, RRW = R / R(i up). These are SCRAM's MIF, CIF, RAW and RRW.
 */
import type { Model } from "../model/index.ts";
import { Bdd } from "./bdd.ts";
import { buildFaultTrees, FALSE, type FaultTrees, gateOf, type Ref, TRUE } from "./faulttree/index.ts";

export interface Factors {
  birnbaum: number;
  fussellVesely: number;
  raw: number;
  rrw: number;
}

export interface ExactImportance {
  /** P(unusable) per charger site. */
  unusable: Record<string, number>;
  /** Per charger site, per component in its tree. */
  perCharger: Record<string, Record<string, Factors>>;
  /** Expected unusable kW and, per component, its factors for that sum (Birnbaum in kW). */
  expectedKw: number;
  components: Record<string, Factors & { pDown: number }>;
  /** BDD nodes (a measure of the work). */
  nodes: number;
}

/** Above this many BDD nodes the exact method gives up (the caller falls back to Monte Carlo). */
export const MAX_BDD_NODES = 2_000_000;

export class BddTooLarge extends Error {}

export function factors(P: number, p: number, B: number): Factors {
  const down = P + (1 - p) * B;
  const up = P - p * B;
  return {
    birnbaum: B,
    fussellVesely: P > 0 ? (p * B) / P : 0,
    raw: P > 0 ? down / P : down > 0 ? Number.POSITIVE_INFINITY : 1,
    rrw: up > 0 ? P / up : P > 0 ? Number.POSITIVE_INFINITY : 1,
  };
}

/** Compile every top of `trees` into one BDD, events ordered by first appearance depth-first. */
export function bddOf(trees: FaultTrees): {
  bdd: Bdd;
  tops: Map<string, number>;
  level: Int32Array;
  eventAt: Int32Array;
} {
  const level = new Int32Array(trees.events.length).fill(-1);
  const eventAt: number[] = [];
  const seenGates = new Set<number>();
  const order = (r: Ref) => {
    if (r >= 0) {
      if (level[r] < 0) {
        level[r] = eventAt.length;
        eventAt.push(r);
      }
      return;
    }
    if (r === TRUE || r === FALSE) return;
    const g = gateOf(r);
    if (seenGates.has(g)) return;
    seenGates.add(g);
    for (const a of trees.gates[g].args) order(a);
  };
  for (const top of trees.tops.values()) order(top);
  // events in no tree still get a level (they never occur in a node)
  for (let e = 0; e < level.length; e++) {
    if (level[e] < 0) {
      level[e] = eventAt.length;
      eventAt.push(e);
    }
  }
  const bdd = new Bdd();
  const memo = new Map<number, number>();
  const build = (r: Ref): number => {
    if (r === TRUE) return 1;
    if (r === FALSE) return 0;
    if (r >= 0) return bdd.variable(level[r]);
    const g = gateOf(r);
    const found = memo.get(g);
    if (found !== undefined) return found;
    const gate = trees.gates[g];
    const args = gate.args.map(build);
    let f: number;
    if (gate.op === "or") f = args.reduce((x, y) => bdd.or(x, y), 0);
    else if (gate.op === "and") f = args.reduce((x, y) => bdd.and(x, y), 1);
    else f = bdd.atLeast(gate.k, args);
    if (bdd.size > MAX_BDD_NODES) throw new BddTooLarge(`the BDD grew past ${MAX_BDD_NODES} nodes`);
    memo.set(g, f);
    return f;
  };
  const tops = new Map<string, number>();
  for (const [id, top] of trees.tops) tops.set(id, build(top));
  return { bdd, tops, level, eventAt: Int32Array.from(eventAt) };
}

/** Exact importance for every charger site; throws FaultTreeError (cycles) or BddTooLarge. */
export function exactImportance(model: Model): ExactImportance {
  const trees = buildFaultTrees(model);
  const { bdd, tops, level, eventAt } = bddOf(trees);
  const p = Float64Array.from(eventAt, (e) => trees.events[e].p);
  const P = bdd.probabilities(p);
  const downLevel = [...trees.downEvent].map(([id, e]) => ({ id, lv: level[e], pDown: trees.events[e].p }));

  const unusable: Record<string, number> = {};
  const perCharger: Record<string, Record<string, Factors>> = {};
  let expectedKw = 0;
  const gradKw = new Float64Array(eventAt.length);
  for (const [id, f] of tops) {
    const Pt = P[f];
    unusable[id] = Pt;
    const kw = trees.kw.get(id) ?? 0;
    expectedKw += kw * Pt;
    const grad = bdd.gradient(f, p, P, eventAt.length);
    const support = bdd.support(f);
    const rows: Record<string, Factors> = {};
    for (const d of downLevel) {
      if (!support.has(d.lv) && d.id !== id) continue;
      rows[d.id] = factors(Pt, d.pDown, grad[d.lv]);
    }
    perCharger[id] = rows;
    for (let v = 0; v < grad.length; v++) gradKw[v] += kw * grad[v];
  }
  const components: Record<string, Factors & { pDown: number }> = {};
  for (const d of downLevel)
    components[d.id] = { ...factors(expectedKw, d.pDown, gradKw[d.lv]), pDown: d.pDown };
  return { unusable, perCharger, expectedKw, components, nodes: bdd.size };
}
