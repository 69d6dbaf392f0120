/**
 * SPEC §10 for one word: the driver's view. Each intended visit (population × site its app
 * perceives) is evaluated by its expectation given the trial (visit.ts). A visit whose inputs are
 * all healthy in a trial has its healthy outcome, a constant added once at the summary: only
 * disturbed trials cost work, and they are split in two. Where a route class's shared providers
 * or links are disturbed (compile/visitClasses.ts), one route evaluation serves every member and
 * is added for the class at once (drvRoute keeps what the per-site figures need). Where a visit's
 * own site, its sight of it or its own links are disturbed, that visit alone is evaluated, against
 * its class's route in the trial. Tallies are corrections to the constants per trial group (the
 * word's index in its batch mod 32: 32 groups of independent trials, for batch-means intervals).
 */
import { type CompiledReliability, KIND_CACHED_CLOSED, KIND_CACHED_OPEN, viaSlot } from "../compile/index.ts";
import { lowestBit, popcount, trialsIn } from "../kit/bits.ts";
import type { WorkingMemory } from "./memory.ts";
import { linkMet, providerAge } from "./propagate.ts";
import { ROUTE_STRIDE, type Tally } from "./tally.ts";
import {
  CAUSE_COUNT,
  HEALTHY_STATE,
  HEALTHY_VISIT_FIELDS,
  healthyVisits,
  ROUTE_FIELDS,
  routeCoefficients,
  routeOf,
  type TrialState,
  type VisitScratch,
  visitOutcome,
  visitScratch,
} from "./visit.ts";

const AUTH = 4;
const TOO_SLOW = 5;
const START_FAILURE = 6;
/** Numbers per class in DriverMemory.classHealthyCoef (routeCoefficients). */
const COEFS = 5;

/** Scratch of the per-word pass (one per compiled model and working memory). */
interface DriverMemory {
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
  /** A visit's cause corrections over its bits (added to the tallies once). */
  causes: Float64Array;
  read: Int32Array;
  coef: Float64Array;
  /** Per visit and sight (stale, none) at a working site on the healthy route: its outcome less the healthy one, its root and weight. */
  sight: Float64Array;
  sightKnown: Uint8Array;
}

const SIGHT_FIELDS = 2 + CAUSE_COUNT + 2;

const memories = new WeakMap<CompiledReliability, DriverMemory>();

function driverMemory(c: CompiledReliability, s: WorkingMemory): DriverMemory {
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
    read: new Int32Array(widest),
    coef: new Float64Array(COEFS),
    sight: new Float64Array(D.visitPop.length * 2 * SIGHT_FIELDS),
    sightKnown: new Uint8Array(D.visitPop.length * 2),
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
    routeCoefficients(c, D.visitPop[rep], m.classHealthy, k * ROUTE_FIELDS, m.coef);
    m.classHealthyCoef.set(m.coef, k * COEFS);
  }
  memories.set(c, m);
  return m;
}

