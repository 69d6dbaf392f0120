/**
 * The driver's view's word-pass scratch (SPEC §10): per compiled model and working memory, the
 * healthy constants, each route class's mass and healthy route coefficients, the per-class memo of
 * the last route evaluated, the per-visit sight table; and rootOf, the component a site's outage is
 * rooted at in a trial.
 */
import { type CompiledReliability, KIND_CACHED_CLOSED, KIND_CACHED_OPEN, viaSlot } from "../compile/index.ts";
import type { WorkingMemory } from "./memory.ts";
import { linkMet, providerAge } from "./propagate.ts";
import {
  CAUSE_COUNT,
  downVisits,
  HEALTHY_STATE,
  HEALTHY_VISIT_FIELDS,
  healthyVisits,
  ROUTE_FIELDS,
  routeCoefficients,
  routeOf,
  SIGHT_FIELDS,
  sightVisits,
  type TrialState,
  type VisitScratch,
  visitScratch,
} from "./visit.ts";
import { type VisitRecords, visitRecords } from "./visitRecords.ts";

const none = new Int32Array(0);
const EMPTY_RECORDS: VisitRecords = {
  rec: new Float64Array(0),
  siteOrderSlot: none,
  siteOrderClass: none,
  slotOrderPosition: none,
  slotOrderSite: none,
  slotOrderClass: none,
};

/** Causes (visit.ts CAUSES) the word pass writes by position. */
export const AUTH = 4;
export const TOO_SLOW = 5;
export const START_FAILURE = 6;
/**
 * Numbers per class in DriverMemory.classHealthyCoef (routeCoefficients), with the blamed root
 * (out[3]) as its slot in the tallies' drvVia (viaCoefficients).
 */
export const COEFS = 5;

/** Scratch of the per-word pass (one per compiled model and working memory). */
export interface DriverMemory {
  s: WorkingMemory;
  word: number;
  opaqueStamp: Int32Array;
  /** The word a site was last disturbed in (its visits are then evaluated on their own). */
  siteStamp: Int32Array;
  siteReport: Int32Array;
  /** Per site: trials any of its visits' own links timed out in. */
  siteOwn: Int32Array;
  siteRoot: Int32Array;
  x: VisitScratch;
  y: VisitScratch;
  healthy: Float64Array;
  bit: number;
  /** The trial at m.bit; the same with the class representative's own links answering. */
  state: TrialState;
  classState: TrialState;
  repCharger: number;
  /** Per class: Σ of its members' healthy unit mass, × (1 − start failure), × start failure. */
  classMass: Float64Array;
  classMassOk: Float64Array;
  classMassStart: Float64Array;
  /** Per class: the word's disturbed bits, the route's coefficients per bit, the healthy route and its coefficients. */
  classBits: Int32Array;
  classCoef: Float64Array;
  classHealthy: Float64Array;
  classHealthyCoef: Float64Array;
  /** Per class: what its links read at the last evaluation and its route (equal reads, equal route). */
  lastRead: Int32Array;
  lastKnown: Uint8Array;
  lastRoute: Float64Array;
  /** Per class, the same for its members' routes when their own links time out. */
  lastOwnRead: Int32Array;
  lastOwnKnown: Uint8Array;
  lastOwnRoute: Float64Array;
  lastOwnCoef: Float64Array;
  /** A visit's cause, success and attempt corrections over its bits (added to the tallies once). */
  causes: Float64Array;
  sums: Float64Array;
  /** Per visit, what a visit of its own reads, packed at its position in site order (visitRecords.ts). */
  records: VisitRecords;
  rec: Float64Array;
  read: Int32Array;
  coef: Float64Array;
  /** Per visit and sight (stale, none) at a working site on the healthy route: its outcome less the healthy one, its root and weight. */
  sight: Float64Array;
  /** Per visit: its healthy outcome's blamed root, then per sight the sight's, as drvVia slots (−1: none). */
  healthyVia: Int32Array;
  sightVia: Int32Array;
  /** Per class: its last route's coefficients (viaCoefficients). */
  lastCoef: Float64Array;
}

const memories = new WeakMap<CompiledReliability, DriverMemory>();

