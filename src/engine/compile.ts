/**
 * Compile a model to flat typed arrays for the reliability engine (SPEC §3, §7): component
 * probabilities, requirements (one per ungrouped breaking link, one per redundancy group), call
 * failure probabilities, a providers-first evaluation order, and for each charger the components
 * that can perceive it through `status` links and the viewers among them. Done once per revision.
 */
import {
  LINK_DEFAULTS,
  type Model,
  type ResolvedComponent,
  type ResolvedLink,
  resolveComponent,
  resolveLink,
} from "../model/index.ts";
import { callFailureProbability, logNormalOf, normalQuantile } from "./latency.ts";
import { invLogComplement, streamKeys } from "./rng.ts";

export const FORCE_NONE = 0;
export const FORCE_DOWN = 1;
export const FORCE_UP = 2;
export const FORCE_DEGRADED = 3;
export const FORCE_COMPROMISED = 4;

/** A copy of `c` (sharing its arrays) with component states forced; `states` maps index → FORCE_*. */
export function withForces(c: CompiledReliability, states: ReadonlyMap<number, number>): CompiledReliability {
  const force = new Uint8Array(c.n);
  for (const [i, state] of states) force[i] = state;
  const forced = Int32Array.from(
    [...states.keys()].filter((i) => force[i] !== FORCE_NONE).sort((a, b) => a - b),
  );
  return { ...c, force, forced };
}

/**
 * What `starts` depend on through breaking links (hard, cached fail-closed), themselves included:
 * 1 per component in the cone.
 */
export function requirementCone(c: CompiledReliability, starts: Iterable<number>): Uint8Array {
  const seen = new Uint8Array(c.n);
  const stack = [...starts];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (seen[x]) continue;
    seen[x] = 1;
    for (let r = c.reqStart[x]; r < c.reqStart[x + 1]; r++) {
      for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) stack.push(c.linkTo[c.memLink[q]]);
    }
  }
  return seen;
}

/** Link kinds as the engine sees them. */
export const KIND_HARD = 0;
export const KIND_CACHED_CLOSED = 1;
export const KIND_CACHED_OPEN = 2;
export const KIND_SOFT = 3;
export const KIND_ASYNC = 4;

/** A slot list: components that can perceive one source (a charger's status, an owner's tariff). */
export interface PerceptionPlan {
  /** Component per slot, providers (closest to the source) first. */
  node: Int32Array;
  /** Sources of slot s: srcStart[s] .. srcStart[s + 1]. */
  srcStart: Int32Array;
  srcLink: Int32Array;
  /** Slot of the link's provider, or −1 when the provider is the source itself. */
  srcSlot: Int32Array;
  /** Whether the slots' links form a cycle (then evaluation repeats until stable). */
  cyclic: boolean;
}

