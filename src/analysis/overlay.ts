/**
 * Canvas overlay data from an analysis result: what colour, label and badges each node gets and
 * how wide each link is drawn. Pure: the canvas components only render what this returns.
 */
import { interpolateYlOrRd, scaleSequential, scaleSequentialLog } from "d3";
import type {
  BlastRadius,
  CouplingResult,
  Delta,
  ForcedState,
  ReliabilityResult,
  SecurityResult,
  WhatIf,
} from "../engine/index.ts";
import { type Model, resolveComponent } from "../model/index.ts";
import { formatKw, formatPercent } from "./format.ts";

/**
 * "true": P(non-functional), what really happens; "dashboards": P(red), what each dashboard shows;
 * "coupling": the share of all charging power lost if the component alone fails (blast radius);
 * "security": P(compromised within the horizon) from the attack Monte Carlo;
 * "drivers": each charger site's start success, of drivers' attempts there (SPEC §10).
 */
export type OverlayMode = "true" | "dashboards" | "coupling" | "security" | "drivers";
export type Badge = "spof" | "silent" | "phantom";

export interface NodeOverlay {
  fill: string;
  /** The probability coloured: P(non-functional) or P(red). */
  p: number;
  label: string;
  badges: Badge[];
}

export interface EdgeOverlay {
  /** Stroke width in px, by failure-crossing frequency. */
  width: number;
  crossing: number;
  /** The link crosses organisations and failures cross it. */
  isSeamCrossing: boolean;
  /** On the most frequent attack path to the selected component (security view). */
  onAttackPath?: boolean;
}

/** Probabilities below this are drawn in the lowest colour. */
export const P_FLOOR = 1e-5;

/** Log colour scale over [1e-5, 1]: each decade of risk is one visible step. */
export const riskColor = scaleSequentialLog<string>([P_FLOOR, 1], (t) =>
  interpolateYlOrRd(0.08 + 0.92 * t),
).clamp(true);

/** Fill steps per decade of risk: finer than the eye tells apart, coarse enough that a streamed
 * result's last-digit wobble leaves a node's fill (and so its drawing) as it was. */
export const FILL_STEPS_PER_DECADE = 20;

/** A node's fill for risk p: the colour scale at p rounded to a step of its log scale. */
export function riskFill(p: number): string {
  const steps = Math.round(Math.log10(Math.max(p, P_FLOOR)) * FILL_STEPS_PER_DECADE);
  return riskColor(10 ** (steps / FILL_STEPS_PER_DECADE));
}

/** Ticks for the legend: one per decade. */
export function legendTicks(): { p: number; color: string; label: string }[] {
  const ticks = [];
  for (let e = -5; e <= 0; e++) {
    const p = 10 ** e;
    ticks.push({ p, color: riskColor(p), label: formatPercent(p) });
  }
  return ticks;
}

/** Start success at or below this is drawn in the darkest colour of the drivers' view. */
export const START_SUCCESS_FLOOR = 0.5;
/** The drivers' view's fill steps: start success rounded to half a percentage point. */
const START_STEP = 0.005;

/** Linear colour scale over the share of attempts that fail, 0 (pale) to 1 − floor (dark red). */
const startFailureColor = scaleSequential<string>([0, 1 - START_SUCCESS_FLOOR], (t) =>
  interpolateYlOrRd(0.08 + 0.92 * t),
).clamp(true);

/** A charger site's fill for start success `ftcsr`, rounded to a step so streamed results do not flicker. */
export function startSuccessFill(ftcsr: number): string {
  return startFailureColor(Math.round((1 - ftcsr) / START_STEP) * START_STEP);
}

/** Ticks for the drivers' view legend: start success from 100 % down to the floor, every 10 points. */
export function startSuccessTicks(): { p: number; color: string; label: string }[] {
  const ticks = [];
  for (let k = 10; k >= START_SUCCESS_FLOOR * 10; k--) {
    const p = k / 10;
    ticks.push({
      p,
      color: startSuccessFill(p),
      label: p === START_SUCCESS_FLOOR ? `≤ ${formatPercent(p)}` : formatPercent(p),
    });
  }
  return ticks;
}

