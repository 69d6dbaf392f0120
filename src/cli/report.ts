/** Human summaries: `seams simulate` (without `--json`), and the component labels the other commands list. */
import { causeText, driverHeadline, gapWords, populationRows } from "../analysis/drivers.ts";
import type { Estimate, MeanEstimate, ReliabilityResult } from "../engine/index.ts";
import type { Model } from "../model/index.ts";
import { formatEnUs } from "./numbers.ts";

/** Chargers listed, least usable first (and least start success first). */
const WORST_CHARGERS = 5;
/** Failure causes listed per driver population. */
const CAUSES_LISTED = 4;

/** A few aligned lines; every number with its 95 % interval. */
export function formatReliability(file: string, model: Model, result: ReliabilityResult): string {
  const { system } = result;
  const lines = [
    `${file}: ${formatEnUs(result.trials)} trials, seed ${result.seed}`,
    ...driverLines(model, result),
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
  const starts = Object.entries(result.chargers)
    .filter(([, c]) => c.ftcsr !== undefined)
    .sort(([a, x], [b, y]) => byP(x.ftcsr?.p ?? 0, y.ftcsr?.p ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, WORST_CHARGERS);
  if (starts.length > 0) {
    lines.push("", "  lowest start success, of attempts at the site");
    const width = Math.max(...starts.map(([id]) => label(id, names).length));
    for (const [id, charger] of starts)
      lines.push(`    ${label(id, names).padEnd(width)}  ${charger.ftcsr ? share(charger.ftcsr) : "n/a"}`);
  }
  return lines.join("\n");
}

/**
 * The driver's view first (SPEC §10): the gap between reported uptime and start success in words,
 * the four figures with their intervals, and each population's figures and largest causes by name.
 */
function driverLines(model: Model, result: ReliabilityResult): string[] {
  const h = driverHeadline(result.system);
  if (!h) return [];
  const lines = [
    `  ${gapWords(h)}`,
    row("start success", `${share(h.ftcsr)}  of attempts`),
    row("demand success", `${share(h.demandSuccess)}  of intended visits`),
    row("reported uptime", `${share(h.reportedUptime)}  of units, from status feeds`),
    row("true uptime", `${share(h.trueUptime)}  of units, up and working`),
  ];
  const populations = populationRows(model, result, CAUSES_LISTED);
  if (populations.length === 0) return [...lines, ""];
  const width = Math.max(10, ...populations.map((p) => p.name.length));
  lines.push(
    "",
    `  ${"drivers".padEnd(width)}  visits  seen    start   demand  largest causes (share of intended visits)`,
  );
  for (const p of populations) {
    const figures = [p.intended, p.seen.p, p.ftcsr.p, p.demandSuccess.p].map((x) => percent(x).padEnd(7));
    lines.push(
      `  ${p.name.padEnd(width)}  ${figures.join(" ")} ${p.causes
        .slice(0, CAUSES_LISTED)
        .map((c) => causeText(c))
        .join("; ")}`,
    );
  }
  return [...lines, ""];
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

/** A proportion as a percentage with its interval: "77.4 % (95% CI 77.4 % – 77.5 %)". */
function share(e: Estimate): string {
  return `${percent(e.p)} ${interval(e, percent)}`;
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
  return Number.isFinite(value) ? `${formatEnUs(value, 1)} kW` : "n/a";
}
