/**
 * The reliability engine's working memory (SPEC §3): one per compiled model, reused across batches
 * so that the hot loop allocates nothing. Masks are per component (or link, requirement, plan slot)
 * with one bit per trial of the current word; `…Hours` arrays hold 32 values per entry, one per
 * trial of the word (entry · 32 + bit).
 */

import type { CompiledReliability, PerceptionPlan } from "../compile/index.ts";
import { csrOf } from "../kit/csr.ts";
import { invLogComplement, Rng, Streams } from "../rng.ts";

/** Per-compiled-model working memory, reused across batches so the hot loop allocates nothing. */
export interface WorkingMemory {
  /** Timeouts against providers that are up (one skip over all links). */
  upCallRng: Rng;
  /** One stream per component (see CompiledReliability.streamKey). */
  componentRngs: Streams;
  /**
   * Per component, the stream of the calls into it that time out while it is degraded: its own, so
   * adding or removing a consumer's link leaves the component's outages where they were.
   */
  degradedCallRngs: Streams;
  /** Per provider: the largest P(timeout | degraded) of the calls into it, and 1/ln(1 − that). */
  degradedCallMaxP: Float64Array;
  degradedCallInvLog: Float64Array;
  /** One stream per common cause. */
  commonCauseRngs: Rng[];
  /** Chain latencies draw from their own stream, so adding a chain changes no other number. */
  chainLatencyRng: Rng;
  /** Ages of forced outages, on their own stream so forcing changes no other draw. */
  forcedAgeRng: Rng;
  /** Per trial of the last word: unusable kW, seam-failure kW, phantom share (for paired runs). */
  lastTrialKw: Float64Array;
  lastTrialSeamKw: Float64Array;
  lastTrialPhantomShare: Float64Array;
  /** Per component (resp. common cause): the batch trial of its next outage, degradation (resp. strike). */
  nextDownTrial: Float64Array;
  nextDegradedTrial: Float64Array;
  nextCommonCauseTrial: Float64Array;
  /** Trials of this word in which each common cause fired (for replays). */
  commonCauseFired: Int32Array;
  /** Next up-provider timeout as a flat (trial · upLinks + q) slot index. */
  nextUpCallSlot: number;
  /** Links whose callFailed is set this word. */
  failedCallLinks: Int32Array;
  failedCallCount: number;
  /** Per component: intrinsically down, down and silent, degraded (SPEC §3.1), and functional (§3.4). */
  down: Int32Array;
  silent: Int32Array;
  degraded: Int32Array;
  functional: Int32Array;
  /**
   * Components to re-evaluate this word (a provider failed or a call timed out), one bit per
   * position in the evaluation order, so the acyclic pass visits only these, providers first.
   */
  dirty: Int32Array;
  /** Position of each component in c.order; consumers' positions (parallel to c.consItem). */
  orderPosition: Int32Array;
  consumerPosition: Int32Array;
  /**
   * Event calendar: the components with a rare event (outage, degradation) in word w are a list
   * from calendarHead[w % RING] through calendarNext; those due RING words or more ahead wait in
   * farComponents.
   * A word visits only its due components instead of all n.
   */
  calendarHead: Int32Array;
  calendarNext: Int32Array;
  farComponents: Int32Array;
  farCount: number;
  /**
   * Whether propagated failures carry their ages everywhere (a cascade replay shows them), not only
   * where something reads them (a TTL, a tariff's staleness: needsAge).
   */
  allAges: boolean;
  /** The word runWord expects next (the calendar needs words in order after startBatch). */
  nextWord: number;
  /**
   * Components whose state this word is not "up, reported, all requirements met" (hotEpochOf ===
   * epoch): the tally visits only these, and the next word resets only these.
   */
  hot: Int32Array;
  hotCount: number;
  hotEpochOf: Int32Array;
  epoch: number;
  /** The valid mask of the last word: a component's state when nothing happened to it. */
  lastValidMask: number;
  /** Per component: its charger index (−1 if not a charger). */
  chargerIndexOf: Int32Array;
  /** Components with soft dependencies (their degradation is tallied every word). */
  softDependents: Int32Array;
  /** Status groups and tariff owners whose plans a component (resp. a link) can disturb. */
  componentGroupStart: Int32Array;
  componentGroupItem: Int32Array;
  linkGroupStart: Int32Array;
  linkGroupItem: Int32Array;
  componentOwnerStart: Int32Array;
  componentOwnerItem: Int32Array;
  linkOwnerStart: Int32Array;
  linkOwnerItem: Int32Array;
  /**
   * This word's disturbed status groups and tariff owners (mark 1 while listed); full 0 while only
   * leaf perceivers of the plan failed.
   */
  disturbedGroups: Int32Array;
  disturbedGroupCount: number;
  isGroupDisturbed: Uint8Array;
  isGroupFullyDisturbed: Uint8Array;
  disturbedOwners: Int32Array;
  disturbedOwnerCount: number;
  isOwnerDisturbed: Uint8Array;
  isOwnerFullyDisturbed: Uint8Array;
  /** Per component and trial: the age of its outage or propagated failure, in hours. */
  ageHours: Float64Array;
  /** Per link: trials whose call timed out (SPEC §3.3). */
  callFailed: Int32Array;
  /** Per requirement: trials it is unmet; per component: trials a connectivity/power requirement is. */
  requirementUnmet: Int32Array;
  connectivityUnmet: Int32Array;
  /** Per component: trials its own dashboard shows a problem (SPEC §3.6 red). */
  red: Int32Array;
  /** Red components of this word, and the OR of red over each component's requirements. */
  redList: Int32Array;
  redCount: number;
  redReach: Int32Array;
  /** Components redReach reached this word (reset after it), and the spreading queue. */
  touched: Int32Array;
  queue: Int32Array;
  /** Per member link of the requirement being evaluated: trials met, and failed ages (sorted). */
  memberMet: Int32Array;
  memberAgeHours: Float64Array;
  /** Per plan slot: trials its perceiver knows the charger's status (resp. tariff), and knows it fresh. */
  known: Int32Array;
  fresh: Int32Array;
  /** Per plan slot: shows "available" when the charger reports available, resp. when it does not. */
  availableIfReported: Int32Array;
  availableIfNotReported: Int32Array;
  /** Per plan slot and trial: the age of a stale tariff, in hours. */
  tariffAgeHours: Float64Array;
  /** Per group viewer slot: bits where it shows the charger's report, resp. "available" whatever it is. */
  showsReport: Int32Array;
  showsAvailable: Int32Array;
  /** Per group viewer slot: bits where it does not simply show the report (~showsReport | showsAvailable). */
  differsFromReport: Int32Array;
  /** Per group, the viewer slots (indices into showsReport) that do not simply show the report this word. */
  opaqueViewers: Int32Array;
  opaqueViewerCount: Int32Array;
  /** Per trial of the word (per org and trial): the sums the per-trial figures are made of. */
  trialKw: Float64Array;
  trialSeamKw: Float64Array;
  trialCascade: Float64Array;
  trialPhantom: Float64Array;
  trialOrgKw: Float64Array;
  trialOrgExported: Float64Array;
  /** Per org: trials of this word with one of its components non-functional. */
  orgNonFunctional: Int32Array;
  /** Per org: the trials of this word with some of its charging lost or a failure exported. */
  orgTouched: Int32Array;
}