/**
 * Drivers' view: each charger site coloured by its start success (of drivers' attempts there) and
 * labelled "starts 77.4 %"; `p` is the share of attempts that fail, so a group shows its worst site.
 * Other components and results without the driver's view get no overlay.
 */
export function driverOverlays(model: Model, result: ReliabilityResult): Record<string, NodeOverlay> {
  const out: Record<string, NodeOverlay> = {};
  for (const c of model.components) {
    const ftcsr = result.chargers[c.id]?.ftcsr;
    if (!ftcsr) continue;
    out[c.id] = {
      fill: startSuccessFill(ftcsr.p),
      p: 1 - ftcsr.p,
      label: `starts ${formatPercent(ftcsr.p)}`,
      badges: [],
    };
  }
  return out;
}

/** A charger is a silent-failure risk when ≥ 30 % of its unusability is behind green dashboards. */
export const SILENT_SEAM_SHARE = 0.3;
/** A non-charger is one when ≥ 30 % of its outages are unreported and chargers depend on it. */
export const SILENT_OUTAGE_SHARE = 0.3;

/**
 * In the dashboards' view a charger site carries the phantom badge (in place of the silent one)
 * when some viewer's dashboard shows it available while drivers cannot charge there at least this
 * share of the time (P(phantom), SPEC §3 step 6).
 */
export const PHANTOM_SHARE = 0.001;

/** Node overlays keyed by component id; components missing from the result get none. */
export function nodeOverlays(
  model: Model,
  result: ReliabilityResult,
  mode: OverlayMode,
  blast: Record<string, BlastRadius>,
): Record<string, NodeOverlay> {
  const out: Record<string, NodeOverlay> = {};
  for (const c of model.components) {
    const r = result.components[c.id];
    if (!r) continue;
    const p = mode === "true" ? 1 - r.functional.p : r.red.p;
    const badges: Badge[] = [];
    if (blast[c.id]?.spof) badges.push("spof");
    const charger = result.chargers[c.id];
    if (charger) {
      // what dashboards show: sites shown available while unusable; what is true: silent failures
      if (mode === "dashboards") {
        if (Object.values(charger.phantom).some((e) => e.p >= PHANTOM_SHARE)) badges.push("phantom");
      } else if (charger.seamFailure.p >= SILENT_SEAM_SHARE && 1 - charger.usable.p > P_FLOOR) {
        badges.push("silent");
      }
    } else if (
      resolveComponent(c).silentShare >= SILENT_OUTAGE_SHARE &&
      (blast[c.id]?.blastRadiusKw ?? 0) > 0
    ) {
      badges.push("silent");
    }
    out[c.id] = { fill: riskFill(p), p, label: formatPercent(p), badges };
  }
  return out;
}

/**
 * Coupling view: fill by blast radius as a share of all charging power (same log scale), label the
 * kW lost and the betweenness; SPOF badges. Needs no Monte Carlo, so it shows before any trial.
 */
export function couplingOverlays(model: Model, coupling: CouplingResult): Record<string, NodeOverlay> {
  let total = 0;
  for (const c of model.components) {
    if (c.type !== "charger") continue;
    const r = resolveComponent(c);
    total += r.units * r.kwPerUnit;
  }
  const out: Record<string, NodeOverlay> = {};
  for (const c of model.components) {
    const k = coupling.components[c.id];
    if (!k) continue;
    const share = total > 0 ? k.blastRadiusKw / total : 0;
    out[c.id] = {
      fill: riskFill(share),
      p: share,
      label: `${formatKw(k.blastRadiusKw)} · b ${k.betweenness.toFixed(2)}`,
      badges: k.spof ? ["spof"] : [],
    };
  }
  return out;
}

/** Security view: fill by P(compromised within the horizon); the top entry points say so. */
export function securityOverlays(model: Model, security: SecurityResult): Record<string, NodeOverlay> {
  const entries = new Set(security.entries.slice(0, 3).map((e) => e.id));
  const out: Record<string, NodeOverlay> = {};
  for (const c of model.components) {
    const k = security.components[c.id];
    if (!k) continue;
    const p = k.compromised.p;
    out[c.id] = {
      fill: riskFill(p),
      p,
      label: `${formatPercent(p)}${entries.has(c.id) ? " · entry" : ""}`,
      badges: [],
    };
  }
  return out;
}

