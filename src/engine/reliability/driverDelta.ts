/**
 * Paired changes of the driver's figures (SPEC §6, §10): the same trial groups of two runs on common
 * random numbers, so a difference of ratios gets the interval of its per-group differences
 * (delta method over the 32 groups): demand success, start success, reported and true uptime, for
 * all visits and per population (by id, present in both runs).
 */
import type { CompiledReliability } from "../compile/index.ts";
import { Z95 } from "../stats.ts";
import { type DriverSeries, driverSeries } from "./driverSummary.ts";
import type { Tally } from "./tally.ts";

/** A change B − A with its 95 % interval, and whether the interval excludes 0. */
export interface DriverDelta {
  mean: number;
  ci95: [number, number];
  significant: boolean;
}

/** Changes of one entity's ratios. */
export interface DriverDeltas {
  demandSuccess: DriverDelta;
  ftcsr: DriverDelta;
}

/** Changes of the driver's figures between two paired runs. */
export interface PairedDriverDeltas extends DriverDeltas {
  reportedUptime: DriverDelta;
  trueUptime: DriverDelta;
  populations: Record<string, DriverDeltas>;
}

/**
 * Σnb/Σdb − Σna/Σda over groups with the delta-method interval: each group's linearised
 * contribution (nb − rb·db)/d̄b − (na − ra·da)/d̄a, whose mean is 0 and whose spread is the noise.
 */
function ratioChange(na: Float64Array, da: Float64Array, nb: Float64Array, db: Float64Array): DriverDelta {
  let sna = 0;
  let sda = 0;
  let snb = 0;
  let sdb = 0;
  let groups = 0;
  for (let g = 0; g < na.length; g++) {
    if (da[g] <= 0 && db[g] <= 0) continue;
    sna += na[g];
    sda += da[g];
    snb += nb[g];
    sdb += db[g];
    groups++;
  }
  // no attempts (a denominator that is only rounding left by the corrections): the figure is shown
  // as 0 (groupRatio), so its change is to or from 0, exact
  const tiny = 1e-9 * Math.max(Math.abs(sda), Math.abs(sdb));
  const noneA = sda <= tiny;
  const noneB = sdb <= tiny;
  if (noneA || noneB) {
    const mean = (noneB ? 0 : snb / sdb) - (noneA ? 0 : sna / sda);
    return { mean, ci95: [mean, mean], significant: mean !== 0 && groups >= 2 };
  }
  if (groups < 2) return { mean: 0, ci95: [0, 0], significant: false };
  const ra = sna / sda;
  const rb = snb / sdb;
  const meanA = sda / groups;
  const meanB = sdb / groups;
  let ss = 0;
  for (let g = 0; g < na.length; g++) {
    if (da[g] <= 0 && db[g] <= 0) continue;
    const e = (nb[g] - rb * db[g]) / meanB - (na[g] - ra * da[g]) / meanA;
    ss += e * e;
  }
  const half = Z95 * Math.sqrt(ss / (groups - 1) / groups);
  const mean = rb - ra;
  return { mean, ci95: [mean - half, mean + half], significant: mean - half > 0 || mean + half < 0 };
}

function entityChange(a: DriverSeries, b: DriverSeries): DriverDeltas {
  return {
    demandSuccess: ratioChange(a.success, a.intended, b.success, b.intended),
    ftcsr: ratioChange(a.success, a.attempt, b.success, b.attempt),
  };
}

/** The paired changes of the driver's figures from run A (c, ta) to run B (d, tb) on the same trials. */
export function pairedDriverDeltas(
  c: CompiledReliability,
  ta: Tally,
  d: CompiledReliability,
  tb: Tally,
): PairedDriverDeltas {
  const a = driverSeries(c, ta);
  const b = driverSeries(d, tb);
  const populations: Record<string, DriverDeltas> = Object.create(null);
  for (const [id, series] of a.populations) {
    const other = b.populations.get(id);
    if (other) populations[id] = entityChange(series, other);
  }
  return {
    ...entityChange(a.all, b.all),
    reportedUptime: ratioChange(a.uptime.reported, a.uptime.counted, b.uptime.reported, b.uptime.counted),
    trueUptime: ratioChange(a.uptime.up, a.uptime.units, b.uptime.up, b.uptime.units),
    populations,
  };
}