/** Words the event calendar's ring covers (a power of two). */
export const RING = 256;

const memories = new WeakMap<CompiledReliability, WorkingMemory>();

/** Plans per component (resp. link) as CSR arrays of (plan << 1) | full, by plan. */
function planCsr(lists: Map<number, number>[]) {
  return csrOf(
    lists.map((l) => [...l].sort((a, b) => a[0] - b[0]).map(([plan, full]) => (plan << 1) | full)),
  );
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
  const componentGroups = Array.from({ length: c.n }, () => new Map<number, number>());
  const linkGroups = Array.from({ length: m }, () => new Map<number, number>());
  const componentOwners = Array.from({ length: c.n }, () => new Map<number, number>());
  const linkOwners = Array.from({ length: m }, () => new Map<number, number>());
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
      add(componentGroups[x], g, isSource[slot] === 1);
    });
    plan.srcLink.forEach((j, q) => {
      if (plan.srcSlot[q] < 0) return;
      add(linkGroups[j], g, true);
      add(componentGroups[c.linkTo[j]], g, true);
    });
  });
  c.tariff.forEach((plan, oi) => {
    const isSource = sources(plan);
    add(componentOwners[c.owners[oi]], oi, true);
    plan.node.forEach((x, slot) => {
      add(componentOwners[x], oi, isSource[slot] === 1);
    });
    for (const j of plan.srcLink) {
      add(linkOwners[j], oi, true);
      add(componentOwners[c.linkTo[j]], oi, true);
    }
  });
  const byComponent = planCsr(componentGroups);
  const byLink = planCsr(linkGroups);
  const ownersByComponent = planCsr(componentOwners);
  const ownersByLink = planCsr(linkOwners);
  return {
    componentGroupStart: byComponent.start,
    componentGroupItem: byComponent.items,
    linkGroupStart: byLink.start,
    linkGroupItem: byLink.items,
    componentOwnerStart: ownersByComponent.start,
    componentOwnerItem: ownersByComponent.items,
    linkOwnerStart: ownersByLink.start,
    linkOwnerItem: ownersByLink.items,
  };
}

