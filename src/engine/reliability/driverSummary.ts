/**
 * SPEC §10 reported: the driver tallies (corrections per trial group to each visit's healthy
 * outcome) as ratios with batch-means intervals over the 32 trial groups — start success,
 * demand success, P(seen), causes per population, per site and overall; reported vs true uptime.
 */
import { type CompiledReliability, viaSlot } from "../compile/index.ts";
import { ratioEstimate } from "../stats.ts";
import type { DriverReliability, DriverView, Estimate, UptimeFigures, VisitCauses } from "../types.ts";
import { ROUTE_STRIDE, type Tally } from "./tally.ts";
import {
  CAUSE_COUNT,
  CAUSES,
  DOWN_VISIT_FIELDS,
  downVisits,
  HEALTHY_VISIT_FIELDS,
  healthyVisits,
  SIGHT_FIELDS,
  sightVisits,
} from "./visit.ts";

const GROUPS = 32;

/** Σ num / Σ den over the trial groups, with the delta-method interval over groups (batch means). */
function groupRatio(num: (g: number) => number, den: (g: number) => number, trials: Float64Array): Estimate {
  let sn = 0;
  let sd = 0;
  let snn = 0;
  let sdd = 0;
  let snd = 0;
  let groups = 0;
  for (let g = 0; g < GROUPS; g++) {
    if (trials[g] === 0) continue;
    const x = num(g);
    const y = den(g);
    sn += x;
    sd += y;
    snn += x * x;
    sdd += y * y;
    snd += x * y;
    groups++;
  }
  // no visits (corrections to expectations leave rounding of ~1e-15 per trial where there are none)
  let total = 0;
  for (let g = 0; g < GROUPS; g++) total += trials[g];
  if (sd <= 1e-9 * total) return { p: 0, ci95: [0, 1] };
  const e = ratioEstimate(sn, sd, snn, sdd, snd, groups);
  // corrections to expectations leave rounding of ~1e-15 around 0 and 1: a share stays a share
  return { p: Math.min(1, Math.max(0, e.p)), ci95: e.ci95 };
}

/** Healthy per-trial constants summed per entity (population, site, all). */
interface Constants {
  success: Float64Array;
  attempt: Float64Array;
  /** (population | all) × cause. */
  cause: Float64Array;
  siteCause: Float64Array;
  /** (population, component it can blame: popViaItem): healthy authorisation failures rooted there. */
  authVia: Float64Array;
}

const constantsOf = new WeakMap<CompiledReliability["drivers"], Constants>();

function constants(c: CompiledReliability): Constants {
  const D = c.drivers;
  const known = constantsOf.get(D);
  if (known) return known;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const h = healthyVisits(c);
  const out: Constants = {
    success: new Float64Array(P + S + 1),
    attempt: new Float64Array(P + S + 1),
    cause: new Float64Array((P + 1) * CAUSE_COUNT),
    siteCause: new Float64Array(S * CAUSE_COUNT),
    authVia: new Float64Array(D.popViaItem.length),
  };
  for (let v = 0; v < D.visitPop.length; v++) {
    const at = v * HEALTHY_VISIT_FIELDS;
    const d = D.visitPop[v];
    const ci = D.visitSite[v];
    for (const e of [d, P + ci, P + S]) {
      out.success[e] += h[at];
      out.attempt[e] += h[at + 1];
    }
    for (let k = 0; k < CAUSE_COUNT; k++) {
      out.cause[d * CAUSE_COUNT + k] += h[at + 2 + k];
      out.cause[P * CAUSE_COUNT + k] += h[at + 2 + k];
      out.siteCause[ci * CAUSE_COUNT + k] += h[at + 2 + k];
    }
    const root = h[at + 2 + CAUSE_COUNT];
    if (root >= 0) out.authVia[viaSlot(D, d, root)] += h[at + 3 + CAUSE_COUNT];
  }
  constantsOf.set(D, out);
  return out;
}

const AUTH = CAUSES.indexOf("auth");
const TOO_SLOW = CAUSES.indexOf("tooSlow");
const START_FAILURE = CAUSES.indexOf("startFailure");

/** The tallies' corrections with the per-site and per-class counts folded in (what the figures read). */
interface Corrections {
  /** (population | site | all) × group. */
  success: Float64Array;
  attempt: Float64Array;
  /** (population | all) × cause × group. */
  cause: Float64Array;
  /** site × cause. */
  siteCause: Float64Array;
  /** (population, component it can blame) × (site down, authorisation). */
  via: Float64Array;
}

