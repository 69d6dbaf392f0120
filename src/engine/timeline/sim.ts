/**
 * The time-domain engine's state (SPEC §11): everything one run changes, as flat typed arrays
 * allocated once — component and unit states, functional states with the times they changed,
 * what each perceiver shows of each charger, queues at providers, calls and jobs in flight, and the
 * integrals the series are made of. The handlers live in components.ts, perception.ts, requests.ts.
 */
import { normalQuantile } from "../latency.ts";
import { Rng, streamKeys } from "../rng.ts";
import type { CompiledTimeline } from "./compile.ts";
import { BUDGET_SLICES, METASTABLE_FROM_MINUTES, METASTABLE_TO_MINUTES } from "./defaults.ts";
import { Agenda } from "./events.ts";
import { Ages, Levels } from "./levels.ts";

/** Global levels (index into `Sim.global`). */
export const G_TRUE = 0;
export const G_REPORTED = 1;
export const G_PHANTOM = 2;
/** Units the operator's status feed shows available: what the site's CSMS shows (its own report without one). */
export const G_FEED = 3;
/** Units that can charge while the operator's feed shows them unavailable (hidden: the other side of phantom). */
export const G_HIDDEN = 4;

/** What a call is for (its outcome goes back to its kind's handler). */
export const CALL_BASE = 0;
export const CALL_HEARTBEAT = 1;
export const CALL_DRIVER = 2;
export const CALL_BOOT = 3;
/** A status push served at its receiver (the perceiver slot's node, with a capacity; owner: the slot). */
export const CALL_PUSH = 4;
/** A driver's app lookup served at the app (with a capacity; owner: the driver's attempt). */
export const CALL_APP = 5;

/** A job's fields in `Sim.jobs`, at job × JOB_FIELDS + field (one spare: a job within a cache line). */
export const JOB_FIELDS = 4;
export const JOB_CALL = 0;
export const JOB_TAG = 1;
export const JOB_PROVIDER = 2;

/** A perceiver's knowledge of a charger's status. */
export const KNOW_UNKNOWN = 0;
export const KNOW_FRESH = 1;
export const KNOW_STALE = 2;

/**
 * Standard normal quantiles at 4,096 midpoints: a latency draw is one lookup (tails cut at ±3.5 σ).
 * Made at the first draw, not when the module loads (about 20 ms of every `seams` start).
 */
const NORMAL_BITS = 12;
let normalTable: Float64Array | undefined;

function normalQuantiles(): Float64Array {
  normalTable ??= Float64Array.from({ length: 1 << NORMAL_BITS }, (_, k) =>
    normalQuantile((k + 0.5) / (1 << NORMAL_BITS)),
  );
  return normalTable;
}

/** A lognormal draw in seconds from a latency in ms with log-mean mu and log-sd sigma. */
export function drawLatencySeconds(rng: Rng, mu: number, sigma: number): number {
  const z = sigma === 0 ? 0 : normalQuantiles()[rng.nextUint32() >>> (32 - NORMAL_BITS)];
  return Math.exp(mu + sigma * z) / 1000;
}

/** A generator on the stream of (seed, stream, key). */
function keyedRng(seed: number, stream: number, key: number): Rng {
  const rng = new Rng(seed, stream);
  rng.reset(seed, stream, key);
  return rng;
}

export class Sim {
  readonly cp: CompiledTimeline;
  readonly seed: number;
  readonly agenda = new Agenda(4096);
  now = 0;
  /** The bin the clock is in. */
  bin = 0;
  events = 0;
  /** Random streams: per component (failures, degradation), per charger (units), causes, traffic. */
  readonly componentRng: Rng[];
  readonly unitRng: Rng[];
  readonly causeRng: Rng[];
  readonly trafficRng: Rng;

  // component states (SPEC §11: renewal processes, common causes and incidents, worst-of)
  readonly renewalDown: Uint8Array;
  readonly silent: Uint8Array;
  readonly degradedEpisode: Uint8Array;
  readonly causesActive: Int32Array;
  readonly incidentDown: Int32Array;
  readonly incidentDegraded: Int32Array;
  readonly slowFactor: Float64Array;
  readonly capacityFactor: Float64Array;
  readonly linkCut: Int32Array;
  readonly down: Uint8Array;
  readonly degraded: Uint8Array;
  readonly functional: Uint8Array;
  /** Functional before the current recompute (scratch). */
  readonly previous: Uint8Array;
  /** When the current intrinsic outage began (negative: before t = 0, drawn as the snapshot's age). */
  readonly failStart: Float64Array;
  readonly causeOn: Uint8Array;
  readonly linkOk: Uint8Array;
  readonly linkBadSince: Float64Array;
  /** Per charger index: whether an unmet connectivity/power requirement has it offline. */
  readonly offline: Uint8Array;
  readonly incidentActive: Uint8Array;
  /** Non-functional seconds so far and since when (−1: functional). */
  readonly downSeconds: Float64Array;
  readonly downSince: Float64Array;

