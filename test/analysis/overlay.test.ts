import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  edgeOverlays,
  legendTicks,
  nodeOverlays,
  riskColor,
  riskFill,
  whatIfMarks,
} from "../../src/analysis/overlay.ts";
import { blastRadius } from "../../src/engine/blast.ts";
import type { Estimate, ReliabilityResult } from "../../src/engine/types.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";

const parsed = parseModelText(
  readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8"),
);
if (!parsed.ok) throw new Error("hello template must validate");
const hello: Model = parsed.model;

const est = (p: number): Estimate => ({ p, ci95: [p, p] });

/** A hand-made result for the hello model: the CSMS fails 1 % of the time, its dashboard shows 0.5 %. */
function result(seamFailure: number): ReliabilityResult {
  const components: ReliabilityResult["components"] = {};
  for (const c of hello.components)
    components[c.id] = { functional: est(0.999), degraded: est(0), red: est(0.0005) };
  components.csms = { functional: est(0.99), degraded: est(0), red: est(0.005) };
  const links: ReliabilityResult["links"] = {};
  for (const l of hello.links)
    links[l.id] = { crossing: est(0), isSeam: l.id.startsWith("app") || l.id === "csms--app" };
  links["site--csms"] = { crossing: est(0.004), isSeam: false };
  links["app--csms"] = { crossing: est(0.001), isSeam: true };
  const zero = { mean: 0, ci95: [0, 0] as [number, number] };
  return {
    trials: 1000,
    seed: 1,
    chains: {},
    components,
    chargers: {
      site: {
        usable: est(0.98),
        seamFailure: est(seamFailure),
        phantom: {},
        hidden: {},
        staleTariff: {},
        incorrectTariff: {},
      },
    },
    links,
    orgs: {},
    system: {
      totalKw: 900,
      unusableKw: zero,
      systemicEvent: est(0),
      phantomRate: zero,
      seamShare: est(0),
      seamCrossingShare: est(0),
      cascadeSize: zero,
      cascadeHistogram: { edges: [0], counts: [1000] },
      unusableKwHistogram: { edges: [0], counts: [1000] },
    },
  };
}

describe("canvas overlay", () => {
  it("colours by a log scale: each decade of risk is a different, darker colour", () => {
    const colours = legendTicks().map((t) => t.color);
    expect(new Set(colours).size).toBe(colours.length);
    expect(riskColor(1e-9)).toBe(riskColor(1e-5));
    const lightness = (c: string) => {
      const [r, g, b] = (c.match(/\d+/g) ?? []).map(Number);
      return r + g + b;
    };
    for (let i = 1; i < colours.length; i++)
      expect(lightness(colours[i])).toBeLessThan(lightness(colours[i - 1]));
  });

  it("a node's fill moves in steps of a twentieth of a decade: a last-digit wobble keeps it", () => {
    expect(riskFill(0.0229)).toBe(riskFill(0.0231));
    expect(riskFill(0.0229)).not.toBe(riskFill(0.0229 * 10 ** (1 / 20)));
    expect(riskFill(0.01)).toBe(riskColor(0.01));
    expect(riskFill(1e-9)).toBe(riskColor(1e-5));
  });

  it("shows P(non-functional) when true and P(red) for the dashboards view", () => {
    const blast = blastRadius(hello);
    expect(nodeOverlays(hello, result(0), "true", blast).csms.p).toBeCloseTo(0.01);
    expect(nodeOverlays(hello, result(0), "dashboards", blast).csms.p).toBeCloseTo(0.005);
    expect(nodeOverlays(hello, result(0), "true", blast).csms.label).toBe("1.00 %");
  });

  it("badges single points of failure and silent-failure risk", () => {
    const blast = blastRadius(hello);
    const quiet = nodeOverlays(hello, result(0.1), "true", blast);
    expect(quiet.csms.badges).toContain("spof");
    expect(quiet.cloud.badges).toContain("spof");
    expect(quiet.app.badges).not.toContain("spof");
    expect(quiet.site.badges).not.toContain("silent");
    expect(nodeOverlays(hello, result(0.5), "true", blast).site.badges).toContain("silent");
  });

  it("draws links by crossing frequency and flags seam crossings", () => {
    const edges = edgeOverlays(hello, result(0));
    expect(edges["site--csms"].width).toBeCloseTo(9);
    expect(edges["app--csms"].width).toBeCloseTo(1 + 8 * Math.sqrt(0.25));
    expect(edges["app--csms"].isSeamCrossing).toBe(true);
    expect(edges["site--csms"].isSeamCrossing).toBe(false);
    expect(edges["csms--app"].isSeamCrossing).toBe(false);
  });
});

describe("edge overlays of a streamed result", () => {
  it("keep the last result's objects where a link draws the same, and the whole record where every link does", () => {
    const first = edgeOverlays(hello, result(0));
    // the next result: the same figures to 0.1 % → the very record back
    const nudged = result(0);
    nudged.links["site--csms"] = { crossing: est(0.004 * 1.001), isSeam: false };
    nudged.links["app--csms"] = { crossing: est(0.001 * 0.999), isSeam: true };
    expect(edgeOverlays(hello, nudged, first)).toBe(first);
    // one link drawn thinner: a new record, that link's object new, the others kept
    const moved = result(0);
    moved.links["app--csms"] = { crossing: est(0.0005), isSeam: true };
    const next = edgeOverlays(hello, moved, first);
    expect(next).not.toBe(first);
    expect(next["app--csms"]).not.toBe(first["app--csms"]);
    expect(next["app--csms"].width).toBeCloseTo(1 + 8 * Math.sqrt(0.125));
    expect(next["site--csms"]).toBe(first["site--csms"]);
    expect(next).toEqual(edgeOverlays(hello, moved));
    // a crossing that leaves zero is drawn anew (a quiet link is drawn faint)
    const waking = result(0);
    const quietId = Object.keys(first).find((id) => first[id].crossing === 0) as string;
    waking.links[quietId] = { ...waking.links[quietId], crossing: est(1e-7) };
    expect(edgeOverlays(hello, waking, first)[quietId]).not.toBe(first[quietId]);
  });
});

describe("what-if marks", () => {
  it("marks forced components, an offline organisation's components, and chargers by the sign of a significant change", () => {
    const noChange = { mean: 0.001, ci95: [-0.001, 0.003] as [number, number], significant: false };
    const before = whatIfMarks(
      hello,
      { components: { telecom: "degraded" }, orgsOffline: ["cloudco"] },
      undefined,
    );
    expect(before).toEqual({ telecom: { forced: "degraded" }, cloud: { forced: "down" } });
    const worse = { mean: -0.2, ci95: [-0.21, -0.19] as [number, number], significant: true };
    expect(whatIfMarks(hello, { components: { csms: "down" } }, { site: worse }).site).toEqual({
      change: "worse",
      deltaUsable: -0.2,
    });
    expect(
      whatIfMarks(hello, { components: { site: "up" } }, { site: { ...worse, mean: 0.2 } }).site,
    ).toEqual({ forced: "up", change: "better", deltaUsable: 0.2 });
    expect(whatIfMarks(hello, { components: { csms: "down" } }, { site: noChange }).site).toBeUndefined();
  });
});
