/**
 * The snapshot Monte Carlo of SPEC §3, 32 trials per machine word. Trial t of a batch is bit
 * t % 32 of word ⌊t / 32⌋ in every mask. Rare events (outages, degradation, common causes, call
 * timeouts) are drawn by geometric skipping — one draw per event, not one per component per trial;
 * the boolean layer (functional, requirements, perception) is bitwise over words; continuous
 * quantities (outage ages, stale-tariff ages) are handled per set bit, which are few.
 *
 * Decisions where SPEC §3 is silent (also in the README's model section):
 * - a common cause hitting a component that is already down makes it reported (not silent) and its
 *   outage age the larger of the two;
 * - latency and timeouts use the provider's own (intrinsic) degradation; degradation through a soft
 *   link is reported but does not slow the provider further;
 * - a call that times out against a functional provider is a failure of age 0 (a cached link serves it
 *   from its cache when TTL > 0);
 * - among fresh sources of a charger's status that disagree, `unavailable` wins;
 * - a viewer is paired with the chargers it can perceive through `status` links at all; phantom rate
 *   is the mean of P(phantom) over those pairs;
 * - the tariff "owner" of a charger is the provider of its first `tariff` link; a viewer's tariff from
 *   it is stale when it arrives through a failed link (age = that provider's failure age, 0 for a
 *   timeout), and is incorrect with probability 1 − exp(−age · tariffChangesPerDay); that probability
 *   is summed, not sampled, so it carries no extra noise.
 */
import {
  type CompiledReliability,
  FORCE_COMPROMISED,
  FORCE_DEGRADED,
  FORCE_DOWN,
  FORCE_UP,
  KIND_CACHED_CLOSED,
  KIND_HARD,
  LATENCY_QUANTILES,
  type PerceptionPlan,
} from "./compile.ts";
import { gap, geometricGap, invLogComplement, lnOpen, Rng, Streams } from "./rng.ts";
import { meanEstimate, ratioEstimate, wilson } from "./stats.ts";
import {
  type ChainReliability,
  type ChargerReliability,
  type ComponentReliability,
  type Estimate,
  type LinkReliability,
  type OrgReliability,
  type ReliabilityResult,
  trialsInBatch,
} from "./types.ts";

export const CASCADE_BINS = 21;
export const KW_BINS = 20;

/** System scalars of a tally, by position. */
const S_KW = 0;
const S_KW_SQ = 1;
const S_SEAM_KW = 2;
const S_SEAM_KW_SQ = 3;
const S_SEAM_KW_X = 4;
const S_SYSTEMIC = 5;
const S_PHANTOM = 6;
const S_PHANTOM_SQ = 7;
const S_CASCADE = 8;
const S_CASCADE_SQ = 9;
const S_CROSSINGS = 10;
const S_SEAM_CROSSINGS = 11;
const S_COUNT = 12;

export interface Tally {
  trials: number;
  readonly [key: string]: unknown;
  /** Non-functional trials per component (for a charger: unusable): failures are rarer. */
  functional: Float64Array;
  degraded: Float64Array;
  red: Float64Array;
  seam: Float64Array;
  crossing: Float64Array;
  /**
   * Per charger: trials reported available while unusable. (A usable charger always reports
   * available, so a charger is hidden only where a viewer does not show its report: per pair.)
   */
  phantomBase: Float64Array;
  /** Per pair: correction to its charger's base in words where the viewer does not see the report. */
  phantom: Float64Array;
  hidden: Float64Array;
  /** Per group viewer slot: hidden trials of a charger usable all word (added to each of its chargers). */
  groupHidden: Float64Array;
  staleTariff: Float64Array;
  incorrectTariff: Float64Array;
  orgKw: Float64Array;
  orgKwSq: Float64Array;
  orgAny: Float64Array;
  orgExported: Float64Array;
  orgExportedSq: Float64Array;
  system: Float64Array;
  cascadeHist: Float64Array;
  kwHist: Float64Array;
  /** Per chain: broken trials, deadline misses, and a latency histogram (CHAIN_BINS each). */
  chainBroken: Float64Array;
  chainMiss: Float64Array;
  chainHist: Float64Array;
  /** Trials timed (the same for every chain), and broken ones among them per chain. */
  chainTimed: Float64Array;
  chainTimedBroken: Float64Array;
}

const TALLY_ARRAYS = [
  "functional",
  "degraded",
  "red",
  "seam",
  "crossing",
  "phantomBase",
  "phantom",
  "hidden",
  "groupHidden",
  "staleTariff",
  "incorrectTariff",
  "orgKw",
  "orgKwSq",
  "orgAny",
  "orgExported",
  "orgExportedSq",
  "system",
  "cascadeHist",
  "kwHist",
  "chainBroken",
  "chainMiss",
  "chainHist",
  "chainTimed",
  "chainTimedBroken",
] as const;

/** Chain latency histogram: 100 bins per decade from 1 ms to 10^7 ms, then "slower", then broken. */
const CHAIN_PER_DECADE = 100;
const CHAIN_DECADES = 7;
export const CHAIN_BINS = CHAIN_PER_DECADE * CHAIN_DECADES + 2;

function chainBin(ms: number): number {
  if (ms <= 1) return 0;
  return Math.min(CHAIN_BINS - 2, Math.floor(Math.log10(ms) * CHAIN_PER_DECADE));
}

export function createTally(c: CompiledReliability): Tally {
  const n = c.n;
  const nc = c.chargers.length;
  const no = c.orgIds.length;
  return {
    trials: 0,
    functional: new Float64Array(n),
    degraded: new Float64Array(n),
    red: new Float64Array(n),
    seam: new Float64Array(nc),
    crossing: new Float64Array(c.linkIds.length),
    phantomBase: new Float64Array(nc),
    phantom: new Float64Array(c.pairViewer.length),
    hidden: new Float64Array(c.pairViewer.length),
    groupHidden: new Float64Array(c.groupViewSlot.length),
    staleTariff: new Float64Array(c.tpairSlot.length),
    incorrectTariff: new Float64Array(c.tpairSlot.length),
    orgKw: new Float64Array(no),
    orgKwSq: new Float64Array(no),
    orgAny: new Float64Array(no),
    orgExported: new Float64Array(no),
    orgExportedSq: new Float64Array(no),
    system: new Float64Array(S_COUNT),
    cascadeHist: new Float64Array(CASCADE_BINS),
    kwHist: new Float64Array(KW_BINS),
    chainBroken: new Float64Array(c.chainIds.length),
    chainMiss: new Float64Array(c.chainIds.length),
    chainHist: new Float64Array(c.chainIds.length * CHAIN_BINS),
    chainTimed: new Float64Array(1),
    chainTimedBroken: new Float64Array(c.chainIds.length),
  };
}

export function resetTally(t: Tally): void {
  t.trials = 0;
  for (const key of TALLY_ARRAYS) t[key].fill(0);
}

export function mergeTally(into: Tally, from: Tally): void {
  into.trials += from.trials;
  for (const key of TALLY_ARRAYS) {
    const a = into[key];
    const b = from[key];
    for (let i = 0; i < a.length; i++) a[i] += b[i];
  }
}

/** Number of set bits. */
/** Set bits of a 32-bit word. */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

