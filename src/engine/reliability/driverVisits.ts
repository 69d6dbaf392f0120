/**
 * SPEC §10, the driver's view's visits of their own in a word (drivers.ts decides which): where a
 * visit's site is down, its sight of the site differs from the site's report, or its own links time
 * out, its outcome less what its class and site already counted, into the tallies — closed form
 * where it can be (visitOutcome is linear in a route's coefficients).
 */
import { type CompiledReliability, viaSlot } from "../compile/index.ts";
import { lowestBit, popcount } from "../kit/bits.ts";
import {
  addCauses,
  addSums,
  counted,
  K_DOWN_NONE,
  K_DOWN_STALE,
  K_LESS_FRESH,
  K_NONE,
  K_ROUTE_NONE,
  K_ROUTE_STALE,
  K_STALE,
} from "./driverFold.ts";
import {
  AUTH,
  COEFS,
  type DriverMemory,
  FOLD_KINDS,
  START_FAILURE,
  TOO_SLOW,
  viaCoefficients,
} from "./driverMemory.ts";
import type { Tally } from "./tally.ts";
import { ROUTE_FIELDS, routeOf } from "./visit.ts";
import { MASSES, RECORD } from "./visitRecords.ts";

/**
 * Visit v (at position p in site order, of site ci) where its site, its sight of the site or its
 * own links are disturbed: its outcome less what the site's, the class's and the slot's counts
 * already gave it, into the tallies. Trials of one kind share a change, counted (driverFold.ts
 * folds the record's rows in at the batch's end); only trials where its
 * route differs from the class's healthy one are evaluated one by one (closed form in the route's
 * coefficients). Sums and causes are gathered and added once.
 */
export function ownVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  p: number,
  ci: number,
  valid: number,
  g: number,
): void {
  const D = c.drivers;
  const s = m.s;
  const R = m.records;
  const slot = R.siteOrderSlot[p];
  const report = m.siteReport[ci];
  const opaque = slot >= 0 && m.opaqueStamp[slot] === m.word;
  // an opaque viewer's trials not showing the site fresh (its slot counted them), and showing it stale
  const unseen = opaque ? ~s.showsReport[slot] & valid : 0;
  const shown = opaque ? s.showsAvailable[slot] : 0;
  const fresh = report & ~unseen;
  const f = s.functional[c.chargers[ci]];
  // its own links are among its site's: none of those timed out, none of its own did
  let own = 0;
  if ((m.siteOwn[ci] & valid) !== 0)
    for (let y = D.visitOwnLinkStart[v]; y < D.visitOwnLinkStart[v + 1]; y++)
      own |= s.callFailed[D.visitOwnLinkItem[y]];
  own &= valid;
  const k = R.siteOrderClass[p];
  const classBits = m.classBits[k];
  const up = f & valid;
  const down = ~f & valid;
  const healthyRoute = up & ~classBits & ~own;
  // seen stale or not at all at a working site on the healthy route: the sight table's change, less
  // the slot's count where the truth is not that (the site down, the route changed)
  const plain = healthyRoute & ~fresh & ~unseen;
  const back = unseen & ~healthyRoute;
  const netStale = popcount(plain & shown) - popcount(back & shown);
  const netNone = popcount(plain & ~shown) - popcount(back & ~shown);
  // one by one: a working site whose route differs from the class's healthy one, where the visit
  // does not already have the class's change (seen stale or not at all, or its own links timed out)
  const bits = up & ((classBits & ~fresh) | own);
  if ((netStale | netNone | down | bits) === 0) return;
  const sums = m.sums;
  sums[0] = 0;
  sums[1] = 0;
  // trials of a kind that only scale a row of the record are counted (folded in per group at the
  // batch's end, driverFold.ts): the sight's change, the sight's attempts on a changed route
  const n = m.counts;
  const V = m.visits;
  const at = g * FOLD_KINDS * V + p;
  counted(m, p);
  n[at + K_STALE * V] += netStale;
  n[at + K_NONE * V] += netNone;
  if (bits !== 0) {
    const unseenRoute = bits & ~fresh;
    n[at + K_ROUTE_STALE * V] += popcount(unseenRoute & shown);
    n[at + K_ROUTE_NONE * V] += popcount(unseenRoute & ~shown);
  }
  if (down !== 0) siteDownVisit(c, m, t, p, ci, k, at, down, report, fresh, shown, opaque);
  if (bits !== 0) routeVisit(c, m, t, v, p, k, bits, fresh, shown, own);
  if (sums[0] === 0 && sums[1] === 0 && !m.causesSet) return;
  m.causesSet = false;
  const d = R.siteOrderPop[p];
  const P = D.popIds.length;
  addCauses(t, d, P, ci, g, m.causes);
  // rows of group g side by side (tally.ts): a word's sites write neighbouring entries
  const row = g * (P + c.chargers.length + 1);
  addSums(t, row + d, row + P + ci, row + P + c.chargers.length, sums[0], sums[1]);
}

/**
 * Visit v in trials `bits` at a working site whose route is not the class's healthy one: the sight's
 * own part (the table) and, per unit of attempts at a working unit, the route's coefficients — v's
 * own route where its own links time out, else its class's in the trial — less the fresh sight's on
 * the class's route, which the class counted (visitOutcome is linear in them); into m.sums, m.causes.
 */
function routeVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  p: number,
  k: number,
  bits: number,
  fresh: number,
  shown: number,
  own: number,
): void {
  const classBits = m.classBits[k];
  const mass = m.records.siteOrderMass;
  const uFresh = mass[p * MASSES];
  const staleMass = mass[p * MASSES + 1];
  const start = mass[p * MASSES + 2];
  const hc = k * COEFS;
  const dc = m.causes;
  m.causesSet = true;
  let success = 0;
  for (; bits !== 0; bits &= bits - 1) {
    const b = lowestBit(bits);
    const ownBit = (own >>> b) & 1;
    const sight = (fresh >>> b) & 1 ? 0 : (shown >>> b) & 1 ? 1 : 2;
    const yc = (classBits >>> b) & 1 ? m.classCoef : m.classHealthyCoef;
    const yo = yc === m.classCoef ? (k * 32 + b) * COEFS : hc;
    let xc = yc;
    let xo = yo;
    if (ownBit === 1) {
      ownRoute(c, m, v, b);
      xc = m.lastOwnCoef;
      xo = hc;
    }
    // the sight row's attempts and early causes are counted (ownVisit); here what the route changes
    const uX = sight === 0 ? uFresh : sight === 1 ? staleMass : 0;
    const inTime = uX * xc[xo + 2] - uFresh * yc[yo + 2];
    success += inTime * (1 - start);
    dc[AUTH] += uX * xc[xo] - uFresh * yc[yo];
    dc[TOO_SLOW] += uX * xc[xo + 1] - uFresh * yc[yo + 1];
    dc[START_FAILURE] += inTime * start;
    if (uX > 0 && xc[xo + 3] >= 0) t.drvVia[xc[xo + 3] * 2 + 1] += uX * xc[xo + 4];
    if (uFresh > 0 && yc[yo + 3] >= 0) t.drvVia[yc[yo + 3] * 2 + 1] -= uFresh * yc[yo + 4];
  }
  m.sums[0] += success;
}

/**
 * Visit v in trials `down` where its site is down. The site's count (siteDown) gives it the outcome
 * of its sight as the site reports, less the healthy one; here what differs: the sites the outage is
 * rooted at, the sight an opaque viewer gives instead (stale, or none where the site reports), and
 * the class's route change (counted for every member, though a site that is down does not
 * authorise); into m.sums and m.causes, the roots into the tallies.
 */
function siteDownVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  p: number,
  ci: number,
  k: number,
  at: number,
  down: number,
  report: number,
  fresh: number,
  shown: number,
  opaque: boolean,
): void {
  const D = c.drivers;
  if (opaque) {
    const _rec = m.rec;
    const _r = p * RECORD;
    const d = m.records.siteOrderPop[p];
    // the roots: the site's count (siteRootDown) has its visitors coming where it reports; an opaque
    // viewer's drivers come where it shows the site (fresh as many as at the healthy site, stale all)
    const freshWeight = m.records.siteOrderMass[p * MASSES + 3];
    const w = m.records.siteOrderMass[p * MASSES + 4];
    for (let rest = down & (fresh | shown | report); rest !== 0; rest &= rest - 1) {
      const b = lowestBit(rest);
      const came = (fresh >>> b) & 1 ? freshWeight : (shown >>> b) & 1 ? w : 0;
      const counted = (report >>> b) & 1 ? freshWeight : 0;
      if (came !== counted) t.drvVia[viaSlot(D, d, m.siteRoot[ci * 32 + b]) * 2] += came - counted;
    }
    // the sight instead of the report's: down and seen stale (all attempt, all find it down), down
    // and not seen (where it reports) less down and seen fresh (the site's count), or less not seen
    // (counted: rows of the record, folded in at the batch's end)
    const n = m.counts;
    const V = m.visits;
    n[at + K_DOWN_STALE * V] += popcount(down & ~fresh & shown);
    n[at + K_LESS_FRESH * V] += popcount(down & report & ~fresh);
    n[at + K_DOWN_NONE * V] += popcount(down & report & ~fresh & ~shown) - popcount(down & ~report & shown);
  }
  // the class's route change, counted for it, does not reach a site that is down
  const changed = down & m.classBits[k];
  if (changed === 0) return;
  const mass = m.records.siteOrderMass[p * MASSES];
  const start = m.records.siteOrderMass[p * MASSES + 2];
  const hc = k * COEFS;
  const coef = m.classCoef;
  const hRoot = m.classHealthyCoef[hc + 3];
  m.causesSet = true;
  let inTime = 0;
  for (let rest = changed; rest !== 0; rest &= rest - 1) {
    const b = lowestBit(rest);
    const cb = (k * 32 + b) * COEFS;
    inTime += coef[cb + 2] - m.classHealthyCoef[hc + 2];
    m.causes[AUTH] -= mass * (coef[cb] - m.classHealthyCoef[hc]);
    m.causes[TOO_SLOW] -= mass * (coef[cb + 1] - m.classHealthyCoef[hc + 1]);
    if (coef[cb + 3] >= 0) t.drvVia[coef[cb + 3] * 2 + 1] -= mass * coef[cb + 4];
    if (hRoot >= 0) t.drvVia[hRoot * 2 + 1] += mass * m.classHealthyCoef[hc + 4];
  }
  m.sums[0] -= mass * (1 - start) * inTime;
  m.causes[START_FAILURE] -= mass * start * inTime;
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
