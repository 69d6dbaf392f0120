/**
 * The reliability tally (SPEC §3.7): counts and sums of one or more batches, per component,
 * charger, (charger, viewer) pair, link, organisation and chain, plus the system sums. Defined once
 * by its arrays' lengths; the order of the arrays is the order of a shard file's JSON.
 */
import type { CompiledReliability } from "../compile/index.ts";
import { logBins } from "../kit/histogram.ts";
import { defineTally } from "../kit/tally.ts";

/** Causes of a failed visit (SPEC §10.4); the driver tallies keep one count per cause. */
const DRIVER_CAUSES = 7;

/** Numbers per route class in drvRoute: Δ in time per trial group, then Σ Δ failed, Σ Δ too slow. */
export const ROUTE_STRIDE = 34;

/**
 * The driver's-view arrays (SPEC §10), corrections to the healthy constants per trial group (the
 * trial's bit, 32 groups): drvTrials per group; drvSuccess, drvAttempt per group × (population |
 * site | all) — a group's rows side by side, as a word writes them; drvCause per (population | all)
 * × group × cause; siteCause per site × cause;
 * drvVia per (population, component it can blame: popViaItem) × (site down, authorisation); drvUptime per (reported,
 * counted, true) × group; siteUptime per site × (reported, counted, true); drvRoute per route
 * class × ROUTE_STRIDE: the change of its route's coefficients per unit of healthy unit mass,
 * summed over its disturbed trials (its members' sites read it at the summary); siteDown per
 * group × site × (reporting, not reporting): trials the site was down (its visits' outcomes then
 * depend only on the sight, folded in at the summary); siteRootDown per (site, possible root):
 * trials it was down rooted there while reporting (its visitors came and found it down); slotSight
 * per group × viewer slot × (stale, not shown): trials an opaque viewer showed the slot's sites so
 * (its visits' changes at a working site on the healthy route, folded in at the summary).
 */
function driverTallyLengths(c: CompiledReliability) {
  const P = c.drivers.popIds.length;
  const S = c.chargers.length;
  return {
    drvTrials: 32,
    drvSuccess: (P + S + 1) * 32,
    drvAttempt: (P + S + 1) * 32,
    drvCause: (P + 1) * DRIVER_CAUSES * 32,
    siteCause: S * DRIVER_CAUSES,
    drvVia: c.drivers.popViaItem.length * 2,
    drvUptime: 3 * 32,
    siteUptime: S * 3,
    drvRoute: c.drivers.classRep.length * ROUTE_STRIDE,
    siteDown: S * 2 * 32,
    siteRootDown: c.drivers.siteRootItem.length,
    slotSight: c.groupViewSlot.length * 2 * 32,
  };
}

/** Chain latency histogram: 100 bins per decade from 1 ms to 10^7 ms, then "slower", then broken. */
export const CHAIN_HISTOGRAM = logBins(0, 100, 7, 0);
export const CHAIN_BINS = CHAIN_HISTOGRAM.bins;
export const CASCADE_BINS = 21;
export const KW_BINS = 20;

/** The system sums of a tally's `system` array, by position (…Sq: sums of squares; seamKwCross: Σ seam kW × kW). */
export const SYSTEM = {
  kw: 0,
  kwSq: 1,
  seamKw: 2,
  seamKwSq: 3,
  seamKwCross: 4,
  systemic: 5,
  phantom: 6,
  phantomSq: 7,
  cascade: 8,
  cascadeSq: 9,
  crossings: 10,
  seamCrossings: 11,
} as const;
const SYSTEM_SUMS = Object.keys(SYSTEM).length;

/**
 * The arrays of a reliability tally:
 * - functional: non-functional trials per component (for a charger: unusable) — failures are rarer;
 *   degraded, red per component; seam per charger; crossing per link;
 * - phantomBase per charger: trials reported available while unusable (a usable charger always
 *   reports available, so a charger is hidden only where a viewer does not show its report);
 *   phantom, hidden per pair: the correction to its charger's base in words where the viewer does
 *   not show the report; groupHidden per group viewer slot: hidden trials of a charger usable all
 *   word (added to each of its chargers);
 * - staleTariff, incorrectTariff per tariff pair; org… per organisation; system (SYSTEM); the
 *   cascade-size and unusable-kW histograms;
 * - per chain: broken trials, deadline misses and a latency histogram (CHAIN_BINS each); the trials
 *   timed (the same for every chain) and the broken ones among them.
 */
const RELIABILITY_TALLY = defineTally((c: CompiledReliability) => {
  const n = c.n;
  const chargers = c.chargers.length;
  const orgs = c.orgIds.length;
  const chains = c.chainIds.length;
  return {
    functional: n,
    degraded: n,
    red: n,
    seam: chargers,
    crossing: c.linkIds.length,
    phantomBase: chargers,
    phantom: c.pairViewer.length,
    hidden: c.pairViewer.length,
    groupHidden: c.groupViewSlot.length,
    staleTariff: c.tpairSlot.length,
    incorrectTariff: c.tpairSlot.length,
    orgKw: orgs,
    orgKwSq: orgs,
    orgAny: orgs,
    orgExported: orgs,
    orgExportedSq: orgs,
    system: SYSTEM_SUMS,
    cascadeHist: CASCADE_BINS,
    kwHist: KW_BINS,
    chainBroken: chains,
    chainMiss: chains,
    chainHist: chains * CHAIN_BINS,
    chainTimed: 1,
    chainTimedBroken: chains,
    ...driverTallyLengths(c),
  };
});

/** Counts and sums of one or more batches (plain typed arrays; structured-cloneable). */
export type Tally = ReturnType<typeof RELIABILITY_TALLY.create>;

/** A zeroed tally for compiled model `c`. */
export const createTally: (c: CompiledReliability) => Tally = RELIABILITY_TALLY.create;
/** Zero every count of `t`. */
export const resetTally: (t: Tally) => void = RELIABILITY_TALLY.reset;
/** Add `from` into `into` (call in batch order for bit-identical float sums). */
export const mergeTally: (into: Tally, from: Tally) => void = RELIABILITY_TALLY.merge;
