/**
 * One baseline across the app (issue 18 item 5): a panel that shows the baseline beside a variant
 * (what-if, scenario comparison, what to fix first) shows the main analysis's figure — the one on
 * the Results headline cards — and the variant as that baseline plus the engine's paired change.
 * Each panel's own paired run has its own trial count, so its own baseline drifts by a few kW.
 */
import type { Estimate, MeanEstimate, PairedResult, ReliabilityResult } from "../engine/index.ts";
import { formatInterval } from "./format.ts";

/** What a variant's anchored figure is, as the panels label it. */
export const ANCHORED_NOTE = "baseline + paired change";

/** A baseline figure and a variant figure; `isAnchored` when the baseline is the main analysis's. */
export interface AnchoredPair {
  baseline: number;
  variant: number;
  isAnchored: boolean;
}

/** The headline figures a panel shows beside a variant, read from one run. */
export interface SystemFigures {
  unusableKw: number;
  systemicEvent: number;
  phantomRate: number;
  /** Expected unusable kW behind green dashboards: seam share × unusable kW. */
  seamKw: number;
}

/** The system figures of a run, as the panels show them. */
export function systemFigures(result: ReliabilityResult): SystemFigures {
  const s = result.system;
  return {
    unusableKw: s.unusableKw.mean,
    systemicEvent: s.systemicEvent.p,
    phantomRate: s.phantomRate.mean,
    seamKw: s.seamShare.p * s.unusableKw.mean,
  };
}

/**
 * The baseline `main` (the main analysis's figure, when there is one for this revision) and the
 * variant as `main + change`, kept within `bounds` (0–1 for a probability, ≥ 0 for kW). Without a
 * main figure: the paired run's own baseline and variant.
 */
export function anchorPair(
  main: number | undefined,
  paired: { baseline: number; variant: number; change: number },
  bounds: [number, number] = [0, Number.POSITIVE_INFINITY],
): AnchoredPair {
  if (main === undefined || !Number.isFinite(main)) {
    return { baseline: paired.baseline, variant: paired.variant, isAnchored: false };
  }
  const variant = Math.min(bounds[1], Math.max(bounds[0], main + paired.change));
  return { baseline: main, variant, isAnchored: true };
}

/**
 * The what-if's headline figures now and after: "now" from the main analysis when given (as the
 * Results headline shows it), the what-if as that plus the paired change; else the paired run's own.
 */
export function whatIfFigures(
  result: PairedResult,
  main: SystemFigures | undefined,
): Record<keyof SystemFigures, { baseline: number; variant: number }> & { isAnchored: boolean } {
  const before = systemFigures(result.baseline);
  const after = systemFigures(result.variant);
  const pair = (key: keyof SystemFigures, bounds: [number, number]) =>
    anchorPair(
      main?.[key],
      { baseline: before[key], variant: after[key], change: result.delta[key].mean },
      bounds,
    );
  const probability: [number, number] = [0, 1];
  const unusableKw = pair("unusableKw", [0, Number.POSITIVE_INFINITY]);
  return {
    unusableKw,
    systemicEvent: pair("systemicEvent", probability),
    phantomRate: pair("phantomRate", probability),
    seamKw: pair("seamKw", [0, Number.POSITIVE_INFINITY]),
    isAnchored: unusableKw.isAnchored,
  };
}

/**
 * A column's value and interval: with a main analysis (`main`, the Results headline's figure), the
 * baseline column shows it and a paired column shows it plus the paired `change` (no interval of
 * its own: the change carries the paired one); otherwise the column's own run.
 */
export function anchoredValue(
  own: MeanEstimate,
  main: MeanEstimate | undefined,
  column: { isBaseline: boolean; change: number | undefined },
  format: (x: number) => string,
  bounds: [number, number],
): { value: string; interval: string | undefined; note?: string } {
  const interval = (ci: [number, number]) => formatInterval(ci, format);
  if (!main) return { value: format(own.mean), interval: interval(own.ci95) };
  if (column.isBaseline) return { value: format(main.mean), interval: interval(main.ci95) };
  if (column.change === undefined) return { value: format(own.mean), interval: interval(own.ci95) };
  const pair = anchorPair(
    main.mean,
    { baseline: main.mean, variant: own.mean, change: column.change },
    bounds,
  );
  return { value: format(pair.variant), interval: undefined, note: ANCHORED_NOTE };
}

/** Bounds of a probability. */
export const PROBABILITY: [number, number] = [0, 1];
/** Bounds of a power in kW. */
export const KW: [number, number] = [0, Number.POSITIVE_INFINITY];
/** A proportion as a mean with its interval. */
export const asMean = (e: Estimate): MeanEstimate => ({ mean: e.p, ci95: e.ci95 });