  // charging points
  readonly unitDown: Uint8Array;
  readonly unitSilent: Uint8Array;
  readonly unitsUp: Int32Array;
  readonly unitsLoud: Int32Array;
  /** Units the site reports available (SPEC §3.5, §10.1), and when that last changed. */
  readonly report: Int32Array;
  readonly truth: Int32Array;
  readonly phantom: Int32Array;
  /** Per charger: units able to charge that its operator's feed does not show available. */
  readonly hidden: Int32Array;
  /** Per charger: units its CSMS shows (the operator's feed, SPEC §10 reported uptime in time). */
  readonly feed: Int32Array;
  /** Per charger: heartbeats missed in a row, and whether the CSMS marked the site offline for it (SPEC §11: two). */
  readonly heartbeatsMissed: Int32Array;
  readonly heartbeatLost: Uint8Array;
  /** A charger whose CSMS learns its state at once (a heartbeat verdict, not a message in transit); −1 none. */
  immediateSite = -1;

  // perception: slot s of charger ci at slotStart[ci] + s
  readonly slotStart: Int32Array;
  readonly slotKnow: Uint8Array;
  readonly slotValue: Int32Array;
  readonly slotStaleSince: Float64Array;
  /** Time a pending delivery is due (−1: none), and its tag. */
  readonly slotDue: Float64Array;
  readonly slotTag: Int32Array;
  /**
   * Pushes served at the receiver: the value a slot's push in flight carries, and the value whose
   * push finally failed (−1: none) — the slot stays stale on its last value until its source moves on.
   */
  readonly slotPushValue: Int32Array;
  readonly slotFailed: Int32Array;
  /** Per (charger, viewer) pair: units shown. */
  readonly pairShown: Int32Array;

  // requests: providers' queues, calls and jobs in growable pools
  readonly busy: Int32Array;
  /**
   * Per provider: its FIFO of waiting attempts, a ring of (call, tag) pairs (a power of two of them)
   * read in memory order however long it grows, where it starts, and how many wait.
   */
  readonly queueRing: Int32Array[];
  readonly queueHead: Int32Array;
  readonly queueLength: Int32Array;
  callPolicy = new Int32Array(256);
  callProvider = new Int32Array(256);
  callLink = new Int32Array(256);
  callAttempt = new Int32Array(256);
  callTag = new Int32Array(256);
  callKind = new Uint8Array(256);
  callOwner = new Int32Array(256);
  /** The owner's generation when the call started (a push's slot tag): an outcome for a superseded owner is ignored. */
  callOwnerTag = new Int32Array(256);
  callAttemptAt = new Float64Array(256);
  callFree: number[] = [];
  /** Each attempt's unique tag: a job or timeout of an older attempt finds the call's tag changed. */
  tagCounter = 0;
  callCount = 0;
  /** Jobs in transit or in service, JOB_FIELDS to a job (its call, the attempt's tag, provider). */
  jobs = new Int32Array(256 * JOB_FIELDS);
  jobFree: number[] = [];
  jobCount = 0;
  /** Retry budgets: first attempts and retries per policy per slice of the last minute. */
  readonly budgetFirst: Float64Array;
  readonly budgetRetry: Float64Array;
  readonly budgetSlice: Float64Array;
  /** Component i is functional again after an outage (the reconnect storm starts here), set by the run. */
  onRestored: (i: number) => void = () => {};
  /** Outcome of a call (kind, owner, ok, the owner's tag when it started), set by the run. */
  onCallDone: (kind: number, owner: number, ok: boolean, ownerTag: number) => void = () => {};

  /** Offered requests per minute in each component's metastability window (from: −1 = none). */
  readonly metastableFrom: Float64Array;
  readonly metastableMinutes: number;
  readonly metastableCounts: Float64Array;

  // tallies
  readonly global = new Levels(5);
  readonly queue: Levels;
  readonly shown: Levels;
  readonly stale: Ages;
  readonly offeredBin: Float64Array;
  readonly servedBin: Float64Array;
  readonly timeoutBin: Float64Array;
  readonly timeouts: Float64Array;
  readonly responseSum: Float64Array;
  readonly responseCount: Float64Array;
  /** Per viewer component: its index in cp.viewers (−1 for others). */
  readonly viewerIndex: Int32Array;