export interface CompiledReliability {
  readonly componentIds: string[];
  readonly linkIds: string[];
  readonly [key: string]: unknown;
  n: number;
  /** Per component. */
  pDown: Float64Array;
  invLogDown: Float64Array;
  pSilent: Float64Array;
  invLogDeg: Float64Array;
  /**
   * P(degraded | not down) for components whose own degradation changes nothing else (no calls
   * slowed by it, no synthetic monitoring): not sampled, its expectation is tallied instead
   * (Rao–Blackwell: same mean, less noise, fewer draws). 0 for the others.
   */
  degExpect: Float64Array;
  mttrHours: Float64Array;
  /** Whether the component's outage age can matter (a TTL or a tariff's staleness depends on it). */
  needsAge: Uint8Array;
  kw: Float64Array;
  monitoring: Uint8Array;
  org: Int32Array;
  tariffRate: Float64Array;
  /**
   * What-if and importance: per component FORCE_NONE, or its intrinsic state forced in every trial
   * (FORCE_DOWN, FORCE_UP, FORCE_DEGRADED, FORCE_COMPROMISED: down and silent); `forced` lists those
   * not FORCE_NONE. Sampling draws exactly as without forcing, so a forced run and the baseline share
   * their random numbers (common random numbers) — see `withForces`.
   */
  force: Uint8Array;
  forced: Int32Array;
  /**
   * Random-stream keys (hashed ids): each component and common cause draws from its own stream, so
   * adding, removing or changing another item leaves its draws alone (common random numbers across
   * scenarios and fixes).
   */
  streamKey: Uint32Array;
  ccStreamKey: Uint32Array;
  /** Evaluation order, providers first; `cyclic` when requirements form a cycle. */
  order: Int32Array;
  cyclic: boolean;
  /** Requirements of component i: reqStart[i] .. reqStart[i + 1]. */
  reqStart: Int32Array;
  /** Breaking member links of requirement r: memStart[r] .. memStart[r + 1]. */
  memStart: Int32Array;
  memLink: Int32Array;
  /** Met members needed among the breaking ones (k minus the members that never break). */
  reqK: Int32Array;
  /** Whether a member carries `connectivity` or `power` (an unmet one takes the charger offline). */
  reqConn: Uint8Array;
  /** Consumers of component p through breaking links: consStart[p] .. consStart[p + 1]. */
  consStart: Int32Array;
  consItem: Int32Array;
  /** Per link. */
  linkFrom: Int32Array;
  linkTo: Int32Array;
  kind: Uint8Array;
  ttlHours: Float64Array;
  isSeam: Uint8Array;
  /** Links whose calls can time out, with P(fail | provider up), P(fail | degraded). */
  pCallUp: Float64Array;
  pCallDeg: Float64Array;
  /**
   * Timeouts against a provider that is up are drawn over all (trial, link) slots at once with the
   * largest rate `upMax`, then thinned by pCallUp / upMax: links upLinks[0..]; 1/ln(1 − upMax).
   */
  upLinks: Int32Array;
  upMax: number;
  invLogUpMax: number;
  /** Calls into provider p that can time out when it is degraded: callInStart[p] .. (link ids). */
  callInStart: Int32Array;
  callInItem: Int32Array;
  /** Soft dependencies of component i: softStart[i] .. softStart[i + 1] (provider indices). */
  softStart: Int32Array;
  softProvider: Int32Array;
  /** Consumers through hard and cached links (seam failures follow these requirements). */
  revDepStart: Int32Array;
  revDepItem: Int32Array;
  /** Common causes. */
  ccIds: string[];
  ccInvLog: Float64Array;
  ccMttr: Float64Array;
  ccStart: Int32Array;
  ccMember: Int32Array;
  /** Chargers. */
  chargers: Int32Array;
  totalKw: number;
  systemicKw: number;
  /** Status plans, one per group of chargers with the same perceivers and links. */
  status: PerceptionPlan[];
  /** Viewer slots of group g: groupViewStart[g] .. groupViewStart[g + 1]. */
  groupViewStart: Int32Array;
  groupViewSlot: Int32Array;
  chargerGroup: Int32Array;
  /** Per charger, its (charger, viewer) pairs: pairStart[ci] .. in its group's viewer-slot order. */
  pairStart: Int32Array;
  pairViewer: Int32Array;
  /** Tariff owners (components that chargers take a `tariff` flow from) and their plans. */
  owners: Int32Array;
  tariff: PerceptionPlan[];
  /** Per owner, the viewers that get its tariffs: tpairStart[oi] .. → slot in its tariff plan. */
  tpairStart: Int32Array;
  tpairSlot: Int32Array;
  tpairViewer: Int32Array;
  /** Per charger, its tariff owner's index in `owners` (−1 without a tariff link). */
  chargerOwner: Int32Array;
  orgIds: string[];
  orgTotalKw: Float64Array;
  /** Largest requirement (members), for scratch sizing. */
  maxMembers: number;
  /** Signal chains: hops hopStart[k] .. hopStart[k + 1]; each hop's provider, link and latency. */
  chainIds: string[];
  chainDeadline: Float64Array;
  hopStart: Int32Array;
  hopProvider: Int32Array;
  /**
   * Provider processing + link transit of each hop as LATENCY_QUANTILES quantiles of each lognormal
   * (midpoints): a draw is one table lookup. Slowdown when degraded, poll (ms).
   */
  hopProcQ: Float64Array;
  hopLinkQ: Float64Array;
  hopFactor: Float64Array;
  hopPollMs: Float64Array;
}

