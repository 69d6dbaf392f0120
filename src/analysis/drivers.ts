/**
 * The driver's view (SPEC §10) as people read it: the gap between the uptime regulators see and the
 * starts drivers get, in words; each population's figures with its largest failure causes and the
 * components they are rooted at, by name. Shared by the Results panel, workshop mode, the report
 * and the CLI's text, so they all say the same thing.
 */
import type {
  DriverReliability,
  Estimate,
  ReliabilityResult,
  SystemReliability,
  VisitCauses,
} from "../engine/index.ts";
import type { Model } from "../model/schema.ts";
import { formatPercent } from "./format.ts";

export type Cause = keyof VisitCauses;

/** Causes in SPEC §10's order (the first that applies is a failed visit's cause). */
export const CAUSES: Cause[] = [
  "notShown",
  "siteDown",
  "noUnit",
  "unitFault",
  "auth",
  "tooSlow",
  "startFailure",
];

/** What each cause is, in words (before its roots). */
export const CAUSE_WORDS: Record<Cause, string> = {
  notShown: "not shown available",
  siteDown: "site down",
  noUnit: "unit out of order on arrival",
  unitFault: "silent unit fault",
  auth: "refused",
  tooSlow: "authorisation too slow",
  startFailure: "start failed",
};

/** The driver's headline figures of a run: each a proportion, with what it is a rate of. */
export interface DriverHeadline {
  /** Start success: successes over attempts. */
  ftcsr: Estimate;
  /** Successes over intended visits. */
  demandSuccess: Estimate;
  /** Mean over units of P(the unit reports available): what regulators see. */
  reportedUptime: Estimate;
  /** Mean over units of P(unit up and site functional). */
  trueUptime: Estimate;
}

/** The driver's headline of a result; undefined for a result made before the driver's view. */
export function driverHeadline(system: SystemReliability): DriverHeadline | undefined {
  const { ftcsr, demandSuccess, reportedUptime, trueUptime } = system;
  if (!ftcsr || !demandSuccess || !reportedUptime || !trueUptime) return undefined;
  return { ftcsr, demandSuccess, reportedUptime, trueUptime };
}

/** "Regulators see 97.9 % reported uptime; drivers start 77.4 % of attempts (demand success 76.2 %)". */
export function gapWords(h: DriverHeadline): string {
  return (
    `Regulators see ${formatPercent(h.reportedUptime.p)} reported uptime; ` +
    `drivers start ${formatPercent(h.ftcsr.p)} of attempts (demand success ${formatPercent(h.demandSuccess.p)})`
  );
}

/** "Regulators see 97.9 %, drivers start 77.4 % — a gap of 20.5 percentage points", beside the headline cards. */
export function gapShort(h: DriverHeadline): string {
  // the difference of the figures as shown (one decimal), so the sentence adds up when read
  const shown = (p: number) => Math.round(p * 1000);
  const gap = (shown(h.reportedUptime.p) - shown(h.ftcsr.p)) / 10;
  return (
    `Regulators see ${formatPercent(h.reportedUptime.p)}, drivers start ${formatPercent(h.ftcsr.p)}` +
    ` — a gap of ${Math.abs(gap).toFixed(1)} percentage points`
  );
}

/** One failure cause of a population: its share of intended visits and its roots by name. */
export interface CauseShare {
  cause: Cause;
  /** Share of the population's intended visits that failed this way. */
  share: number;
  /** "site down via Telnova", "refused at Roamhub", "silent unit fault". */
  words: string;
  /** The components it is rooted at, the largest first (site down and refusals only). */
  roots: { name: string; share: number }[];
}

/** What a site's own failure (its root is the charger site itself) is called among the roots. */
export const OWN_EQUIPMENT = "the site's own equipment";

/** Components by id, once per component list (a streamed result asks for every population's roots). */
const componentsById = new WeakMap<Model["components"], Map<string, Model["components"][number]>>();