/** Per-compiled-model working memory, reused across batches so the hot loop allocates nothing. */
export interface Scratch {
  /** Timeouts against providers that are up (one skip over all links). */
  rng: Rng;
  /** One stream per component and per common cause (see CompiledReliability.streamKey). */
  rngs: Streams;
  /**
   * Per component, the stream of the calls into it that time out while it is degraded: its own, so
   * adding or removing a consumer's link leaves the component's outages where they were.
   */
  callRngs: Streams;
  /** Per provider: the largest P(timeout | degraded) of the calls into it, and 1/ln(1 − that). */
  callMax: Float64Array;
  callInvLog: Float64Array;
  ccRngs: Rng[];
  /** Chain latencies draw from their own stream, so adding a chain changes no other number. */
  latRng: Rng;
  /** Ages of forced outages, on their own stream so forcing changes no other draw. */
  forceRng: Rng;
  /** Per trial of the last word: unusable kW, seam-failure kW, phantom share (for paired runs). */
  lastKw: Float64Array;
  lastSeamKw: Float64Array;
  lastPhantom: Float64Array;
  nextDown: Float64Array;
  nextDeg: Float64Array;
  nextCc: Float64Array;
  /** Trials of this word in which each common cause fired (for replays). */
  ccBits: Int32Array;
  /** Next up-provider timeout as a flat (trial · upLinks + q) slot index. */
  nextUpCall: number;
  /** Links whose callFail is set this word. */
  failedCalls: Int32Array;
  failedCallCount: number;
  down: Int32Array;
  silent: Int32Array;
  deg: Int32Array;
  F: Int32Array;
  /**
   * Components to re-evaluate this word (a provider failed or a call timed out), one bit per
   * position in the evaluation order, so the acyclic pass visits only these, providers first.
   */
  dirty: Int32Array;
  /** Position of each component in c.order; consumers' positions (parallel to c.consItem). */
  posOf: Int32Array;
  consPos: Int32Array;
  /**
   * Event calendar: the components with a rare event (outage, degradation) in word w are a list
   * from ringHead[w % RING] through dueNext; those due RING words or more ahead wait in `far`.
   * A word visits only its due components instead of all n.
   */
  ringHead: Int32Array;
  dueNext: Int32Array;
  far: Int32Array;
  farCount: number;
  /**
   * Whether propagated failures carry their ages everywhere (a cascade replay shows them), not only
   * where something reads them (a TTL, a tariff's staleness: needsAge).
   */
  allAges: boolean;
  /** The word runWord expects next (the calendar needs words in order after startBatch). */
  nextWord: number;
  /**
   * Components whose state this word is not "up, reported, all requirements met" (hotMark ===
   * epoch): the tally visits only these, and the next word resets only these.
   */
  hot: Int32Array;
  hotCount: number;
  hotMark: Int32Array;
  epoch: number;
  /** The valid mask of the last word: a component's state when nothing happened to it. */
  lastValid: number;
  /** Per component: its charger index (−1 if not a charger). */
  chargerOf: Int32Array;
  /** Components with soft dependencies (their degradation is tallied every word). */
  softComps: Int32Array;
  /** Status groups and tariff owners whose plans a component (resp. a link) can disturb. */
  compGroupStart: Int32Array;
  compGroupItem: Int32Array;
  linkGroupStart: Int32Array;
  linkGroupItem: Int32Array;
  compOwnerStart: Int32Array;
  compOwnerItem: Int32Array;
  linkOwnerStart: Int32Array;
  linkOwnerItem: Int32Array;
  /**
   * This word's disturbed status groups and tariff owners (mark 1 while listed); full 0 while only
   * leaf perceivers of the plan failed.
   */
  groupList: Int32Array;
  groupCount: number;
  groupMark: Uint8Array;
  groupFull: Uint8Array;
  ownerList: Int32Array;
  ownerCount: number;
  ownerMark: Uint8Array;
  ownerFull: Uint8Array;
  age: Float64Array;
  callFail: Int32Array;
  reqUnmet: Int32Array;
  connUnmet: Int32Array;
  red: Int32Array;
  /** Red components of this word, and the OR of red over each component's requirements. */
  redList: Int32Array;
  redCount: number;
  redReach: Int32Array;
  touched: Int32Array;
  queue: Int32Array;
  memMet: Int32Array;
  memAge: Float64Array;
  known: Int32Array;
  fresh: Int32Array;
  /** Per slot: shows "available" when the charger reports available (avail), resp. not (avail0). */
  avail: Int32Array;
  avail0: Int32Array;
  tAge: Float64Array;
  /** Per group viewer slot: bits where it shows the charger's report (T) or "available" whatever it is (A). */
  gT: Int32Array;
  gA: Int32Array;
  /** Per group viewer slot: bits where it does not simply show the report (~T | A). */
  gD: Int32Array;
  /** Per group, the viewer slots (indices into gT) that do not simply show the report this word. */
  opaque: Int32Array;
  opaqueCount: Int32Array;
  trialKw: Float64Array;
  trialSeamKw: Float64Array;
  trialCascade: Float64Array;
  trialPhantom: Float64Array;
  trialOrgKw: Float64Array;
  trialOrgExported: Float64Array;
  orgAnyMask: Int32Array;
  /** Per org: the trials of this word with some of its charging lost or a failure exported. */
  orgBits: Int32Array;
}

const scratches = new WeakMap<CompiledReliability, Scratch>();

/** Words the event calendar's ring covers (a power of two). */
const RING = 256;

/** Plans per component (resp. link) as CSR arrays of (plan << 1) | full, by plan. */
function csr(lists: Map<number, number>[]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => {
    start[i + 1] = start[i] + l.size;
  });
  const items = new Int32Array(start[lists.length]);
  lists.forEach((l, i) => {
    items.set(
      [...l].sort((a, b) => a[0] - b[0]).map(([plan, full]) => (plan << 1) | full),
      start[i],
    );
  });
  return { start, items };
}

/**
 * Which status groups and tariff owners each component and link can disturb: exactly what
 * planHealthy (and, for tariffs, the owner itself) reads, so a plan none of whose components is
 * non-functional and none of whose calls failed this word is known healthy without looking. An
 * item is (plan << 1) | full: full = 0 when the component is only a leaf perceiver of that plan
 * (nobody perceives through it) — then its failure blinds that perceiver alone, and the plan needs
 * no perceiving (see perceiveGroups); links and the other components are full (1).
 */
function disturbers(c: CompiledReliability) {
  const m = c.linkIds.length;
  const cg = Array.from({ length: c.n }, () => new Map<number, number>());
  const lg = Array.from({ length: m }, () => new Map<number, number>());
  const co = Array.from({ length: c.n }, () => new Map<number, number>());
  const lo = Array.from({ length: m }, () => new Map<number, number>());
  const add = (to: Map<number, number>, plan: number, full: boolean) => {
    to.set(plan, (to.get(plan) ?? 0) | (full ? 1 : 0));
  };
  const sources = (plan: PerceptionPlan) => {
    const isSource = new Uint8Array(plan.node.length);
    for (const x of plan.srcSlot) if (x >= 0) isSource[x] = 1;
    return isSource;
  };
  c.status.forEach((plan, g) => {
    const isSource = sources(plan);
    plan.node.forEach((x, slot) => {
      add(cg[x], g, isSource[slot] === 1);
    });
    plan.srcLink.forEach((j, q) => {
      if (plan.srcSlot[q] < 0) return;
      add(lg[j], g, true);
      add(cg[c.linkTo[j]], g, true);
    });
  });
  c.tariff.forEach((plan, oi) => {
    const isSource = sources(plan);
    add(co[c.owners[oi]], oi, true);
    plan.node.forEach((x, slot) => {
      add(co[x], oi, isSource[slot] === 1);
    });
    for (const j of plan.srcLink) {
      add(lo[j], oi, true);
      add(co[c.linkTo[j]], oi, true);
    }
  });
  const a = csr(cg);
  const b = csr(lg);
  const d = csr(co);
  const e = csr(lo);
  return {
    compGroupStart: a.start,
    compGroupItem: a.items,
    linkGroupStart: b.start,
    linkGroupItem: b.items,
    compOwnerStart: d.start,
    compOwnerItem: d.items,
    linkOwnerStart: e.start,
    linkOwnerItem: e.items,
  };
}

function scratchFor(c: CompiledReliability): Scratch {
  let s = scratches.get(c);
  if (s) return s;
  const n = c.n;
  const m = c.linkIds.length;
  let slots = 1;
  for (const p of c.status) slots = Math.max(slots, p.node.length);
  for (const p of c.tariff) slots = Math.max(slots, p.node.length);
  const no = c.orgIds.length;
  const posOf = new Int32Array(n);
  for (let x = 0; x < c.order.length; x++) posOf[c.order[x]] = x;
  const callMax = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    for (let q = c.callInStart[p]; q < c.callInStart[p + 1]; q++) {
      callMax[p] = Math.max(callMax[p], c.pCallDeg[c.callInItem[q]]);
    }
  }
  const chargerOf = new Int32Array(n).fill(-1);
  for (let ci = 0; ci < c.chargers.length; ci++) chargerOf[c.chargers[ci]] = ci;
  s = {
    rng: new Rng(0, 0),
    rngs: new Streams(n),
    callRngs: new Streams(n),
    callMax,
    callInvLog: callMax.map(invLogComplement),
    ccRngs: Array.from({ length: c.ccInvLog.length }, () => new Rng(0, 0)),
    latRng: new Rng(0, 0),
    forceRng: new Rng(0, 0),
    lastKw: new Float64Array(32),
    lastSeamKw: new Float64Array(32),
    lastPhantom: new Float64Array(32),
    nextDown: new Float64Array(n),
    nextDeg: new Float64Array(n),
    nextCc: new Float64Array(c.ccInvLog.length),
    ccBits: new Int32Array(c.ccInvLog.length),
    nextUpCall: 0,
    failedCalls: new Int32Array(m),
    failedCallCount: 0,
    down: new Int32Array(n),
    silent: new Int32Array(n),
    deg: new Int32Array(n),
    F: new Int32Array(n),
    dirty: new Int32Array((n + 31) >>> 5),
    posOf,
    consPos: Int32Array.from(c.consItem, (x) => posOf[x]),
    ringHead: new Int32Array(RING).fill(-1),
    dueNext: new Int32Array(n),
    far: new Int32Array(n),
    farCount: 0,
    nextWord: 0,
    allAges: false,
    hot: new Int32Array(n),
    hotCount: 0,
    hotMark: new Int32Array(n),
    epoch: 1,
    lastValid: 0,
    chargerOf,
    softComps: Int32Array.from(
      Array.from({ length: n }, (_, i) => i).filter((i) => c.softStart[i] !== c.softStart[i + 1]),
    ),
    ...disturbers(c),
    groupList: new Int32Array(c.status.length),
    groupCount: 0,
    groupMark: new Uint8Array(c.status.length),
    groupFull: new Uint8Array(c.status.length),
    ownerList: new Int32Array(c.owners.length),
    ownerCount: 0,
    ownerMark: new Uint8Array(c.owners.length),
    ownerFull: new Uint8Array(c.owners.length),
    age: new Float64Array(n * 32),
    callFail: new Int32Array(m),
    reqUnmet: new Int32Array(c.reqK.length),
    connUnmet: new Int32Array(n),
    red: new Int32Array(n),
    redList: new Int32Array(n),
    redCount: 0,
    redReach: new Int32Array(n),
    touched: new Int32Array(n),
    queue: new Int32Array(n * 33 + 1),
    memMet: new Int32Array(c.maxMembers),
    memAge: new Float64Array(c.maxMembers),
    known: new Int32Array(slots),
    fresh: new Int32Array(slots),
    avail: new Int32Array(slots),
    avail0: new Int32Array(slots),
    tAge: new Float64Array(slots * 32),
    gT: new Int32Array(c.groupViewSlot.length),
    gA: new Int32Array(c.groupViewSlot.length),
    gD: new Int32Array(c.groupViewSlot.length),
    opaque: new Int32Array(c.groupViewSlot.length),
    opaqueCount: new Int32Array(c.status.length),
    trialKw: new Float64Array(32),
    trialSeamKw: new Float64Array(32),
    trialCascade: new Float64Array(32),
    trialPhantom: new Float64Array(32),
    trialOrgKw: new Float64Array(no * 32),
    trialOrgExported: new Float64Array(no * 32),
    orgAnyMask: new Int32Array(no),
    orgBits: new Int32Array(no),
  };
  scratches.set(c, s);
  return s;
}