const MONITORING_CODE = { none: 0, liveness: 1, synthetic: 2 } as const;

function kindOf(kind: string, l: ResolvedLink): number {
  if (kind === "hard") return KIND_HARD;
  if (kind === "cached") return l.failMode === "open" ? KIND_CACHED_OPEN : KIND_CACHED_CLOSED;
  return kind === "soft" ? KIND_SOFT : KIND_ASYNC;
}

/** Whether an unmet link of this kind can fail its consumer. */
export function breaks(kind: number): boolean {
  return kind === KIND_HARD || kind === KIND_CACHED_CLOSED;
}

export function isViewer(c: ResolvedComponent): boolean {
  return c.type === "emsp" || c.type === "hub" || c.decides.includes("auth");
}

export function compileReliability(model: Model): CompiledReliability {
  const n = model.components.length;
  const index = new Map(model.components.map((c, i) => [c.id, i]));
  const comps = model.components.map(resolveComponent);
  const orgIds = model.orgs.map((o) => o.id);
  const orgIndex = new Map(orgIds.map((id, i) => [id, i]));
  const org = Int32Array.from(model.components, (c) =>
    c.org === undefined ? -1 : (orgIndex.get(c.org) ?? -1),
  );

  const pDown = Float64Array.from(comps, (c) => 1 - c.availability);
  const kw = Float64Array.from(comps, (c) => (c.type === "charger" ? c.units * c.kwPerUnit : 0));
  const mttrHours = Float64Array.from(comps, (c) => c.mttrHours);

  // links
  const links = model.links.filter((l) => index.has(l.from) && index.has(l.to));
  const m = links.length;
  const resolved = links.map(resolveLink);
  const linkFrom = Int32Array.from(links, (l) => index.get(l.from) as number);
  const linkTo = Int32Array.from(links, (l) => index.get(l.to) as number);
  const kind = Uint8Array.from(links, (l, j) => kindOf(l.kind, resolved[j]));
  const ttlHours = Float64Array.from(resolved, (l) => l.ttlMinutes / 60);
  const isSeam = Uint8Array.from(links, (_, j) => {
    const a = org[linkFrom[j]];
    const b = org[linkTo[j]];
    return a !== b ? 1 : 0;
  });

  // calls: hard and cached links time out
  const pCallUp = new Float64Array(m);
  const pCallDeg = new Float64Array(m);
  const upLinks: number[] = [];
  const callIn: number[][] = comps.map(() => []);
  links.forEach((l, j) => {
    if (l.kind !== "hard" && l.kind !== "cached") return;
    const p = comps[linkTo[j]];
    const r = resolved[j];
    const provider = logNormalOf(p.latencyMs);
    const transit = logNormalOf(r.latencyMs);
    pCallUp[j] = callFailureProbability(provider, 1, transit, r.timeoutMs, r.retries);
    pCallDeg[j] = callFailureProbability(provider, p.degradedFactor, transit, r.timeoutMs, r.retries);
    if (pCallUp[j] > 0) upLinks.push(j);
    if (pCallDeg[j] > 0 && p.degradedProbability > 0) callIn[linkTo[j]].push(j);
  });
  const upMax = upLinks.reduce((x, j) => Math.max(x, pCallUp[j]), 0);
  const callInFlat = flatten(callIn);

  // requirements
  const reqOf: { members: number[]; k: number; conn: boolean }[][] = comps.map(() => []);
  const groups = new Map<
    string,
    { members: number[]; never: number; k: number; conn: boolean; owner: number }
  >();
  const carriesConn = (j: number) =>
    links[j].flows.includes("connectivity") || links[j].flows.includes("power");
  links.forEach((l, j) => {
    const from = linkFrom[j];
    if (l.group === undefined) {
      if (breaks(kind[j])) reqOf[from].push({ members: [j], k: 1, conn: carriesConn(j) });
      return;
    }
    const key = `${from}\u0000${l.group}`;
    let g = groups.get(key);
    if (!g) {
      g = { members: [], never: 0, k: 1, conn: false, owner: from };
      groups.set(key, g);
    }
    if (breaks(kind[j])) g.members.push(j);
    else g.never++;
    g.k = Math.max(g.k, l.k ?? 1);
    g.conn ||= carriesConn(j);
  });
  for (const g of groups.values()) {
    const k = g.k - g.never;
    if (k > 0) reqOf[g.owner].push({ members: g.members, k, conn: g.conn });
  }
  const reqStart = new Int32Array(n + 1);
  const memStartList: number[] = [];
  const memLink: number[] = [];
  const reqK: number[] = [];
  const reqConn: number[] = [];
  let maxMembers = 1;
  for (let i = 0; i < n; i++) {
    reqStart[i] = reqK.length;
    for (const r of reqOf[i]) {
      memStartList.push(memLink.length);
      memLink.push(...r.members);
      reqK.push(r.k);
      reqConn.push(r.conn ? 1 : 0);
      maxMembers = Math.max(maxMembers, r.members.length);
    }
  }
  reqStart[n] = reqK.length;
  memStartList.push(memLink.length);

  // providers of breaking requirements: evaluation order and cycles
  const providersOf = reqOf.map((rs) => [...new Set(rs.flatMap((r) => r.members.map((j) => linkTo[j])))]);
  const { order, cyclic } = providersFirst(n, providersOf);

  const consumers: number[][] = comps.map(() => []);
  reqOf.forEach((rs, i) => {
    for (const p of new Set(rs.flatMap((r) => r.members.map((j) => linkTo[j])))) consumers[p].push(i);
  });
  const consFlat = flatten(consumers);

  // soft and hard/cached dependencies
  const soft: number[][] = comps.map(() => []);
  const revDeps: number[][] = comps.map(() => []);
  links.forEach((_, j) => {
    if (kind[j] === KIND_SOFT) soft[linkFrom[j]].push(linkTo[j]);
    if (kind[j] <= KIND_CACHED_OPEN && !revDeps[linkTo[j]].includes(linkFrom[j])) {
      revDeps[linkTo[j]].push(linkFrom[j]);
    }
  });
  const softFlat = flatten(soft);
  const revDepFlat = flatten(revDeps);

  // common causes
  const causes = model.commonCauses
    .map((cc) => ({
      cc,
      members: [...new Set(cc.members.filter((id) => index.has(id)).map((id) => index.get(id) as number))],
    }))
    .filter((c) => c.members.length > 0);
  const ccFlat = flatten(causes.map((c) => c.members));

  // chargers and their perceivers
  const chargerList: number[] = [];
  comps.forEach((c, i) => {
    if (c.type === "charger") chargerList.push(i);
  });
  const totalKw = chargerList.reduce((s, i) => s + kw[i], 0);
  const statusIn: number[][] = comps.map(() => []); // links carrying status into component x (x = to)
  const tariffIn: number[][] = comps.map(() => []);
  links.forEach((l, j) => {
    if (l.flows.includes("status")) statusIn[linkTo[j]].push(j);
    if (l.flows.includes("tariff")) tariffIn[linkTo[j]].push(j);
  });
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

  // tariff owners: providers of chargers' tariff links
  const ownerIndex = new Map<number, number>();
  const chargerOwner = new Int32Array(chargerList.length).fill(-1);
  chargerList.forEach((c, ci) => {
    const j = links.findIndex((l, jj) => linkFrom[jj] === c && l.flows.includes("tariff"));
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

  // outage ages matter for providers of fail-closed caches and of tariffs, and for whatever their
  // ages are inherited from (a propagated failure's age is its failed requirements' age)
  const needsAge = new Uint8Array(n);
  links.forEach((l, j) => {
    if (kind[j] === KIND_CACHED_CLOSED || l.flows.includes("tariff")) needsAge[linkTo[j]] = 1;
  });
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!needsAge[i]) continue;
      for (const r of reqOf[i]) {
        for (const j of r.members) {
          if (!needsAge[linkTo[j]]) {
            needsAge[linkTo[j]] = 1;
            changed = true;
          }
        }
      }
    }
  }

  // signal chains: hop i goes from path[i] (the provider) to path[i + 1], over the link between them
  const onChain = new Uint8Array(n);
  const hops: { provider: number; link: ResolvedLink | undefined; async: boolean }[][] = [];
  const chains = model.chains.filter((ch) => ch.path.every((id) => index.has(id)));
  for (const ch of chains) {
    const list = [];
    for (let h = 0; h + 1 < ch.path.length; h++) {
      const a = index.get(ch.path[h]) as number;
      const b = index.get(ch.path[h + 1]) as number;
      onChain[a] = 1;
      // the link b depends on a through (the signal's direction), else one the other way
      const forward = links.findIndex((_, jj) => linkFrom[jj] === b && linkTo[jj] === a);
      const j = forward >= 0 ? forward : links.findIndex((_, jj) => linkFrom[jj] === a && linkTo[jj] === b);
      list.push({
        provider: a,
        link: j >= 0 ? resolved[j] : undefined,
        async: j >= 0 && links[j].kind === "async",
      });
    }
    hops.push(list);
  }
  const flatHops = hops.flat();
  const hopStart = new Int32Array(hops.length + 1);
  hops.forEach((list, k) => {
    hopStart[k + 1] = hopStart[k] + list.length;
  });
  const proc = flatHops.map((h) => logNormalOf(comps[h.provider].latencyMs));
  const transit = flatHops.map((h) => logNormalOf(h.link?.latencyMs ?? LINK_DEFAULTS.latencyMs.value));

  // a component on a chain is never "inert": its degradation slows the chain
  const degInert = (i: number) =>
    callInFlat.start[i] === callInFlat.start[i + 1] && comps[i].monitoring !== "synthetic" && !onChain[i];

  const orgTotalKw = new Float64Array(orgIds.length);
  for (const c of chargerList) if (org[c] >= 0) orgTotalKw[org[c]] += kw[c];

  return {
    componentIds: model.components.map((c) => c.id),
    linkIds: links.map((l) => l.id),
    n,
    pDown,
    invLogDown: pDown.map(invLogComplement),
    pSilent: Float64Array.from(comps, (c) => c.silentShare),
    invLogDeg: Float64Array.from(comps, (c, i) =>
      degInert(i) ? Number.NEGATIVE_INFINITY : invLogComplement(c.degradedProbability),
    ),
    degExpect: Float64Array.from(comps, (c, i) => (degInert(i) ? c.degradedProbability : 0)),
    mttrHours,
    needsAge,
    force: new Uint8Array(n),
    forced: new Int32Array(0),
    streamKey: streamKeys(model.components.map((c) => c.id)),
    ccStreamKey: streamKeys(causes.map((c) => `cause:${c.cc.id}`)),
    kw,
    monitoring: Uint8Array.from(comps, (c) => MONITORING_CODE[c.monitoring]),
    org,
    tariffRate: Float64Array.from(comps, (c) => c.tariffChangesPerDay),
    order,
    cyclic,
    reqStart,
    memStart: Int32Array.from(memStartList),
    memLink: Int32Array.from(memLink),
    reqK: Int32Array.from(reqK),
    reqConn: Uint8Array.from(reqConn),
    consStart: consFlat.start,
    consItem: consFlat.items,
    linkFrom,
    linkTo,
    kind,
    ttlHours,
    isSeam,
    pCallUp,
    pCallDeg,
    upLinks: Int32Array.from(upLinks),
    upMax,
    invLogUpMax: invLogComplement(upMax),
    callInStart: callInFlat.start,
    callInItem: callInFlat.items,
    softStart: softFlat.start,
    softProvider: softFlat.items,
    revDepStart: revDepFlat.start,
    revDepItem: revDepFlat.items,
    ccIds: causes.map((c) => c.cc.id),
    ccInvLog: Float64Array.from(causes, (c) => invLogComplement(c.cc.probability)),
    ccMttr: Float64Array.from(causes, (c) => Math.max(...c.members.map((i) => mttrHours[i]))),
    ccStart: ccFlat.start,
    ccMember: ccFlat.items,
    chargers: Int32Array.from(chargerList),
    totalKw,
    systemicKw: model.settings.systemicThreshold * totalKw,
    status,
    groupViewStart: Int32Array.from(groupViewStart),
    groupViewSlot: Int32Array.from(groupViewSlot),
    chargerGroup,
    pairStart: Int32Array.from(pairStart),
    pairViewer: Int32Array.from(pairViewer),
    owners,
    tariff,
    tpairStart: Int32Array.from(tpairStart),
    tpairSlot: Int32Array.from(tpairSlot),
    tpairViewer: Int32Array.from(tpairViewer),
    chargerOwner,
    orgIds,
    orgTotalKw,
    maxMembers,
    chainIds: chains.map((ch) => ch.id),
    chainDeadline: Float64Array.from(chains, (ch) => ch.deadlineMs),
    hopStart,
    hopProvider: Int32Array.from(flatHops, (h) => h.provider),
    hopProcQ: quantileTable(proc),
    hopLinkQ: quantileTable(transit),
    hopFactor: Float64Array.from(flatHops, (h) => comps[h.provider].degradedFactor),
    hopPollMs: Float64Array.from(flatHops, (h) => (h.async && h.link ? h.link.pollSeconds * 1000 : 0)),
  };
}

