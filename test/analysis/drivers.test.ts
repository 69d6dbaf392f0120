/**
 * The driver's view as people read it (SPEC §10, issue 15 point 5): causes in words with their roots
 * by name, the gap in words, the headline order, the drivers' canvas view and the scenario
 * comparison's rows in percentage points — on hand-made results with known figures.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  causeText,
  formatPointsFixed,
  gapWords,
  populationRows,
  topCauses,
} from "../../src/analysis/drivers.ts";
import { headlineFigures, headlineGap } from "../../src/analysis/headlines.ts";
import { driverOverlays, startSuccessFill, startSuccessTicks } from "../../src/analysis/overlay.ts";
import { comparisonRows } from "../../src/analysis/scenarioDiff.ts";
import type { Comparison, PairedDeltas } from "../../src/engine/index.ts";
import type { DriverReliability, Estimate, ReliabilityResult, VisitCauses } from "../../src/engine/types.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";

const parsed = parseModelText(
  readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8"),
);
if (!parsed.ok) throw new Error("hello template must validate");
const hello: Model = parsed.model;

const est = (p: number, half = 0.001): Estimate => ({ p, ci95: [p - half, p + half] });
const zero = { mean: 0, ci95: [0, 0] as [number, number] };

function causes(shares: Partial<Record<keyof VisitCauses, number>>): VisitCauses {
  const out = {} as VisitCauses;
  for (const k of ["notShown", "siteDown", "noUnit", "unitFault", "auth", "tooSlow", "startFailure"] as const)
    out[k] = est(shares[k] ?? 0, 0);
  return out;
}

/** Roaming drivers of DriveApp: refused at the CSMS, sites down mostly through the CSMS. */
const roaming: DriverReliability = {
  name: "DriveApp roaming drivers",
  intended: 0.4,
  ftcsr: est(0.7),
  demandSuccess: est(0.63),
  seen: est(0.9),
  causes: causes({ notShown: 0.1, siteDown: 0.05, auth: 0.08, startFailure: 0.14 }),
  via: { siteDown: { csms: 0.03, site: 0.015, cloud: 0.005 }, auth: { csms: 0.08 } },
};
const own: DriverReliability = {
  name: "ChargeCo's own customers",
  intended: 0.6,
  ftcsr: est(0.8),
  demandSuccess: est(0.76),
  seen: est(0.95),
  causes: causes({ notShown: 0.05, siteDown: 0.02, startFailure: 0.17 }),
  via: { siteDown: { site: 0.02 }, auth: {} },
};

/** A result of the hello model with the driver's view: start success 77 %, reported uptime 98 %. */
function result(ftcsr = 0.77, reported = 0.98): ReliabilityResult {
  return {
    trials: 1000,
    seed: 1,
    chains: {},
    components: {},
    chargers: {
      site: {
        usable: est(0.98),
        seamFailure: est(0.1),
        phantom: {},
        hidden: {},
        staleTariff: {},
        incorrectTariff: {},
        ftcsr: est(ftcsr),
      },
    },
    links: {},
    orgs: {},
    drivers: { "own-csms": own, "roaming-app": roaming },
    system: {
      totalKw: 900,
      unusableKw: { mean: 20, ci95: [18, 22] },
      systemicEvent: est(0.02),
      phantomRate: zero,
      seamShare: est(0.3),
      seamCrossingShare: est(0.5),
      cascadeSize: zero,
      cascadeHistogram: { edges: [0], counts: [1000] },
      unusableKwHistogram: { edges: [0], counts: [1000] },
      intended: 1,
      ftcsr: est(ftcsr),
      demandSuccess: est(ftcsr - 0.01),
      seen: est(0.99),
      causes: causes({}),
      reportedUptime: est(reported),
      trueUptime: est(0.95),
    },
  };
}