/** Run batch `batch` of a run of `totalTrials` trials with `seed`, adding into `tally`. */
export function runBatch(
  c: CompiledReliability,
  seed: number,
  batch: number,
  totalTrials: number,
  tally: Tally,
): void {
  const trials = trialsInBatch(totalTrials, batch);
  if (trials <= 0) return;
  const s = startBatch(c, seed, batch);
  const words = Math.ceil(trials / 32);
  for (let w = 0; w < words; w++) runWord(c, s, w, trials, tally);
  tally.trials += trials;
}

/**
 * Reset `c`'s streams for batch `batch` of `seed`; returns its working memory. `allAges`: give every
 * propagated failure its age (for replays; the tallies only need those where needsAge).
 */
export function startBatch(c: CompiledReliability, seed: number, batch: number, allAges = false): Scratch {
  const s = scratchFor(c);
  s.allAges = allAges;
  const rng = s.rng;
  rng.reset(seed, batch);
  s.latRng.reset((seed ^ 0x1a7e_0000) >>> 0, batch);
  s.forceRng.reset((seed ^ 0x0f0c_e000) >>> 0, batch);
  const n = c.n;
  const r = s.rngs;
  for (let i = 0; i < n; i++) {
    r.reset(i, seed, batch, c.streamKey[i]);
    if (s.callMax[i] > 0) s.callRngs.reset(i, (seed ^ 0x0ca1_1000) >>> 0, batch, c.streamKey[i]);
    s.nextDown[i] = gap(r.nextUint32(i), c.invLogDown[i]);
    s.nextDeg[i] = gap(r.nextUint32(i), c.invLogDeg[i]);
  }
  for (let k = 0; k < s.nextCc.length; k++) {
    const r = s.ccRngs[k];
    r.reset(seed, batch, c.ccStreamKey[k]);
    s.nextCc[k] = geometricGap(r, c.ccInvLog[k]);
  }
  s.nextUpCall = geometricGap(rng, c.invLogUpMax);
  s.ringHead.fill(-1);
  s.farCount = 0;
  for (let i = 0; i < n; i++) schedule(s, i, 0);
  s.nextWord = 0;
  return s;
}

/** Put component i in the calendar at the word of its next event (it was last drawn in word w). */
function schedule(s: Scratch, i: number, w: number): void {
  const t = Math.min(s.nextDown[i], s.nextDeg[i]);
  if (t === Number.POSITIVE_INFINITY) return; // never fails, never degrades
  const due = Math.floor(t / 32);
  if (due - w >= RING) {
    s.far[s.farCount++] = i;
    return;
  }
  const slot = due & (RING - 1);
  s.dueNext[i] = s.ringHead[slot];
  s.ringHead[slot] = i;
}

/**
 * At word w (a multiple of RING): schedule the far components again — those due within RING words
 * go into the ring, the rest back into `far` (rewritten in place: it never grows past x).
 */
function rescanFar(s: Scratch, w: number): void {
  const count = s.farCount;
  s.farCount = 0;
  for (let x = 0; x < count; x++) schedule(s, s.far[x], w);
}

/** Mark component i as not simply "up" this word (tallied, and reset at the next word). */
function addHot(s: Scratch, i: number): void {
  if (s.hotMark[i] === s.epoch) return;
  s.hotMark[i] = s.epoch;
  s.hot[s.hotCount++] = i;
}

/** Start a word: last word's hot components back to "up, all met", a new hot list. */
function resetHot(s: Scratch, valid: number): void {
  const { hot, down, silent, deg, F, connUnmet, red } = s;
  for (let x = 0; x < s.hotCount; x++) {
    const i = hot[x];
    down[i] = 0;
    silent[i] = 0;
    deg[i] = 0;
    F[i] = valid;
    connUnmet[i] = 0;
    red[i] = 0;
  }
  s.hotCount = 0;
  s.epoch = (s.epoch + 1) | 0;
  if (s.epoch === 0) {
    s.hotMark.fill(0);
    s.epoch = 1;
  }
  if (valid !== s.lastValid) {
    F.fill(valid);
    s.lastValid = valid;
  }
}

/** Word w (trials 32w …) of a batch of `trials` trials: sample, propagate, tally. Returns its valid mask. */
export function runWord(
  c: CompiledReliability,
  s: Scratch,
  w: number,
  trials: number,
  tally: Tally,
  mask = -1,
): number {
  const valid = propagateWord(c, s, w, trials, mask);
  tallyWord(c, s, valid, tally);
  if (c.chainIds.length > 0) tallyChains(c, s, valid, tally);
  return valid;
}

/**
 * Steps 1–4 alone for word w, the boolean layer: intrinsic states, common causes, calls and the
 * fixed point, leaving each component's functional mask in s.F (and the ages, unmet requirements
 * and hot list the tallies read). runWord is this followed by the tallies; the bench times it on
 * its own as the propagation rate. Returns the word's valid mask.
 */
export function propagateWord(
  c: CompiledReliability,
  s: Scratch,
  w: number,
  trials: number,
  mask = -1,
): number {
  const start = w * 32;
  const left = trials - start;
  const valid = (left >= 32 ? -1 : (1 << left) - 1) & mask;
  if (w !== s.nextWord)
    throw new Error(`word ${w} after word ${s.nextWord - 1}: a batch's words run in order`);
  s.nextWord++;
  sample(c, s, w, start, valid);
  propagate(c, s, valid);
  return valid;
}

/** Steps 1–3: intrinsic states, common causes, call timeouts for word w (trials start …). */
function sample(c: CompiledReliability, s: Scratch, w: number, start: number, valid: number): void {
  const rng = s.rng;
  const end = start + 32;
  const { down, silent, deg, age } = s;
  resetHot(s, valid);
  if ((w & (RING - 1)) === 0 && w > 0) rescanFar(s, w);
  drawDue(c, s, w, start, valid);
  for (let k = 0; k < s.nextCc.length; k++) {
    s.ccBits[k] = 0;
    while (s.nextCc[k] < end) {
      const b = s.nextCc[k] - start;
      const bit = 1 << b;
      s.ccBits[k] |= bit & valid;
      const r = s.ccRngs[k];
      const a = r.exponential(c.ccMttr[k]);
      for (let q = c.ccStart[k]; q < c.ccStart[k + 1]; q++) {
        const i = c.ccMember[q];
        const at = i * 32 + b;
        age[at] = down[i] & bit ? Math.max(age[at], a) : a;
        down[i] |= bit & valid;
        silent[i] &= ~bit;
        deg[i] &= ~bit;
        s.F[i] &= ~bit;
        addHot(s, i);
        markConsumers(c, s, i);
      }
      s.nextCc[k] += 1 + geometricGap(r, c.ccInvLog[k]);
    }
  }
  for (let x = 0; x < c.forced.length; x++) force(c, s, c.forced[x], valid);
  // call timeouts: clear last word's, then draw this word's
  for (let x = 0; x < s.failedCallCount; x++) s.callFail[s.failedCalls[x]] = 0;
  s.failedCallCount = 0;
  const L = c.upLinks.length;
  const slotEnd = end * L;
  while (s.nextUpCall < slotEnd) {
    const slot = s.nextUpCall;
    const t = Math.floor(slot / L);
    const j = c.upLinks[slot - t * L];
    const bit = 1 << (t - start);
    if (!(deg[c.linkTo[j]] & bit) && rng.next() * c.upMax < c.pCallUp[j]) failCall(c, s, j, bit & valid);
    s.nextUpCall += 1 + geometricGap(rng, c.invLogUpMax);
  }
  // calls into degraded providers (only hot components are degraded)
  for (let x = 0; x < s.hotCount; x++) {
    const p = s.hot[x];
    if (deg[p] !== 0 && s.callMax[p] > 0) degradedCalls(c, s, p);
  }
}

