/**
 * The engine contract shared by the engine, the worker pool, the CLI and the UI (SPEC §7, §8).
 * Everything here is plain, structured-cloneable data so it crosses worker boundaries unchanged.
 */

/** A proportion with its 95 % Wilson interval. */
export interface Estimate {
  p: number;
  ci95: [number, number];
}

/** A mean with its 95 % interval (normal approximation). */
export interface MeanEstimate {
  mean: number;
  ci95: [number, number];
}

/**
 * Trials are grouped in batches of `BATCH_TRIALS`; batch b draws from the stream derived from
 * (seed, b), so a run of N trials is the same set of trials however batches are spread over workers.
 * Tallies are merged in batch order, so floating-point sums are identical too.
 */
export const BATCH_TRIALS = 8192;

/** Number of batches for a trial budget (the last one may be partial). */
export function batchCount(trials: number, size = BATCH_TRIALS): number {
  return Math.ceil(trials / size);
}

/** Trials in batch b of a run of `trials` trials. */
export function trialsInBatch(trials: number, b: number, size = BATCH_TRIALS): number {
  return Math.min(size, trials - b * size);
}

export interface ComponentReliability {
  functional: Estimate;
  /** Up intrinsically but degraded through a soft dependency or its own slowness. */
  degraded: Estimate;
  /** P(red): its own dashboard shows a problem (SPEC §3.6) — what the dashboards show. */
  red: Estimate;
}

/** A site's figures; the driver's view (SPEC §10) is absent only in results made before it existed. */
export interface ChargerReliability extends Partial<DriverView & UptimeFigures> {
  usable: Estimate;
  /** P(seam failure | unusable). */
  seamFailure: Estimate;
  phantom: Record<string, Estimate>;
  hidden: Record<string, Estimate>;
  staleTariff: Record<string, Estimate>;
  incorrectTariff: Record<string, Estimate>;
}

/** Why intended visits failed (SPEC §10.4), each a share of the intended visits. */
export interface VisitCauses {
  /** The app did not show the site available (unknown, reported unavailable, no unit reporting). */
  notShown: Estimate;
  siteDown: Estimate;
  /** Stale sight: the unit picked shows a fault on arrival. */
  noUnit: Estimate;
  /** The unit picked is down but reported available (a silent unit fault). */
  unitFault: Estimate;
  auth: Estimate;
  tooSlow: Estimate;
  startFailure: Estimate;
}

/** The driver's view (SPEC §10) of one population, one site or all visits. */
export interface DriverView {
  /** Share of all intended visits that are this one's. */
  intended: number;
  /** Start success (first-time charge success): successes over attempts. */
  ftcsr: Estimate;
  /** Successes over intended visits (what forcing a failure can never improve). */
  demandSuccess: Estimate;
  /** P(the driver's app showed the site available): attempts over intended visits. */
  seen: Estimate;
  causes: VisitCauses;
}

/** A driver population's view, with the components its failures are rooted at (share of its intended visits). */
export interface DriverReliability extends DriverView {
  name: string;
  via: { siteDown: Record<string, number>; auth: Record<string, number> };
}

/** Uptime as reported from status feeds vs as true (SPEC §10): means over units. */
export interface UptimeFigures {
  reportedUptime: Estimate;
  trueUptime: Estimate;
}

export interface LinkReliability {
  crossing: Estimate;
  isSeam: boolean;
}

export interface OrgReliability {
  /** Expected unusable kW of this org's chargers. */
  unusableKw: MeanEstimate;
  totalKw: number;
  /** P(at least one of this org's components is non-functional). */
  anyNonFunctional: Estimate;
  /** Failure crossings per trial on links leaving this org (its failures hitting others). */
  exportedCrossings: MeanEstimate;
}

export interface Histogram {
  /** Bin lower edges; the last bin is open-ended. */
  edges: number[];
  counts: number[];
}

/** System figures; the driver's view (SPEC §10) over all visits and units, absent only in old results. */
export interface SystemReliability extends Partial<DriverView & UptimeFigures> {
  totalKw: number;
  unusableKw: MeanEstimate;
  systemicEvent: Estimate;
  phantomRate: MeanEstimate;
  /** Share of unusable kW that is seam failure. */
  seamShare: Estimate;
  /** Share of failure crossings that cross an org boundary. */
  seamCrossingShare: Estimate;
  cascadeSize: MeanEstimate;
  cascadeHistogram: Histogram;
  unusableKwHistogram: Histogram;
}

/** A signal chain's end-to-end latency (SPEC §5): percentiles over the trials it got through. */
export interface ChainReliability {
  /** Milliseconds; null when it never got through. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
  deadlineMs: number;
  /** P(it got through but later than the deadline). */
  deadlineMiss: Estimate;
  /** P(a hop's provider is non-functional: the signal does not get through). */
  broken: Estimate;
  /** Latency histogram (log-spaced ms bins; the last bin: broken). */
  histogram: Histogram;
}

/** SPEC §8 `simulate` JSON (plus the extras the UI shows). */
export interface ReliabilityResult {
  trials: number;
  seed: number;
  components: Record<string, ComponentReliability>;
  chargers: Record<string, ChargerReliability>;
  links: Record<string, LinkReliability>;
  orgs: Record<string, OrgReliability>;
  system: SystemReliability;
  /** The model's signal chains (SPEC §5). */
  chains: Record<string, ChainReliability>;
  /** Per driver population (SPEC §10). */
  drivers?: Record<string, DriverReliability>;
}