/** The scratch for `c` and `s` (built on first use, then reused while `s` is the same). */
export function driverMemory(c: CompiledReliability, s: WorkingMemory): DriverMemory {
  const known = memories.get(c);
  if (known && known.s === s) return known;
  const D = c.drivers;
  const S = c.chargers.length;
  const K = D.classRep.length;
  let widest = 1;
  for (let k = 0; k < K; k++) widest = Math.max(widest, D.classLinkStart[k + 1] - D.classLinkStart[k]);
  const m: DriverMemory = {
    s,
    word: 0,
    opaqueStamp: new Int32Array(c.groupViewSlot.length),
    siteStamp: new Int32Array(S),
    siteReport: new Int32Array(S),
    siteOwn: new Int32Array(S),
    siteRoot: new Int32Array(S * 32),
    x: visitScratch(c),
    y: visitScratch(c),
    healthy: healthyVisits(c),
    bit: 0,
    state: HEALTHY_STATE, // both set just below (they read m.bit)
    classState: HEALTHY_STATE,
    repCharger: -1,
    classMass: new Float64Array(K),
    classMassOk: new Float64Array(K),
    classMassStart: new Float64Array(K),
    classBits: new Int32Array(K),
    classCoef: new Float64Array(K * 32 * COEFS),
    classHealthy: new Float64Array(K * ROUTE_FIELDS),
    classHealthyCoef: new Float64Array(K * COEFS),
    lastRead: new Int32Array(K * widest),
    lastKnown: new Uint8Array(K),
    lastRoute: new Float64Array(K * ROUTE_FIELDS),
    lastOwnRead: new Int32Array(K * widest),
    lastOwnKnown: new Uint8Array(K),
    lastOwnRoute: new Float64Array(K * ROUTE_FIELDS),
    lastOwnCoef: new Float64Array(K * COEFS),
    causes: new Float64Array(CAUSE_COUNT),
    sums: new Float64Array(2),
    records: EMPTY_RECORDS, // set below, from the tables
    rec: EMPTY_RECORDS.rec,
    read: new Int32Array(widest),
    coef: new Float64Array(COEFS),
    sight: sightVisits(c),
    healthyVia: new Int32Array(D.visitPop.length),
    sightVia: new Int32Array(D.visitPop.length * 2),
    lastCoef: new Float64Array(K * COEFS),
  };
  const cacheServes = (j: number) => {
    const kind = c.kind[j];
    if (kind === KIND_CACHED_OPEN) return true;
    return kind === KIND_CACHED_CLOSED && providerAge(c, s, j, m.bit) < c.ttlHours[j];
  };
  const functional = (i: number) => ((s.functional[i] >>> m.bit) & 1) === 1;
  const degraded = (i: number) => ((s.degraded[i] >>> m.bit) & 1) === 1;
  m.state = { functional, degraded, callFailed: (j) => ((s.callFailed[j] >>> m.bit) & 1) === 1, cacheServes };
  m.classState = {
    functional,
    degraded,
    callFailed: (j) => c.linkFrom[j] !== m.repCharger && ((s.callFailed[j] >>> m.bit) & 1) === 1,
    cacheServes,
  };
  // each class's mass (its members' healthy unit mass) and healthy route
  const h = m.healthy;
  for (let v = 0; v < D.visitPop.length; v++) {
    const k = D.visitClass[v];
    const mass = h[v * HEALTHY_VISIT_FIELDS + 4 + CAUSE_COUNT];
    const start = D.siteStartFailure[D.visitSite[v]];
    m.classMass[k] += mass;
    m.classMassOk[k] += mass * (1 - start);
    m.classMassStart[k] += mass * start;
  }
  for (let k = 0; k < K; k++) {
    const rep = D.classRep[k];
    routeOf(c, m.x, rep, HEALTHY_STATE, m.classHealthy, k * ROUTE_FIELDS);
    viaCoefficients(c, D.visitPop[rep], m.classHealthy, k * ROUTE_FIELDS, m.coef);
    m.classHealthyCoef.set(m.coef, k * COEFS);
  }
  const via = (d: number, root: number) => (root >= 0 ? viaSlot(D, d, root) : -1);
  for (let v = 0; v < D.visitPop.length; v++) {
    const d = D.visitPop[v];
    m.healthyVia[v] = via(d, h[v * HEALTHY_VISIT_FIELDS + 2 + CAUSE_COUNT]);
    for (let sight = 0; sight < 2; sight++)
      m.sightVia[v * 2 + sight] = via(d, m.sight[(v * 2 + sight) * SIGHT_FIELDS + 2 + CAUSE_COUNT]);
  }
  m.records = visitRecords(c, h, m.sight, downVisits(c), m.healthyVia, m.sightVia);
  m.rec = m.records.rec;
  memories.set(c, m);
  return m;
}

/** routeCoefficients of route[at …] for population d, its blamed root as a drvVia slot (−1: none). */
export function viaCoefficients(
  c: CompiledReliability,
  d: number,
  route: Float64Array,
  at: number,
  out: Float64Array,
): void {
  routeCoefficients(c, d, route, at, out);
  if (out[3] >= 0) out[3] = viaSlot(c.drivers, d, out[3]);
}

/** The component whose failure explains charger ch's at bit b: follow the first unmet requirement down. */
export function rootOf(
  c: CompiledReliability,
  s: WorkingMemory,
  ch: number,
  b: number,
  valid: number,
): number {
  let i = ch;
  for (let depth = 0; depth <= c.n; depth++) {
    if ((s.down[i] >>> b) & 1) return i;
    let next = -1;
    for (let r = c.reqStart[i]; r < c.reqStart[i + 1] && next < 0; r++) {
      if (((s.requirementUnmet[r] >>> b) & 1) === 0) continue;
      for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) {
        const j = c.memLink[q];
        if ((linkMet(c, s, j, valid) >>> b) & 1) continue;
        const p = c.linkTo[j];
        if ((s.functional[p] >>> b) & 1) return p; // its call timed out: the slow provider
        next = p;
        break;
      }
    }
    if (next < 0) return i;
    i = next;
  }
  return i;
}
