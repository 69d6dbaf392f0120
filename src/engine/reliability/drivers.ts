/**
 * SPEC §10 for one word: the driver's view. Each intended visit (population × site its app
 * perceives) is evaluated by its expectation given the trial (visit.ts). A visit whose inputs are
 * all healthy in a trial has its healthy outcome, a constant added once at the summary: only the
 * disturbed (visit, trial) pairs cost work. Tallies are corrections to those constants per trial
 * group (the word's index in its batch mod 32: 32 groups of independent trials, for batch-means
 * intervals of the ratios).
 */
import { type CompiledReliability, KIND_CACHED_CLOSED, KIND_CACHED_OPEN } from "../compile/index.ts";
import { lowestBit, trialsIn } from "../kit/bits.ts";
import type { WorkingMemory } from "./memory.ts";
import { linkMet, providerAge } from "./propagate.ts";
import type { Tally } from "./tally.ts";
import {
  CAUSE_COUNT,
  evaluateVisit,
  HEALTHY_VISIT_FIELDS,
  healthyVisits,
  type TrialState,
  type VisitScratch,
  visitScratch,
} from "./visit.ts";

const SITE_DOWN = 1;

/** Scratch of the per-word pass (one per compiled model and working memory). */
interface DriverMemory {
  s: WorkingMemory;
  word: number;
  opaqueStamp: Int32Array;
  siteReport: Int32Array;
  siteRoot: Int32Array;
  x: VisitScratch;
  healthy: Float64Array;
  bit: number;
  state: TrialState;
  /** What visit v reads at the last evaluated bit, and at this one: equal → the same outcome. */
  lastRead: Int32Array;
  read: Int32Array;
  /** A visit's cause corrections summed over the word's disturbed trials. */
  causes: Float64Array;
}

const memories = new WeakMap<CompiledReliability, DriverMemory>();

function maxVisitLinks(c: CompiledReliability): number {
  const D = c.drivers;
  let most = 0;
  for (let v = 0; v < D.visitPop.length; v++)
    most = Math.max(most, D.visitLinkStart[v + 1] - D.visitLinkStart[v]);
  return most;
}

