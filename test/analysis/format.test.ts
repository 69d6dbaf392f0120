import { describe, expect, it } from "vitest";
import {
  changeTone,
  formatKw,
  formatKwShare,
  formatPercent,
  formatPoints,
  formatSigned,
  isAboveDisplayPrecision,
  isMoved,
  TONE_WORD,
} from "../../src/analysis/format.ts";

describe("one number format for percentages and kW", () => {
  it("percentages by size, never in scientific notation", () => {
    expect(formatPercent(0.981)).toBe("98.1 %");
    expect(formatPercent(0.0229)).toBe("2.29 %");
    expect(formatPercent(0.0091)).toBe("0.91 %");
    expect(formatPercent(0.000042)).toBe("0.0042 %");
    expect(formatPercent(0.0000057)).toBe("<0.001 %");
    expect(formatPercent(0)).toBe("0 %");
    for (const p of [1e-12, 3.3e-9, 5.7e-7, 1e-5, 0.5]) expect(formatPercent(p)).not.toMatch(/e[+-]/);
  });

  it("kW with a unit that fits, the sign kept", () => {
    expect(formatKw(8.54)).toBe("8.5 kW");
    expect(formatKw(342.4)).toBe("342 kW");
    expect(formatKw(1204)).toBe("1.20 MW");
    expect(formatKw(12_100)).toBe("12.1 MW");
    expect(formatKw(-1204)).toBe("−1.20 MW");
    expect(formatKwShare(342.4, 0.0229)).toBe("342 kW (2.29 %)");
    expect(formatSigned(-850, formatKw)).toBe("−850 kW");
  });

  it("percentage points with two decimals: the issue's −5.7e-4 pp reads as below the precision", () => {
    expect(formatPoints(-0.0333)).toBe("−3.33 pp");
    expect(formatPoints(-0.0000057)).toBe("−<0.01 pp");
    expect(formatPoints(0.00006)).toBe("+0.01 pp");
    expect(formatPoints(0)).toBe("±0 pp");
  });
});

describe("what a change means", () => {
  it("moved only when the interval leaves out zero and the change shows at the display's precision", () => {
    // the 0.0006-point change, significant on paired trials, is not "moved"
    expect(isMoved({ mean: 0.000006, significant: true }, "points")).toBe(false);
    expect(isMoved({ mean: 0.0012, significant: true }, "points")).toBe(true);
    expect(isMoved({ mean: 0.0012, significant: false }, "points")).toBe(false);
    expect(isMoved({ mean: 0.03, significant: true }, "kw")).toBe(false);
    expect(isMoved({ mean: -0.06, significant: true }, "kw")).toBe(true);
    expect(isAboveDisplayPrecision(0, "count")).toBe(false);
    expect(isAboveDisplayPrecision(-1, "count")).toBe(true);
  });

  it("more hidden failures is worse; fewer hidden while unusable charging rises is 'now visible'", () => {
    // the hub outage: behind green dashboards 107 → 12 kW while unusable charging rises
    expect(changeTone("higher-worse", -95, { isHiddenFailure: true, unusableKwChange: 240 })).toBe("visible");
    expect(TONE_WORD.visible).toBe("now visible");
    // fewer hidden failures because fewer failures at all: better
    expect(changeTone("higher-worse", -20, { isHiddenFailure: true, unusableKwChange: -30 })).toBe("better");
    expect(changeTone("higher-worse", 12, { isHiddenFailure: true, unusableKwChange: 0 })).toBe("worse");
    expect(changeTone("higher-better", -0.02)).toBe("worse");
    expect(changeTone("higher-better", 0.02)).toBe("better");
    expect(changeTone("neutral", 0.02)).toBe("neutral");
  });
});
