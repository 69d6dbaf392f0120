/**
 * The compiled model (SPEC §3, §7): the flat typed arrays the reliability engine runs on, and the
 * codes it uses for forced states and link kinds.
 */

import type { AuthTimer } from "./authTime.ts";

/** A component's intrinsic state forced in every trial (what-if, importance); see `withForces`. */
export const FORCE_NONE = 0;
export const FORCE_DOWN = 1;
export const FORCE_UP = 2;
export const FORCE_DEGRADED = 3;
export const FORCE_COMPROMISED = 4;

/**
 * Link kinds as the engine sees them: a cached link's code includes its fail mode (see
 * `kindCode`); the model's meaning of each kind is `LINK_KIND` in the model.
 */
export const KIND_HARD = 0;
export const KIND_CACHED_CLOSED = 1;
export const KIND_CACHED_OPEN = 2;
export const KIND_SOFT = 3;
export const KIND_ASYNC = 4;

/** A slot list: components that can perceive one source (a charger's status, an owner's tariff). */
export interface PerceptionPlan {
  /** Component per slot, providers (closest to the source) first. */
  node: Int32Array;
  /** Sources of slot s: srcStart[s] .. srcStart[s + 1]. */
  srcStart: Int32Array;
  srcLink: Int32Array;
  /** Slot of the link's provider, or −1 when the provider is the source itself. */
  srcSlot: Int32Array;
  /** Whether the slots' links form a cycle (then evaluation repeats until stable). */
  cyclic: boolean;
}

export interface CompiledReliability {
  readonly componentIds: string[];
  readonly linkIds: string[];
  n: number;
  /** Per component. */
  pDown: Float64Array;
  invLogDown: Float64Array;
  pSilent: Float64Array;
  invLogDeg: Float64Array;
  /**
   * P(degraded | not down) for components whose own degradation changes nothing else (no calls
   * slowed by it, no synthetic monitoring): not sampled, its expectation is tallied instead
   * (Rao–Blackwell: same mean, less noise, fewer draws). 0 for the others.
   */
  degExpect: Float64Array;
  mttrHours: Float64Array;
  /** Whether the component's outage age can matter (a TTL or a tariff's staleness depends on it). */
  needsAge: Uint8Array;
  kw: Float64Array;
  monitoring: Uint8Array;
  org: Int32Array;
  tariffRate: Float64Array;
  /**
   * What-if and importance: per component FORCE_NONE, or its intrinsic state forced in every trial
   * (FORCE_DOWN, FORCE_UP, FORCE_DEGRADED, FORCE_COMPROMISED: down and silent); `forced` lists those
   * not FORCE_NONE. Sampling draws exactly as without forcing, so a forced run and the baseline share
   * their random numbers (common random numbers) — see `withForces`.
   */
  force: Uint8Array;
  forced: Int32Array;
  /**
   * Random-stream keys (hashed ids): each component and common cause draws from its own stream, so
   * adding, removing or changing another item leaves its draws alone (common random numbers across
   * scenarios and fixes).
   */
  streamKey: Uint32Array;
  ccStreamKey: Uint32Array;
  /** Evaluation order, providers first; `cyclic` when requirements form a cycle. */
  order: Int32Array;
  cyclic: boolean;
  /** Requirements of component i: reqStart[i] .. reqStart[i + 1]. */
  reqStart: Int32Array;
  /** Breaking member links of requirement r: memStart[r] .. memStart[r + 1]. */
  memStart: Int32Array;
  memLink: Int32Array;
  /** Met members needed among the breaking ones (k minus the members that never break). */
  reqK: Int32Array;
  /** Whether a member carries `connectivity` or `power` (an unmet one takes the charger offline). */
  reqConn: Uint8Array;
  /** Consumers of component p through breaking links: consStart[p] .. consStart[p + 1]. */
  consStart: Int32Array;
  consItem: Int32Array;
  /** Per link. */
  linkFrom: Int32Array;
  linkTo: Int32Array;
  kind: Uint8Array;
  ttlHours: Float64Array;
  isSeam: Uint8Array;
  /** Links whose calls can time out, with P(fail | provider up), P(fail | degraded). */
  pCallUp: Float64Array;
  pCallDeg: Float64Array;
  /**
   * Timeouts against a provider that is up are drawn over all (trial, link) slots at once with the
   * largest rate `upMax`, then thinned by pCallUp / upMax: links upLinks[0..]; 1/ln(1 − upMax).
   */
  upLinks: Int32Array;
  upMax: number;
  invLogUpMax: number;
  /** Calls into provider p that can time out when it is degraded: callInStart[p] .. (link ids). */
  callInStart: Int32Array;
  callInItem: Int32Array;
  /** Soft dependencies of component i: softStart[i] .. softStart[i + 1] (provider indices). */
  softStart: Int32Array;
  softProvider: Int32Array;
  /** Consumers through hard and cached links (seam failures follow these requirements). */
  revDepStart: Int32Array;
  revDepItem: Int32Array;
  /** Common causes. */
  ccIds: string[];
  ccInvLog: Float64Array;
  ccMttr: Float64Array;
  ccStart: Int32Array;
  ccMember: Int32Array;
  /** Chargers. */
  chargers: Int32Array;
  totalKw: number;
  systemicKw: number;
  /** Status plans, one per group of chargers with the same perceivers and links. */
  status: PerceptionPlan[];
  /** Viewer slots of group g: groupViewStart[g] .. groupViewStart[g + 1]. */
  groupViewStart: Int32Array;
  groupViewSlot: Int32Array;
  chargerGroup: Int32Array;
  /** Per charger, its (charger, viewer) pairs: pairStart[ci] .. in its group's viewer-slot order. */
  pairStart: Int32Array;
  pairViewer: Int32Array;
  /** Tariff owners (components that chargers take a `tariff` flow from) and their plans. */
  owners: Int32Array;
  tariff: PerceptionPlan[];
  /** Per owner, the viewers that get its tariffs: tpairStart[oi] .. → slot in its tariff plan. */
  tpairStart: Int32Array;
  tpairSlot: Int32Array;
  tpairViewer: Int32Array;
  /** Per charger, its tariff owner's index in `owners` (−1 without a tariff link). */
  chargerOwner: Int32Array;
  orgIds: string[];
  orgTotalKw: Float64Array;
  /** Largest requirement (members), for scratch sizing. */
  maxMembers: number;
  /** Signal chains: hops hopStart[k] .. hopStart[k + 1]; each hop's provider, link and latency. */
  chainIds: string[];
  chainDeadline: Float64Array;
  hopStart: Int32Array;
  hopProvider: Int32Array;
  /**
   * Provider processing + link transit of each hop as LATENCY_QUANTILES quantiles of each lognormal
   * (midpoints): a draw is one table lookup. Slowdown when degraded, poll (ms).
   */
  hopProcQ: Float64Array;
  hopLinkQ: Float64Array;
  hopFactor: Float64Array;
  hopPollMs: Float64Array;
  /** The driver's view (SPEC §10): populations, visits, authorisation paths. */
  drivers: CompiledDrivers;
}

