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
import type { CompiledReliability } from "../compile/index.ts";
import { lowestBit, popcount, trialsIn } from "../kit/bits.ts";
import {
  AUTH,
  COEFS,
  type DriverMemory,
  driverMemory,
  rootOf,
  START_FAILURE,
  TOO_SLOW,
  viaCoefficients,
} from "./driverMemory.ts";
import { ownVisit } from "./driverVisits.ts";
import type { WorkingMemory } from "./memory.ts";
import { ROUTE_STRIDE, type Tally } from "./tally.ts";
import { CAUSE_COUNT, ROUTE_FIELDS, routeOf } from "./visit.ts";
import { RECORD } from "./visitRecords.ts";

const ROWS = [0, -1];

/** SPEC §10 tallies for word `valid` (call after perception, before the disturbed groups reset). */
export function tallyDrivers(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  const D = c.drivers;
  const S = c.chargers.length;
  if (S === 0) return;
  const m = driverMemory(c, s);
  const R = m.records;
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
    // out, or its class's route changed while the site was down; seen through an opaque viewer,
    // where the slot's count is not its change (the site down or silent, an own link or its class's
    // route disturbed in a trial it is not shown) or the viewer shows stale a site not reporting
    const f = s.functional[c.chargers[ci]];
    const report = m.siteReport[ci];
    const silent = f & ~report & valid;
    const own = m.siteOwn[ci] & valid;
    const down = ~f & valid;
    for (let y = D.siteVisitStart[ci]; y < D.siteVisitStart[ci + 1]; y++) {
      const slot = R.siteOrderSlot[y];
      const classBits = m.classBits[R.siteOrderClass[y]];
      let need = own | (down & classBits);
      if (slot >= 0 && m.opaqueStamp[slot] === m.word) {
        // the slot's count covers a working site it does not show fresh (reporting or not)
        const unseen = ~s.showsReport[slot] & valid;
        need |=
          (silent & ~unseen) | (unseen & (down | classBits)) | (s.showsAvailable[slot] & ~report & valid);
      } else need |= silent;
      if (need === 0) continue;
      ownVisit(c, m, t, D.siteVisitItem[y], y * RECORD, valid, g);
    }
  }
  // an opaque viewer's slot: its trials showing its sites stale or not at all are counted for the
  // slot (each visit's change at a working site on the healthy route, at the summary); a visit
  // whose site is disturbed (above) or whose class's route changed in those trials is its own
  for (let slot = 0; slot < D.slotVisitStart.length - 1; slot++) {
    if (m.opaqueStamp[slot] !== m.word) continue;
    const unseen = ~s.showsReport[slot] & valid;
    if (unseen === 0) continue;
    const stale = s.showsAvailable[slot];
    const sights = (g * c.groupViewSlot.length + slot) * 2;
    t.slotSight[sights] += popcount(unseen & stale);
    t.slotSight[sights + 1] += popcount(unseen & ~stale);
    for (let y = D.slotVisitStart[slot]; y < D.slotVisitStart[slot + 1]; y++) {
      if (m.siteStamp[R.slotOrderSite[y]] !== m.word && (m.classBits[R.slotOrderClass[y]] & unseen) !== 0)
        ownVisit(c, m, t, D.slotVisitItem[y], R.slotOrderPosition[y] * RECORD, valid, g);
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
      const at = (g * c.chargers.length + ci) * 2;
      t.siteDown[at] += popcount(down & report);
      t.siteDown[at + 1] += popcount(down & ~report);
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
        viaCoefficients(c, d, m.lastRoute, at, coef);
        m.lastCoef.set(coef, hc);
        for (let y = 0; y < l1 - l0; y++) m.lastRead[r0 + y] = read[y];
        m.lastKnown[k] = 1;
      } else for (let z = 0; z < COEFS; z++) coef[z] = m.lastCoef[hc + z];
      m.classCoef.set(coef, (k * 32 + b) * COEFS);
      dAuth += coef[0] - m.classHealthyCoef[hc];
      dSlow += coef[1] - m.classHealthyCoef[hc + 1];
      dInTime += coef[2] - m.classHealthyCoef[hc + 2];
      if (coef[3] >= 0) t.drvVia[coef[3] * 2 + 1] += mass * coef[4];
      if (healthyRoot >= 0) t.drvVia[healthyRoot * 2 + 1] -= mass * m.classHealthyCoef[hc + 4];
    }
    const r = k * ROUTE_STRIDE;
    t.drvRoute[r + g] += dInTime;
    t.drvRoute[r + 32] += dAuth;
    t.drvRoute[r + 33] += dSlow;
    const success = m.classMassOk[k] * dInTime;
    t.drvSuccess[g * (P + S + 1) + d] += success;
    t.drvSuccess[g * (P + S + 1) + P + S] += success;
    // the population's row, then the row of all
    for (const row of ROWS) {
      const at = ((row < 0 ? P : d) * 32 + g) * CAUSE_COUNT;
      t.drvCause[at + AUTH] += mass * dAuth;
      t.drvCause[at + TOO_SLOW] += mass * dSlow;
      t.drvCause[at + START_FAILURE] += m.classMassStart[k] * dInTime;
    }
  }
}