/**
 * Timeouts of the calls into degraded provider p this word: each (degraded trial, call link) slot
 * fails with the link's P(timeout | degraded). Drawn by skipping over the slots at the largest of
 * those probabilities and thinning each candidate to its link's own (one draw per candidate, not
 * one per slot: the probabilities are small).
 */
function degradedCalls(c: CompiledReliability, s: Scratch, p: number): void {
  const d = s.deg[p];
  const q0 = c.callInStart[p];
  const L = c.callInStart[p + 1] - q0;
  const total = popcount(d) * L;
  const r = s.callRngs;
  const max = s.callMax[p];
  const inv = s.callInvLog[p];
  for (let slot = gap(r.nextUint32(p), inv); slot < total; slot += 1 + gap(r.nextUint32(p), inv)) {
    const nth = Math.floor(slot / L);
    const j = c.callInItem[q0 + slot - nth * L];
    if (r.next(p) * max >= c.pCallDeg[j]) continue;
    let bits = d;
    for (let k = 0; k < nth; k++) bits &= bits - 1;
    failCall(c, s, j, bits & -bits);
  }
}

/**
 * sfc32 (see Rng) on a stream's state held in locals: the hot loop below draws the rare events of
 * the components due this word with no loads or stores per draw. Written out where it is used:
 *   t = a + b + d; d += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t.
 */
const U32 = 4294967296;

/** The outages and degradations of the components due in word w (trials start … start + 31). */
function drawDue(c: CompiledReliability, s: Scratch, w: number, start: number, valid: number): void {
  const end = start + 32;
  const { down, silent, deg, F, age, nextDown, nextDeg, dueNext } = s;
  const st = s.rngs.state;
  const slot = w & (RING - 1);
  let i = s.ringHead[slot];
  s.ringHead[slot] = -1;
  while (i >= 0) {
    const after = dueNext[i];
    const o = i * 4;
    let ra = st[o];
    let rb = st[o + 1];
    let rc = st[o + 2];
    let rd = st[o + 3];
    let t = 0;
    let d = 0;
    let sl = 0;
    let at = nextDown[i];
    if (at < end) {
      // u < pSilent for u = t / 2^32 is exactly t < pSilent · 2^32 (scaling by 2^32 is exact)
      const silentBelow = c.pSilent[i] * U32;
      const inv = c.invLogDown[i];
      const needsAge = c.needsAge[i] === 1;
      const mttr = c.mttrHours[i];
      do {
        const b = at - start;
        const bit = 1 << b;
        d |= bit;
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        if (t >>> 0 < silentBelow) sl |= bit;
        // the age's uniform is drawn whether or not the age matters (a component's stream is the
        // same in every scenario); the logarithm only when it does
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        if (needsAge) age[i * 32 + b] = -lnOpen(t >>> 0) * mttr;
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        at += 1 + Math.floor(lnOpen(t >>> 0) * inv); // inv is finite here: p > 0
      } while (at < end);
      nextDown[i] = at;
    }
    let g = 0;
    let ag = nextDeg[i];
    if (ag < end) {
      const inv = c.invLogDeg[i];
      do {
        g |= 1 << (ag - start);
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        ag += 1 + Math.floor(lnOpen(t >>> 0) * inv);
      } while (ag < end);
      nextDeg[i] = ag;
    }
    st[o] = ra;
    st[o + 1] = rb;
    st[o + 2] = rc;
    st[o + 3] = rd;
    if (c.force[i] === FORCE_UP) {
      d = 0;
      sl = 0;
    }
    d &= valid;
    down[i] = d;
    silent[i] = sl & valid;
    deg[i] = g & ~d & valid;
    F[i] = ~d & valid;
    addHot(s, i);
    if (d !== 0) markConsumers(c, s, i);
    schedule(s, i, w);
    i = after;
  }
}

/** Force component i's intrinsic state in every trial of the word (after common causes). */
function force(c: CompiledReliability, s: Scratch, i: number, valid: number): void {
  const state = c.force[i];
  if (state === FORCE_UP) return; // done before common causes, which still strike
  addHot(s, i);
  if (state === FORCE_DEGRADED) {
    s.down[i] = 0;
    s.silent[i] = 0;
    s.deg[i] = valid;
    s.F[i] = valid;
    return;
  }
  // down (or compromised: down and silent — its own health signal says all is well)
  let fresh = valid & ~s.down[i];
  if (c.needsAge[i]) {
    while (fresh !== 0) {
      const b = 31 - Math.clz32(fresh & -fresh);
      fresh &= fresh - 1;
      s.age[i * 32 + b] = s.forceRng.exponential(c.mttrHours[i]);
    }
  }
  s.down[i] = valid;
  s.silent[i] = state === FORCE_COMPROMISED ? valid : state === FORCE_DOWN ? 0 : s.silent[i];
  s.deg[i] = 0;
  s.F[i] = 0;
  markConsumers(c, s, i);
}

function failCall(c: CompiledReliability, s: Scratch, j: number, bit: number): void {
  if (bit === 0) return;
  if (s.callFail[j] === 0) s.failedCalls[s.failedCallCount++] = j;
  s.callFail[j] |= bit;
  markDirty(s, s.posOf[c.linkFrom[j]]);
}

function markConsumers(c: CompiledReliability, s: Scratch, p: number): void {
  for (let q = c.consStart[p]; q < c.consStart[p + 1]; q++) markDirty(s, s.consPos[q]);
}

/** Re-evaluate the component at evaluation-order position `pos` this word. */
function markDirty(s: Scratch, pos: number): void {
  s.dirty[pos >>> 5] |= 1 << (pos & 31);
}

/** Age of the failure that link j's provider presents at bit b (0 for a timed-out call). */
function providerAge(c: CompiledReliability, s: Scratch, j: number, b: number): number {
  const p = c.linkTo[j];
  return (s.F[p] >>> b) & 1 ? 0 : s.age[p * 32 + b];
}

/** Mask of trials in which member link j is met (SPEC §3.4). */
function linkMet(c: CompiledReliability, s: Scratch, j: number, valid: number): number {
  const ok = s.F[c.linkTo[j]] & ~s.callFail[j];
  if (c.kind[j] === KIND_HARD) return ok;
  // cached, fail closed: met while the outage is younger than the TTL
  let met = ok;
  let bad = ~ok & valid;
  const ttl = c.ttlHours[j];
  while (bad !== 0) {
    const b = 31 - Math.clz32(bad & -bad);
    bad &= bad - 1;
    if (providerAge(c, s, j, b) < ttl) met |= 1 << b;
  }
  return met;
}

/** Mask of trials in which requirement r is met; fills s.memMet for its members. */
function requirementMet(c: CompiledReliability, s: Scratch, r: number, valid: number): number {
  const m0 = c.memStart[r];
  const m1 = c.memStart[r + 1];
  const k = c.reqK[r];
  if (m1 - m0 === 1) {
    const met = k <= 1 ? linkMet(c, s, c.memLink[m0], valid) : 0;
    s.memMet[0] = met;
    return met;
  }
  let all = valid;
  for (let q = m0; q < m1; q++) {
    const met = linkMet(c, s, c.memLink[q], valid);
    s.memMet[q - m0] = met;
    all &= met;
  }
  if (k > m1 - m0) return 0;
  let result = all;
  let rest = ~all & valid;
  while (rest !== 0) {
    const b = 31 - Math.clz32(rest & -rest);
    rest &= rest - 1;
    let count = 0;
    for (let q = 0; q < m1 - m0; q++) count += (s.memMet[q] >>> b) & 1;
    if (count >= k) result |= 1 << b;
  }
  return result;
}