function driverMemory(c: CompiledReliability, s: WorkingMemory): DriverMemory {
  const known = memories.get(c);
  if (known && known.s === s) return known;
  const S = c.chargers.length;
  const m: DriverMemory = {
    s,
    word: 0,
    opaqueStamp: new Int32Array(c.groupViewSlot.length),
    siteReport: new Int32Array(S),
    siteRoot: new Int32Array(S * 32),
    x: visitScratch(c),
    healthy: healthyVisits(c),
    bit: 0,
    state: undefined as unknown as TrialState, // set just below (it reads m.bit)
    lastRead: new Int32Array(4 + maxVisitLinks(c)),
    read: new Int32Array(4 + maxVisitLinks(c)),
    causes: new Float64Array(CAUSE_COUNT),
  };
  m.state = {
    functional: (i) => ((s.functional[i] >>> m.bit) & 1) === 1,
    degraded: (i) => ((s.degraded[i] >>> m.bit) & 1) === 1,
    callFailed: (j) => ((s.callFailed[j] >>> m.bit) & 1) === 1,
    cacheServes: (j) => {
      const kind = c.kind[j];
      if (kind === KIND_CACHED_OPEN) return true;
      return kind === KIND_CACHED_CLOSED && providerAge(c, s, j, m.bit) < c.ttlHours[j];
    },
  };
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

/** SPEC §10 tallies for word `valid` (call after perception, before the disturbed groups reset). */
export function tallyDrivers(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  const D = c.drivers;
  const S = c.chargers.length;
  if (S === 0) return;
  const m = driverMemory(c, s);
  m.word = (m.word + 1) | 0;
  if (m.word === 0) {
    m.opaqueStamp.fill(0);
    m.word = 1;
  }
  for (let x = 0; x < s.disturbedGroupCount; x++) {
    const g = s.disturbedGroups[x];
    const v0 = c.groupViewStart[g];
    for (let y = 0; y < s.opaqueViewerCount[g]; y++) m.opaqueStamp[s.opaqueViewers[v0 + y]] = m.word;
  }
  const g = (s.nextWord - 1) & 31;
  t.drvTrials[g] += trialsIn(valid);
  // sites: the report; where one does not work or report, its roots and the uptime corrections
  for (let ci = 0; ci < S; ci++) {
    const ch = c.chargers[ci];
    const f = s.functional[ch];
    const report = ~((s.down[ch] & ~s.silent[ch]) | s.connectivityUnmet[ch]) & valid;
    m.siteReport[ci] = report;
    let bits = (~f | ~report) & valid;
    if (bits === 0) continue;
    const units = D.siteUnits[ci];
    const a = D.siteUnitAvailability[ci];
    const reportsPerUnit = D.siteReportsPerUnit[ci];
    for (; bits !== 0; bits &= bits - 1) {
      const b = lowestBit(bits);
      const works = (f >>> b) & 1;
      const reports = (report >>> b) & 1;
      const root = works ? -1 : rootOf(c, s, ch, b, valid);
      m.siteRoot[ci * 32 + b] = root;
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
  const { functional, degraded, callFailed } = s;
  for (let v = 0; v < D.visitPop.length; v++) {
    const ci = D.visitSite[v];
    const ch = c.chargers[ci];
    const slot = D.visitSlot[v];
    const report = m.siteReport[ci];
    const opaque = slot >= 0 && m.opaqueStamp[slot] === m.word;
    const freshMask = opaque ? report & s.showsReport[slot] : report;
    const staleMask = opaque ? s.showsAvailable[slot] : 0;
    // the trials where anything this visit reads is not healthy
    let bits = ~functional[ch] | ~report | (report & ~freshMask) | staleMask;
    for (let q = D.visitLinkStart[v]; q < D.visitLinkStart[v + 1]; q++) {
      const j = D.visitLinkItem[q];
      const p = c.linkTo[j];
      bits |= ~functional[p] | (D.visitLinkDegrades[q] === 1 ? degraded[p] : 0) | callFailed[j];
    }
    bits &= valid;
    if (bits !== 0) tallyVisit(c, m, t, v, bits, freshMask, staleMask, g);
  }
}

/** The disturbed trials `bits` of visit v: its outcome less its healthy one, into the tallies. */
function tallyVisit(
  c: CompiledReliability,
  m: DriverMemory,
  t: Tally,
  v: number,
  bits: number,
  freshMask: number,
  staleMask: number,
  g: number,
): void {
  const D = c.drivers;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const n = c.n;
  const ci = D.visitSite[v];
  const ch = c.chargers[ci];
  const d = D.visitPop[v];
  const h = v * HEALTHY_VISIT_FIELDS;
  const healthy = m.healthy;
  const x = m.x;
  const s = m.s;
  const f = s.functional[ch];
  let known = false;
  let sumSuccess = 0;
  let sumAttempt = 0;
  const causes = m.causes;
  causes.fill(0);
  const healthyRoot = healthy[h + 2 + CAUSE_COUNT];
  for (; bits !== 0; bits &= bits - 1) {
    const b = lowestBit(bits);
    m.bit = b;
    // what the visit reads at b; when it is what it read at the last evaluated bit, so is the outcome
    const read = m.read;
    read[0] = (freshMask >>> b) & 1;
    read[1] = (staleMask >>> b) & 1;
    read[2] = (f >>> b) & 1;
    read[3] = read[2] === 1 ? -1 : m.siteRoot[ci * 32 + b];
    let size = 4;
    for (let q = D.visitLinkStart[v]; q < D.visitLinkStart[v + 1]; q++) {
      const j = D.visitLinkItem[q];
      const p = c.linkTo[j];
      const works = (s.functional[p] >>> b) & 1;
      const failed = (s.callFailed[j] >>> b) & 1;
      const serves = (works === 0 || failed === 1) && m.state.cacheServes(j) ? 8 : 0;
      const slower = D.visitLinkDegrades[q] === 1 ? ((s.degraded[p] >>> b) & 1) << 1 : 0;
      read[size++] = works | slower | (failed << 2) | serves;
    }
    let same = known;
    for (let k = 0; k < size && same; k++) same = read[k] === m.lastRead[k];
    if (!same) {
      evaluateVisit(c, x, v, m.state, read[0] === 1, read[1] === 1, read[2] === 1, read[3]);
      for (let k = 0; k < size; k++) m.lastRead[k] = read[k];
      known = true;
    }
    sumSuccess += x.success - healthy[h];
    sumAttempt += x.attempt - healthy[h + 1];
    for (let k = 0; k < CAUSE_COUNT; k++) causes[k] += x.cause[k] - healthy[h + 2 + k];
    if (x.siteRoot >= 0) t.drvVia[(d * n + x.siteRoot) * 2] += x.cause[SITE_DOWN];
    if (x.authRoot >= 0) t.drvVia[(d * n + x.authRoot) * 2 + 1] += x.authRootWeight;
    if (healthyRoot >= 0) t.drvVia[(d * n + healthyRoot) * 2 + 1] -= healthy[h + 3 + CAUSE_COUNT];
  }
  t.drvSuccess[d * 32 + g] += sumSuccess;
  t.drvAttempt[d * 32 + g] += sumAttempt;
  t.drvSuccess[(P + ci) * 32 + g] += sumSuccess;
  t.drvAttempt[(P + ci) * 32 + g] += sumAttempt;
  t.drvSuccess[(P + S) * 32 + g] += sumSuccess;
  t.drvAttempt[(P + S) * 32 + g] += sumAttempt;
  for (let k = 0; k < CAUSE_COUNT; k++) {
    const dc = causes[k];
    if (dc === 0) continue;
    t.drvCause[(d * CAUSE_COUNT + k) * 32 + g] += dc;
    t.drvCause[(P * CAUSE_COUNT + k) * 32 + g] += dc;
    t.siteCause[ci * CAUSE_COUNT + k] += dc;
  }
}
