/**
 * Where new components go (freeSpot), when a file counts as written without positions
 * (hasStackedComponents), the canvas's level of detail (zoomDetail) and new organisations' colours.
 */
import { describe, expect, it } from "vitest";
import { riskFill } from "../../src/analysis/overlay.ts";
import { zoomDetail } from "../../src/canvas/detail.ts";
import { hasStackedComponents } from "../../src/canvas/layout.ts";
import { nextOrgColour, ORG_PALETTE } from "../../src/canvas/orgColours.ts";
import { makeRedundant } from "../../src/model/edits/fixes.ts";
import { COMPONENT_BOX, freeSpot, PLACEMENT_GAP } from "../../src/model/edits/placement.ts";
import { referenceModel } from "../fixtures/templates.ts";

const STEP_X = COMPONENT_BOX.width + PLACEMENT_GAP.x;
const STEP_Y = COMPONENT_BOX.height + PLACEMENT_GAP.y;

describe("freeSpot", () => {
  it("keeps a free wish where it is", () => {
    expect(freeSpot([{ x: 1000, y: 1000 }], { x: 0, y: 0 })).toEqual({ x: 0, y: 0 });
  });

  it("puts a component wished onto another directly below it, then to its right", () => {
    const taken = [{ x: 0, y: 0 }];
    expect(freeSpot(taken, { x: 0, y: 0 })).toEqual({ x: 0, y: STEP_Y });
    expect(freeSpot([...taken, { x: 0, y: STEP_Y }], { x: 0, y: 0 })).toEqual({ x: 0, y: -STEP_Y });
    expect(freeSpot([...taken, { x: 0, y: STEP_Y }, { x: 0, y: -STEP_Y }], { x: 0, y: 0 })).toEqual({
      x: STEP_X,
      y: 0,
    });
  });

  it("ten clicks at one spot give ten components, no two overlapping", () => {
    const taken: { x: number; y: number }[] = [];
    for (let k = 0; k < 10; k++) taken.push(freeSpot(taken, { x: 5, y: 7 }));
    for (let i = 0; i < taken.length; i++)
      for (let j = i + 1; j < taken.length; j++) {
        const apart =
          Math.abs(taken[i].x - taken[j].x) >= COMPONENT_BOX.width ||
          Math.abs(taken[i].y - taken[j].y) >= COMPONENT_BOX.height;
        expect(apart, `${i} and ${j}`).toBe(true);
      }
  });
});

describe("makeRedundant", () => {
  it("places the twin beside its original on the reference, overlapping no component", () => {
    const model = makeRedundant(referenceModel(), "hub");
    const hub = model.components.find((c) => c.id === "hub");
    const twin = model.components.find((c) => c.id === "hub-twin");
    expect(twin?.name).toBe(`${hub?.name} (twin)`);
    expect(twin && hub ? { x: twin.x - hub.x, y: twin.y - hub.y } : undefined).toEqual({ x: 0, y: STEP_Y });
    for (const c of model.components) {
      if (c.id === "hub-twin" || !twin) continue;
      const apart =
        Math.abs(c.x - twin.x) >= COMPONENT_BOX.width || Math.abs(c.y - twin.y) >= COMPONENT_BOX.height;
      expect(apart, c.id).toBe(true);
    }
  });
});

describe("hasStackedComponents", () => {
  it("is true when at least half the components share spots, false for a laid-out model", () => {
    expect(hasStackedComponents(referenceModel().components)).toBe(false);
    expect(
      hasStackedComponents([
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 0, y: 0 },
      ]),
    ).toBe(true);
    expect(
      hasStackedComponents([
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 400, y: 0 },
        { x: 800, y: 0 },
      ]),
    ).toBe(true);
    expect(
      hasStackedComponents([
        { x: 0, y: 0 },
        { x: 0, y: 0 },
        { x: 400, y: 0 },
        { x: 800, y: 0 },
        { x: 0, y: 900 },
      ]),
    ).toBe(false);
    expect(hasStackedComponents([{ x: 0, y: 0 }])).toBe(false);
  });
});

describe("zoomDetail", () => {
  it("draws full cards close up and names counter-scaled from afar, in eighth octaves", () => {
    expect(zoomDetail(1)).toEqual({ detail: "full", labelScale: 1 });
    expect(zoomDetail(0.85)).toEqual({ detail: "full", labelScale: 1 });
    expect(zoomDetail(0.5)).toEqual({ detail: "names", labelScale: 2 });
    // between two steps: the scale of the step below, so a name is never smaller than at the step
    expect(zoomDetail(0.3).labelScale).toBeCloseTo(2 ** (14 / 8), 3);
    expect(zoomDetail(0.3).labelScale * 0.3).toBeGreaterThanOrEqual(1);
    expect(zoomDetail(0.3).labelScale * 0.3).toBeLessThan(2 ** (1 / 8));
    // names stop growing at the smallest label zoom
    expect(zoomDetail(0.01)).toEqual(zoomDetail(0.12));
  });
});

describe("nextOrgColour", () => {
  it("takes the first palette colour no organisation has, never a colour of the risk scale", () => {
    expect(nextOrgColour([])).toBe(ORG_PALETTE[0]);
    expect(nextOrgColour([{ color: ORG_PALETTE[0].toUpperCase() }])).toBe(ORG_PALETTE[1]);
    const risk = new Set([1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1].map(riskFill));
    for (const colour of ORG_PALETTE) expect(risk.has(colour)).toBe(false);
    // the 16th organisation of the reference gets a palette colour too (it was the risk scale's red)
    expect(ORG_PALETTE as readonly string[]).toContain(nextOrgColour(referenceModel().orgs));
  });
});
