/**
 * SPEC §10.2–10.4: one intended visit's expected outcome given a trial's state — seen fresh or
 * stale, the site working, the unit picked, authorisation through hard, cached and soft hops
 * (operator token caches serving all but the real-time share), the time it takes against the
 * driver's patience, and the start. Unit faults, soft calls, path times and start failures are
 * independent of the trial's other draws: they enter by their probabilities (exact, less noise).
 * Allocation-free: results go into the VisitScratch.
 */
import {
  type CompiledReliability,
  HOP_CSMS_CACHE,
  HOP_DEGRADED,
  HOP_TIMED_OUT,
  HOP_UP,
  KIND_CACHED_CLOSED,
  KIND_CACHED_OPEN,
  KIND_SOFT,
  PART_CERTS,
} from "../compile/index.ts";

/** Why an intended visit did not end in a charge (SPEC §10.4), in the order they are checked. */
export const CAUSES = [
  "notShown",
  "siteDown",
  "noUnit",
  "unitFault",
  "auth",
  "tooSlow",
  "startFailure",
] as const;
export type Cause = (typeof CAUSES)[number];
export const CAUSE_COUNT = CAUSES.length;
const NOT_SHOWN = 0;
/** A cause's position: the site down (the word pass writes it by position). */
export const SITE_DOWN = 1;
const NO_UNIT = 2;
const UNIT_FAULT = 3;
const AUTH = 4;
const TOO_SLOW = 5;
const START_FAILURE = 6;

/** The trial state a visit reads at the scratch's bit: component i functional / degraded, link j's call failed / cache serving. */
export interface TrialState {
  functional(i: number): boolean;
  degraded(i: number): boolean;
  callFailed(j: number): boolean;
  cacheServes(j: number): boolean;
}

/** Every provider working, nothing degraded, no call timed out: the state of most visits in most trials. */
export const HEALTHY_STATE: TrialState = {
  functional: () => true,
  degraded: () => false,
  callFailed: () => false,
  cacheServes: () => false,
};

/** Results and scratch of one visit's evaluation (reused: nothing is allocated per visit). */
export interface VisitScratch {
  success: number;
  attempt: number;
  cause: Float64Array;
  /** Component the site-down weight is rooted at, and the authorisation failures' one (−1: none). */
  siteRoot: number;
  authRoot: number;
  authRootWeight: number;
  hopLinks: Int32Array;
  hopStates: Uint8Array;
  // walkPath's and authorise's results
  pathOk: boolean;
  pathSoft: number;
  pathEnd: number;
  pathSoftRoot: number;
  through: number;
  slow: number;
  root: number;
  /** A route's numbers (routeOf). */
  route: Float64Array;
  /** visitOutcome's mass of attempts at a working unit (what authorisation acts on). */
  unitMass: number;
}

/** Scratch for a compiled model's visits. */
export function visitScratch(c: CompiledReliability): VisitScratch {
  const hops = Math.max(1, c.drivers.hopLink.length);
  return {
    success: 0,
    attempt: 0,
    cause: new Float64Array(CAUSE_COUNT),
    siteRoot: -1,
    authRoot: -1,
    authRootWeight: 0,
    hopLinks: new Int32Array(hops),
    hopStates: new Uint8Array(hops),
    pathOk: false,
    pathSoft: 1,
    pathEnd: 0,
    pathSoftRoot: -1,
    through: 0,
    slow: 0,
    root: -1,
    route: new Float64Array(ROUTE_FIELDS),
    unitMass: 0,
  };
}

/**
 * One path of a part: whether it gets through (before soft calls), the probability its soft calls
 * all succeed, the hops traversed (appended to x.hopLinks/hopStates from `at`). `realtime`: the
 * token must reach the app through working providers (no cache serves it).
 */
