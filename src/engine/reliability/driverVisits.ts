/**
 * SPEC §10, the driver's view's visits of their own in a word (drivers.ts decides which): where a
 * visit's site is down, its sight of the site differs from the site's report, or its own links time
 * out, its outcome less what its class and site already counted, into the tallies — closed form
 * where it can be (visitOutcome is linear in a route's coefficients).
 */
import { type CompiledReliability, viaSlot } from "../compile/index.ts";
import { lowestBit, popcount } from "../kit/bits.ts";
import { AUTH, COEFS, type DriverMemory, START_FAILURE, TOO_SLOW, viaCoefficients } from "./driverMemory.ts";
import type { Tally } from "./tally.ts";
import {
  CAUSE_COUNT,
  HEALTHY_VISIT_FIELDS,
  ROUTE_FIELDS,
  routeOf,
  SIGHT_FIELDS,
  visitOutcome,
} from "./visit.ts";

/**
 * Visit v where its site, its sight of the site or its own links are disturbed: its outcome less
 * the outcome its class's route gives a healthy site (already counted for the class), into the tallies.
 */
export function ownVisit(
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
  const k = D.visitClass[v];
  // the slot's count (slotSight) gave every visit it shows stale or not at all its sight's change at
  // a working site on the healthy route with its own links answering (whether the site reports or
  // not, a viewer that does not show it fresh shows it so): where that holds, it is this visit's
  // change (nothing more to do); elsewhere it is taken back here
  let counted = 0;
  if (opaque) {
    const unseen = ~s.showsReport[slot] & valid;
    counted = unseen & f & ~m.classBits[k] & ~own;
    const back = unseen & ~counted;
    const stale = popcount(back & staleMask);
    const none = popcount(back & ~staleMask);
    if (stale !== 0) addSight(c, m, t, v, 1, -stale, g);
    if (none !== 0) addSight(c, m, t, v, 2, -none, g);
  }
  let bits = (~f | ~report | (report & ~freshMask) | staleMask | own) & valid & ~counted;
  if (bits === 0) return;
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
    // seen fresh, it is the healthy outcome: only stale sight and none differ (each once per visit)
    for (let sight = 1; sight < 3; sight++) {
      const count = popcount(plain & ~freshMask & (sight === 1 ? staleMask : ~staleMask));
      if (count !== 0) addSight(c, m, t, v, sight, count, g);
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
      const at = (v * 2 + sight - 1) * SIGHT_FIELDS;
      sumAttempt += m.sight[at + 1];
      for (let z = 0; z < AUTH; z++) dc[z] += m.sight[at + 2 + z];
      uX = sight === 1 ? staleMass : 0;
    }
    const inTime = uX * xc[xo + 2] - uFresh * yc[yo + 2];
    sumSuccess += inTime * (1 - start);
    dc[AUTH] += uX * xc[xo] - uFresh * yc[yo];
    dc[TOO_SLOW] += uX * xc[xo + 1] - uFresh * yc[yo + 1];
    dc[START_FAILURE] += inTime * start;
    if (uX > 0 && xc[xo + 3] >= 0) t.drvVia[xc[xo + 3] * 2 + 1] += uX * xc[xo + 4];
    if (uFresh > 0 && yc[yo + 3] >= 0) t.drvVia[yc[yo + 3] * 2 + 1] -= uFresh * yc[yo + 4];
  }
  addCauses(t, d, P, ci, g, dc, 0, 1);
  dc.fill(0);
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
    for (let z = 0; z < CAUSE_COUNT; z++) x.cause[z] -= y.cause[z];
    addCauses(t, d, P, ci, g, x.cause, 0, 1);
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
      if (coef[cb + 3] >= 0) t.drvVia[coef[cb + 3] * 2 + 1] -= mass * coef[cb + 4];
      const hRoot = m.classHealthyCoef[hc + 3];
      if (hRoot >= 0) t.drvVia[hRoot * 2 + 1] += mass * m.classHealthyCoef[hc + 4];
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

/** Cause corrections `scale` × row[at …] (one per cause) of a visit of population d at site ci into group g's tallies. */
function addCauses(
  t: Tally,
  d: number,
  P: number,
  ci: number,
  g: number,
  row: Float64Array,
  at: number,
  scale: number,
): void {
  for (let z = 0; z < CAUSE_COUNT; z++) {
    const dc = scale * row[at + z];
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
  viaCoefficients(c, D.visitPop[v], m.lastOwnRoute, k * ROUTE_FIELDS, m.coef);
  m.lastOwnCoef.set(m.coef, k * COEFS);
  for (let y = 0; y < l1 - l0; y++) m.lastOwnRead[r0 + y] = m.read[y];
  m.lastOwnKnown[k] = 1;
}

/**
 * `count` trials (negative: taken back) of visit v seen stale (sight 1) or not at all (2) at a
 * working site on the healthy route: the sight table's change into every row of group g.
 */
function addSight(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  sight: number,
  count: number,
  g: number,
): void {
  const D = c.drivers;
  const P = D.popIds.length;
  const d = D.visitPop[v];
  const ci = D.visitSite[v];
  const o = m.sight;
  const at = (v * 2 + sight - 1) * SIGHT_FIELDS;
  addSums(t, d, P + ci, P + c.chargers.length, g, count * o[at], count * o[at + 1]);
  addCauses(t, d, P, ci, g, o, at + 2, count);
  const hv = v * HEALTHY_VISIT_FIELDS;
  const root = m.sightVia[v * 2 + sight - 1];
  const healthyRoot = m.healthyVia[v];
  if (root >= 0) t.drvVia[root * 2 + 1] += count * o[at + 3 + CAUSE_COUNT];
  if (healthyRoot >= 0) t.drvVia[healthyRoot * 2 + 1] -= count * m.healthy[hv + 3 + CAUSE_COUNT];
}
