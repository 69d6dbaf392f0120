/**
 * Changes of the driver's figures (SPEC §10) between a baseline and a variant run on the same random
 * numbers: the engine's paired change with its interval where it gives one (`PairedDeltas.drivers`),
 * otherwise the plain difference beside the intervals of both runs, said to be unpaired. Used by
 * `seams whatif --json` and the scenario comparison.
 */
import type { Estimate, PairedDeltas, ReliabilityResult } from "../engine/index.ts";

/** A change variant − baseline of a proportion. */
export interface DriverChange {
  mean: number;
  /** The paired 95 % interval of the change; null when the engine gave none (unpaired). */
  ci95: [number, number] | null;
  /** Paired: the interval leaves out 0. Unpaired: the two runs' intervals do not overlap. */
  significant: boolean;
  paired: boolean;
  /** Unpaired only: each run's own 95 % interval. */
  baselineCi95?: [number, number];
  variantCi95?: [number, number];
}

/** A paired change as the engine gives it. */
interface PairedChange {
  mean: number;
  ci95: [number, number];
  significant: boolean;
}

/** The engine's paired driver changes, when it computes them (optional: older engines do not). */
interface PairedDriverChanges {
  ftcsr: PairedChange;
  demandSuccess: PairedChange;
  reportedUptime: PairedChange;
  trueUptime: PairedChange;
  populations: Record<string, { ftcsr: PairedChange; demandSuccess: PairedChange }>;
}

/** The system figures whose changes are reported. */
export const SYSTEM_DRIVER_FIGURES = ["ftcsr", "demandSuccess", "reportedUptime", "trueUptime"] as const;
export type SystemDriverFigure = (typeof SYSTEM_DRIVER_FIGURES)[number];

/** The change of a figure from `a` to `b`: paired when `paired` is given, else unpaired. */
export function driverChange(
  a: Estimate | undefined,
  b: Estimate | undefined,
  paired?: PairedChange,
): DriverChange | undefined {
  if (paired) return { mean: paired.mean, ci95: paired.ci95, significant: paired.significant, paired: true };
  if (!a || !b) return undefined;
  const apart = b.ci95[0] > a.ci95[1] || b.ci95[1] < a.ci95[0];
  return {
    mean: b.p - a.p,
    ci95: null,
    significant: apart,
    paired: false,
    baselineCi95: a.ci95,
    variantCi95: b.ci95,
  };
}

/** The engine's paired driver changes of a what-if or scenario, if it made them. */
export function pairedDrivers(delta: PairedDeltas | undefined): PairedDriverChanges | undefined {
  return (delta as { drivers?: PairedDriverChanges } | undefined)?.drivers;
}

/** Changes of the four system figures (start success, demand success, reported and true uptime). */
export function systemDriverChanges(
  baseline: ReliabilityResult,
  variant: ReliabilityResult,
  delta: PairedDeltas | undefined,
): Partial<Record<SystemDriverFigure, DriverChange>> {
  const paired = pairedDrivers(delta);
  const out: Partial<Record<SystemDriverFigure, DriverChange>> = {};
  for (const key of SYSTEM_DRIVER_FIGURES) {
    const change = driverChange(baseline.system[key], variant.system[key], paired?.[key]);
    if (change) out[key] = change;
  }
  return out;
}

/** Per population present in both runs: the changes of start success and demand success. */
export function populationChanges(
  baseline: ReliabilityResult,
  variant: ReliabilityResult,
  delta: PairedDeltas | undefined,
): Record<string, { ftcsr: DriverChange; demandSuccess: DriverChange }> {
  const paired = pairedDrivers(delta)?.populations;
  const out: Record<string, { ftcsr: DriverChange; demandSuccess: DriverChange }> = {};
  for (const [id, a] of Object.entries(baseline.drivers ?? {})) {
    const b = variant.drivers?.[id];
    if (!b) continue;
    const ftcsr = driverChange(a.ftcsr, b.ftcsr, paired?.[id]?.ftcsr);
    const demandSuccess = driverChange(a.demandSuccess, b.demandSuccess, paired?.[id]?.demandSuccess);
    if (ftcsr && demandSuccess) out[id] = { ftcsr, demandSuccess };
  }
  return out;
}