/**
 * Edge overlays keyed by link id: width ∝ √(crossing frequency), 1–9 px. Where `previous` (the
 * last result's) draws a link the same, its object is kept, and where it draws every link the same,
 * `previous` itself: a streamed result that changes no drawing rebuilds nothing on the canvas (a
 * 20,000-component model's 73,600 new objects and edges took ~0.4–0.6 s of the page per result).
 */
export function edgeOverlays(
  model: Model,
  result: ReliabilityResult,
  previous?: Record<string, EdgeOverlay>,
): Record<string, EdgeOverlay> {
  let max = 0;
  for (const l of model.links) max = Math.max(max, result.links[l.id]?.crossing.p ?? 0);
  const widthOf = (crossing: number) => (max > 0 ? 1 + 8 * Math.sqrt(crossing / max) : 1);
  const drawnAsBefore = (id: string, crossing: number, isSeamCrossing: boolean) => {
    const old = previous?.[id];
    return (
      old !== undefined &&
      old.onAttackPath === undefined &&
      sameEdgeDrawing(old, widthOf(crossing), crossing, isSeamCrossing)
    );
  };
  if (previous) {
    let same = 0;
    let shown = 0;
    for (const l of model.links) {
      const r = result.links[l.id];
      if (!r) continue;
      shown++;
      const crossing = r.crossing.p;
      if (!drawnAsBefore(l.id, crossing, r.isSeam && crossing > 0)) break;
      same++;
    }
    if (same === shown && shown === Object.keys(previous).length) return previous;
  }
  const out: Record<string, EdgeOverlay> = {};
  for (const l of model.links) {
    const r = result.links[l.id];
    if (!r) continue;
    const crossing = r.crossing.p;
    const isSeamCrossing = r.isSeam && crossing > 0;
    out[l.id] = drawnAsBefore(l.id, crossing, isSeamCrossing)
      ? (previous as Record<string, EdgeOverlay>)[l.id]
      : { width: widthOf(crossing), crossing, isSeamCrossing };
  }
  return out;
}

/**
 * Whether `old` draws as an overlay of `width`, `crossing` and `isSeamCrossing` would: the width to
 * 0.1 px, the crossing within 0.5 % (its tooltip shows two figures), zero alike.
 */
function sameEdgeDrawing(
  old: EdgeOverlay,
  width: number,
  crossing: number,
  isSeamCrossing: boolean,
): boolean {
  return (
    old.isSeamCrossing === isSeamCrossing &&
    Math.round(old.width * 10) === Math.round(width * 10) &&
    (old.crossing === 0) === (crossing === 0) &&
    Math.abs(old.crossing - crossing) <= 0.005 * Math.max(old.crossing, crossing)
  );
}

/** What the active what-if does to a node: the state it is forced into, and a charger's change. */
export interface WhatIfMark {
  forced?: ForcedState;
  /** P(usable) of a charger site fell ("worse") or rose ("better") beyond the noise. */
  change?: "worse" | "better";
  /** The change of P(usable), for the node's tooltip. */
  deltaUsable?: number;
}

/**
 * Marks for the active what-if keyed by component id: every forced component (an organisation
 * offline forces all of its components down) and, once the paired result is in, every charger
 * site whose P(usable) changed significantly, by the sign of the change.
 */
export function whatIfMarks(
  model: Model,
  spec: WhatIf,
  chargerDeltas: Record<string, Delta> | undefined,
): Record<string, WhatIfMark> {
  const out: Record<string, WhatIfMark> = {};
  const offline = new Set(spec.orgsOffline ?? []);
  for (const c of model.components) {
    if (c.org !== undefined && offline.has(c.org)) out[c.id] = { forced: "down" };
  }
  for (const [id, state] of Object.entries(spec.components ?? {})) out[id] = { forced: state };
  for (const [id, d] of Object.entries(chargerDeltas ?? {})) {
    if (!d.significant) continue;
    out[id] = { ...out[id], change: d.mean < 0 ? "worse" : "better", deltaUsable: d.mean };
  }
  return out;
}