/**
 * Add each group's count (counts[from + g × stride]) times a visit's change (table[at …]: success,
 * attempt, the causes) into its population d's, its site ci's and the whole's rows; the trials counted.
 */
function fold(
  out: Corrections,
  counts: Float64Array,
  from: number,
  stride: number,
  table: Float64Array,
  at: number,
  d: number,
  ci: number,
  P: number,
  S: number,
): number {
  let trials = 0;
  for (let g = 0; g < GROUPS; g++) {
    const count = counts[from + g * stride];
    if (count === 0) continue;
    trials += count;
    const success = count * table[at];
    const attempt = count * table[at + 1];
    out.success[d * GROUPS + g] += success;
    out.attempt[d * GROUPS + g] += attempt;
    out.success[(P + ci) * GROUPS + g] += success;
    out.attempt[(P + ci) * GROUPS + g] += attempt;
    out.success[(P + S) * GROUPS + g] += success;
    out.attempt[(P + S) * GROUPS + g] += attempt;
    for (let k = 0; k < CAUSE_COUNT; k++) {
      const dc = count * table[at + 2 + k];
      if (dc === 0) continue;
      out.cause[(d * GROUPS + g) * CAUSE_COUNT + k] += dc;
      out.cause[(P * GROUPS + g) * CAUSE_COUNT + k] += dc;
      out.siteCause[ci * CAUSE_COUNT + k] += dc;
    }
  }
  return trials;
}

const scratchOf = new WeakMap<CompiledReliability["drivers"], Corrections>();

/**
 * The tally's correction arrays copied into a scratch kept per compiled model (a summary at 20,000
 * components copied ~50 MB each time, for the collector to take back); read it before the next call.
 */
function correctionsScratch(D: CompiledReliability["drivers"], t: Tally): Corrections {
  let out = scratchOf.get(D);
  if (out === undefined || out.via.length !== t.drvVia.length || out.success.length !== t.drvSuccess.length) {
    out = {
      success: new Float64Array(t.drvSuccess.length),
      attempt: new Float64Array(t.drvAttempt.length),
      cause: new Float64Array(t.drvCause.length),
      siteCause: new Float64Array(t.siteCause.length),
      via: new Float64Array(t.drvVia.length),
    };
    scratchOf.set(D, out);
  }
  // the tally keeps a group's rows side by side (the word pass writes one group); here a row's groups
  const E = t.drvSuccess.length / GROUPS;
  for (let g = 0; g < GROUPS; g++)
    for (let e = 0; e < E; e++) {
      out.success[e * GROUPS + g] = t.drvSuccess[g * E + e];
      out.attempt[e * GROUPS + g] = t.drvAttempt[g * E + e];
    }
  out.cause.set(t.drvCause);
  out.siteCause.set(t.siteCause);
  out.via.set(t.drvVia);
  return out;
}

/**
 * The tally's corrections plus what the word pass counted instead of adding per visit: a site's
 * trials down (siteDown) give each of its visits its down outcome less the healthy one, and a route
 * class's change (drvRoute, already in the populations' and overall rows) reaches its members' sites.
 */