/** The component whose failure explains charger ch's at bit b: follow the first unmet requirement down. */
function rootOf(c: CompiledReliability, s: WorkingMemory, ch: number, b: number, valid: number): number {
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

const ROWS = [0, -1];

/** SPEC §10 tallies for word `valid` (call after perception, before the disturbed groups reset). */
export function tallyDrivers(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  const D = c.drivers;
  const S = c.chargers.length;
  if (S === 0) return;
  const m = driverMemory(c, s);
  m.word = (m.word + 1) | 0;
  if (m.word === 0) {
    m.opaqueStamp.fill(0);
    m.siteStamp.fill(0);
    m.word = 1;
  }
  for (let x = 0; x < s.disturbedGroupCount; x++) {
    const g = s.disturbedGroups[x];
    const v0 = c.groupViewStart[g];
    for (let y = 0; y < s.opaqueViewerCount[g]; y++) m.opaqueStamp[s.opaqueViewers[v0 + y]] = m.word;
  }
  const g = (s.nextWord - 1) & 31;
  t.drvTrials[g] += trialsIn(valid);
  tallySites(c, m, valid, t, g);
  tallyClasses(c, m, valid, t, g);
  // visits of their own: at sites where something is not healthy, then those seen through an opaque viewer
  for (let ci = 0; ci < S; ci++) {
    if (m.siteStamp[ci] !== m.word) continue;
    // a visit needs work of its own where the site works but is not seen, or its own links time
    // out, or its viewer is opaque, or its class's route changed while the site was down
    const f = s.functional[c.chargers[ci]];
    const alone = (f & ~m.siteReport[ci]) | m.siteOwn[ci];
    const down = ~f & valid;
    for (let y = D.siteVisitStart[ci]; y < D.siteVisitStart[ci + 1]; y++) {
      const v = D.siteVisitItem[y];
      const slot = D.visitSlot[v];
      if (
        (alone & valid) === 0 &&
        (down & m.classBits[D.visitClass[v]]) === 0 &&
        (slot < 0 || m.opaqueStamp[slot] !== m.word)
      )
        continue;
      ownVisit(c, m, t, v, valid, g);
    }
  }
  for (let slot = 0; slot < D.slotVisitStart.length - 1; slot++) {
    if (m.opaqueStamp[slot] !== m.word) continue;
    for (let y = D.slotVisitStart[slot]; y < D.slotVisitStart[slot + 1]; y++) {
      const v = D.slotVisitItem[y];
      if (m.siteStamp[D.visitSite[v]] !== m.word) ownVisit(c, m, t, v, valid, g);
    }
  }
}

/** Each site's report; where one does not work, report or reach its backends, its roots, uptime corrections and stamp. */
function tallySites(c: CompiledReliability, m: DriverMemory, valid: number, t: Tally, g: number): void {
  const D = c.drivers;
  const s = m.s;
  for (let ci = 0; ci < c.chargers.length; ci++) {
    const ch = c.chargers[ci];
    const f = s.functional[ch];
    const report = ~((s.down[ch] & ~s.silent[ch]) | s.connectivityUnmet[ch]) & valid;
    m.siteReport[ci] = report;
    let own = 0;
    for (let y = D.siteOwnLinkStart[ci]; y < D.siteOwnLinkStart[ci + 1]; y++)
      own |= s.callFailed[D.siteOwnLinkItem[y]];
    let bits = (~f | ~report) & valid;
    m.siteOwn[ci] = own;
    if (((bits | own) & valid) !== 0) m.siteStamp[ci] = m.word;
    if (bits === 0) continue;
    const down = ~f & valid;
    if (down !== 0) {
      t.siteDown[ci * 64 + g] += popcount(down & report);
      t.siteDown[ci * 64 + 32 + g] += popcount(down & ~report);
    }
    const units = D.siteUnits[ci];
    const a = D.siteUnitAvailability[ci];
    const reportsPerUnit = D.siteReportsPerUnit[ci];
    for (; bits !== 0; bits &= bits - 1) {
      const b = lowestBit(bits);
      const works = (f >>> b) & 1;
      const reports = (report >>> b) & 1;
      const root = works ? -1 : rootOf(c, s, ch, b, valid);
      m.siteRoot[ci * 32 + b] = root;
      if (!works && reports) {
        let slot = D.siteRootStart[ci];
        while (D.siteRootItem[slot] !== root) slot++;
        t.siteRootDown[slot] += 1;
      }
      // corrections to the healthy site (units reporting, counted, up)
      const reported = reports ? 0 : -units * reportsPerUnit;
      const excluded =
        !reports &&
        root >= 0 &&
        D.excludableRoot[root] === 1 &&
        (c.org[root] < 0 || c.org[root] !== c.org[ch]);
      const counted = excluded ? -units : 0;
      const trueUp = works ? 0 : -units * a;
      t.drvUptime[g] += reported;
      t.drvUptime[32 + g] += counted;
      t.drvUptime[64 + g] += trueUp;
      t.siteUptime[ci * 3] += reported;
      t.siteUptime[ci * 3 + 1] += counted;
      t.siteUptime[ci * 3 + 2] += trueUp;
    }
  }
}

/**
 * Route classes: where a class's shared providers or links are disturbed, its route per trial
 * (one evaluation for equal reads), and the change from the healthy route for all its members at
 * once — into the population and overall tallies, the roots blamed and drvRoute (for the sites).
 */
function tallyClasses(c: CompiledReliability, m: DriverMemory, valid: number, t: Tally, g: number): void {
  const D = c.drivers;
  const s = m.s;
  const { functional, degraded, callFailed } = s;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const coef = m.coef;
  for (let k = 0; k < D.classRep.length; k++) {
    const l0 = D.classLinkStart[k];
    const l1 = D.classLinkStart[k + 1];
    let bits = 0;
    for (let y = l0; y < l1; y++) {
      const j = D.classLinkItem[y];
      const p = c.linkTo[j];
      bits |= ~functional[p] | (D.classLinkDegrades[y] === 1 ? degraded[p] : 0);
      if (D.classLinkOwn[y] === 0) bits |= callFailed[j];
    }
    bits &= valid;
    m.classBits[k] = bits;
    if (bits === 0) continue;
    const rep = D.classRep[k];
    const d = D.visitPop[rep];
    m.repCharger = c.chargers[D.visitSite[rep]];
    const hc = k * COEFS;
    const healthyRoot = m.classHealthyCoef[hc + 3];
    const mass = m.classMass[k];
    let dAuth = 0;
    let dSlow = 0;
    let dInTime = 0;
    for (; bits !== 0; bits &= bits - 1) {
      const b = lowestBit(bits);
      // what the class's links read at b; equal to the last evaluation's → the same route
      const read = m.read;
      const r0 = k * m.read.length;
      let same = m.lastKnown[k] === 1;
      for (let y = l0; y < l1; y++) {
        const j = D.classLinkItem[y];
        const p = c.linkTo[j];
        const works = (functional[p] >>> b) & 1;
        const failed = D.classLinkOwn[y] === 0 ? (callFailed[j] >>> b) & 1 : 0;
        m.bit = b;
        const serves = (works === 0 || failed === 1) && m.classState.cacheServes(j) ? 8 : 0;
        const slower = D.classLinkDegrades[y] === 1 ? ((degraded[p] >>> b) & 1) << 1 : 0;
        const r = works | slower | (failed << 2) | serves;
        read[y - l0] = r;
        if (same && m.lastRead[r0 + y - l0] !== r) same = false;
      }
      const at = k * ROUTE_FIELDS;
      if (!same) {
        m.bit = b;
        routeOf(c, m.x, rep, m.classState, m.lastRoute, at);
        for (let y = 0; y < l1 - l0; y++) m.lastRead[r0 + y] = read[y];
        m.lastKnown[k] = 1;
      }
      routeCoefficients(c, d, m.lastRoute, at, coef);
      m.classCoef.set(coef, (k * 32 + b) * COEFS);
      dAuth += coef[0] - m.classHealthyCoef[hc];
      dSlow += coef[1] - m.classHealthyCoef[hc + 1];
      dInTime += coef[2] - m.classHealthyCoef[hc + 2];
      if (coef[3] >= 0) t.drvVia[viaSlot(D, d, coef[3]) * 2 + 1] += mass * coef[4];
      if (healthyRoot >= 0) t.drvVia[viaSlot(D, d, healthyRoot) * 2 + 1] -= mass * m.classHealthyCoef[hc + 4];
    }
    const r = k * ROUTE_STRIDE;
    t.drvRoute[r + g] += dInTime;
    t.drvRoute[r + 32] += dAuth;
    t.drvRoute[r + 33] += dSlow;
    const success = m.classMassOk[k] * dInTime;
    t.drvSuccess[d * 32 + g] += success;
    t.drvSuccess[(P + S) * 32 + g] += success;
    // the population's row, then the row of all
    for (const row of ROWS) {
      const at = (row < 0 ? P : d) * CAUSE_COUNT * 32 + g;
      t.drvCause[at + AUTH * 32] += mass * dAuth;
      t.drvCause[at + TOO_SLOW * 32] += mass * dSlow;
      t.drvCause[at + START_FAILURE * 32] += m.classMassStart[k] * dInTime;
    }
  }
}

/**
 * Visit v where its site, its sight of the site or its own links are disturbed: its outcome less
 * the outcome its class's route gives a healthy site (already counted for the class), into the tallies.
 */
function ownVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  valid: number,
  g: number,
): void {
  const D = c.drivers;
  const s = m.s;
  const ci = D.visitSite[v];
  const ch = c.chargers[ci];
  const slot = D.visitSlot[v];
  const report = m.siteReport[ci];
  const opaque = slot >= 0 && m.opaqueStamp[slot] === m.word;
  const freshMask = opaque ? report & s.showsReport[slot] : report;
  const staleMask = opaque ? s.showsAvailable[slot] : 0;
  const f = s.functional[ch];
  let own = 0;
  for (let y = D.visitOwnLinkStart[v]; y < D.visitOwnLinkStart[v + 1]; y++)
    own |= s.callFailed[D.visitOwnLinkItem[y]];
  let bits = (~f | ~report | (report & ~freshMask) | staleMask | own) & valid;
  if (bits === 0) return;
  const k = D.visitClass[v];
  // the site down: counted per site (tallySites), as seen fresh where it reports; here what differs
  const down = bits & ~f;
  if (down !== 0) siteDownVisit(c, m, t, v, down, report, freshMask, staleMask, g);
  bits &= f;
  if (bits === 0) return;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const d = D.visitPop[v];
  let sumSuccess = 0;
  let sumAttempt = 0;
  // the class's route healthy and the own links answering: the outcome depends only on the sight
  const plain = bits & ~m.classBits[k] & ~own;
  if (plain !== 0) {
    const h = m.healthy;
    const hv = v * HEALTHY_VISIT_FIELDS;
    const healthyRoot = h[hv + 2 + CAUSE_COUNT];
    // seen fresh, it is the healthy outcome: only stale sight and none differ (each once per visit)
    for (let sight = 1; sight < 3; sight++) {
      const these = plain & ~freshMask & (sight === 1 ? staleMask : ~staleMask);
      if (these === 0) continue;
      const count = popcount(these);
      const at = sightOutcome(c, m, v, sight);
      const o = m.sight;
      sumSuccess += count * o[at];
      sumAttempt += count * o[at + 1];
      for (let z = 0; z < CAUSE_COUNT; z++) {
        const dc = count * o[at + 2 + z];
        if (dc === 0) continue;
        t.drvCause[(d * CAUSE_COUNT + z) * 32 + g] += dc;
        t.drvCause[(P * CAUSE_COUNT + z) * 32 + g] += dc;
        t.siteCause[ci * CAUSE_COUNT + z] += dc;
      }
      const root = o[at + 2 + CAUSE_COUNT];
      if (root >= 0) t.drvVia[viaSlot(D, d, root) * 2 + 1] += count * o[at + 3 + CAUSE_COUNT];
      if (healthyRoot >= 0) t.drvVia[viaSlot(D, d, healthyRoot) * 2 + 1] -= count * h[hv + 3 + CAUSE_COUNT];
    }
    bits &= ~plain;
  }
  // the rest, bit by bit: the sight's own part (the table) and, per unit of attempts at a working
  // unit, the route's coefficients — v's own route where its own links time out, else its class's
  // in the trial — less the fresh sight's on the class's route (visitOutcome is linear in them)
  const h = m.healthy;
  const uFresh = h[v * HEALTHY_VISIT_FIELDS + 4 + CAUSE_COUNT];
  const staleMass = D.visitWeight[v] * D.siteUnitAvailability[ci];
  const start = D.siteStartFailure[ci];
  const hc = k * COEFS;
  const dc = m.causes;
  for (; bits !== 0; bits &= bits - 1) {
    const b = lowestBit(bits);
    const ownBit = (own >>> b) & 1;
    const sight = (freshMask >>> b) & 1 ? 0 : (staleMask >>> b) & 1 ? 1 : 2;
    if (ownBit === 0 && sight === 0) continue; // the same outcome as the class's members
    const yc = (m.classBits[k] >>> b) & 1 ? m.classCoef : m.classHealthyCoef;
    const yo = yc === m.classCoef ? (k * 32 + b) * COEFS : hc;
    let xc = yc;
    let xo = yo;
    if (ownBit === 1) {
      ownRoute(c, m, v, b);
      xc = m.lastOwnCoef;
      xo = hc;
    }
    let uX = uFresh;
    if (sight !== 0) {
      const at = sightOutcome(c, m, v, sight);
      sumAttempt += m.sight[at + 1];
      for (let z = 0; z < AUTH; z++) dc[z] += m.sight[at + 2 + z];
      uX = sight === 1 ? staleMass : 0;
    }
    const inTime = uX * xc[xo + 2] - uFresh * yc[yo + 2];
    sumSuccess += inTime * (1 - start);
    dc[AUTH] += uX * xc[xo] - uFresh * yc[yo];
    dc[TOO_SLOW] += uX * xc[xo + 1] - uFresh * yc[yo + 1];
    dc[START_FAILURE] += inTime * start;
    if (uX > 0 && xc[xo + 3] >= 0) t.drvVia[viaSlot(D, d, xc[xo + 3]) * 2 + 1] += uX * xc[xo + 4];
    if (uFresh > 0 && yc[yo + 3] >= 0) t.drvVia[viaSlot(D, d, yc[yo + 3]) * 2 + 1] -= uFresh * yc[yo + 4];
  }
  for (let z = 0; z < CAUSE_COUNT; z++) {
    const dz = dc[z];
    if (dz === 0) continue;
    dc[z] = 0;
    t.drvCause[(d * CAUSE_COUNT + z) * 32 + g] += dz;
    t.drvCause[(P * CAUSE_COUNT + z) * 32 + g] += dz;
    t.siteCause[ci * CAUSE_COUNT + z] += dz;
  }
  addSums(t, d, P + ci, P + S, g, sumSuccess, sumAttempt);
}

