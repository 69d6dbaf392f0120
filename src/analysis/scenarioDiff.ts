/**
 * Scenarios on the canvas and side by side (issue 8), as plain data: what a scenario adds, removes
 * and changes (moving a component is not a change worth marking), which components' figures moved
 * significantly against the baseline, the comparison table's rows, and a fingerprint of what a
 * comparison was computed on, so a result of an older document is known to be stale.
 */
import type {
  Comparison,
  Delta,
  Estimate,
  MeanEstimate,
  PairedDeltas,
  ReliabilityResult,
  ScenarioFigures,
} from "../engine/index.ts";
import { applyScenario } from "../model/scenario.ts";
import type { Component, Model, Scenario } from "../model/schema.ts";
import { anchoredValue, asMean, KW, PROBABILITY } from "./anchor.ts";
import { type DriverChange, driverChange, pairedDrivers, type SystemDriverFigure } from "./driverDeltas.ts";
import {
  type ChangeTone,
  type ChangeUnit,
  changeTone,
  type FigureSense,
  formatInterval,
  formatKw,
  formatPercent,
  formatPoints,
  formatSigned,
  isMoved,
  TONE_WORD,
} from "./format.ts";
import { type HeadlineFigure, headlineFigures } from "./headlines.ts";

export type DiffChange = "added" | "changed" | "removed";

/** One component's mark: how the scenario changes it, and whether its P(working) moved. */
export interface DiffMark {
  change?: DiffChange;
  /** Changed parameters (for the tooltip), e.g. ["availability"]. */
  params?: string[];
  /** A significant change of P(functional) (P(usable) for charger sites) against the baseline. */
  moved?: { direction: "up" | "down"; mean: number };
}

export interface ScenarioDiff {
  components: Record<string, DiffMark>;
  links: Record<string, DiffChange>;
  /** Baseline components the scenario removes (drawn as ghosts at their old positions). */
  removedComponents: Component[];
  removedLinks: string[];
}

/** Keys of an item that count as a change (positions do not). */
const POSITION = new Set(["x", "y"]);
const changedParams = (set: Record<string, unknown>) => Object.keys(set).filter((k) => !POSITION.has(k));

/**
 * The diff of scenario `s` against `baseline`, with the components whose figures moved (from the
 * paired deltas, keyed by baseline ids) when a comparison is at hand.
 */
export function scenarioDiff(baseline: Model, s: Scenario, delta?: PairedDeltas): ScenarioDiff {
  const components: Record<string, DiffMark> = {};
  const links: Record<string, DiffChange> = {};
  for (const c of s.add?.components ?? []) components[c.id] = { change: "added" };
  for (const [id, set] of Object.entries(s.set?.components ?? {})) {
    const params = changedParams(set as Record<string, unknown>);
    if (params.length > 0) components[id] = { change: "changed", params };
  }
  const gone = new Set(s.remove?.components ?? []);
  for (const id of gone) components[id] = { change: "removed" };
  for (const l of s.add?.links ?? []) links[l.id] = "added";
  for (const [id, set] of Object.entries(s.set?.links ?? {})) {
    if (changedParams(set as Record<string, unknown>).length > 0) links[id] = "changed";
  }
  // removing a component removes its links too
  const removedLinks = baseline.links
    .filter((l) => (s.remove?.links ?? []).includes(l.id) || gone.has(l.from) || gone.has(l.to))
    .map((l) => l.id);
  for (const id of removedLinks) links[id] = "removed";
  for (const [id, d] of Object.entries(delta?.components ?? {})) {
    if (!isMoved(d, "points") || gone.has(id)) continue;
    components[id] = { ...components[id], moved: { direction: d.mean > 0 ? "up" : "down", mean: d.mean } };
  }
  return {
    components,
    links,
    removedComponents: baseline.components.filter((c) => gone.has(c.id)),
    removedLinks,
  };
}

/** JSON with sorted keys and without positions: equal for equal content, whatever the key order. */
function fingerprintOf(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => {
    if (POSITION.has(key)) return undefined;
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      return Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, o[k]]),
      );
    }
    return v;
  });
}

/**
 * What a comparison of `ids` in `document` depends on: the baseline and each compared scenario's
 * model (not positions, not the other scenarios). A different fingerprint: the result is stale;
 * undefined when a compared scenario is gone.
 */
export function comparisonFingerprint(document: Model, ids: string[]): string | undefined {
  const { scenarios = [], ...baseline } = document;
  const models: Model[] = [baseline];
  for (const id of ids) {
    const s = scenarios.find((x) => x.id === id);
    if (!s) return undefined;
    models.push(applyScenario(document, s));
  }
  return fingerprintOf(models);
}