/** Age at which requirement r became unmet at bit b (SPEC §3.4: (n − k + 1)-th largest failed age). */
function requirementAge(c: CompiledReliability, s: Scratch, r: number, b: number, valid: number): number {
  const m0 = c.memStart[r];
  const m1 = c.memStart[r + 1];
  const k = c.reqK[r];
  const size = m1 - m0;
  if (k > size) return Number.POSITIVE_INFINITY;
  if (size === 1) return providerAge(c, s, c.memLink[m0], b);
  let failed = 0;
  for (let q = m0; q < m1; q++) {
    const j = c.memLink[q];
    if ((linkMet(c, s, j, valid) >>> b) & 1) continue;
    s.memAge[failed++] = providerAge(c, s, j, b);
  }
  // the (size − k + 1)-th largest of the failed ages: sort the few descending
  const want = size - k + 1;
  for (let x = 1; x < failed; x++) {
    const v = s.memAge[x];
    let y = x - 1;
    while (y >= 0 && s.memAge[y] < v) {
      s.memAge[y + 1] = s.memAge[y];
      y--;
    }
    s.memAge[y + 1] = v;
  }
  return s.memAge[Math.min(want, failed) - 1];
}

/** Age at which component i lost its first requirement at bit b: the largest unmet requirement age. */
function unmetAge(c: CompiledReliability, s: Scratch, i: number, b: number, valid: number): number {
  let a = 0;
  for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++) {
    if ((s.reqUnmet[r] >>> b) & 1) {
      const ra = requirementAge(c, s, r, b, valid);
      if (ra > a) a = ra;
    }
  }
  return a;
}

/** Step 4: the greatest fixed point of "functional", with failure ages. */
function propagate(c: CompiledReliability, s: Scratch, valid: number): void {
  const dirty = s.dirty;
  if (c.cyclic) {
    // evaluate everything until nothing changes (ages may grow around a cycle)
    let changed = true;
    for (let passes = 1; changed && passes <= c.n + 3; passes++) {
      changed = false;
      for (let oi = 0; oi < c.order.length; oi++) if (evaluate(c, s, c.order[oi], valid)) changed = true;
    }
    dirty.fill(0);
    return;
  }
  // acyclic: one pass over the components marked dirty, in evaluation order (a consumer sits after
  // its providers, so one marked while the pass runs is still ahead of it)
  for (let x = 0; x < dirty.length; x++) {
    while (dirty[x] !== 0) {
      const low = dirty[x] & -dirty[x];
      dirty[x] ^= low;
      evaluate(c, s, c.order[(x << 5) | (31 - Math.clz32(low))], valid);
    }
  }
}

/** Component i's requirements this word: F, ages, unmet masks; whether anything changed. */
function evaluate(c: CompiledReliability, s: Scratch, i: number, valid: number): boolean {
  const r0 = c.reqStart[i];
  const r1 = c.reqStart[i + 1];
  if (r0 === r1) return false;
  const { F, down, age } = s;
  const cyclic = c.cyclic;
  let changed = false;
  let met = valid;
  let conn = 0;
  for (let r = r0; r < r1; r++) {
    const ok = requirementMet(c, s, r, valid);
    const unmet = ~ok & valid;
    s.reqUnmet[r] = unmet;
    met &= ok;
    if (c.reqConn[r]) conn |= unmet;
  }
  s.connUnmet[i] = conn;
  if (met !== valid) addHot(s, i);
  const f = F[i];
  const nf = f & met;
  // ages of propagated failures, where something reads them (needsAge, or a replay): all of them
  // when cyclic (they may grow), else the new ones; a down component that also lost a requirement
  // stopped serving when the first of the two happened, so its age is the larger
  let failed = !c.needsAge[i] && !s.allAges ? 0 : cyclic ? ~nf & ~down[i] & valid : f & ~nf;
  let downLost = c.needsAge[i] ? ~met & down[i] & valid : 0;
  if (nf !== f) {
    F[i] = nf;
    changed = true;
    if (!cyclic) markConsumers(c, s, i);
  }
  while (failed !== 0) {
    const b = 31 - Math.clz32(failed & -failed);
    failed &= failed - 1;
    const a = unmetAge(c, s, i, b, valid);
    const at = i * 32 + b;
    if (cyclic && age[at] !== a) changed = true;
    age[at] = a;
  }
  while (downLost !== 0) {
    const b = 31 - Math.clz32(downLost & -downLost);
    downLost &= downLost - 1;
    const a = unmetAge(c, s, i, b, valid);
    const at = i * 32 + b;
    if (a > age[at]) {
      age[at] = a;
      if (cyclic) changed = true;
    }
  }
  return changed;
}

/**
 * Step 5: what each perceiver of a plan knows of a charger's status, per slot: s.known, s.fresh,
 * and whether it shows "available" when the charger reports available (s.avail) and when it does
 * not (s.avail0) — one pass for both, as only the report's own freshness differs between them.
 */
function perceiveStatus(c: CompiledReliability, s: Scratch, plan: PerceptionPlan, valid: number): void {
  const { F, known, fresh, avail, avail0 } = s;
  const slots = plan.node.length;
  for (let x = 0; x < slots; x++) {
    known[x] = 0;
    fresh[x] = 0;
    avail[x] = 0;
    avail0[x] = 0;
  }
  let rounds = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let x = 0; x < slots; x++) {
      const fu = F[plan.node[x]];
      let fk = 0;
      // fresh "not available" when the report says available (fu1), resp. not (fu0)
      let fu1 = 0;
      let fu0 = 0;
      let sk = 0;
      for (let q = plan.srcStart[x]; q < plan.srcStart[x + 1]; q++) {
        const j = plan.srcLink[q];
        const ps = plan.srcSlot[q];
        if (ps < 0) {
          fk |= valid;
          fu0 = -1;
          continue;
        }
        const ok = F[c.linkTo[j]] & ~s.callFail[j];
        const via = ok & known[ps] & fresh[ps];
        fk |= via;
        fu1 |= via & ~avail[ps];
        fu0 |= via & ~avail0[ps];
        sk |= (ok & known[ps] & ~fresh[ps]) | lastKnown(c, s, j, ~ok & valid);
      }
      fk &= fu;
      sk &= fu;
      const k = fk | sk;
      const stale = ~fk & sk;
      const a1 = (fk & ~(fu1 & fu)) | stale;
      const a0 = (fk & ~(fu0 & fu)) | stale;
      if (k !== known[x] || fk !== fresh[x] || a1 !== avail[x] || a0 !== avail0[x]) {
        known[x] = k;
        fresh[x] = fk;
        avail[x] = a1;
        avail0[x] = a0;
        changed = true;
      }
    }
    if (!plan.cyclic || ++rounds > slots + 2) break;
  }
}

/** Whether every perceiver of a plan is functional and every call on its links succeeded. */
function planHealthy(
  c: CompiledReliability,
  s: Scratch,
  plan: PerceptionPlan,
  valid: number,
  direct: boolean,
): boolean {
  for (let x = 0; x < plan.node.length; x++) if (s.F[plan.node[x]] !== valid) return false;
  for (let q = 0; q < plan.srcLink.length; q++) {
    if (plan.srcSlot[q] < 0 && !direct) continue;
    const j = plan.srcLink[q];
    if (s.callFail[j] !== 0 || s.F[c.linkTo[j]] !== valid) return false;
  }
  return true;
}

/** Trials among `notOk` where link j still shows the last known value (stale). */
function lastKnown(c: CompiledReliability, s: Scratch, j: number, notOk: number): number {
  const kind = c.kind[j];
  if (kind === KIND_HARD) return 0;
  if (kind !== KIND_CACHED_CLOSED) return notOk;
  let keep = 0;
  let bad = notOk;
  const ttl = c.ttlHours[j];
  while (bad !== 0) {
    const b = 31 - Math.clz32(bad & -bad);
    bad &= bad - 1;
    if (providerAge(c, s, j, b) < ttl) keep |= 1 << b;
  }
  return keep;
}