/** Roots of one cause by name, the largest first; every charger site's own faults count as one. */
function rootsByName(
  model: Model,
  via: Record<string, number> | undefined,
): { name: string; share: number }[] {
  let byId = componentsById.get(model.components);
  if (!byId) {
    byId = new Map(model.components.map((c) => [c.id, c]));
    componentsById.set(model.components, byId);
  }
  const shares = new Map<string, number>();
  for (const [id, share] of Object.entries(via ?? {})) {
    const c = byId.get(id);
    const name = c === undefined ? id : c.type === "charger" ? OWN_EQUIPMENT : c.name;
    shares.set(name, (shares.get(name) ?? 0) + share);
  }
  return [...shares]
    .map(([name, share]) => ({ name, share }))
    .filter((r) => r.share > 0)
    .sort((a, b) => b.share - a.share || a.name.localeCompare(b.name));
}

/**
 * The `count` largest causes of a population's failed visits (none that never happened), each in
 * words with its largest root: "site down via Telnova", "refused at Roamhub".
 */
export function topCauses(model: Model, d: DriverReliability, count = 3): CauseShare[] {
  return CAUSES.map((cause) => {
    const roots =
      cause === "siteDown"
        ? rootsByName(model, d.via.siteDown)
        : cause === "auth"
          ? rootsByName(model, d.via.auth)
          : [];
    const top = roots[0];
    const words =
      top === undefined
        ? CAUSE_WORDS[cause]
        : cause === "siteDown"
          ? top.name === OWN_EQUIPMENT
            ? "site down (its own equipment)"
            : `site down via ${top.name}`
          : `refused at ${top.name}`;
    return { cause, share: d.causes[cause].p, words, roots };
  })
    .filter((c) => c.share > 0)
    .sort((a, b) => b.share - a.share)
    .slice(0, count);
}

/**
 * "start failed 19.0 %", "refused at Roamhub 0.02 %", or with several roots "site down 0.70 %
 * (the site's own equipment 0.68 %, Tappay 0.014 %)".
 */
export function causeText(c: CauseShare, rootsShown = 2): string {
  if (c.roots.length < 2) return `${c.words} ${formatPercent(c.share)}`;
  const roots = c.roots.slice(0, rootsShown).map((r) => `${r.name} ${formatPercent(r.share)}`);
  return `${CAUSE_WORDS[c.cause]} ${formatPercent(c.share)} (${roots.join(", ")})`;
}

/** A population's row: the figures people compare, and its causes. */
export interface PopulationRow {
  id: string;
  name: string;
  /** Share of all intended visits that are this population's. */
  intended: number;
  seen: Estimate;
  ftcsr: Estimate;
  demandSuccess: Estimate;
  causes: CauseShare[];
}

/**
 * The populations of a result in the result's order (the model's, or the derived defaults'); with
 * `max`, only the `max` with the most intended visits (ties: the first), still in that order.
 */
export function populationRows(
  model: Model,
  result: ReliabilityResult,
  causes = 3,
  max = Number.POSITIVE_INFINITY,
): PopulationRow[] {
  let entries = Object.entries(result.drivers ?? {});
  if (entries.length > max) {
    const kept = new Set(
      entries
        .map(([id, d], order) => ({ id, intended: d.intended, order }))
        .sort((a, b) => b.intended - a.intended || a.order - b.order)
        .slice(0, max)
        .map((e) => e.id),
    );
    entries = entries.filter(([id]) => kept.has(id));
  }
  return entries.map(([id, d]) => ({
    id,
    name: d.name,
    intended: d.intended,
    seen: d.seen,
    ftcsr: d.ftcsr,
    demandSuccess: d.demandSuccess,
    causes: topCauses(model, d, causes),
  }));
}

/**
 * A change of a proportion in percentage points, two decimals and never in scientific notation:
 * −0.0333 → "−3.33 pp"; below a hundredth of a point "+<0.01 pp"; none "±0 pp".
 */
export function formatPointsFixed(d: number): string {
  const points = Math.abs(d) * 100;
  if (points === 0) return "±0 pp";
  const sign = d > 0 ? "+" : "−";
  return points < 0.005 ? `${sign}<0.01 pp` : `${sign}${points.toFixed(2)} pp`;
}