/**
 * Visit v in trials `down` where its site is down. The site's count (siteDown) gives it the outcome
 * of its sight as the site reports, less the healthy one; here: the sites the outage is rooted at,
 * the sight an opaque viewer gives instead, and the class's route change (counted for every
 * member, though a site that is down does not authorise).
 */
function siteDownVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  down: number,
  report: number,
  freshMask: number,
  staleMask: number,
  g: number,
): void {
  const D = c.drivers;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const d = D.visitPop[v];
  const ci = D.visitSite[v];
  const k = D.visitClass[v];
  const x = m.x;
  const y = m.y;
  // the roots: the site's count (siteRootDown) has its visitors coming where it reports; an opaque
  // viewer's drivers come where it shows the site (fresh as many as at the healthy site, stale all)
  const freshWeight = m.healthy[v * HEALTHY_VISIT_FIELDS + 1];
  const w = D.visitWeight[v];
  const opaque = freshMask !== report || staleMask !== 0;
  for (let rest = opaque ? down & (freshMask | staleMask | report) : 0; rest !== 0; rest &= rest - 1) {
    const b = lowestBit(rest);
    const came = (freshMask >>> b) & 1 ? freshWeight : (staleMask >>> b) & 1 ? w : 0;
    const counted = (report >>> b) & 1 ? freshWeight : 0;
    if (came !== counted) t.drvVia[viaSlot(D, d, m.siteRoot[ci * 32 + b]) * 2] += came - counted;
  }
  let sumSuccess = 0;
  let sumAttempt = 0;
  // an opaque viewer: its sight where it differs from the site's report
  for (let rest = down & ((report & ~freshMask) | staleMask); rest !== 0; rest &= rest - 1) {
    const b = lowestBit(rest);
    const reports = ((report >>> b) & 1) === 1;
    visitOutcome(
      c,
      x,
      v,
      ((freshMask >>> b) & 1) === 1,
      ((staleMask >>> b) & 1) === 1,
      false,
      -1,
      m.classHealthy,
      0,
    );
    visitOutcome(c, y, v, reports, false, false, -1, m.classHealthy, 0);
    sumSuccess += x.success - y.success;
    sumAttempt += x.attempt - y.attempt;
    addCauses(t, d, P, ci, g, x.cause, y.cause, 1);
  }
  // the class's route change, counted for it, does not reach a site that is down
  const changed = down & m.classBits[k];
  if (changed !== 0) {
    const mass = m.healthy[v * HEALTHY_VISIT_FIELDS + 4 + CAUSE_COUNT];
    const start = D.siteStartFailure[ci];
    const hc = k * COEFS;
    for (let rest = changed; rest !== 0; rest &= rest - 1) {
      const b = lowestBit(rest);
      const cb = (k * 32 + b) * COEFS;
      const coef = m.classCoef;
      const inTime = coef[cb + 2] - m.classHealthyCoef[hc + 2];
      sumSuccess -= mass * (1 - start) * inTime;
      const at = d * CAUSE_COUNT * 32 + g;
      const all = P * CAUSE_COUNT * 32 + g;
      const dAuth = mass * (coef[cb] - m.classHealthyCoef[hc]);
      const dSlow = mass * (coef[cb + 1] - m.classHealthyCoef[hc + 1]);
      const dStart = mass * start * inTime;
      t.drvCause[at + AUTH * 32] -= dAuth;
      t.drvCause[all + AUTH * 32] -= dAuth;
      t.drvCause[at + TOO_SLOW * 32] -= dSlow;
      t.drvCause[all + TOO_SLOW * 32] -= dSlow;
      t.drvCause[at + START_FAILURE * 32] -= dStart;
      t.drvCause[all + START_FAILURE * 32] -= dStart;
      t.siteCause[ci * CAUSE_COUNT + AUTH] -= dAuth;
      t.siteCause[ci * CAUSE_COUNT + TOO_SLOW] -= dSlow;
      t.siteCause[ci * CAUSE_COUNT + START_FAILURE] -= dStart;
      if (coef[cb + 3] >= 0) t.drvVia[viaSlot(D, d, coef[cb + 3]) * 2 + 1] -= mass * coef[cb + 4];
      const hRoot = m.classHealthyCoef[hc + 3];
      if (hRoot >= 0) t.drvVia[viaSlot(D, d, hRoot) * 2 + 1] += mass * m.classHealthyCoef[hc + 4];
    }
  }
  addSums(t, d, P + ci, P + S, g, sumSuccess, sumAttempt);
}

