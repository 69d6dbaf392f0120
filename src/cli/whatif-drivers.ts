/**
 * The driver's view (SPEC §10) in `seams whatif`: its JSON keys in `baseline`, `variant` and `delta`
 * (`drivers`, `chargers.{id}.ftcsr` …, the system's `ftcsr`, `demandSuccess`, `reportedUptime`,
 * `trueUptime`) and its lines in the text summary, in percentage points.
 */
import {
  type DriverChange,
  driverChange,
  populationChanges,
  systemDriverChanges,
} from "../analysis/driverDeltas.ts";
import type { PairedResult, ReliabilityResult } from "../engine/index.ts";

/** One run's figures for the JSON: the system's (as before), its populations and each site's driver figures. */
export function runJson(r: ReliabilityResult): Record<string, unknown> {
  const chargers: Record<string, unknown> = {};
  for (const [id, c] of Object.entries(r.chargers)) {
    chargers[id] = {
      usable: c.usable,
      ftcsr: c.ftcsr,
      demandSuccess: c.demandSuccess,
      seen: c.seen,
      causes: c.causes,
      reportedUptime: c.reportedUptime,
      trueUptime: c.trueUptime,
    };
  }
  return { ...r.system, drivers: r.drivers ?? {}, chargers };
}

/**
 * The delta's JSON: the engine's paired changes, plus the driver figures' changes — paired where the
 * engine gives them, else `{mean, ci95: null, paired: false, baselineCi95, variantCi95}` — for the
 * system, each population (`drivers`) and each site (`chargers.{id}.ftcsr`, `demandSuccess`).
 */
export function deltaJson(r: PairedResult): Record<string, unknown> {
  const { drivers: _engineDrivers, ...delta } = r.delta as PairedResult["delta"] & { drivers?: unknown };
  const chargers: Record<string, unknown> = {};
  for (const [id, usable] of Object.entries(delta.chargers)) {
    const a = r.baseline.chargers[id];
    const b = r.variant.chargers[id];
    chargers[id] = {
      ...usable,
      // the engine pairs no site's driver figures yet: the plain difference beside both intervals
      ftcsr: driverChange(a?.ftcsr, b?.ftcsr),
      demandSuccess: driverChange(a?.demandSuccess, b?.demandSuccess),
    };
  }
  return {
    ...delta,
    ...systemDriverChanges(r.baseline, r.variant, r.delta),
    drivers: populationChanges(r.baseline, r.variant, r.delta),
    chargers,
  };
}

const pct = (p: number | undefined) => (p === undefined ? "n/a" : `${(p * 100).toFixed(2)} %`);
const points = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(2)} pp`;

/** "  start success   77.43 % →  74.10 %   Δ −3.33 pp [−3.40, −3.26]" (or the two runs' intervals when unpaired). */
function changeLine(
  name: string,
  a: number | undefined,
  b: number | undefined,
  d: DriverChange,
  width = 20,
): string {
  const noise = d.significant ? "" : "  (within the noise)";
  const interval = d.ci95
    ? `[${points(d.ci95[0])}, ${points(d.ci95[1])}]`
    : `unpaired: baseline ${pct(d.baselineCi95?.[0])} – ${pct(d.baselineCi95?.[1])}, variant ${pct(d.variantCi95?.[0])} – ${pct(d.variantCi95?.[1])}`;
  return `  ${name.padEnd(width)} ${pct(a).padStart(10)} → ${pct(b).padStart(10)}   Δ ${points(d.mean)} ${interval}${noise}`;
}

/** The driver's lines of the text summary: the system's four figures, then start success per population. */
export function driverChangeLines(r: PairedResult): string[] {
  const system = systemDriverChanges(r.baseline, r.variant, r.delta);
  const names: [keyof typeof system, string][] = [
    ["ftcsr", "start success"],
    ["demandSuccess", "demand success"],
    ["reportedUptime", "reported uptime"],
    ["trueUptime", "true uptime"],
  ];
  const lines: string[] = [];
  for (const [key, name] of names) {
    const d = system[key];
    if (d) lines.push(changeLine(name, r.baseline.system[key]?.p, r.variant.system[key]?.p, d));
  }
  const populations = populationChanges(r.baseline, r.variant, r.delta);
  const ids = Object.keys(populations);
  if (ids.length > 0) lines.push("  start success of attempts, per driver population:");
  const name = (id: string) => `  ${r.baseline.drivers?.[id]?.name ?? id}`;
  const width = Math.max(20, ...ids.map((id) => name(id).length));
  for (const id of ids) {
    const [a, b] = [r.baseline.drivers?.[id]?.ftcsr.p, r.variant.drivers?.[id]?.ftcsr.p];
    lines.push(changeLine(name(id), a, b, populations[id].ftcsr, width));
  }
  return lines;
}