/** Tariffs of owner `o` along its plan: s.known/fresh per slot, s.tAge for stale bits. */
function perceiveTariff(
  c: CompiledReliability,
  s: Scratch,
  plan: PerceptionPlan,
  owner: number,
  valid: number,
): void {
  const { F, known, fresh, tAge } = s;
  const slots = plan.node.length;
  for (let x = 0; x < slots; x++) {
    known[x] = 0;
    fresh[x] = 0;
  }
  let rounds = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let x = 0; x < slots; x++) {
      const fu = F[plan.node[x]];
      let fk = 0;
      let sk = 0;
      const q0 = plan.srcStart[x];
      const q1 = plan.srcStart[x + 1];
      for (let q = q0; q < q1; q++) {
        const j = plan.srcLink[q];
        const ps = plan.srcSlot[q];
        const ok = F[c.linkTo[j]] & ~s.callFail[j];
        const pk = ps < 0 ? F[owner] : known[ps];
        const pf = ps < 0 ? F[owner] : fresh[ps];
        fk |= ok & pk & pf;
        sk |= (ok & pk & ~pf) | lastKnown(c, s, j, ~ok & valid);
      }
      fk &= fu;
      sk &= fu & ~fk;
      const k = fk | sk;
      // stale ages: the freshest stale source
      let bits = sk;
      while (bits !== 0) {
        const b = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        let best = Number.POSITIVE_INFINITY;
        for (let q = q0; q < q1; q++) {
          const j = plan.srcLink[q];
          const ps = plan.srcSlot[q];
          const okBit = ((F[c.linkTo[j]] & ~s.callFail[j]) >>> b) & 1;
          let a = Number.POSITIVE_INFINITY;
          if (okBit) {
            if (ps >= 0 && (known[ps] >>> b) & 1 && !((fresh[ps] >>> b) & 1)) a = tAge[ps * 32 + b];
          } else if ((lastKnown(c, s, j, 1 << b) >>> b) & 1) {
            a = providerAge(c, s, j, b);
          }
          if (a < best) best = a;
        }
        const at = x * 32 + b;
        if (tAge[at] !== best) {
          tAge[at] = best;
          if (plan.cyclic) changed = true;
        }
      }
      if (k !== known[x] || fk !== fresh[x]) {
        known[x] = k;
        fresh[x] = fk;
        changed = true;
      }
    }
    if (!plan.cyclic || ++rounds > slots + 2) break;
  }
}

/** Mark a status group disturbed; `item` is (group << 1) | full (see disturbers). */
function disturbGroup(s: Scratch, item: number): void {
  const g = item >>> 1;
  if (s.groupMark[g] === 0) {
    s.groupMark[g] = 1;
    s.groupList[s.groupCount++] = g;
    s.groupFull[g] = item & 1;
  } else {
    s.groupFull[g] |= item & 1;
  }
}

/** Mark a tariff owner disturbed; `item` is (owner index << 1) | full. */
function disturbOwner(s: Scratch, item: number): void {
  const oi = item >>> 1;
  if (s.ownerMark[oi] === 0) {
    s.ownerMark[oi] = 1;
    s.ownerList[s.ownerCount++] = oi;
    s.ownerFull[oi] = item & 1;
  } else {
    s.ownerFull[oi] |= item & 1;
  }
}

/**
 * Before the tallies: each hot component's red (what its dashboard shows), the red ones something
 * requires (seeds of the seam pass), and the status plans and tariff owners this word disturbs.
 * Returns whether some charger is unusable.
 */
function markWord(c: CompiledReliability, s: Scratch, valid: number): boolean {
  const { hot, hotCount, F, down, deg } = s;
  let anyUnusable = false;
  for (let x = 0; x < hotCount; x++) {
    const i = hot[x];
    const d = down[i];
    const g = deg[i];
    let red = 0;
    if ((d | g) !== 0) {
      const mon = c.monitoring[i];
      red = mon === 0 ? 0 : mon === 1 ? d & ~s.silent[i] : d | g;
      // the seam pass spreads red to consumers; one nothing requires only colours itself (the
      // charger tally reads its own red)
      if (red !== 0 && c.revDepStart[i] !== c.revDepStart[i + 1]) s.redList[s.redCount++] = i;
    }
    s.red[i] = red;
    if (F[i] === valid) continue;
    if (s.chargerOf[i] >= 0) anyUnusable = true;
    for (let q = s.compGroupStart[i]; q < s.compGroupStart[i + 1]; q++) disturbGroup(s, s.compGroupItem[q]);
    for (let q = s.compOwnerStart[i]; q < s.compOwnerStart[i + 1]; q++) disturbOwner(s, s.compOwnerItem[q]);
  }
  for (let x = 0; x < s.failedCallCount; x++) {
    const j = s.failedCalls[x];
    for (let q = s.linkGroupStart[j]; q < s.linkGroupStart[j + 1]; q++) disturbGroup(s, s.linkGroupItem[q]);
    for (let q = s.linkOwnerStart[j]; q < s.linkOwnerStart[j + 1]; q++) disturbOwner(s, s.linkOwnerItem[q]);
  }
  return anyUnusable;
}

/**
 * Seam failures need whether anything a charger transitively requires is red: spread each red
 * seed's mask to its consumers through hard and cached links (from the few red ones). Returns the
 * number of components reached (s.touched, reset after the word).
 */
function spreadRed(c: CompiledReliability, s: Scratch): number {
  const reach = s.redReach;
  let touched = 0;
  let head = 0;
  let tail = 0;
  for (let x = 0; x < s.redCount; x++) {
    const i = s.redList[x];
    if (reach[i] === 0) s.touched[touched++] = i;
    reach[i] |= s.red[i];
    s.queue[tail++] = i;
  }
  while (head < tail) {
    const x = s.queue[head++];
    const m = reach[x];
    for (let q = c.revDepStart[x]; q < c.revDepStart[x + 1]; q++) {
      const y = c.revDepItem[q];
      const before = reach[y];
      const after = before | m;
      if (after === before) continue;
      if (before === 0) s.touched[touched++] = y;
      reach[y] = after;
      s.queue[tail++] = y;
    }
  }
  return touched;
}

/** Status plans of the disturbed groups: what each viewer shows when the charger reports available or not. */
function perceiveGroups(c: CompiledReliability, s: Scratch, valid: number, t: Tally): void {
  for (let x = 0; x < s.groupCount; x++) {
    const g = s.groupList[x];
    const v0 = c.groupViewStart[g];
    const v1 = c.groupViewStart[g + 1];
    s.opaqueCount[g] = 0;
    if (v0 === v1) continue;
    if (s.groupFull[g] === 0) {
      blindViewers(c, s, g, valid, t);
      continue;
    }
    if (planHealthy(c, s, c.status[g], valid, false)) continue; // every viewer shows the report, fresh
    perceiveStatus(c, s, c.status[g], valid);
    let opaque = 0;
    for (let k = v0; k < v1; k++) {
      const a1 = s.avail[c.groupViewSlot[k]];
      const a0 = s.avail0[c.groupViewSlot[k]];
      s.gT[k] = a1 & ~a0;
      s.gA[k] = a1 & a0;
      if (s.gT[k] !== valid || s.gA[k] !== 0) {
        s.opaque[v0 + opaque++] = k;
        s.gD[k] = (~s.gT[k] | s.gA[k]) & valid;
        // what a charger usable all word looks like here: hidden wherever the viewer does not show it
        t.groupHidden[k] += popcount(~(s.gT[k] | s.gA[k]) & valid);
      }
    }
    s.opaqueCount[g] = opaque;
  }
}

/**
 * A status group disturbed only by failed leaf perceivers: everyone else perceives as if healthy,
 * and a failed viewer shows the report, fresh, exactly where it works (nothing where it does not).
 */
function blindViewers(c: CompiledReliability, s: Scratch, g: number, valid: number, t: Tally): void {
  const plan = c.status[g];
  const v0 = c.groupViewStart[g];
  let opaque = 0;
  for (let k = v0; k < c.groupViewStart[g + 1]; k++) {
    const f = s.F[plan.node[c.groupViewSlot[k]]];
    if (f === valid) continue;
    s.gT[k] = f;
    s.gA[k] = 0;
    s.gD[k] = ~f & valid;
    s.opaque[v0 + opaque++] = k;
    t.groupHidden[k] += popcount(~f & valid);
  }
  s.opaqueCount[g] = opaque;
}

/** Component i's degradation, red, non-functional and cascade figures for this word. */
function tallyComponent(
  c: CompiledReliability,
  s: Scratch,
  t: Tally,
  i: number,
  valid: number,
  inWord: number,
): void {
  const F = s.F;
  const f = F[i];
  const nf = ~f & valid;
  const g = s.deg[i];
  let softUnmet = 0;
  for (let q = c.softStart[i]; q < c.softStart[i + 1]; q++) softUnmet |= ~F[c.softProvider[q]];
  const dg = f & (g | softUnmet);
  if (dg !== 0) t.degraded[i] += popcount(dg);
  // without soft dependencies the expected degradation is added once, at the summary
  const expect = c.softStart[i] === c.softStart[i + 1] ? 0 : c.degExpect[i];
  if (expect > 0) {
    const rest = f & ~softUnmet;
    t.degraded[i] += expect * (rest === valid ? inWord : popcount(rest));
  }
  const red = s.red[i];
  if (red !== 0) t.red[i] += popcount(red);
  if (nf === 0) return;
  t.functional[i] += popcount(nf);
  // cascade: non-functional though not down
  let casc = nf & ~s.down[i];
  while (casc !== 0) {
    const b = 31 - Math.clz32(casc & -casc);
    casc &= casc - 1;
    s.trialCascade[b]++;
  }
  const o = c.org[i];
  if (o >= 0) s.orgAnyMask[o] |= nf;
}

/**
 * An unusable charger: kW lost per trial (and its organisation's), seam failures, and what its
 * viewers show. A charger usable all word reports available; where a viewer does not just show the
 * report it shows "not available" in the same trials for every such charger of the group: counted
 * once per group slot (groupHidden).
 */