/** Success and attempt corrections of a visit into its population's, its site's and the whole's rows. */
function addSums(
  t: Tally,
  d: number,
  site: number,
  all: number,
  g: number,
  success: number,
  attempt: number,
): void {
  t.drvSuccess[d * 32 + g] += success;
  t.drvAttempt[d * 32 + g] += attempt;
  t.drvSuccess[site * 32 + g] += success;
  t.drvAttempt[site * 32 + g] += attempt;
  t.drvSuccess[all * 32 + g] += success;
  t.drvAttempt[all * 32 + g] += attempt;
}

/** Cause corrections `scale` × (x − y) of a visit of population d at site ci into group g's tallies. */
function addCauses(
  t: Tally,
  d: number,
  P: number,
  ci: number,
  g: number,
  x: Float64Array,
  y: Float64Array,
  scale: number,
): void {
  for (let z = 0; z < CAUSE_COUNT; z++) {
    const dc = scale * (x[z] - y[z]);
    if (dc === 0) continue;
    t.drvCause[(d * CAUSE_COUNT + z) * 32 + g] += dc;
    t.drvCause[(P * CAUSE_COUNT + z) * 32 + g] += dc;
    t.siteCause[ci * CAUSE_COUNT + z] += dc;
  }
}

/**
 * Visit v's route at bit b where its own links time out, into m.lastOwnRoute at its class: what the
 * class's links read with v's own links in place of the representative's (their equals); equal
 * reads, the class's last such route.
 */