function walkPath(
  c: CompiledReliability,
  x: VisitScratch,
  path: number,
  st: TrialState,
  realtime: boolean,
  at: number,
): void {
  const D = c.drivers;
  let soft = 1;
  let softRoot = -1;
  let count = at;
  x.pathOk = true;
  for (let h = D.pathHopStart[path]; h < D.pathHopStart[path + 1]; h++) {
    const j = D.hopLink[h];
    const to = c.linkTo[j];
    const kind = c.kind[j];
    const cached = kind === KIND_CACHED_CLOSED || kind === KIND_CACHED_OPEN;
    if (!st.functional(to)) {
      // a failed provider answers at once; a cache serves what it holds unless the token is real-time
      x.pathOk = cached && !realtime && st.cacheServes(j);
      break;
    }
    const degraded = st.degraded(to);
    if (kind === KIND_SOFT) {
      const fails = degraded ? D.softCallDeg[j] : D.softCallUp[j];
      if (fails > 0 && softRoot < 0) softRoot = to;
      soft *= 1 - fails;
    } else if (st.callFailed(j)) {
      // every attempt timed out: the driver waited for them, then the cache served (or not)
      x.pathOk = cached && !realtime;
      if (x.pathOk) {
        x.hopLinks[count] = j;
        x.hopStates[count++] = HOP_TIMED_OUT;
      }
      break;
    }
    x.hopLinks[count] = j;
    x.hopStates[count++] = degraded ? HOP_DEGRADED : HOP_UP;
    // the operator's token cache answers all but the real-time share once the CSMS is reached
    if (!realtime && (D.hopFlags[h] & HOP_CSMS_CACHE) !== 0) break;
  }
  x.pathSoft = soft;
  x.pathSoftRoot = softRoot;
  x.pathEnd = count;
}

/** The first failed provider on the path with the fewest failed hops of part q (the cause). */
function blame(c: CompiledReliability, q: number, st: TrialState): number {
  const D = c.drivers;
  let best = Number.POSITIVE_INFINITY;
  let blamed = -1;
  for (let p = D.partPathStart[q]; p < D.partPathStart[q + 1]; p++) {
    let count = 0;
    let first = -1;
    for (let h = D.pathHopStart[p]; h < D.pathHopStart[p + 1]; h++) {
      const j = D.hopLink[h];
      const to = c.linkTo[j];
      if (st.functional(to) && (c.kind[j] === KIND_SOFT || !st.callFailed(j))) continue;
      count++;
      if (first < 0) first = to;
    }
    if (count < best) {
      best = count;
      blamed = first;
    }
  }
  return blamed;
}

/**
 * Authorisation of visit v in one mode (real-time or from caches): x.through = P(gets through),
 * x.slow = P(too slow | through), x.root = the provider blamed when it does not. A visit's parts
 * (certificates, then the contract) run one after the other; the first path that gets through is used.
 */
function authorise(
  c: CompiledReliability,
  x: VisitScratch,
  v: number,
  st: TrialState,
  realtime: boolean,
): void {
  const D = c.drivers;
  let through = 1;
  let hops = 0;
  let root = -1;
  for (let q = D.visitPartStart[v]; q < D.visitPartStart[v + 1]; q++) {
    const rt = realtime && D.partKind[q] !== PART_CERTS; // certificates are cached by design
    let found = false;
    for (let p = D.partPathStart[q]; p < D.partPathStart[q + 1] && !found; p++) {
      walkPath(c, x, p, st, rt, hops);
      if (!x.pathOk) continue;
      found = true;
      hops = x.pathEnd;
      through *= x.pathSoft;
      if (x.pathSoft < 1 && root < 0) root = x.pathSoftRoot;
    }
    if (!found) {
      x.through = 0;
      x.slow = 0;
      x.root = blame(c, q, st);
      return;
    }
  }
  x.through = through;
  x.root = root;
  const patience = D.popPatienceMs[D.visitPop[v]];
  let bound = 0;
  for (let h = 0; h < hops; h++) bound += D.hopMaxMs[x.hopLinks[h]];
  // most paths cannot take as long as the patience even if every attempt timed out
  x.slow = bound < patience ? 0 : D.timer.slowProbability(x.hopLinks, x.hopStates, hops, patience);
}

/** Numbers per route in a route array: per mode (from caches, real-time) P(through), P(too slow | through), blamed root. */
export const ROUTE_FIELDS = 6;

/**
 * Visit v's authorisation at the state, both modes, into route[at …]: what its outcome needs
 * besides its sight of the site (a mode nobody uses gets through).
 */
export function routeOf(
  c: CompiledReliability,
  x: VisitScratch,
  v: number,
  st: TrialState,
  route: Float64Array,
  at: number,
): void {
  const rtShare = c.drivers.popRealtime[c.drivers.visitPop[v]];
  for (let mode = 0; mode < 2; mode++) {
    const share = mode === 0 ? 1 - rtShare : rtShare;
    const o = at + mode * 3;
    if (share <= 0) {
      route[o] = 1;
      route[o + 1] = 0;
      route[o + 2] = -1;
      continue;
    }
    authorise(c, x, v, st, mode === 1);
    route[o] = x.through;
    route[o + 1] = x.slow;
    route[o + 2] = x.root;
  }
}