function corrections(c: CompiledReliability, t: Tally): Corrections {
  const D = c.drivers;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const h = healthyVisits(c);
  const down = downVisits(c);
  const seen = sightVisits(c);
  const out = correctionsScratch(D, t);
  // siteDown and slotSight keep a group's sites (slots) side by side: a count's groups are this far apart
  const slotStride = t.slotSight.length / GROUPS;
  for (let v = 0; v < D.visitPop.length; v++) {
    const d = D.visitPop[v];
    const ci = D.visitSite[v];
    const hv = v * HEALTHY_VISIT_FIELDS;
    // the site down, by how it was seen
    let downTrials = 0;
    for (let sight = 0; sight < 2; sight++)
      downTrials += fold(
        out,
        t.siteDown,
        ci * 2 + sight,
        S * 2,
        down,
        (v * 2 + sight) * DOWN_VISIT_FIELDS,
        d,
        ci,
        P,
        S,
      );
    // its app's slot seen stale or not at all (an opaque viewer's count): the sight's change
    const slot = D.visitSlot[v];
    for (let sight = 0; slot >= 0 && sight < 2; sight++) {
      const o = (v * 2 + sight) * SIGHT_FIELDS;
      const trials = fold(out, t.slotSight, slot * 2 + sight, slotStride, seen, o, d, ci, P, S);
      if (trials === 0) continue;
      const root = seen[o + 2 + CAUSE_COUNT];
      const healthyRoot = h[hv + 2 + CAUSE_COUNT];
      if (root >= 0) out.via[viaSlot(D, d, root) * 2 + 1] += trials * seen[o + 3 + CAUSE_COUNT];
      if (healthyRoot >= 0) out.via[viaSlot(D, d, healthyRoot) * 2 + 1] -= trials * h[hv + 3 + CAUSE_COUNT];
    }
    // its visitors came to the site down where it reported: rooted at what the site's count says
    for (let r = D.siteRootStart[ci]; r < D.siteRootStart[ci + 1]; r++) {
      const count = t.siteRootDown[r];
      if (count > 0) out.via[viaSlot(D, d, D.siteRootItem[r]) * 2] += count * h[hv + 1];
    }
    // a site that is down authorises nobody: the healthy authorisation failures are not there
    const root = h[hv + 2 + CAUSE_COUNT];
    if (root >= 0) out.via[viaSlot(D, d, root) * 2 + 1] -= downTrials * h[hv + 3 + CAUSE_COUNT];
    // the route class's change at the visit's site
    const r = D.visitClass[v] * ROUTE_STRIDE;
    const mass = h[hv + 4 + CAUSE_COUNT];
    const start = D.siteStartFailure[ci];
    let inTime = 0;
    for (let g = 0; g < GROUPS; g++) {
      out.success[(P + ci) * GROUPS + g] += mass * (1 - start) * t.drvRoute[r + g];
      inTime += t.drvRoute[r + g];
    }
    out.siteCause[ci * CAUSE_COUNT + AUTH] += mass * t.drvRoute[r + GROUPS];
    out.siteCause[ci * CAUSE_COUNT + TOO_SLOW] += mass * t.drvRoute[r + GROUPS + 1];
    out.siteCause[ci * CAUSE_COUNT + START_FAILURE] += mass * start * inTime;
  }
  return out;
}

/** The view of entity e (a population's index, P + site index, or P + S for all). */
function view(
  t: Tally,
  x: Corrections,
  k: Constants,
  e: number,
  intended: number,
  causeOf: ((cause: number) => Estimate) | undefined,
): DriverView {
  const trials = t.drvTrials;
  const success = (g: number) => k.success[e] * trials[g] + x.success[e * GROUPS + g];
  const attempt = (g: number) => k.attempt[e] * trials[g] + x.attempt[e * GROUPS + g];
  const demand = (g: number) => intended * trials[g];
  const causes = Object.fromEntries(
    CAUSES.map((name, x) => [name, causeOf ? causeOf(x) : { p: 0, ci95: [0, 1] }]),
  ) as unknown as VisitCauses;
  return {
    intended,
    ftcsr: groupRatio(success, attempt, trials),
    demandSuccess: groupRatio(success, demand, trials),
    seen: groupRatio(attempt, demand, trials),
    causes,
  };
}

/** Per trial group: successes, attempts and intended visits of one entity (a population or all), and the uptime sums. */
export interface DriverSeries {
  success: Float64Array;
  attempt: Float64Array;
  intended: Float64Array;
}

/** The group series of the whole (id null) and of each population by id, for paired comparisons. */
export function driverSeries(
  c: CompiledReliability,
  t: Tally,
): {
  all: DriverSeries;
  uptime: { reported: Float64Array; counted: Float64Array; up: Float64Array; units: Float64Array };
  populations: Map<string, DriverSeries>;
} {
  const D = c.drivers;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const k = constants(c);
  const x = corrections(c, t);
  const trials = t.drvTrials;
  const series = (e: number, intended: number): DriverSeries => ({
    success: Float64Array.from(
      { length: GROUPS },
      (_, g) => k.success[e] * trials[g] + x.success[e * GROUPS + g],
    ),
    attempt: Float64Array.from(
      { length: GROUPS },
      (_, g) => k.attempt[e] * trials[g] + x.attempt[e * GROUPS + g],
    ),
    intended: Float64Array.from({ length: GROUPS }, (_, g) => intended * trials[g]),
  });
  let units = 0;
  let reported = 0;
  let up = 0;
  for (let ci = 0; ci < S; ci++) {
    const u = D.siteUnits[ci];
    const a = D.siteUnitAvailability[ci];
    units += u;
    reported += u * D.siteReportsPerUnit[ci];
    up += u * a;
  }
  return {
    all: series(P + S, 1),
    uptime: {
      reported: Float64Array.from({ length: GROUPS }, (_, g) => reported * trials[g] + t.drvUptime[g]),
      counted: Float64Array.from({ length: GROUPS }, (_, g) => units * trials[g] + t.drvUptime[GROUPS + g]),
      up: Float64Array.from({ length: GROUPS }, (_, g) => up * trials[g] + t.drvUptime[2 * GROUPS + g]),
      units: Float64Array.from({ length: GROUPS }, (_, g) => units * trials[g]),
    },
    populations: new Map(D.popIds.map((id, d) => [id, series(d, D.popIntended[d])])),
  };
}