function ownRoute(c: CompiledReliability, m: DriverMemory, v: number, b: number): void {
  const D = c.drivers;
  const s = m.s;
  const k = D.visitClass[v];
  const l0 = D.classLinkStart[k];
  const l1 = D.classLinkStart[k + 1];
  const r0 = k * m.read.length;
  let mine = D.visitOwnLinkStart[v];
  let same = m.lastOwnKnown[k] === 1;
  m.bit = b;
  for (let y = l0; y < l1; y++) {
    const j = D.classLinkOwn[y] === 1 ? D.visitOwnLinkItem[mine++] : D.classLinkItem[y];
    const p = c.linkTo[j];
    const works = (s.functional[p] >>> b) & 1;
    const failed = (s.callFailed[j] >>> b) & 1;
    const serves = (works === 0 || failed === 1) && m.state.cacheServes(j) ? 8 : 0;
    const slower = D.classLinkDegrades[y] === 1 ? ((s.degraded[p] >>> b) & 1) << 1 : 0;
    const read = works | slower | (failed << 2) | serves;
    if (same && m.lastOwnRead[r0 + y - l0] !== read) same = false;
    m.read[y - l0] = read;
  }
  if (same) return;
  routeOf(c, m.x, v, m.state, m.lastOwnRoute, k * ROUTE_FIELDS);
  routeCoefficients(c, D.visitPop[v], m.lastOwnRoute, k * ROUTE_FIELDS, m.coef);
  m.lastOwnCoef.set(m.coef, k * COEFS);
  for (let y = 0; y < l1 - l0; y++) m.lastOwnRead[r0 + y] = m.read[y];
  m.lastOwnKnown[k] = 1;
}

/** Where m.sight holds visit v's outcome seen stale (sight 1) or not at all (2), computed on first use. */
function sightOutcome(c: CompiledReliability, m: DriverMemory, v: number, sight: number): number {
  const slot = v * 2 + sight - 1;
  const at = slot * SIGHT_FIELDS;
  if (m.sightKnown[slot] === 1) return at;
  const x = m.x;
  const h = m.healthy;
  const hv = v * HEALTHY_VISIT_FIELDS;
  visitOutcome(c, x, v, false, sight === 1, true, -1, m.classHealthy, c.drivers.visitClass[v] * ROUTE_FIELDS);
  const o = m.sight;
  o[at] = x.success - h[hv];
  o[at + 1] = x.attempt - h[hv + 1];
  for (let z = 0; z < CAUSE_COUNT; z++) o[at + 2 + z] = x.cause[z] - h[hv + 2 + z];
  o[at + 2 + CAUSE_COUNT] = x.authRoot;
  o[at + 3 + CAUSE_COUNT] = x.authRootWeight;
  m.sightKnown[slot] = 1;
  return at;
}