/**
 * Visit v's expected outcome, into x, given its sight of the site (`fresh` / `stale`), whether the
 * site works (`siteOk`, else rooted at `siteRoot`) and its route (route[at …], from routeOf).
 */
export function visitOutcome(
  c: CompiledReliability,
  x: VisitScratch,
  v: number,
  fresh: boolean,
  stale: boolean,
  siteOk: boolean,
  siteRoot: number,
  route: Float64Array,
  at: number,
): void {
  const D = c.drivers;
  const cause = x.cause;
  x.success = 0;
  x.attempt = 0;
  cause.fill(0);
  x.siteRoot = -1;
  x.authRoot = -1;
  x.authRootWeight = 0;
  x.unitMass = 0;
  const w = D.visitWeight[v];
  const ci = D.visitSite[v];
  const a = D.siteUnitAvailability[ci];
  const silent = D.siteUnitSilent[ci];
  const loud = (1 - a) * (1 - silent);
  let attempt: number;
  let up: number;
  if (fresh) {
    // the app lists the units reporting available: at least one must; the driver picks among them
    attempt = w * D.siteListed[ci];
    cause[NOT_SHOWN] += w - attempt;
    up = D.siteListedUp[ci];
  } else if (stale) {
    attempt = w;
    up = a;
  } else {
    cause[NOT_SHOWN] += w;
    return;
  }
  x.attempt = attempt;
  if (!siteOk) {
    cause[SITE_DOWN] += attempt;
    x.siteRoot = siteRoot;
    return;
  }
  if (fresh) cause[UNIT_FAULT] += attempt * (1 - up);
  else {
    cause[NO_UNIT] += w * loud;
    cause[UNIT_FAULT] += w * (1 - a) * silent;
  }
  const unitOk = attempt * up;
  x.unitMass = unitOk;
  const rtShare = D.popRealtime[D.visitPop[v]];
  const start = D.siteStartFailure[ci];
  for (let mode = 0; mode < 2; mode++) {
    const share = mode === 0 ? 1 - rtShare : rtShare;
    if (share <= 0) continue;
    const o = at + mode * 3;
    const through = route[o];
    const mass = unitOk * share;
    const failed = mass * (1 - through);
    cause[AUTH] += failed;
    const root = route[o + 2];
    if (failed > 0 && root >= 0) {
      if (x.authRoot < 0) x.authRoot = root;
      if (x.authRoot === root) x.authRootWeight += failed;
    }
    const gotThrough = mass * through;
    cause[TOO_SLOW] += gotThrough * route[o + 1];
    const inTime = gotThrough * (1 - route[o + 1]);
    cause[START_FAILURE] += inTime * start;
    x.success += inTime * (1 - start);
  }
}

/**
 * Route coefficients of route[at …] for population d: per unit of a visit's healthy unit mass,
 * out[0] = authorisation failures, out[1] = too slow, out[2] = in time; out[3] = the blamed root,
 * out[4] = its share of the failures (as visitOutcome attributes them).
 */
export function routeCoefficients(
  c: CompiledReliability,
  d: number,
  route: Float64Array,
  at: number,
  out: Float64Array,
): void {
  const rtShare = c.drivers.popRealtime[d];
  out[0] = 0;
  out[1] = 0;
  out[2] = 0;
  out[3] = -1;
  out[4] = 0;
  for (let mode = 0; mode < 2; mode++) {
    const share = mode === 0 ? 1 - rtShare : rtShare;
    if (share <= 0) continue;
    const o = at + mode * 3;
    const through = route[o];
    const failed = share * (1 - through);
    out[0] += failed;
    const root = route[o + 2];
    if (failed > 0 && root >= 0) {
      if (out[3] < 0) out[3] = root;
      if (out[3] === root) out[4] += failed;
    }
    out[1] += share * through * route[o + 1];
    out[2] += share * through * (1 - route[o + 1]);
  }
}

/** Visit v's expected outcome at the state (routeOf, then visitOutcome), into x. */
export function evaluateVisit(
  c: CompiledReliability,
  x: VisitScratch,
  v: number,
  st: TrialState,
  fresh: boolean,
  stale: boolean,
  siteOk: boolean,
  siteRoot: number,
): void {
  routeOf(c, x, v, st, x.route, 0);
  visitOutcome(c, x, v, fresh, stale, siteOk, siteRoot, x.route, 0);
}

/** Fields per visit in `healthyVisits`: success, attempt, the causes, auth root, its weight, unit mass. */
export const HEALTHY_VISIT_FIELDS = 2 + CAUSE_COUNT + 3;

const healthyOf = new WeakMap<CompiledReliability["drivers"], Float64Array>();