  constructor(cp: CompiledTimeline, seed: number) {
    this.cp = cp;
    this.seed = seed;
    const { n, c } = cp;
    const L = cp.linkCount;
    const S = c.chargers.length;
    const keys = c.streamKey;
    this.componentRng = Array.from({ length: n }, (_, i) => keyedRng(seed, 1, keys[i]));
    const chargerKeys = streamKeys(Array.from(c.chargers, (i) => `units:${c.componentIds[i]}`));
    this.unitRng = Array.from({ length: S }, (_, ci) => keyedRng(seed, 2, chargerKeys[ci]));
    this.causeRng = Array.from(c.ccStreamKey, (k) => keyedRng(seed, 3, k));
    this.trafficRng = new Rng(seed, 4);
    this.renewalDown = new Uint8Array(n);
    this.silent = new Uint8Array(n);
    this.degradedEpisode = new Uint8Array(n);
    this.causesActive = new Int32Array(n);
    this.incidentDown = new Int32Array(n);
    this.incidentDegraded = new Int32Array(n);
    this.slowFactor = new Float64Array(n).fill(1);
    this.capacityFactor = new Float64Array(n).fill(1);
    this.linkCut = new Int32Array(L);
    this.down = new Uint8Array(n);
    this.degraded = new Uint8Array(n);
    this.functional = new Uint8Array(n).fill(1);
    this.previous = new Uint8Array(n);
    this.failStart = new Float64Array(n);
    this.causeOn = new Uint8Array(c.ccIds.length);
    this.linkOk = new Uint8Array(L).fill(1);
    this.linkBadSince = new Float64Array(L);
    this.offline = new Uint8Array(S);
    this.incidentActive = new Uint8Array(cp.incidentIds.length);
    this.downSeconds = new Float64Array(n);
    this.downSince = new Float64Array(n).fill(-1);
    const units = cp.unitStart[S];
    this.unitDown = new Uint8Array(units);
    this.unitSilent = new Uint8Array(units);
    this.unitsUp = Int32Array.from({ length: S }, (_, ci) => cp.unitStart[ci + 1] - cp.unitStart[ci]);
    this.unitsLoud = new Int32Array(S);
    this.report = Int32Array.from(this.unitsUp);
    this.truth = Int32Array.from(this.unitsUp);
    this.phantom = new Int32Array(S);
    this.hidden = new Int32Array(S);
    this.feed = Int32Array.from(this.unitsUp);
    this.heartbeatsMissed = new Int32Array(S);
    this.heartbeatLost = new Uint8Array(S);
    this.slotStart = new Int32Array(S + 1);
    for (let ci = 0; ci < S; ci++)
      this.slotStart[ci + 1] = this.slotStart[ci] + c.status[c.chargerGroup[ci]].node.length;
    const slots = this.slotStart[S];
    this.slotKnow = new Uint8Array(slots).fill(KNOW_FRESH);
    this.slotValue = new Int32Array(slots);
    for (let ci = 0; ci < S; ci++)
      this.slotValue.fill(this.report[ci], this.slotStart[ci], this.slotStart[ci + 1]);
    this.slotStaleSince = new Float64Array(slots);
    this.slotDue = new Float64Array(slots).fill(-1);
    this.slotTag = new Int32Array(slots);
    this.slotPushValue = new Int32Array(slots);
    this.slotFailed = new Int32Array(slots).fill(-1);
    this.pairShown = new Int32Array(c.pairViewer.length);
    for (let ci = 0; ci < S; ci++) this.pairShown.fill(this.report[ci], c.pairStart[ci], c.pairStart[ci + 1]);
    this.busy = new Int32Array(n);
    this.queueRing = Array.from({ length: n }, () => new Int32Array(0));
    this.queueHead = new Int32Array(n);
    this.queueLength = new Int32Array(n);
    this.budgetFirst = new Float64Array((L + n) * BUDGET_SLICES);
    this.budgetRetry = new Float64Array((L + n) * BUDGET_SLICES);
    this.budgetSlice = new Float64Array(L + n);
    this.queue = new Levels(n);
    this.metastableFrom = new Float64Array(n).fill(-1);
    this.metastableMinutes = METASTABLE_TO_MINUTES - METASTABLE_FROM_MINUTES;
    this.metastableCounts = new Float64Array(n * this.metastableMinutes);
    this.viewerIndex = new Int32Array(n).fill(-1);
    cp.viewers.forEach((v, k) => {
      this.viewerIndex[v] = k;
    });
    this.shown = new Levels(cp.viewers.length);
    this.stale = new Ages(cp.viewers.length);
    for (let p = 0; p < c.pairViewer.length; p++)
      this.shown.value[this.viewerIndex[c.pairViewer[p]]] += this.pairShown[p];
    this.offeredBin = new Float64Array(n);
    this.servedBin = new Float64Array(n);
    this.timeoutBin = new Float64Array(n);
    this.timeouts = new Float64Array(n);
    this.responseSum = new Float64Array(n);
    this.responseCount = new Float64Array(n);
    let total = 0;
    for (let ci = 0; ci < S; ci++) total += this.report[ci];
    this.global.value[G_TRUE] = total;
    this.global.value[G_REPORTED] = total;
    this.global.value[G_FEED] = total;
  }
}
