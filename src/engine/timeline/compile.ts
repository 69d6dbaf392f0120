/**
 * The time-domain engine's compiled model (SPEC §11): the snapshot's compiled arrays (requirements,
 * perception plans, visits — the same availability, MTTR, silent share and degradation the snapshot
 * uses) plus the time-domain parameters per component, link and incident, resolved once per run.
 */
import {
  driverPopulations,
  type IncidentEffect,
  LINK_DEFAULTS,
  type Model,
  resolveComponent,
  resolveLink,
  resolveTimelineComponent,
  resolveTimelineLink,
} from "../../model/index.ts";
import { type CompiledReliability, compileReliability, isViewer } from "../compile/index.ts";
import { logNormalOf } from "../latency.ts";
import { BUSIEST_COMPONENTS, DEFAULT_UNIT_MTTR_HOURS, MAX_BINS, MAX_HORIZON_HOURS } from "./defaults.ts";
import type { TimelineOptions } from "./types.ts";

/** Incident effects as codes (SPEC §11). */
export const EFFECT_CODE = {
  down: 0,
  degraded: 1,
  slow: 2,
  capacity: 3,
  partition: 4,
} as const satisfies Record<IncidentEffect, number>;
export const EFFECT_DOWN = 0;
export const EFFECT_DEGRADED = 1;
export const EFFECT_SLOW = 2;
export const EFFECT_CAPACITY = 3;
export const EFFECT_PARTITION = 4;

/** Bad options or incidents: each issue names where (`incidents[2].target`, `--hours`) and what. */
export class TimelineError extends Error {
  constructor(readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
    this.name = "TimelineError";
  }
}

export interface CompiledTimeline {
  c: CompiledReliability;
  n: number;
  linkCount: number;
  horizonSeconds: number;
  binSeconds: number;
  bins: number;
  /** Per component: mean up and down times (s); +∞ up = never fails, 0 up = always down. */
  mtbfSeconds: Float64Array;
  mttrSeconds: Float64Array;
  /** Mean degraded episode and mean time between them while up (s; +∞ between = never degraded). */
  degradedSeconds: Float64Array;
  betweenDegradedSeconds: Float64Array;
  latencyMu: Float64Array;
  latencySigma: Float64Array;
  degradedFactor: Float64Array;
  /** Service rate per server (1/s; 0 = unlimited, no queue) and servers. */
  capacityPerSecond: Float64Array;
  servers: Int32Array;
  basePerSecond: Float64Array;
  /** Retry policies: links 0 … L − 1, then each component's base load at L + i. */
  timeoutSeconds: Float64Array;
  retries: Int32Array;
  backoffSeconds: Float64Array;
  jitter: Uint8Array;
  retryBudget: Float64Array;
  /** Per link: transit latency (ms, lognormal), push on change, poll period (s). */
  linkMu: Float64Array;
  linkSigma: Float64Array;
  pushOnChange: Uint8Array;
  pollSeconds: Float64Array;
  /** Incidents run: id, target (component or link index), effect code, factor, window (s). */
  incidentIds: string[];
  incidentTarget: Int32Array;
  incidentEffect: Uint8Array;
  incidentFactor: Float64Array;
  incidentStart: Float64Array;
  incidentEnd: Float64Array;
  /** Per charger index: its units unitStart[ci] .. unitStart[ci + 1]; unit up/down means (s), silent share. */
  unitStart: Int32Array;
  /** Per unit: its charger index. */
  unitCharger: Int32Array;
  unitMtbfSeconds: Float64Array;
  unitMttrSeconds: Float64Array;
  heartbeatSeconds: Float64Array;
  /** Per charger index: the link its heartbeats and boots travel (to its CSMS; −1 without one) and that CSMS. */
  siteLink: Int32Array;
  siteCsms: Int32Array;
  /** Per visit (SPEC §10): intended arrivals per second on the daily mean (share × units × sessionsPerDay). */
  visitPerSecond: Float64Array;
  /** Per driver population: the app it reads status from and looks up through (a call when the app has a capacity). */
  popApp: Int32Array;
  /** Components whose series are reported, viewers (components showing charger status). */
  selected: Int32Array;
  viewers: Int32Array;
}

/** Mean up time for availability a and mean repair time r: MTBF = r·a/(1 − a). */
function upMean(availability: number, repairSeconds: number): number {
  if (availability >= 1) return Number.POSITIVE_INFINITY;
  if (availability <= 0) return 0;
  return (repairSeconds * availability) / (1 - availability);
}

