/**
 * What each number of a reliability tally can be (src/engine/reliability/tally.ts), for checking a
 * shard file (shard-check.ts): one bound per tally array, from the batch's trials and the model's
 * size. Sound rather than tight: counts of trials cannot exceed the trials, kW sums cannot exceed
 * the trials × the model's total kW; what is impossible only together is caught through the result.
 */
import type { ReliabilityTally } from "../engine/index.ts";

/** The size of the model, which bounds the sums a batch can hold. */
export interface Scale {
  trials: number;
  totalKw: number;
  components: number;
  links: number;
}

/** What one number of a tally can be in a batch of `trials` trials of this model. */
export interface Bound {
  what: string;
  whole: boolean;
  min(s: Scale): number;
  max(s: Scale): number;
}

const bound = (what: string, whole: boolean, max: (s: Scale) => number): Bound => ({
  what,
  whole,
  min: () => 0,
  max,
});
const COUNT = bound("a count of trials", true, (s) => s.trials);
const EXPECTED = bound("an expected count of trials", false, (s) => s.trials);
const SHARE = bound("a sum of per-trial shares", false, (s) => s.trials);
const CORRECTION: Bound = {
  what: "a correction to a count of trials",
  whole: true,
  min: (s) => -s.trials,
  max: (s) => s.trials,
};
const KW = bound("a sum of per-trial kW", false, (s) => s.trials * s.totalKw);
const KW_SQUARED = bound("a sum of per-trial kW products", false, (s) => s.trials * s.totalKw ** 2);
const CROSSINGS = bound("a sum of per-trial crossings", true, (s) => s.trials * s.links);
const CROSSINGS_SQUARED = bound("a sum of squared crossings", true, (s) => s.trials * s.links ** 2);
const CASCADE = bound("a sum of per-trial cascade sizes", true, (s) => s.trials * s.components);
const CASCADE_SQUARED = bound("a sum of squared cascade sizes", true, (s) => s.trials * s.components ** 2);

/** The `system` array by position (SYSTEM in src/engine/reliability/tally.ts). */
const SYSTEM_BOUNDS: readonly Bound[] = [
  KW, // kw
  KW_SQUARED, // kwSq
  KW, // seamKw
  KW_SQUARED, // seamKwSq
  KW_SQUARED, // seamKwCross
  COUNT, // systemic
  SHARE, // phantom
  SHARE, // phantomSq
  CASCADE, // cascade
  CASCADE_SQUARED, // cascadeSq
  CROSSINGS, // crossings
  CROSSINGS, // seamCrossings
];

export type TallyKey = Exclude<keyof ReliabilityTally, "trials">;

/** Weighted visit sums and their corrections (SPEC §10): any sign; checked through the result. */
const WEIGHTED: Bound = {
  what: "a weighted sum or correction",
  whole: false,
  min: () => Number.NEGATIVE_INFINITY,
  max: () => Number.POSITIVE_INFINITY,
};

export type Bounds = Bound | readonly Bound[];

/**
 * Every tally array and what its numbers are (src/engine/reliability/tally.ts): counts of trials,
 * expected counts (fractional), corrections to a count (phantom and hidden per pair are added to
 * their charger's or group's count, so they may be negative) and sums over trials of kW, crossings
 * or cascade sizes. A new tally array fails to compile until it is listed here (arrays listed
 * before the engine has them are allowed, so the table can lead the engine).
 */
export const TALLY_BOUNDS: { readonly [key in TallyKey]: Bounds } & { readonly [key: string]: Bounds } = {
  functional: COUNT,
  degraded: EXPECTED,
  red: COUNT,
  seam: COUNT,
  crossing: COUNT,
  phantomBase: COUNT,
  phantom: CORRECTION,
  hidden: CORRECTION,
  groupHidden: COUNT,
  staleTariff: COUNT,
  incorrectTariff: EXPECTED,
  orgKw: KW,
  orgKwSq: KW_SQUARED,
  orgAny: COUNT,
  orgExported: CROSSINGS,
  orgExportedSq: CROSSINGS_SQUARED,
  system: SYSTEM_BOUNDS,
  cascadeHist: COUNT,
  kwHist: COUNT,
  chainBroken: COUNT,
  chainMiss: COUNT,
  chainHist: COUNT,
  chainTimed: COUNT,
  chainTimedBroken: COUNT,
  // the driver's view (SPEC §10): trials per trial group, then weighted visit sums and corrections
  drvTrials: COUNT,
  drvSuccess: WEIGHTED,
  drvAttempt: WEIGHTED,
  drvCause: WEIGHTED,
  siteCause: WEIGHTED,
  drvVia: WEIGHTED,
  slotSight: COUNT,
  drvUptime: WEIGHTED,
  siteUptime: WEIGHTED,
  drvRoute: WEIGHTED,
  siteDown: COUNT,
  siteRootDown: COUNT,
};

/** Sums of per-trial kW are floating-point sums in another order than the model's total. */
export const FLOAT_SLACK = 1e-9;

/** `a whole number from 0 to 8192`, or `a finite number` where any is possible. */
export function rangeText(b: Bound, min: number, max: number): string {
  const kind = b.whole ? "a whole number" : "a finite number";
  return Number.isFinite(min) && Number.isFinite(max) ? `${kind} from ${min} to ${max}` : kind;
}
