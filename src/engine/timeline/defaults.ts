/**
 * Constants of the time-domain engine (SPEC §11) and defaults the catalogue does not give. The
 * model's time-domain parameters (concurrency, base load, degraded minutes, heartbeats, retry
 * backoff, jitter, push on change) take their defaults from src/model/timeline.ts alone.
 */

/** Missed heartbeats after which a CSMS marks a site offline (SPEC §11). */
export const MISSED_HEARTBEATS_OFFLINE = 2;
/** A charging point's mean repair time, hours, where the model gives none (its site's MTTR is used first). */
export const DEFAULT_UNIT_MTTR_HOURS = 48;
/** Intended visits by hour of day, relative to the daily mean (sums to 24; estimate from public
 * charging load shapes: a morning shoulder and an evening peak). */
export const DAILY_PROFILE = [
  0.3, 0.2, 0.15, 0.15, 0.2, 0.4, 0.8, 1.1, 1.3, 1.3, 1.3, 1.35, 1.4, 1.35, 1.3, 1.35, 1.5, 1.7, 1.8, 1.6,
  1.3, 1.0, 0.7, 0.45,
];
/** Start success is reported over a rolling window of this many minutes (SPEC §11). */
export const ROLLING_MINUTES = 15;
/** The longest horizon a run accepts, hours (one leap year). */
export const MAX_HORIZON_HOURS = 24 * 366;
/** Series bins: at most this many over the horizon, none shorter than a minute (SPEC §11). */
export const MAX_BINS = 2000;
/** Components picked by load for the default series selection (SPEC §11: the 20 busiest). */
export const BUSIEST_COMPONENTS = 20;
/** Recovery needs every selected series back in its pre-incident band for this long (SPEC §11). */
export const RECOVERY_MINUTES = 30;
/** The metastability window after an incident's end, minutes (SPEC §11). */
export const METASTABLE_FROM_MINUTES = 30;
export const METASTABLE_TO_MINUTES = 60;
/** Retry budgets count first attempts and retries over the last minute in slices of this many seconds. */
export const BUDGET_SLICE_SECONDS = 10;
export const BUDGET_SLICES = 6;