/** Compile `model` for a run with `options`; throws TimelineError on bad options or incidents. */
export function compileTimeline(model: Model, options: TimelineOptions): CompiledTimeline {
  const issues: { path: string; message: string }[] = [];
  if (!Number.isFinite(options.hours) || options.hours <= 0 || options.hours > MAX_HORIZON_HOURS)
    issues.push({
      path: "hours",
      message: `the horizon must be more than 0 and at most ${MAX_HORIZON_HOURS} hours`,
    });
  if (!Number.isInteger(options.seed)) issues.push({ path: "seed", message: "the seed must be an integer" });
  const c = compileReliability(model);
  const n = c.n;
  const L = c.linkIds.length;
  const compIndex = new Map(c.componentIds.map((id, i) => [id, i]));
  const linkIndex = new Map(c.linkIds.map((id, j) => [id, j]));
  const comps = model.components.map(resolveComponent);
  const links = model.links.map(resolveLink);

  const all = model.incidents ?? [];
  const known = new Set(all.map((x) => x.id));
  for (const id of options.incidents ?? [])
    if (!known.has(id)) issues.push({ path: "incident", message: `no incident "${id}" in the model` });
  const chosen = options.incidents === undefined ? all : all.filter((x) => options.incidents?.includes(x.id));
  const incidentTarget: number[] = [];
  for (const x of chosen) {
    const at = `incidents[${all.indexOf(x)}]`;
    const isPartition = x.effect === "partition";
    const target = isPartition ? linkIndex.get(x.target) : compIndex.get(x.target);
    if (target === undefined)
      issues.push({
        path: `${at}.target`,
        message: `no ${isPartition ? "link" : "component"} "${x.target}" (a ${isPartition ? "partition targets a link" : `${x.effect} incident targets a component`})`,
      });
    if (!(x.atMinutes >= 0)) issues.push({ path: `${at}.atMinutes`, message: "cannot be negative" });
    if (!(x.durationMinutes > 0))
      issues.push({ path: `${at}.durationMinutes`, message: "must be greater than 0" });
    if ((x.effect === "slow" || x.effect === "capacity") && x.factor === undefined)
      issues.push({ path: `${at}.factor`, message: `a ${x.effect} incident needs a factor` });
    incidentTarget.push(target ?? -1);
  }
  for (const id of options.series ?? [])
    if (!compIndex.has(id)) issues.push({ path: "series", message: `no component "${id}" in the model` });
  if (issues.length > 0) throw new TimelineError(issues);

  const horizonSeconds = options.hours * 3600;
  const binSeconds = Math.max(60, Math.ceil(horizonSeconds / MAX_BINS / 60) * 60);
  const mttrSeconds = Float64Array.from(c.mttrHours, (h) => h * 3600);
  // the time-domain parameters with the catalogue's defaults (src/model/timeline.ts: one source)
  const times = model.components.map(resolveTimelineComponent);
  const linkTimes = model.links.map(resolveTimelineLink);
  const policies = L + n;
  const timeoutSeconds = new Float64Array(policies);
  const retries = new Int32Array(policies);
  const backoffSeconds = new Float64Array(policies);
  const jitter = new Uint8Array(policies);
  const retryBudget = new Float64Array(policies).fill(Number.POSITIVE_INFINITY);
  links.forEach((l, j) => {
    const t = linkTimes[j];
    timeoutSeconds[j] = l.timeoutMs / 1000;
    retries[j] = l.retries;
    backoffSeconds[j] = t.retryBackoffMs / 1000;
    jitter[j] = t.jitter ? 1 : 0;
    if (t.retryBudget !== undefined) retryBudget[j] = t.retryBudget;
  });
  times.forEach(({ baseLoad: b }, i) => {
    timeoutSeconds[L + i] = b.timeoutMs / 1000;
    retries[L + i] = b.retries;
    backoffSeconds[L + i] = b.retryBackoffMs / 1000;
    jitter[L + i] = b.jitter ? 1 : 0;
    if (b.retryBudget !== undefined) retryBudget[L + i] = b.retryBudget;
  });

  const degradedSeconds = Float64Array.from(times, (t) => t.degradedMinutes * 60);
  const latency = comps.map((r) => logNormalOf(r.latencyMs));
  const linkLatency = links.map((l) => logNormalOf(l.latencyMs));

  const chargers = Array.from(c.chargers);
  const unitStart = new Int32Array(chargers.length + 1);
  chargers.forEach((i, ci) => {
    unitStart[ci + 1] = unitStart[ci] + Math.max(0, Math.round(comps[i].units));
  });
  const unitCharger = new Int32Array(unitStart[chargers.length]);
  for (let ci = 0; ci < chargers.length; ci++) unitCharger.fill(ci, unitStart[ci], unitStart[ci + 1]);
  const unitMttrSeconds = Float64Array.from(
    chargers,
    (i) => (c.mttrHours[i] || DEFAULT_UNIT_MTTR_HOURS) * 3600,
  );

  // a site's CSMS link: one from the site to a CSMS, else one from a CSMS to the site
  const siteLink = new Int32Array(chargers.length).fill(-1);
  const siteCsms = new Int32Array(chargers.length).fill(-1);
  const chargerIndex = new Map(chargers.map((i, ci) => [i, ci]));
  for (const fromSite of [true, false])
    for (let j = 0; j < L; j++) {
      const site = fromSite ? c.linkFrom[j] : c.linkTo[j];
      const other = fromSite ? c.linkTo[j] : c.linkFrom[j];
      const ci = chargerIndex.get(site);
      if (ci === undefined || comps[other].type !== "csms" || siteLink[ci] >= 0) continue;
      siteLink[ci] = j;
      siteCsms[ci] = other;
    }
  const populations = driverPopulations(model).filter((d) => compIndex.has(d.app));
  const D = c.drivers;
  const visitPerSecond = Float64Array.from(D.visitPop, (di, v) => {
    const site = comps[chargers[D.visitSite[v]]];
    return (populations[di].share * site.units * site.sessionsPerDay) / 86400;
  });

  const viewers = comps.flatMap((r, i) => (isViewer(r) ? [i] : []));
  const selected = selectSeries(
    model,
    options,
    compIndex,
    incidentTarget,
    chosen.map((x) => x.effect),
    c,
    viewers,
  );

  return {
    c,
    n,
    linkCount: L,
    horizonSeconds,
    binSeconds,
    bins: Math.ceil(horizonSeconds / binSeconds),
    mtbfSeconds: Float64Array.from(comps, (r, i) => upMean(r.availability, mttrSeconds[i])),
    mttrSeconds,
    degradedSeconds,
    betweenDegradedSeconds: Float64Array.from(comps, (r, i) =>
      r.degradedProbability <= 0
        ? Number.POSITIVE_INFINITY
        : (degradedSeconds[i] * (1 - r.degradedProbability)) / r.degradedProbability,
    ),
    latencyMu: Float64Array.from(latency, (d) => d.mu),
    latencySigma: Float64Array.from(latency, (d) => d.sigma),
    degradedFactor: Float64Array.from(comps, (r) => r.degradedFactor),
    capacityPerSecond: Float64Array.from(times, (t) => t.capacityPerSecond ?? 0),
    servers: Int32Array.from(times, (t) => t.concurrency),
    basePerSecond: Float64Array.from(times, (t) => t.baseLoad.perSecond),
    timeoutSeconds,
    retries,
    backoffSeconds,
    jitter,
    retryBudget,
    linkMu: Float64Array.from(linkLatency, (d) => d.mu),
    linkSigma: Float64Array.from(linkLatency, (d) => d.sigma),
    pushOnChange: Uint8Array.from(linkTimes, (t) => (t.pushOnChange ? 1 : 0)),
    pollSeconds: Float64Array.from(links, (l) => l.pollSeconds || LINK_DEFAULTS.pollSeconds.value),
    incidentIds: chosen.map((x) => x.id),
    incidentTarget: Int32Array.from(incidentTarget),
    incidentEffect: Uint8Array.from(chosen, (x) => EFFECT_CODE[x.effect]),
    incidentFactor: Float64Array.from(chosen, (x) => x.factor ?? 1),
    incidentStart: Float64Array.from(chosen, (x) => x.atMinutes * 60),
    incidentEnd: Float64Array.from(chosen, (x) => (x.atMinutes + x.durationMinutes) * 60),
    unitStart,
    unitCharger,
    unitMtbfSeconds: Float64Array.from(chargers, (i, ci) =>
      upMean(comps[i].unitAvailability, unitMttrSeconds[ci]),
    ),
    unitMttrSeconds,
    heartbeatSeconds: Float64Array.from(chargers, (i) => times[i].heartbeatSeconds),
    siteLink,
    siteCsms,
    visitPerSecond,
    popApp: Int32Array.from(populations, (d) => compIndex.get(d.app) as number),
    selected,
    viewers: Int32Array.from(viewers),
  };
}