/** The driver's figures of a tally: per population, per site (by charger index) and overall. */
export function summarizeDrivers(
  c: CompiledReliability,
  t: Tally,
): {
  populations: Record<string, DriverReliability>;
  sites: (DriverView & UptimeFigures)[];
  system: DriverView & UptimeFigures;
} {
  const D = c.drivers;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const k = constants(c);
  const x = corrections(c, t);
  const trials = t.drvTrials;
  const N = t.trials;
  const cause = (row: number, intended: number) => (z: number) =>
    groupRatio(
      (g) => k.cause[row * CAUSE_COUNT + z] * trials[g] + x.cause[(row * GROUPS + g) * CAUSE_COUNT + z],
      (g) => intended * trials[g],
      trials,
    );
  const populations: Record<string, DriverReliability> = Object.create(null);
  D.popIds.forEach((id, d) => {
    const intended = D.popIntended[d];
    const via = { siteDown: Object.create(null), auth: Object.create(null) } as DriverReliability["via"];
    for (let slot = D.popViaStart[d]; slot < D.popViaStart[d + 1]; slot++) {
      const i = D.popViaItem[slot];
      const down = x.via[slot * 2];
      const auth = k.authVia[slot] * N + x.via[slot * 2 + 1];
      if (down > 1e-12 && intended > 0) via.siteDown[c.componentIds[i]] = down / (intended * N);
      if (auth > 1e-12 && intended > 0) via.auth[c.componentIds[i]] = auth / (intended * N);
    }
    populations[id] = { name: D.popNames[d], ...view(t, x, k, d, intended, cause(d, intended)), via };
  });
  // units: healthy constants per site, corrections per group (all) and per site
  let units = 0;
  let reportedHealthy = 0;
  let trueHealthy = 0;
  const sites = Array.from({ length: S }, (_, ci) => {
    const u = D.siteUnits[ci];
    const a = D.siteUnitAvailability[ci];
    const reportsPerUnit = D.siteReportsPerUnit[ci];
    units += u;
    reportedHealthy += u * reportsPerUnit;
    trueHealthy += u * a;
    const intended = D.siteIntended[ci];
    const siteCause = (z: number): Estimate => {
      const at = ci * CAUSE_COUNT + z;
      const sum = k.siteCause[at] * N + x.siteCause[at];
      const p = intended > 0 && N > 0 ? Math.min(1, Math.max(0, sum / (intended * N))) : 0;
      return { p, ci95: [p, p] }; // per site, causes are point estimates (the interval is per population)
    };
    const counted = u * N + t.siteUptime[ci * 3 + 1];
    const reported = u * reportsPerUnit * N + t.siteUptime[ci * 3];
    const up = u * a * N + t.siteUptime[ci * 3 + 2];
    return {
      ...view(t, x, k, P + ci, intended, siteCause),
      reportedUptime: pointShare(reported, counted),
      trueUptime: pointShare(up, u * N),
    };
  });
  const system = {
    ...view(t, x, k, P + S, 1, cause(P, 1)),
    reportedUptime: groupRatio(
      (g) => reportedHealthy * trials[g] + t.drvUptime[g],
      (g) => units * trials[g] + t.drvUptime[GROUPS + g],
      trials,
    ),
    trueUptime: groupRatio(
      (g) => trueHealthy * trials[g] + t.drvUptime[2 * GROUPS + g],
      (g) => units * trials[g],
      trials,
    ),
  };
  return { populations, sites, system };
}

/** A share as a point estimate (per-site uptime: the interval is reported for the system). */
function pointShare(num: number, den: number): Estimate {
  const p = den > 0 ? Math.min(1, Math.max(0, num / den)) : 0;
  return { p, ci95: [p, p] };
}
