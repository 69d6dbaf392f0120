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
import { CAUSE_COUNT, ROUTE_FIELDS, routeOf } from "./visit.ts";
import {
  R_CLASS,
  R_DOWN_FRESH,
  R_DOWN_NONE,
  R_DOWN_STALE,
  R_FRESH_WEIGHT,
  R_HEALTHY_VIA,
  R_HEALTHY_WEIGHT,
  R_OWN_END,
  R_OWN_START,
  R_POP,
  R_SIGHT,
  R_SIGHT_VIA,
  R_SITE,
  R_SLOT,
  R_STALE_MASS,
  R_START,
  R_UNIT_MASS,
  R_WEIGHT,
  ROW_FIELDS,
} from "./visitRecords.ts";

/**
 * Visit v where its site, its sight of the site or its own links are disturbed: its outcome less
 * what the site's, the class's and the slot's counts already gave it, into the tallies. Trials of
 * one kind share a change, taken from the per-visit tables times their count; only trials where its
 * route differs from the class's healthy one are evaluated one by one (closed form in the route's
 * coefficients). Sums and causes are gathered and added once.
 */
export function ownVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  r: number,
  valid: number,
  g: number,
): void {
  const D = c.drivers;
  const s = m.s;
  const rec = m.rec;
  const ci = rec[r + R_SITE];
  const slot = rec[r + R_SLOT];
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
    for (let y = rec[r + R_OWN_START]; y < rec[r + R_OWN_END]; y++)
      own |= s.callFailed[D.visitOwnLinkItem[y]];
  own &= valid;
  const k = rec[r + R_CLASS];
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
  if (netStale !== 0) addSight(m, t, r, 1, netStale);
  if (netNone !== 0) addSight(m, t, r, 2, netNone);
  if (down !== 0) siteDownVisit(c, m, t, r, down, report, fresh, shown, opaque);
  if (bits !== 0) routeVisit(c, m, t, v, r, bits, fresh, shown, own);
  const d = rec[r + R_POP];
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
  r: number,
  bits: number,
  fresh: number,
  shown: number,
  own: number,
): void {
  const rec = m.rec;
  const k = rec[r + R_CLASS];
  const classBits = m.classBits[k];
  const uFresh = rec[r + R_UNIT_MASS];
  const staleMass = rec[r + R_STALE_MASS];
  const start = rec[r + R_START];
  const hc = k * COEFS;
  const dc = m.causes;
  let success = 0;
  let attempt = 0;
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
    let uX = uFresh;
    if (sight !== 0) {
      const at = r + R_SIGHT + (sight - 1) * (ROW_FIELDS + 1);
      attempt += rec[at + 1];
      for (let z = 0; z < AUTH; z++) dc[z] += rec[at + 2 + z];
      uX = sight === 1 ? staleMass : 0;
    }
    const inTime = uX * xc[xo + 2] - uFresh * yc[yo + 2];
    success += inTime * (1 - start);
    dc[AUTH] += uX * xc[xo] - uFresh * yc[yo];
    dc[TOO_SLOW] += uX * xc[xo + 1] - uFresh * yc[yo + 1];
    dc[START_FAILURE] += inTime * start;
    if (uX > 0 && xc[xo + 3] >= 0) t.drvVia[xc[xo + 3] * 2 + 1] += uX * xc[xo + 4];
    if (uFresh > 0 && yc[yo + 3] >= 0) t.drvVia[yc[yo + 3] * 2 + 1] -= uFresh * yc[yo + 4];
  }
  m.sums[0] += success;
  m.sums[1] += attempt;
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
  r: number,
  down: number,
  report: number,
  fresh: number,
  shown: number,
  opaque: boolean,
): void {
  const D = c.drivers;
  const rec = m.rec;
  const d = rec[r + R_POP];
  const ci = rec[r + R_SITE];
  const k = rec[r + R_CLASS];
  if (opaque) {
    // the roots: the site's count (siteRootDown) has its visitors coming where it reports; an opaque
    // viewer's drivers come where it shows the site (fresh as many as at the healthy site, stale all)
    const freshWeight = rec[r + R_FRESH_WEIGHT];
    const w = rec[r + R_WEIGHT];
    for (let rest = down & (fresh | shown | report); rest !== 0; rest &= rest - 1) {
      const b = lowestBit(rest);
      const came = (fresh >>> b) & 1 ? freshWeight : (shown >>> b) & 1 ? w : 0;
      const counted = (report >>> b) & 1 ? freshWeight : 0;
      if (came !== counted) t.drvVia[viaSlot(D, d, m.siteRoot[ci * 32 + b]) * 2] += came - counted;
    }
    // the sight instead of the report's: down and seen stale (all attempt, all find it down), down
    // and not seen (where it reports) less down and seen fresh (the site's count), or less not seen
    const staleDown = popcount(down & ~fresh & shown);
    const lessFresh = popcount(down & report & ~fresh);
    const none = popcount(down & report & ~fresh & ~shown) - popcount(down & ~report & shown);
    if (staleDown !== 0 || lessFresh !== 0 || none !== 0) {
      const dc = m.causes;
      const sd = r + R_DOWN_STALE;
      const r1 = r + R_DOWN_FRESH;
      const r0 = r + R_DOWN_NONE;
      m.sums[0] += staleDown * rec[sd] - lessFresh * rec[r1] + none * rec[r0];
      m.sums[1] += staleDown * rec[sd + 1] - lessFresh * rec[r1 + 1] + none * rec[r0 + 1];
      for (let z = 0; z < CAUSE_COUNT; z++)
        dc[z] += staleDown * rec[sd + 2 + z] - lessFresh * rec[r1 + 2 + z] + none * rec[r0 + 2 + z];
    }
  }
  // the class's route change, counted for it, does not reach a site that is down
  const changed = down & m.classBits[k];
  if (changed === 0) return;
  const mass = rec[r + R_UNIT_MASS];
  const start = rec[r + R_START];
  const hc = k * COEFS;
  const coef = m.classCoef;
  const hRoot = m.classHealthyCoef[hc + 3];
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

/** Success and attempt corrections of a visit into its population's, its site's and the whole's entries (of one group). */
function addSums(t: Tally, pop: number, site: number, all: number, success: number, attempt: number): void {
  t.drvSuccess[pop] += success;
  t.drvAttempt[pop] += attempt;
  t.drvSuccess[site] += success;
  t.drvAttempt[site] += attempt;
  t.drvSuccess[all] += success;
  t.drvAttempt[all] += attempt;
}

/** A visit's cause corrections (`causes`, then zeroed) of population d at site ci into group g's tallies. */
function addCauses(t: Tally, d: number, P: number, ci: number, g: number, causes: Float64Array): void {
  for (let z = 0; z < CAUSE_COUNT; z++) {
    const dc = causes[z];
    if (dc === 0) continue;
    causes[z] = 0;
    t.drvCause[(d * 32 + g) * CAUSE_COUNT + z] += dc;
    t.drvCause[(P * 32 + g) * CAUSE_COUNT + z] += dc;
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
 * `count` trials (negative: taken back) of the visit at record r seen stale (sight 1) or not at all
 * (2) at a working site on the healthy route: the sight table's change into m.sums and m.causes, its
 * roots into the tallies.
 */
function addSight(m: DriverMemory, t: Tally, r: number, sight: number, count: number): void {
  const rec = m.rec;
  const at = r + R_SIGHT + (sight - 1) * (ROW_FIELDS + 1);
  m.sums[0] += count * rec[at];
  m.sums[1] += count * rec[at + 1];
  for (let z = 0; z < CAUSE_COUNT; z++) m.causes[z] += count * rec[at + 2 + z];
  const root = rec[r + R_SIGHT_VIA + sight - 1];
  const healthyRoot = rec[r + R_HEALTHY_VIA];
  if (root >= 0) t.drvVia[root * 2 + 1] += count * rec[at + ROW_FIELDS];
  if (healthyRoot >= 0) t.drvVia[healthyRoot * 2 + 1] -= count * rec[r + R_HEALTHY_WEIGHT];
}