describe("the driver's view in words", () => {
  it("names the largest causes with their roots by name, the site's own faults as one", () => {
    const top = topCauses(hello, roaming, 3);
    expect(top.map((c) => c.cause)).toEqual(["startFailure", "notShown", "auth"]);
    expect(top[2].words).toBe("refused at ChargeCo CSMS");
    const all = topCauses(hello, roaming, 7);
    const down = all.find((c) => c.cause === "siteDown");
    expect(down?.words).toBe("site down via ChargeCo CSMS");
    expect(down?.roots).toEqual([
      { name: "ChargeCo CSMS", share: 0.03 },
      { name: "the site's own equipment", share: 0.015 },
      { name: "eu-west region", share: 0.005 },
    ]);
    expect(down && causeText(down)).toBe(
      "site down 5.00 % (ChargeCo CSMS 3.00 %, the site's own equipment 1.50 %)",
    );
    // one root: the words carry it; causes that never happened are left out
    expect(topCauses(hello, own, 7).map((c) => c.words)).toEqual([
      "start failed",
      "not shown available",
      "site down (its own equipment)",
    ]);
  });

  it("says the gap between reported uptime and start success, and each population's row", () => {
    const r = result();
    expect(headlineGap(r)).toBe(
      "Regulators see 98.0 %, drivers start 77.0 % — a gap of 21.0 percentage points",
    );
    expect(
      gapWords({
        ftcsr: est(0.77),
        demandSuccess: est(0.76),
        reportedUptime: est(0.979),
        trueUptime: est(0.95),
      }),
    ).toBe("Regulators see 97.9 % reported uptime; drivers start 77.0 % of attempts (demand success 76.0 %)");
    expect(populationRows(hello, r).map((p) => [p.name, p.intended, p.ftcsr.p])).toEqual([
      ["ChargeCo's own customers", 0.6, 0.8],
      ["DriveApp roaming drivers", 0.4, 0.7],
    ]);
    // at most one: the population with the most intended visits
    expect(populationRows(hello, r, 3, 1).map((p) => p.name)).toEqual(["ChargeCo's own customers"]);
    expect(populationRows(hello, r, 3, 2)).toHaveLength(2);
  });

  it("puts start success beside reported uptime first among the headline figures, with what each is a rate of", () => {
    const figures = headlineFigures(hello, result());
    expect(figures.slice(0, 3).map((f) => [f.id, f.value])).toEqual([
      ["start-success", "77.0 %"],
      ["reported-uptime", "98.0 %"],
      ["demand-success", "76.0 %"],
    ]);
    expect(figures[0].label).toContain("of drivers' attempts");
    expect(figures[1].label).toContain("of units");
    expect(figures[2].label).toContain("of intended visits");
    // a result made before the driver's view keeps its five figures and has no gap
    const old = result();
    for (const k of [
      "ftcsr",
      "demandSuccess",
      "seen",
      "causes",
      "reportedUptime",
      "trueUptime",
      "intended",
    ] as const)
      delete old.system[k];
    expect(headlineFigures(hello, old).map((f) => f.id)).toEqual([
      "unusable-kw",
      "systemic",
      "phantom",
      "seam-share",
      "seam-crossing",
    ]);
    expect(headlineGap(old)).toBeUndefined();
  });

  it("changes in percentage points, never in scientific notation", () => {
    expect(formatPointsFixed(-0.0333)).toBe("−3.33 pp");
    expect(formatPointsFixed(0.00001)).toBe("+<0.01 pp");
    expect(formatPointsFixed(-1e-9)).toBe("−<0.01 pp");
    expect(formatPointsFixed(0)).toBe("±0 pp");
  });
});

describe("the drivers' canvas view", () => {
  it("colours charger sites by start success (darker when lower) and labels them; other components get none", () => {
    const overlays = driverOverlays(hello, result(0.77));
    expect(Object.keys(overlays)).toEqual(["site"]);
    expect(overlays.site.label).toBe("starts 77.0 %");
    expect(overlays.site.p).toBeCloseTo(0.23, 12);
    const fills = [1, 0.9, 0.8, 0.7, 0.6, 0.5].map(startSuccessFill);
    expect(new Set(fills).size).toBe(6);
    // the fill moves in half-point steps: a last-digit wobble keeps it; at or below 50 % all alike
    expect(startSuccessFill(0.7701)).toBe(startSuccessFill(0.7699));
    expect(startSuccessFill(0.3)).toBe(startSuccessFill(0.5));
    expect(startSuccessTicks().map((t) => t.label)).toEqual([
      "100.0 %",
      "90.0 %",
      "80.0 %",
      "70.0 %",
      "60.0 %",
      "≤ 50.0 %",
    ]);
  });
});

describe("the scenario comparison of the driver's figures", () => {
  const base = result(0.77, 0.98);
  const variant = result(0.7, 0.98);
  const figures = (id: string, reliability: ReliabilityResult) => ({
    id,
    name: id,
    reliability,
    integrations: 5,
    seams: 3,
    controllableKw: zero,
  });
  const delta: PairedDeltas = {
    trials: 1000,
    unusableKw: { ...zero, significant: false },
    seamKw: { ...zero, significant: false },
    phantomRate: { ...zero, significant: false },
    systemicEvent: { ...zero, significant: false },
    chargers: {},
    components: {},
  };
  const comparison = (d: PairedDeltas): Comparison => ({
    trials: 1000,
    seed: 1,
    baseline: figures("baseline", base),
    scenarios: [{ ...figures("worse", variant), delta: d }],
  });

  it("rows for start success, reported uptime and demand success first; unpaired changes say so", () => {
    const rows = comparisonRows(comparison(delta));
    expect(rows.slice(0, 3).map((r) => r.id)).toEqual(["start-success", "reported-uptime", "demand-success"]);
    const [baseCell, scenarioCell] = rows[0].cells;
    expect(baseCell.value).toBe("77.0 %");
    expect(baseCell.change).toBeUndefined();
    expect(scenarioCell.change).toEqual({
      value: "−7.00 pp",
      interval: undefined,
      isMoved: true,
      tone: "worse",
      mark: "moved · worse · not paired",
    });
    expect(rows[1].cells[1].change?.value).toBe("±0 pp");
    expect(rows[1].cells[1].change?.isMoved).toBe(false);
  });

  it("uses the engine's paired change and interval when it gives one", () => {
    const paired = (mean: number, half: number) => ({
      mean,
      ci95: [mean - half, mean + half] as [number, number],
      significant: Math.abs(mean) > half,
    });
    const withDrivers = {
      ...delta,
      drivers: {
        ftcsr: paired(-0.0702, 0.0011),
        demandSuccess: paired(-0.07, 0.001),
        reportedUptime: paired(0, 0),
        trueUptime: paired(0, 0),
        populations: {},
      },
    } as PairedDeltas;
    const change = comparisonRows(comparison(withDrivers))[0].cells[1].change;
    expect(change).toEqual({
      value: "−7.02 pp",
      interval: "−7.13 pp – −6.91 pp",
      isMoved: true,
      tone: "worse",
      mark: "moved · worse",
    });
  });
});
