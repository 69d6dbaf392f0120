/** Human summaries: `seams simulate` (without `--json`), and the component labels the other commands list. */
import type { Estimate, MeanEstimate, ReliabilityResult } from "../engine/index.ts";
import type { Model } from "../model/index.ts";

/** Chargers listed, least usable first. */
const WORST_CHARGERS = 5;

/** A few aligned lines; every number with its 95 % interval. */
export function formatReliability(file: string, model: Model, result: ReliabilityResult): string {
  const { system } = result;
  const lines = [
    `${file}: ${result.trials.toLocaleString("en-US")} trials, seed ${result.seed}`,
    row(
      "expected unusable power",
      `${kw(system.unusableKw.mean)} of ${kw(system.totalKw)} ${interval(system.unusableKw, kw)}`,
    ),
    row("P(systemic event)", estimate(system.systemicEvent)),
    row("phantom rate", `${mean(system.phantomRate)}  (mean P(phantom) over charger × viewer pairs)`),
    row("seam share", `${percent(system.seamShare.p)} of unusable kW ${interval(system.seamShare, percent)}`),
  ];
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const worst = Object.entries(result.chargers)
    .sort(([a, x], [b, y]) => byP(x.usable.p, y.usable.p) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, WORST_CHARGERS);
  if (worst.length > 0) {
    lines.push("", "  least usable chargers, P(usable)");
    const width = Math.max(...worst.map(([id]) => label(id, names).length));
    for (const [id, charger] of worst)
      lines.push(`    ${label(id, names).padEnd(width)}  ${estimate(charger.usable)}`);
  }
  return lines.join("\n");
}

/** `id (name)` for a component of `model`, as the commands' tables list them. */
export function componentLabel(model: Model): (id: string) => string {
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  return (id) => `${id} (${names.get(id)})`;
}

function row(name: string, value: string): string {
  return `  ${name.padEnd(25)}${value}`;
}

function label(id: string, names: ReadonlyMap<string, string>): string {
  const name = names.get(id);
  return name && name !== id ? `${id} (${name})` : id;
}

/** Ascending, a NaN (no trials) last. */
function byP(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : -1;
  return a - b;
}

function estimate(e: Estimate): string {
  return `${probability(e.p)} ${interval(e, probability)}`;
}

function mean(e: MeanEstimate): string {
  return `${probability(e.mean)} ${interval(e, probability)}`;
}

function interval(e: Estimate | MeanEstimate, format: (x: number) => string): string {
  return `(95% CI ${format(e.ci95[0])} – ${format(e.ci95[1])})`;
}

function probability(p: number): string {
  if (!Number.isFinite(p)) return "n/a";
  return p !== 0 && Math.abs(p) < 0.001 ? p.toExponential(2) : p.toFixed(4);
}

function percent(share: number): string {
  return Number.isFinite(share) ? `${(share * 100).toFixed(1)} %` : "n/a";
}

function kw(value: number): string {
  return Number.isFinite(value) ? `${value.toLocaleString("en-US", { maximumFractionDigits: 1 })} kW` : "n/a";
}