/**
 * The components whose series are reported: the `series` option, else (SPEC §11) the incidents'
 * targets (a partition's two ends), the viewers and the busiest 20 by expected requests (base load,
 * then calls into them).
 */
function selectSeries(
  model: Model,
  options: TimelineOptions,
  compIndex: Map<string, number>,
  incidentTarget: number[],
  effects: IncidentEffect[],
  c: CompiledReliability,
  viewers: number[],
): Int32Array {
  if (options.series !== undefined)
    return Int32Array.from(new Set(options.series.map((id) => compIndex.get(id) as number)));
  const picked = new Set<number>();
  incidentTarget.forEach((t, k) => {
    if (effects[k] === "partition") {
      picked.add(c.linkFrom[t]);
      picked.add(c.linkTo[t]);
    } else picked.add(t);
  });
  for (const v of viewers) picked.add(v);
  const callsIn = new Float64Array(c.n);
  for (let j = 0; j < c.linkTo.length; j++) callsIn[c.linkTo[j]] += 1;
  const busy = model.components
    .map((m, i) => ({ i, load: (m.baseLoad?.perSecond ?? 0) * 1e6 + callsIn[i] }))
    .filter((x) => x.load > 0)
    .sort((a, b) => b.load - a.load || a.i - b.i)
    .slice(0, BUSIEST_COMPONENTS);
  for (const x of busy) picked.add(x.i);
  return Int32Array.from(picked);
}