/** The driver's view compiled (SPEC §10); see compile/drivers.ts. */
export interface CompiledDrivers {
  popIds: string[];
  popNames: string[];
  /** Per population: Σ of its visits' weights (its share of the intended visits the model can make). */
  popIntended: Float64Array;
  popRealtime: Float64Array;
  popPatienceMs: Float64Array;
  /** Per charger index: Σ of its visits' weights, units, unit figures. */
  siteIntended: Float64Array;
  siteUnits: Float64Array;
  siteUnitAvailability: Float64Array;
  siteUnitSilent: Float64Array;
  siteStartFailure: Float64Array;
  /** Per charger index: P(one charging point reports available when its site does) = 1 − (1 − a)(1 − silent). */
  siteReportsPerUnit: Float64Array;
  /** Per charger index: P(at least one unit reports available) = 1 − ((1 − a)(1 − silent))^units; P(a unit reporting available is up). */
  siteListed: Float64Array;
  siteListedUp: Float64Array;
  /** Per component: an outage rooted here may be left out of reported uptime (when outside the site's organisation). */
  excludableRoot: Uint8Array;
  /** Visits: population, charger index, the app's viewer slot in the charger's group, weight (Σ = 1). */
  visitPop: Int32Array;
  visitSite: Int32Array;
  visitSlot: Int32Array;
  visitWeight: Float64Array;
  /** Parts of visit v: visitPartStart[v] .. ; kind per part; paths of part q: partPathStart[q] .. */
  visitPartStart: Int32Array;
  partKind: Uint8Array;
  partPathStart: Int32Array;
  /** Hops of path p: pathHopStart[p] .. ; the link and flags per hop. */
  pathHopStart: Int32Array;
  hopLink: Int32Array;
  hopFlags: Uint8Array;
  /** The distinct links on visit v's paths (a word where all are healthy needs no per-trial work). */
  visitLinkStart: Int32Array;
  visitLinkItem: Int32Array;
  /** Per visit link: 1 when its provider's degradation can change the visit's outcome. */
  visitLinkDegrades: Uint8Array;
  /** Soft hops' P(call fails) with the provider up and degraded (their calls are not sampled in §3). */
  softCallUp: Float64Array;
  softCallDeg: Float64Array;
  /** Per link, the longest a hop over it can take: all attempts timed out. */
  hopMaxMs: Float64Array;
  timer: AuthTimer;
  /**
   * Route classes (compile/visitClasses.ts): visit v's class; a class's representative visit and
   * its links (1 where the link is the representative site's own, whose timeouts are the site's,
   * and where its provider's degradation can change the route).
   */
  visitClass: Int32Array;
  classRep: Int32Array;
  classLinkStart: Int32Array;
  classLinkItem: Int32Array;
  classLinkDegrades: Uint8Array;
  classLinkOwn: Uint8Array;
  /** Visit v's own links (from its site): visitOwnLinkStart[v] .. */
  visitOwnLinkStart: Int32Array;
  visitOwnLinkItem: Int32Array;
  /** The visits at site ci, and the visits seen through viewer slot x. */
  siteVisitStart: Int32Array;
  siteVisitItem: Int32Array;
  /** The own links of site ci's visits (any of them timing out disturbs the site's visits). */
  siteOwnLinkStart: Int32Array;
  siteOwnLinkItem: Int32Array;
  slotVisitStart: Int32Array;
  slotVisitItem: Int32Array;
  /** Per site, the components its outage can be rooted at (siteRootLists): siteRootStart[ci] .. */
  siteRootStart: Int32Array;
  siteRootItem: Int32Array;
  /** Per population, the components its failures can be blamed on, sorted (populationViaLists): popViaStart[d] .. */
  popViaStart: Int32Array;
  popViaItem: Int32Array;
}