/** Latency draws per hop come from this many equiprobable quantiles of its lognormal. */
export const LATENCY_QUANTILES = 1024;

function quantileTable(dists: { mu: number; sigma: number }[]): Float64Array {
  const z = Array.from({ length: LATENCY_QUANTILES }, (_, i) =>
    normalQuantile((i + 0.5) / LATENCY_QUANTILES),
  );
  const out = new Float64Array(dists.length * LATENCY_QUANTILES);
  dists.forEach((d, h) => {
    for (let i = 0; i < LATENCY_QUANTILES; i++)
      out[h * LATENCY_QUANTILES + i] = Math.exp(d.mu + d.sigma * z[i]);
  });
  return out;
}

function flatten(lists: number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  const items: number[] = [];
  lists.forEach((l, i) => {
    start[i] = items.length;
    items.push(...l);
  });
  start[lists.length] = items.length;
  return { start, items: Int32Array.from(items) };
}

/**
 * An order with providers before their consumers (Tarjan's strongly connected components, which
 * come out providers first), and whether any cycle exists.
 */
export function providersFirst(n: number, providersOf: number[][]): { order: Int32Array; cyclic: boolean } {
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const order: number[] = [];
  let counter = 0;
  let cyclic = false;
  // iterative Tarjan
  for (let root = 0; root < n; root++) {
    if (idx[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    idx[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const v = top[0];
      const succ = providersOf[v];
      if (top[1] < succ.length) {
        const w = succ[top[1]++];
        if (w === v) cyclic = true;
        if (idx[w] < 0) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], idx[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === idx[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          order.push(w);
          size++;
        } while (w !== v);
        if (size > 1) cyclic = true;
      }
    }
  }
  return { order: Int32Array.from(order), cyclic };
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
