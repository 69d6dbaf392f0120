/** What the attack trials add up (SPEC §4), defined once by its arrays' lengths. */

import { logBins } from "../kit/histogram.ts";
import { defineTally } from "../kit/tally.ts";
import type { CompiledSecurity } from "./compile.ts";

/** Log-spaced TTC histogram: 1 % bins over 8 decades from 0.001 days, then "slower", then never. */
export const TTC_HISTOGRAM = logBins(-3, 100, 8, 1);
export const BINS = TTC_HISTOGRAM.bins;

/** Attacker-controllable kW histogram: 40 bins over [0, total kW]. */
export const KW_BINS = 40;

const SECURITY_COUNTS = defineTally((c: CompiledSecurity) => {
  const orgs = c.orgIds.length;
  return {
    compromised: c.n,
    /** Per component: its TTC histogram (BINS each). */
    hist: c.n * BINS,
    /** Per entry component (resp. link): kW compromised through it. */
    entryKw: c.n,
    linkKw: c.linkIds.length,
    /** Σ kW and Σ kW² of attacker-controllable power. */
    kwSum: 2,
    kwHist: KW_BINS,
    /** Trials with controllable kW at or above the threshold, and at or above the systemic share of all kW. */
    above: 1,
    aboveSystemic: 1,
    orgAny: orgs,
    orgKw: orgs,
    orgKwSq: orgs,
  };
});

export type SecurityTally = ReturnType<typeof SECURITY_COUNTS.create> & {
  /** Attack paths to the target (link indices from the entry, comma-separated) and their counts. */
  paths: Map<string, number>;
};

/** A zeroed attack tally for `c`. */
export function createSecurityTally(c: CompiledSecurity): SecurityTally {
  return { ...SECURITY_COUNTS.create(c), paths: new Map() };
}

/** Add `from` into `into` (in batch order). */
export function mergeSecurityTally(into: SecurityTally, from: SecurityTally): void {
  SECURITY_COUNTS.merge(into, from);
  for (const [path, count] of from.paths) into.paths.set(path, (into.paths.get(path) ?? 0) + count);
}

/** Per-compiled-model working memory of the attack trials (no allocation per trial). */