/**
 * Per visit, its outcome in a trial where everything it reads is healthy (the constants), computed
 * once per compiled model: the word pass and every summary read it (forced states do not enter it).
 */
export function healthyVisits(c: CompiledReliability): Float64Array {
  const D = c.drivers;
  const known = healthyOf.get(D);
  if (known) return known;
  const x = visitScratch(c);
  const out = new Float64Array(D.visitPop.length * HEALTHY_VISIT_FIELDS);
  for (let v = 0; v < D.visitPop.length; v++) {
    evaluateVisit(c, x, v, HEALTHY_STATE, true, false, true, -1);
    const at = v * HEALTHY_VISIT_FIELDS;
    out[at] = x.success;
    out[at + 1] = x.attempt;
    for (let k = 0; k < CAUSE_COUNT; k++) out[at + 2 + k] = x.cause[k];
    out[at + 2 + CAUSE_COUNT] = x.authRoot;
    out[at + 3 + CAUSE_COUNT] = x.authRootWeight;
    out[at + 4 + CAUSE_COUNT] = x.unitMass;
  }
  healthyOf.set(D, out);
  return out;
}

/** Fields per visit and sight in `downVisits`: success, attempt, the causes. */
export const DOWN_VISIT_FIELDS = 2 + CAUSE_COUNT;

const downOf = new WeakMap<CompiledReliability["drivers"], Float64Array>();

/**
 * Per visit, its outcome less its healthy one when its site is down and seen fresh (it reports),
 * then not seen (it does not): what a trial of a site's siteDown count adds to each of its visits.
 */
export function downVisits(c: CompiledReliability): Float64Array {
  const D = c.drivers;
  const known = downOf.get(D);
  if (known) return known;
  const h = healthyVisits(c);
  const x = visitScratch(c);
  const out = new Float64Array(D.visitPop.length * 2 * DOWN_VISIT_FIELDS);
  for (let v = 0; v < D.visitPop.length; v++) {
    for (let sight = 0; sight < 2; sight++) {
      visitOutcome(c, x, v, sight === 0, false, false, -1, x.route, 0);
      const at = (v * 2 + sight) * DOWN_VISIT_FIELDS;
      const hv = v * HEALTHY_VISIT_FIELDS;
      out[at] = x.success - h[hv];
      out[at + 1] = x.attempt - h[hv + 1];
      for (let k = 0; k < CAUSE_COUNT; k++) out[at + 2 + k] = x.cause[k] - h[hv + 2 + k];
    }
  }
  downOf.set(D, out);
  return out;
}

/** Fields per visit and sight in `sightVisits`: success, attempt, the causes, auth root, its weight. */
export const SIGHT_FIELDS = 2 + CAUSE_COUNT + 2;

const sightOf = new WeakMap<CompiledReliability["drivers"], Float64Array>();

/**
 * Per visit, its outcome less its healthy one at a working site on its class's healthy route when
 * its app shows the site stale (sight 1), then not at all (sight 2): what a trial of an opaque
 * viewer's slot count (slotSight) adds to each of the slot's visits. Computed once per compiled model.
 */
export function sightVisits(c: CompiledReliability): Float64Array {
  const D = c.drivers;
  const known = sightOf.get(D);
  if (known) return known;
  const h = healthyVisits(c);
  const x = visitScratch(c);
  const K = D.classRep.length;
  const routes = new Float64Array(Math.max(1, K) * ROUTE_FIELDS);
  for (let k = 0; k < K; k++) routeOf(c, x, D.classRep[k], HEALTHY_STATE, routes, k * ROUTE_FIELDS);
  const out = new Float64Array(D.visitPop.length * 2 * SIGHT_FIELDS);
  for (let v = 0; v < D.visitPop.length; v++) {
    const hv = v * HEALTHY_VISIT_FIELDS;
    for (let sight = 1; sight < 3; sight++) {
      visitOutcome(c, x, v, false, sight === 1, true, -1, routes, D.visitClass[v] * ROUTE_FIELDS);
      const at = (v * 2 + sight - 1) * SIGHT_FIELDS;
      out[at] = x.success - h[hv];
      out[at + 1] = x.attempt - h[hv + 1];
      for (let z = 0; z < CAUSE_COUNT; z++) out[at + 2 + z] = x.cause[z] - h[hv + 2 + z];
      out[at + 2 + CAUSE_COUNT] = x.authRoot;
      out[at + 3 + CAUSE_COUNT] = x.authRootWeight;
    }
  }
  sightOf.set(D, out);
  return out;
}
