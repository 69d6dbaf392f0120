/**
 * Perception compiled (SPEC §3.5): for each charger the components that can perceive its status
 * through `status` links and the viewers among them (chargers with the same perceivers share one
 * plan), and for each tariff owner the viewers its tariffs reach through `tariff` links.
 */
import type { ResolvedComponent } from "../../model/index.ts";
import { providersFirst } from "../kit/graph.ts";
import type { LinkArrays } from "./links.ts";
import type { PerceptionPlan } from "./types.ts";

/** Whether a component views charger status (SPEC §3.5): e-mobility providers, hubs, and anyone deciding on authorisation. */
export function isViewer(c: ResolvedComponent): boolean {
  return c.type === "emsp" || c.type === "hub" || c.decides.includes("auth");
}

/** Status plans: one per group of chargers with the same perceivers and links, and the (charger, viewer) pairs. */
export interface CompiledStatus {
  status: PerceptionPlan[];
  groupViewStart: Int32Array;
  groupViewSlot: Int32Array;
  chargerGroup: Int32Array;
  pairStart: Int32Array;
  pairViewer: Int32Array;
}

/** Tariff owners (the providers of chargers' `tariff` links), their plans and the viewers they reach. */
export interface CompiledTariffs {
  owners: Int32Array;
  tariff: PerceptionPlan[];
  tpairStart: Int32Array;
  tpairSlot: Int32Array;
  tpairViewer: Int32Array;
  chargerOwner: Int32Array;
}

/** Per component x, the links carrying `flow` into it (x is their provider). */
function linksInto(arrays: LinkArrays, n: number, flow: "status" | "tariff"): number[][] {
  const into: number[][] = Array.from({ length: n }, () => []);
  arrays.links.forEach((l, j) => {
    if (l.flows.includes(flow)) into[arrays.linkTo[j]].push(j);
  });
  return into;
}

/** Each charger's status plan; chargers with the same perceivers and links share one. */
export function compileStatus(
  arrays: LinkArrays,
  comps: ResolvedComponent[],
  chargerList: number[],
): CompiledStatus {
  const { linkFrom, linkTo } = arrays;
  const statusIn = linksInto(arrays, comps.length, "status");
  const viewer = comps.map(isViewer);
  // chargers whose perceivers and links are the same (the chargers of one CSMS) share a plan: it is
  // evaluated once per word for "reported available" and once for "reported unavailable"
  const status: PerceptionPlan[] = [];
  const groupViewStart: number[] = [];
  const groupViewSlot: number[] = [];
  const chargerGroup = new Int32Array(chargerList.length);
  const pairStart: number[] = [];
  const pairViewer: number[] = [];
  const signatures = new Map<string, number>();
  chargerList.forEach((c, ci) => {
    const plan = perceptionPlan(c, statusIn, linkFrom, linkTo, viewer);
    const direct = plan.srcLink.map((j, q) => (plan.srcSlot[q] < 0 ? -1 : j));
    const key = `${plan.node.join(",")}|${plan.srcStart.join(",")}|${direct.join(",")}|${plan.srcSlot.join(",")}`;
    let g = signatures.get(key);
    if (g === undefined) {
      g = status.length;
      signatures.set(key, g);
      status.push(plan);
      groupViewStart.push(groupViewSlot.length);
      plan.node.forEach((u, slot) => {
        if (viewer[u]) groupViewSlot.push(slot);
      });
    }
    chargerGroup[ci] = g;
    pairStart.push(pairViewer.length);
    plan.node.forEach((u) => {
      if (viewer[u]) pairViewer.push(u);
    });
  });
  groupViewStart.push(groupViewSlot.length);
  pairStart.push(pairViewer.length);
  return {
    status,
    groupViewStart: Int32Array.from(groupViewStart),
    groupViewSlot: Int32Array.from(groupViewSlot),
    chargerGroup,
    pairStart: Int32Array.from(pairStart),
    pairViewer: Int32Array.from(pairViewer),
  };
}