function tallyCharger(c: CompiledReliability, s: Scratch, t: Tally, ch: number, valid: number): void {
  const ci = s.chargerOf[ch];
  const usable = s.F[ch];
  let un = ~usable & valid;
  const kw = c.kw[ch];
  const o = c.org[ch];
  const seam = un & ~(s.redReach[ch] | s.red[ch]);
  if (seam !== 0) t.seam[ci] += popcount(seam);
  if (o >= 0) {
    s.orgBits[o] |= un;
    const at = o * 32;
    while (un !== 0) {
      const b = 31 - Math.clz32(un & -un);
      un &= un - 1;
      s.trialKw[b] += kw;
      s.trialOrgKw[at + b] += kw;
    }
  } else {
    while (un !== 0) {
      const b = 31 - Math.clz32(un & -un);
      un &= un - 1;
      s.trialKw[b] += kw;
    }
  }
  let seamBits = seam;
  while (seamBits !== 0) {
    const b = 31 - Math.clz32(seamBits & -seamBits);
    seamBits &= seamBits - 1;
    s.trialSeamKw[b] += kw;
  }
  // perception by viewers: the charger's report through its group's plan
  const p0 = c.pairStart[ci];
  const p1 = c.pairStart[ci + 1];
  if (p0 === p1) return;
  const g = c.chargerGroup[ci];
  const report = ~((s.down[ch] & ~s.silent[ch]) | s.connUnmet[ch]) & valid;
  const phBase = ~usable & report & valid;
  const opaque = s.opaqueCount[g];
  if (phBase !== 0) {
    t.phantomBase[ci] += popcount(phBase);
    const pairs = p1 - p0;
    let bits = phBase;
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      s.trialPhantom[b] += pairs;
    }
  }
  if (opaque === 0) return;
  // a viewer that does not simply show the report differs from the base only in its D bits, and
  // only where the charger is unusable: a usable charger reports available, and its hidden
  // trials there are the group's, counted once in groupHidden
  const v0 = c.groupViewStart[g];
  const notUsable = ~usable & valid;
  for (let x = 0; x < opaque; x++) {
    const k = s.opaque[v0 + x];
    const dk = s.gD[k] & notUsable;
    if (dk === 0) continue;
    const pair = p0 + (k - v0);
    const ph = ((report & s.gT[k]) | s.gA[k]) & dk;
    const pb = phBase & dk;
    t.phantom[pair] += popcount(ph) - popcount(pb);
    t.hidden[pair] -= popcount(~(s.gT[k] | s.gA[k]) & dk);
    let more = ph & ~pb;
    while (more !== 0) {
      const b = 31 - Math.clz32(more & -more);
      more &= more - 1;
      s.trialPhantom[b]++;
    }
    let less = pb & ~ph;
    while (less !== 0) {
      const b = 31 - Math.clz32(less & -less);
      less &= less - 1;
      s.trialPhantom[b]--;
    }
  }
}

/** Failure crossings into component i, failed through a requirement in trials `hit`. */
function tallyCrossings(
  c: CompiledReliability,
  s: Scratch,
  t: Tally,
  i: number,
  hit: number,
  valid: number,
): void {
  const { F } = s;
  const sys = t.system;
  for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++) {
    const unmet = s.reqUnmet[r] & hit;
    if (unmet === 0) continue;
    for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) {
      const j = c.memLink[q];
      const p = c.linkTo[j];
      let cross = unmet & ~F[p];
      if (cross !== 0 && c.kind[j] === KIND_CACHED_CLOSED) cross &= ~linkMet(c, s, j, valid);
      if (cross === 0) continue;
      const count = popcount(cross);
      t.crossing[j] += count;
      sys[S_CROSSINGS] += count;
      if (c.isSeam[j]) {
        sys[S_SEAM_CROSSINGS] += count;
        const o = c.org[p];
        if (o >= 0) {
          s.orgBits[o] |= cross;
          while (cross !== 0) {
            const b = 31 - Math.clz32(cross & -cross);
            cross &= cross - 1;
            s.trialOrgExported[o * 32 + b]++;
          }
        }
      }
    }
  }
}

/** Steps 5–6 for one word: outcomes into the tally. */
function tallyWord(c: CompiledReliability, s: Scratch, valid: number, t: Tally): void {
  const { F, down } = s;
  const sys = t.system;
  const no = c.orgIds.length;
  const inWord = valid === -1 ? 32 : popcount(valid);
  const anyUnusable = markWord(c, s, valid);
  const touched = anyUnusable ? spreadRed(c, s) : 0;
  s.redCount = 0;
  perceiveGroups(c, s, valid, t);
  // components: only the hot ones can have failed, degraded or turned red (one pass each: figures,
  // then an unusable charger's, then the crossings into one failed through a requirement); the
  // soft-dependent ones can be degraded through a provider
  const { hot, hotCount } = s;
  for (let x = 0; x < hotCount; x++) {
    const i = hot[x];
    tallyComponent(c, s, t, i, valid, inWord);
    const f = F[i];
    if (f === valid) continue;
    if (s.chargerOf[i] >= 0) tallyCharger(c, s, t, i, valid);
    const hit = ~f & ~down[i] & valid;
    if (hit !== 0) tallyCrossings(c, s, t, i, hit, valid);
  }
  for (let x = 0; x < s.softComps.length; x++) {
    const i = s.softComps[x];
    if (s.hotMark[i] !== s.epoch) tallyComponent(c, s, t, i, valid, inWord);
  }
  for (let o = 0; o < no; o++) {
    if (s.orgAnyMask[o] === 0) continue;
    t.orgAny[o] += popcount(s.orgAnyMask[o]);
    s.orgAnyMask[o] = 0;
  }

  // the disturbed plans are done: the next word starts with none
  for (let x = 0; x < s.groupCount; x++) {
    const g = s.groupList[x];
    s.opaqueCount[g] = 0;
    s.groupMark[g] = 0;
  }
  s.groupCount = 0;

  // tariffs
  for (let x = 0; x < s.ownerCount; x++) {
    const oi = s.ownerList[x];
    s.ownerMark[oi] = 0;
    // failed leaf perceivers know nothing where they failed: no stale tariff anywhere
    if (s.ownerFull[oi] === 0) continue;
    const q0 = c.tpairStart[oi];
    const q1 = c.tpairStart[oi + 1];
    if (q0 === q1) continue;
    const owner = c.owners[oi];
    if (s.F[owner] === valid && planHealthy(c, s, c.tariff[oi], valid, true)) continue; // all fresh
    perceiveTariff(c, s, c.tariff[oi], owner, valid);
    const rate = c.tariffRate[owner];
    for (let q = q0; q < q1; q++) {
      const slot = c.tpairSlot[q];
      let stale = s.known[slot] & ~s.fresh[slot];
      if (stale === 0) continue;
      t.staleTariff[q] += popcount(stale);
      while (stale !== 0) {
        const b = 31 - Math.clz32(stale & -stale);
        stale &= stale - 1;
        t.incorrectTariff[q] += 1 - Math.exp((-s.tAge[slot * 32 + b] / 24) * rate);
      }
    }
  }

  s.ownerCount = 0;

  for (let x = 0; x < touched; x++) s.redReach[s.touched[x]] = 0;

  // per trial
  // trials are the low bits of a word (a replay masks a single one: then only its bit counts)
  const top = 32 - Math.clz32(valid);
  const total = c.totalKw;
  const pairs = c.pairViewer.length;
  for (let b = 0; b < top; b++) {
    if (((valid >>> b) & 1) === 0) continue;
    const kw = s.trialKw[b];
    s.lastKw[b] = kw;
    s.lastSeamKw[b] = s.trialSeamKw[b];
    s.lastPhantom[b] = pairs > 0 ? s.trialPhantom[b] / pairs : 0;
    if (kw > 0) {
      const seamKw = s.trialSeamKw[b];
      sys[S_KW] += kw;
      sys[S_KW_SQ] += kw * kw;
      sys[S_SEAM_KW] += seamKw;
      sys[S_SEAM_KW_SQ] += seamKw * seamKw;
      sys[S_SEAM_KW_X] += seamKw * kw;
      if (kw >= c.systemicKw) sys[S_SYSTEMIC]++;
      s.trialKw[b] = 0;
      s.trialSeamKw[b] = 0;
    }
    t.kwHist[total > 0 ? Math.min(KW_BINS - 1, Math.floor((kw / total) * KW_BINS)) : 0]++;
    const casc = s.trialCascade[b];
    if (casc > 0) {
      sys[S_CASCADE] += casc;
      sys[S_CASCADE_SQ] += casc * casc;
      s.trialCascade[b] = 0;
    }
    t.cascadeHist[Math.min(CASCADE_BINS - 1, casc)]++;
    const ph = s.trialPhantom[b];
    if (ph > 0) {
      const share = ph / pairs;
      sys[S_PHANTOM] += share;
      sys[S_PHANTOM_SQ] += share * share;
      s.trialPhantom[b] = 0;
    }
  }
  for (let o = 0; o < no; o++) {
    let bits = s.orgBits[o];
    if (bits === 0) continue;
    s.orgBits[o] = 0;
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      const at = o * 32 + b;
      const kw = s.trialOrgKw[at];
      if (kw > 0) {
        t.orgKw[o] += kw;
        t.orgKwSq[o] += kw * kw;
        s.trialOrgKw[at] = 0;
      }
      const ex = s.trialOrgExported[at];
      if (ex > 0) {
        t.orgExported[o] += ex;
        t.orgExportedSq[o] += ex * ex;
        s.trialOrgExported[at] = 0;
      }
    }
  }
}