/** The working memory of compiled model `c` (made at its first batch). */
export function memoryFor(c: CompiledReliability): WorkingMemory {
  let s = memories.get(c);
  if (s) return s;
  const n = c.n;
  const m = c.linkIds.length;
  let slots = 1;
  for (const p of c.status) slots = Math.max(slots, p.node.length);
  for (const p of c.tariff) slots = Math.max(slots, p.node.length);
  const no = c.orgIds.length;
  const orderPosition = new Int32Array(n);
  for (let x = 0; x < c.order.length; x++) orderPosition[c.order[x]] = x;
  const degradedCallMaxP = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    for (let q = c.callInStart[p]; q < c.callInStart[p + 1]; q++) {
      degradedCallMaxP[p] = Math.max(degradedCallMaxP[p], c.pCallDeg[c.callInItem[q]]);
    }
  }
  const chargerIndexOf = new Int32Array(n).fill(-1);
  for (let ci = 0; ci < c.chargers.length; ci++) chargerIndexOf[c.chargers[ci]] = ci;
  s = {
    upCallRng: new Rng(0, 0),
    componentRngs: new Streams(n),
    degradedCallRngs: new Streams(n),
    degradedCallMaxP,
    degradedCallInvLog: degradedCallMaxP.map(invLogComplement),
    commonCauseRngs: Array.from({ length: c.ccInvLog.length }, () => new Rng(0, 0)),
    chainLatencyRng: new Rng(0, 0),
    forcedAgeRng: new Rng(0, 0),
    lastTrialKw: new Float64Array(32),
    lastTrialSeamKw: new Float64Array(32),
    lastTrialPhantomShare: new Float64Array(32),
    nextDownTrial: new Float64Array(n),
    nextDegradedTrial: new Float64Array(n),
    nextCommonCauseTrial: new Float64Array(c.ccInvLog.length),
    commonCauseFired: new Int32Array(c.ccInvLog.length),
    nextUpCallSlot: 0,
    failedCallLinks: new Int32Array(m),
    failedCallCount: 0,
    down: new Int32Array(n),
    silent: new Int32Array(n),
    degraded: new Int32Array(n),
    functional: new Int32Array(n),
    dirty: new Int32Array((n + 31) >>> 5),
    orderPosition,
    consumerPosition: Int32Array.from(c.consItem, (x) => orderPosition[x]),
    calendarHead: new Int32Array(RING).fill(-1),
    calendarNext: new Int32Array(n),
    farComponents: new Int32Array(n),
    farCount: 0,
    nextWord: 0,
    allAges: false,
    hot: new Int32Array(n),
    hotCount: 0,
    hotEpochOf: new Int32Array(n),
    epoch: 1,
    lastValidMask: 0,
    chargerIndexOf,
    softDependents: Int32Array.from(
      Array.from({ length: n }, (_, i) => i).filter((i) => c.softStart[i] !== c.softStart[i + 1]),
    ),
    ...disturbers(c),
    disturbedGroups: new Int32Array(c.status.length),
    disturbedGroupCount: 0,
    isGroupDisturbed: new Uint8Array(c.status.length),
    isGroupFullyDisturbed: new Uint8Array(c.status.length),
    disturbedOwners: new Int32Array(c.owners.length),
    disturbedOwnerCount: 0,
    isOwnerDisturbed: new Uint8Array(c.owners.length),
    isOwnerFullyDisturbed: new Uint8Array(c.owners.length),
    ageHours: new Float64Array(n * 32),
    callFailed: new Int32Array(m),
    requirementUnmet: new Int32Array(c.reqK.length),
    connectivityUnmet: new Int32Array(n),
    red: new Int32Array(n),
    redList: new Int32Array(n),
    redCount: 0,
    redReach: new Int32Array(n),
    touched: new Int32Array(n),
    queue: new Int32Array(n * 33 + 1),
    memberMet: new Int32Array(c.maxMembers),
    memberAgeHours: new Float64Array(c.maxMembers),
    known: new Int32Array(slots),
    fresh: new Int32Array(slots),
    availableIfReported: new Int32Array(slots),
    availableIfNotReported: new Int32Array(slots),
    tariffAgeHours: new Float64Array(slots * 32),
    showsReport: new Int32Array(c.groupViewSlot.length),
    showsAvailable: new Int32Array(c.groupViewSlot.length),
    differsFromReport: new Int32Array(c.groupViewSlot.length),
    opaqueViewers: new Int32Array(c.groupViewSlot.length),
    opaqueViewerCount: new Int32Array(c.status.length),
    trialKw: new Float64Array(32),
    trialSeamKw: new Float64Array(32),
    trialCascade: new Float64Array(32),
    trialPhantom: new Float64Array(32),
    trialOrgKw: new Float64Array(no * 32),
    trialOrgExported: new Float64Array(no * 32),
    orgNonFunctional: new Int32Array(no),
    orgTouched: new Int32Array(no),
  };
  memories.set(c, s);
  return s;
}