/** The chargers' tariff owners and, for each, the plan its tariffs travel and the viewers they reach. */
export function compileTariffs(
  arrays: LinkArrays,
  comps: ResolvedComponent[],
  chargerList: number[],
): CompiledTariffs {
  const { links, linkFrom, linkTo } = arrays;
  const tariffIn = linksInto(arrays, comps.length, "tariff");
  const viewer = comps.map(isViewer);
  const ownerIndex = new Map<number, number>();
  const chargerOwner = new Int32Array(chargerList.length).fill(-1);
  // each component's first tariff link, in one pass (a search per charger was chargers × links:
  // 8·10⁸ steps, 5 s, for 20,000 components)
  const firstTariffLink = new Map<number, number>();
  links.forEach((l, j) => {
    if (l.flows.includes("tariff") && !firstTariffLink.has(linkFrom[j])) firstTariffLink.set(linkFrom[j], j);
  });
  chargerList.forEach((c, ci) => {
    const j = firstTariffLink.get(c) ?? -1;
    if (j < 0) return;
    const o = linkTo[j];
    if (!ownerIndex.has(o)) ownerIndex.set(o, ownerIndex.size);
    chargerOwner[ci] = ownerIndex.get(o) as number;
  });
  const owners = Int32Array.from(ownerIndex.keys());
  const tariff: PerceptionPlan[] = [];
  const tpairStart: number[] = [];
  const tpairSlot: number[] = [];
  const tpairViewer: number[] = [];
  for (const o of owners) {
    const plan = perceptionPlan(o, tariffIn, linkFrom, linkTo, viewer);
    tariff.push(plan);
    tpairStart.push(tpairSlot.length);
    plan.node.forEach((u, s) => {
      if (viewer[u] && u !== o) {
        tpairSlot.push(s);
        tpairViewer.push(u);
      }
    });
  }
  tpairStart.push(tpairSlot.length);
  return {
    owners,
    tariff,
    tpairStart: Int32Array.from(tpairStart),
    tpairSlot: Int32Array.from(tpairSlot),
    tpairViewer: Int32Array.from(tpairViewer),
    chargerOwner,
  };
}

/**
 * The components that can perceive `source` along links whose flows carry it (`into[x]` lists the
 * links with provider x): a reverse search from the source; slots ordered providers first.
 */
function perceptionPlan(
  source: number,
  into: number[][],
  linkFrom: Int32Array,
  linkTo: Int32Array,
  viewer: boolean[],
): PerceptionPlan {
  const slotOf = new Map<number, number>();
  const reached: number[] = [];
  const queue = [source];
  const seen = new Set([source]);
  while (queue.length > 0) {
    const x = queue.shift() as number;
    for (const j of into[x]) {
      const u = linkFrom[j];
      if (seen.has(u)) continue;
      seen.add(u);
      reached.push(u);
      queue.push(u);
    }
  }
  // keep only viewers and the components viewers perceive through (e.g. not every charger that
  // also takes its CSMS's tariff)
  const useful = new Set(reached.filter((u) => viewer[u]));
  const pending = [...useful];
  while (pending.length > 0) {
    const u = pending.pop() as number;
    for (const x of reached) {
      if (useful.has(x) || !into[x].some((j) => linkFrom[j] === u)) continue;
      useful.add(x);
      pending.push(x);
    }
  }
  const nodes = reached.filter((u) => useful.has(u));
  // order perceivers providers first over the links among them
  const local = new Map(nodes.map((u, i) => [u, i]));
  const providersOf = nodes.map(() => [] as number[]);
  const sources = nodes.map(() => [] as number[]);
  nodes.forEach((u, i) => {
    for (const x of [source, ...nodes]) {
      for (const j of into[x]) {
        if (linkFrom[j] !== u) continue;
        sources[i].push(j);
        const p = local.get(linkTo[j]);
        if (p !== undefined) providersOf[i].push(p);
      }
    }
  });
  const { order, cyclic } = providersFirst(nodes.length, providersOf);
  order.forEach((li, s) => {
    slotOf.set(nodes[li], s);
  });
  const srcStart = new Int32Array(nodes.length + 1);
  const srcLink: number[] = [];
  const srcSlot: number[] = [];
  order.forEach((li, s) => {
    srcStart[s] = srcLink.length;
    for (const j of sources[li]) {
      srcLink.push(j);
      srcSlot.push(linkTo[j] === source ? -1 : (slotOf.get(linkTo[j]) as number));
    }
  });
  srcStart[nodes.length] = srcLink.length;
  return {
    node: Int32Array.from(order, (li) => nodes[li]),
    srcStart,
    srcLink: Int32Array.from(srcLink),
    srcSlot: Int32Array.from(srcSlot),
    cyclic,
  };
}