/**
 * Signal chains (SPEC §5): broken when a hop's provider is non-functional (every trial, bitwise),
 * else Σ hop latencies — timed in the first CHAIN_TIMED trials of each word only (a random subset:
 * trials are independent), which keeps chains cheap next to the propagation.
 */
const CHAIN_TIMED = 8;
/** A uniform 32-bit draw shifted to an index into LATENCY_QUANTILES (1024 = 2^10) quantiles. */
const QUANTILE_SHIFT = 22;

function tallyChains(c: CompiledReliability, s: Scratch, valid: number, t: Tally): void {
  const rng = s.latRng;
  const trials = Math.min(CHAIN_TIMED, valid === -1 ? 32 : 31 - Math.clz32(valid + 1));
  t.chainTimed[0] += trials;
  for (let k = 0; k < c.chainIds.length; k++) {
    const h0 = c.hopStart[k];
    const h1 = c.hopStart[k + 1];
    let broken = 0;
    for (let h = h0; h < h1; h++) broken |= ~s.F[c.hopProvider[h]];
    broken &= valid;
    if (broken !== 0) t.chainBroken[k] += popcount(broken);
    const deadline = c.chainDeadline[k];
    for (let b = 0; b < trials; b++) {
      if ((broken >>> b) & 1) {
        t.chainTimedBroken[k]++;
        continue;
      }
      let ms = 0;
      for (let h = h0; h < h1; h++) {
        const slow = (s.deg[c.hopProvider[h]] >>> b) & 1 ? c.hopFactor[h] : 1;
        const q = h * LATENCY_QUANTILES;
        ms += slow * c.hopProcQ[q + (rng.nextUint32() >>> QUANTILE_SHIFT)];
        ms += c.hopLinkQ[q + (rng.nextUint32() >>> QUANTILE_SHIFT)];
        if (c.hopPollMs[h] > 0) ms += rng.next() * c.hopPollMs[h];
      }
      if (ms > deadline) t.chainMiss[k]++;
      t.chainHist[k * CHAIN_BINS + chainBin(ms)]++;
    }
  }
}

function chainPercentile(t: Tally, k: number, q: number): number | null {
  const base = k * CHAIN_BINS;
  let through = 0;
  for (let x = 0; x < CHAIN_BINS - 1; x++) through += t.chainHist[base + x];
  if (through === 0) return null;
  let acc = 0;
  for (let x = 0; x < CHAIN_BINS - 1; x++) {
    acc += t.chainHist[base + x];
    if (acc >= q * through) return Number((10 ** ((x + 1) / CHAIN_PER_DECADE)).toPrecision(3));
  }
  return null;
}

/** A record that takes any id as a key (ids are validated, but a plain object has a prototype). */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The expected degradation of a component without soft dependencies: P(degraded | up) × its up trials. */
function degradedExpected(c: CompiledReliability, t: Tally, i: number, trials: number): number {
  if (c.softStart[i] !== c.softStart[i + 1]) return 0;
  return c.degExpect[i] * (trials - t.functional[i]);
}

export function summarize(c: CompiledReliability, t: Tally, seed: number): ReliabilityResult {
  const N = t.trials;
  const ids = c.componentIds;
  const components = record<ComponentReliability>();
  for (let i = 0; i < c.n; i++) {
    components[ids[i]] = {
      functional: wilson(N - t.functional[i], N),
      degraded: wilson(t.degraded[i] + degradedExpected(c, t, i, N), N),
      red: wilson(t.red[i], N),
    };
  }
  const chargers = record<ChargerReliability>();
  for (let ci = 0; ci < c.chargers.length; ci++) {
    const unusable = t.functional[c.chargers[ci]];
    const phantom = record<Estimate>();
    const hidden = record<Estimate>();
    for (let p = c.pairStart[ci]; p < c.pairStart[ci + 1]; p++) {
      const v = ids[c.pairViewer[p]];
      phantom[v] = wilson(t.phantomBase[ci] + t.phantom[p], N);
      const k = c.groupViewStart[c.chargerGroup[ci]] + (p - c.pairStart[ci]);
      hidden[v] = wilson(t.groupHidden[k] + t.hidden[p], N);
    }
    const staleTariff = record<Estimate>();
    const incorrectTariff = record<Estimate>();
    const oi = c.chargerOwner[ci];
    if (oi >= 0) {
      for (let q = c.tpairStart[oi]; q < c.tpairStart[oi + 1]; q++) {
        const v = ids[c.tpairViewer[q]];
        staleTariff[v] = wilson(t.staleTariff[q], N);
        incorrectTariff[v] = wilson(t.incorrectTariff[q], N);
      }
    }
    chargers[ids[c.chargers[ci]]] = {
      usable: wilson(N - unusable, N),
      seamFailure: wilson(t.seam[ci], unusable),
      phantom,
      hidden,
      staleTariff,
      incorrectTariff,
    };
  }
  const links = record<LinkReliability>();
  c.linkIds.forEach((id, j) => {
    links[id] = { crossing: wilson(t.crossing[j], N), isSeam: c.isSeam[j] === 1 };
  });
  const orgs = record<OrgReliability>();
  c.orgIds.forEach((id, o) => {
    orgs[id] = {
      unusableKw: meanEstimate(t.orgKw[o], t.orgKwSq[o], N),
      totalKw: c.orgTotalKw[o],
      anyNonFunctional: wilson(t.orgAny[o], N),
      exportedCrossings: meanEstimate(t.orgExported[o], t.orgExportedSq[o], N),
    };
  });
  const sys = t.system;
  const total = c.totalKw;
  const chains = record<ChainReliability>();
  c.chainIds.forEach((id, k) => {
    const hist = t.chainHist.subarray(k * CHAIN_BINS, (k + 1) * CHAIN_BINS);
    // a compact histogram for charts: 10 bins per decade plus "broken"
    const edges: number[] = [];
    const counts: number[] = [];
    for (let x = 0; x < CHAIN_BINS - 2; x += 10) {
      edges.push(10 ** (x / CHAIN_PER_DECADE));
      let sum = 0;
      for (let y = x; y < Math.min(x + 10, CHAIN_BINS - 1); y++) sum += hist[y];
      counts.push(sum);
    }
    edges.push(Number.POSITIVE_INFINITY);
    counts.push(t.chainTimedBroken[k]);
    chains[id] = {
      p50: chainPercentile(t, k, 0.5),
      p95: chainPercentile(t, k, 0.95),
      p99: chainPercentile(t, k, 0.99),
      deadlineMs: c.chainDeadline[k],
      deadlineMiss: wilson(t.chainMiss[k], t.chainTimed[0]),
      broken: wilson(t.chainBroken[k], N),
      histogram: { edges: edges.map((e) => (Number.isFinite(e) ? e : -1)), counts },
    };
  });
  return {
    chains,
    trials: N,
    seed,
    components,
    chargers,
    links,
    orgs,
    system: {
      totalKw: total,
      unusableKw: meanEstimate(sys[S_KW], sys[S_KW_SQ], N),
      systemicEvent: wilson(sys[S_SYSTEMIC], N),
      phantomRate: meanEstimate(sys[S_PHANTOM], sys[S_PHANTOM_SQ], N),
      seamShare: ratioEstimate(
        sys[S_SEAM_KW],
        sys[S_KW],
        sys[S_SEAM_KW_SQ],
        sys[S_KW_SQ],
        sys[S_SEAM_KW_X],
        N,
      ),
      seamCrossingShare: wilson(sys[S_SEAM_CROSSINGS], sys[S_CROSSINGS]),
      cascadeSize: meanEstimate(sys[S_CASCADE], sys[S_CASCADE_SQ], N),
      cascadeHistogram: {
        edges: Array.from({ length: CASCADE_BINS }, (_, i) => i),
        counts: Array.from(t.cascadeHist),
      },
      unusableKwHistogram: {
        edges: Array.from({ length: KW_BINS }, (_, i) => (i * total) / KW_BINS),
        counts: Array.from(t.kwHist),
      },
    },
  };
}