/** One cell of the comparison table: value, its interval, and for a scenario the change. */
export interface ComparisonCell {
  value: string;
  interval: string | undefined;
  /** Set when the value is the main analysis's baseline plus this column's paired change. */
  note?: string;
  change?: {
    value: string;
    interval: string | undefined;
    isMoved: boolean;
    /** What a moved change means (its colour): worse, better, now visible, or neutral. */
    tone: ChangeTone;
    /** What people read: "moved · worse", "within the noise", "unchanged" (counts), with a qualifier. */
    mark: string;
  };
}

export interface ComparisonRow {
  /**
   * Stable name (`start-success`, `reported-uptime`, `demand-success`, `unusable-kw`, `systemic`,
   * `phantom`, `seam-kw`, `integrations`, `seams`, `controllable-kw`).
   */
  id: string;
  label: string;
  hint: string;
  cells: ComparisonCell[];
}

const kwInterval = (ci: [number, number]) => formatInterval(ci, formatKw);

const signedKw = (x: number) => formatSigned(x, formatKw);

/** "moved · worse", "moved · now visible", "moved" (a neutral figure) or "within the noise". */
const markOf = (moved: boolean, tone: ChangeTone) =>
  moved ? (TONE_WORD[tone] ? `moved · ${TONE_WORD[tone]}` : "moved") : "within the noise";

/**
 * A paired change: moved when its 95 % interval leaves out 0 and it shows at the display's
 * precision; its tone from the figure's sense (`hidden`: unusable kW behind green dashboards).
 */
function pairedChange(
  d: Delta,
  signed: (x: number) => string,
  unit: ChangeUnit,
  sense: FigureSense,
  hidden?: { unusableKwChange: number },
) {
  const moved = isMoved(d, unit);
  const tone = moved
    ? changeTone(sense, d.mean, { isHiddenFailure: hidden !== undefined, ...hidden })
    : "neutral";
  return {
    value: signed(d.mean),
    interval: formatInterval(d.ci95, signed),
    isMoved: moved,
    tone,
    mark: markOf(moved, tone),
  };
}

/** Expected seam-failure kW: share × mean; its interval multiplies the bounds (conservative). */
const seamKw = (r: ReliabilityResult): MeanEstimate => {
  const s = r.system;
  return {
    mean: s.seamShare.p * s.unusableKw.mean,
    ci95: [s.seamShare.ci95[0] * s.unusableKw.ci95[0], s.seamShare.ci95[1] * s.unusableKw.ci95[1]],
  };
};

/** A driver figure's change in percentage points: paired with its interval, or the plain difference said to be unpaired. */
function driverCell(d: DriverChange, sense: FigureSense) {
  const moved = isMoved(d, "points");
  const tone = moved ? changeTone(sense, d.mean) : "neutral";
  return {
    value: formatPoints(d.mean),
    interval: d.ci95 ? formatInterval(d.ci95, formatPoints) : undefined,
    isMoved: moved,
    tone,
    mark: `${markOf(moved, tone)}${d.paired ? "" : " · not paired"}`,
  };
}

/** The driver's view's rows (SPEC §10): start success and reported uptime, then demand success. */
function driverRows(c: Comparison, main?: ReliabilityResult): ComparisonRow[] {
  const columns: (ScenarioFigures & { delta?: PairedDeltas })[] = [c.baseline, ...c.scenarios];
  const base = c.baseline.reliability.system;
  if (base.ftcsr === undefined) return [];
  // reported uptime is what regulators see: its rise is neither better nor worse for drivers
  const senseOf = (key: SystemDriverFigure): FigureSense =>
    key === "reportedUptime" ? "neutral" : "higher-better";
  const row = (id: string, key: SystemDriverFigure, label: string, hint: string): ComparisonRow => ({
    id,
    label,
    hint,
    cells: columns.map((f, i) => {
      const e: Estimate | undefined = f.reliability.system[key];
      const change = f.delta && driverChange(base[key], e, pairedDrivers(f.delta)?.[key]);
      const m = main?.system[key];
      const shown = e
        ? anchoredValue(
            asMean(e),
            m && asMean(m),
            { isBaseline: i === 0, change: change?.paired ? change.mean : undefined },
            formatPercent,
            PROBABILITY,
          )
        : { value: "—", interval: undefined };
      return { ...shown, change: change && driverCell(change, senseOf(key)) };
    }),
  });
  return [
    row(
      "start-success",
      "ftcsr",
      "Start success, of attempts",
      "Of drivers' attempts at sites their app showed available: the share that started charging",
    ),
    row(
      "reported-uptime",
      "reportedUptime",
      "Reported uptime, of units",
      "Mean over units of the time their status feed reports them available: what regulators see",
    ),
    row(
      "demand-success",
      "demandSuccess",
      "Demand success, of intended visits",
      "Of the visits drivers meant to make: the share that started charging",
    ),
  ];
}

/**
 * The headline figures of a comparison as table rows: baseline first, then each scenario. Given
 * `main` (the main analysis of the same model, as the Results headline shows it), the baseline
 * column shows its figures and each scenario that baseline plus its paired change (issue 18).
 */
