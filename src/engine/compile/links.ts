/**
 * Links compiled (SPEC §3.3–3.4): per-link arrays, call-failure probabilities of the links whose
 * calls can time out, requirements (one per ungrouped breaking link, one per redundancy group) in
 * providers-first order, soft and reverse dependencies, and which outage ages matter.
 */
import {
  LINK_KIND,
  type Link,
  type LinkKind,
  type Model,
  type ResolvedComponent,
  type ResolvedLink,
  resolveLink,
} from "../../model/index.ts";
import { csrOf } from "../kit/csr.ts";
import { providersFirst } from "../kit/graph.ts";
import { callFailureProbability, logNormalOf } from "../latency.ts";
import { KIND_ASYNC, KIND_CACHED_CLOSED, KIND_CACHED_OPEN, KIND_HARD, KIND_SOFT } from "./types.ts";

/** The engine's code of a link's kind (a cached link's includes its fail mode); throws on a kind it does not know. */
export function kindCode(link: Link, resolved: ResolvedLink): number {
  const kind: LinkKind = link.kind;
  switch (kind) {
    case "hard":
      return KIND_HARD;
    case "cached":
      return resolved.failMode === "open" ? KIND_CACHED_OPEN : KIND_CACHED_CLOSED;
    case "soft":
      return KIND_SOFT;
    case "async":
      return KIND_ASYNC;
    default:
      throw new Error(`link ${link.id}: unknown kind ${JSON.stringify(kind satisfies never)}`);
  }
}

/** Whether an unmet link of this kind can fail its consumer. */
export function breaks(kind: number): boolean {
  return kind === KIND_HARD || kind === KIND_CACHED_CLOSED;
}

/** The links between known components, one array entry per link. */
export interface LinkArrays {
  links: Link[];
  resolved: ResolvedLink[];
  linkFrom: Int32Array;
  linkTo: Int32Array;
  kind: Uint8Array;
  ttlHours: Float64Array;
  isSeam: Uint8Array;
}

/** Per-link arrays of the links whose ends are both in the model; `org` is each component's org index. */
export function compileLinks(model: Model, index: Map<string, number>, org: Int32Array): LinkArrays {
  const links = model.links.filter((l) => index.has(l.from) && index.has(l.to));
  const resolved = links.map(resolveLink);
  const linkFrom = Int32Array.from(links, (l) => index.get(l.from) as number);
  const linkTo = Int32Array.from(links, (l) => index.get(l.to) as number);
  const kind = Uint8Array.from(links, (l, j) => kindCode(l, resolved[j]));
  const ttlHours = Float64Array.from(resolved, (l) => l.ttlMinutes / 60);
  const isSeam = Uint8Array.from(links, (_, j) => {
    const a = org[linkFrom[j]];
    const b = org[linkTo[j]];
    return a !== b ? 1 : 0;
  });
  return { links, resolved, linkFrom, linkTo, kind, ttlHours, isSeam };
}

/** Call timeouts (SPEC §3.3): P(all attempts time out) against a provider up and degraded. */
export interface CompiledCalls {
  pCallUp: Float64Array;
  pCallDeg: Float64Array;
  upLinks: Int32Array;
  upMax: number;
  /** Per provider, its incoming calls that can time out when it is degraded. */
  callIn: { start: Int32Array; items: Int32Array };
}

/** The call-failure probabilities of links whose consumer calls its provider. */
export function compileCalls(arrays: LinkArrays, comps: ResolvedComponent[]): CompiledCalls {
  const { links, resolved, linkTo } = arrays;
  const m = links.length;
  const pCallUp = new Float64Array(m);
  const pCallDeg = new Float64Array(m);
  const upLinks: number[] = [];
  const callIn: number[][] = comps.map(() => []);
  links.forEach((l, j) => {
    if (!LINK_KIND[l.kind].callsProvider) return;
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
  return { pCallUp, pCallDeg, upLinks: Int32Array.from(upLinks), upMax, callIn: csrOf(callIn) };
}

/** One requirement of a component: at least `k` of its breaking member links met. */
export interface Requirement {
  members: number[];
  k: number;
  /** A member carries `connectivity` or `power`. */
  conn: boolean;
}

/**
 * Requirements per component: one per ungrouped breaking link, one per redundancy group (k
 * lowered by the members that never break; a group they alone satisfy is no requirement).
 */
export function requirementsOf(arrays: LinkArrays, n: number): Requirement[][] {
  const { links, linkFrom, kind } = arrays;
  const reqOf: Requirement[][] = Array.from({ length: n }, () => []);
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
  return reqOf;
}

/** Requirements flattened, the providers-first evaluation order they imply, and each provider's consumers. */
export interface CompiledRequirements {
  reqStart: Int32Array;
  memStart: Int32Array;
  memLink: Int32Array;
  reqK: Int32Array;
  reqConn: Uint8Array;
  maxMembers: number;
  order: Int32Array;
  cyclic: boolean;
  consumers: { start: Int32Array; items: Int32Array };
}

/** Flatten the requirements and order the components providers first (cycles detected). */
export function compileRequirements(reqOf: Requirement[][], linkTo: Int32Array): CompiledRequirements {
  const n = reqOf.length;
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

  const consumers: number[][] = reqOf.map(() => []);
  reqOf.forEach((rs, i) => {
    for (const p of new Set(rs.flatMap((r) => r.members.map((j) => linkTo[j])))) consumers[p].push(i);
  });
  return {
    reqStart,
    memStart: Int32Array.from(memStartList),
    memLink: Int32Array.from(memLink),
    reqK: Int32Array.from(reqK),
    reqConn: Uint8Array.from(reqConn),
    maxMembers,
    order,
    cyclic,
    consumers: csrOf(consumers),
  };
}

/**
 * Per component, the providers it depends on softly (an unmet one degrades it), and per provider
 * the consumers that call it (seam failures follow these).
 */
export function compileDependencies(
  arrays: LinkArrays,
  n: number,
): { soft: { start: Int32Array; items: Int32Array }; revDeps: { start: Int32Array; items: Int32Array } } {
  const { links, linkFrom, linkTo } = arrays;
  const soft: number[][] = Array.from({ length: n }, () => []);
  const revDeps: number[][] = Array.from({ length: n }, () => []);
  links.forEach((l, j) => {
    const traits = LINK_KIND[l.kind];
    if (traits.degradesConsumer) soft[linkFrom[j]].push(linkTo[j]);
    if (traits.callsProvider && !revDeps[linkTo[j]].includes(linkFrom[j])) {
      revDeps[linkTo[j]].push(linkFrom[j]);
    }
  });
  return { soft: csrOf(soft), revDeps: csrOf(revDeps) };
}

/**
 * Whether each component's outage age can matter: providers of fail-closed caches and of tariffs,
 * and whatever their ages are inherited from (a propagated failure's age is its failed
 * requirements' age).
 */
export function outageAgeNeeded(arrays: LinkArrays, reqOf: Requirement[][]): Uint8Array {
  const { links, linkTo, kind } = arrays;
  const n = reqOf.length;
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
  return needsAge;
}