export function comparisonRows(c: Comparison, main?: ReliabilityResult): ComparisonRow[] {
  const columns: (ScenarioFigures & { delta?: PairedDeltas })[] = [c.baseline, ...c.scenarios];
  const base = c.baseline;
  const count = (n: number, b: number) => ({
    value: formatSigned(n - b, (x) => String(x)),
    interval: undefined,
    isMoved: n !== b,
    tone: "neutral" as const,
    mark: n !== b ? "moved · exact" : "unchanged",
  });
  return [
    ...driverRows(c, main),
    {
      id: "unusable-kw",
      label: "Expected unusable charging",
      hint: "Mean kW of charger sites that cannot charge at a random instant",
      cells: columns.map((f, i) => ({
        ...anchoredValue(
          f.reliability.system.unusableKw,
          main?.system.unusableKw,
          { isBaseline: i === 0, change: f.delta?.unusableKw.mean },
          formatKw,
          KW,
        ),
        change: f.delta && pairedChange(f.delta.unusableKw, signedKw, "kw", "higher-worse"),
      })),
    },
    {
      id: "systemic",
      label: "P(systemic event)",
      hint: "Probability that at least the systemic threshold of all charging power is unusable at once",
      cells: columns.map((f, i) => ({
        ...anchoredValue(
          asMean(f.reliability.system.systemicEvent),
          main && asMean(main.system.systemicEvent),
          { isBaseline: i === 0, change: f.delta?.systemicEvent.mean },
          formatPercent,
          PROBABILITY,
        ),
        change: f.delta && pairedChange(f.delta.systemicEvent, formatPoints, "points", "higher-worse"),
      })),
    },
    {
      id: "phantom",
      label: "Phantom availability rate",
      hint: "Mean over (charger, viewer) pairs of P(charger unusable but shown available)",
      cells: columns.map((f, i) => ({
        ...anchoredValue(
          f.reliability.system.phantomRate,
          main?.system.phantomRate,
          { isBaseline: i === 0, change: f.delta?.phantomRate.mean },
          formatPercent,
          PROBABILITY,
        ),
        change: f.delta && pairedChange(f.delta.phantomRate, formatPoints, "points", "higher-worse"),
      })),
    },
    {
      id: "seam-kw",
      label: "Unusable behind green dashboards",
      hint: "Expected seam-failure kW: unusable while every dashboard on the path is green (interval: the share's and the mean's bounds multiplied)",
      cells: columns.map((f, i) => ({
        ...anchoredValue(
          seamKw(f.reliability),
          main && seamKw(main),
          { isBaseline: i === 0, change: f.delta?.seamKw.mean },
          formatKw,
          KW,
        ),
        change:
          f.delta &&
          pairedChange(f.delta.seamKw, signedKw, "kw", "higher-worse", {
            unusableKwChange: f.delta.unusableKw.mean,
          }),
      })),
    },
    {
      id: "integrations",
      label: "Integrations",
      hint: "Pairs of components linked by at least one integration (counted, exact)",
      cells: columns.map((f) => ({
        value: String(f.integrations),
        interval: undefined,
        change: f.delta && count(f.integrations, base.integrations),
      })),
    },
    {
      id: "seams",
      label: "Seams",
      hint: "Integrations between two organisations (counted, exact)",
      cells: columns.map((f) => ({
        value: String(f.seams),
        interval: undefined,
        change: f.delta && count(f.seams, base.seams),
      })),
    },
    {
      id: "controllable-kw",
      label: "Attacker-controllable charging",
      hint: "Expected kW an attacker controls within the horizon; not paired: moved only when the intervals do not overlap",
      cells: columns.map((f) => {
        const k = f.controllableKw;
        const b = base.controllableKw;
        const isApart =
          (k.ci95[0] > b.ci95[1] || k.ci95[1] < b.ci95[0]) &&
          isMoved({ mean: k.mean - b.mean, significant: true }, "kw");
        const tone = isApart ? changeTone("higher-worse", k.mean - b.mean) : "neutral";
        return {
          value: formatKw(k.mean),
          interval: kwInterval(k.ci95),
          change: f.delta && {
            value: signedKw(k.mean - b.mean),
            interval: undefined,
            isMoved: isApart,
            tone,
            mark: `${markOf(isApart, tone)} · not paired`,
          },
        };
      }),
    },
  ];
}

/** Each column's headline figures as the report's scenario section shows them (baseline first). */
export function comparisonColumns(
  document: Model,
  c: Comparison,
): { name: string; headlines: HeadlineFigure[] }[] {
  const { scenarios = [], ...baseline } = document;
  const modelOf = (id: string) => {
    const s = scenarios.find((x) => x.id === id);
    return s ? applyScenario(document, s) : baseline;
  };
  return [
    { name: c.baseline.name, headlines: headlineFigures(baseline, c.baseline.reliability) },
    ...c.scenarios.map((f) => ({ name: f.name, headlines: headlineFigures(modelOf(f.id), f.reliability) })),
  ];
}
