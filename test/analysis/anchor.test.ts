import { describe, expect, it } from "vitest";
import { anchorPair, systemFigures, whatIfFigures } from "../../src/analysis/anchor.ts";
import { comparisonRows } from "../../src/analysis/scenarioDiff.ts";
import type {
  Comparison,
  Delta,
  PairedDeltas,
  PairedResult,
  ReliabilityResult,
} from "../../src/engine/index.ts";

/** A run's system figures (only those the comparison and what-if read), unusable kW `kw`. */
function run(kw: number): ReliabilityResult {
  const system = {
    totalKw: 15_000,
    unusableKw: { mean: kw, ci95: [kw - 4, kw + 4] as [number, number] },
    systemicEvent: { p: 0.02, ci95: [0.018, 0.022] as [number, number] },
    phantomRate: { mean: 0.008, ci95: [0.007, 0.009] as [number, number] },
    seamShare: { p: 0.5, ci95: [0.45, 0.55] as [number, number] },
  };
  // a partial result: the fields these views read; no driver's view (ftcsr absent)
  return { system, chargers: {}, components: {} } as unknown as ReliabilityResult;
}

const delta = (mean: number, ci95: [number, number]): Delta => ({ mean, ci95, significant: ci95[0] > 0 });

const deltas: PairedDeltas = {
  trials: 20_000,
  unusableKw: delta(5, [3.5, 6.5]),
  seamKw: delta(2.5, [1.5, 3.5]),
  phantomRate: delta(0, [-0.0001, 0.0001]),
  systemicEvent: delta(0.001, [0.0005, 0.0015]),
  chargers: {},
  components: {},
};

const figures = (id: string, kw: number) => ({
  id,
  name: id,
  reliability: run(kw),
  integrations: 10,
  seams: 4,
  controllableKw: { mean: 100, ci95: [90, 110] as [number, number] },
});

// the comparison's own baseline run says 340.4 kW and its scenario run 345.4 kW; the main analysis 342.0 kW
const comparison: Comparison = {
  trials: 20_000,
  seed: 1,
  baseline: figures("baseline", 340.4),
  scenarios: [{ ...figures("hub", 345.4), delta: deltas }],
};

describe("one baseline across panels (issue 18)", () => {
  it("the comparison shows the main analysis's 342 kW as baseline and 342 + 5 = 347 kW for the scenario", () => {
    const row = comparisonRows(comparison, run(342.0)).find((r) => r.id === "unusable-kw");
    expect(row?.cells.map((c) => c.value)).toEqual(["342 kW", "347 kW"]);
    expect(row?.cells[0].interval).toBe("338 kW – 346 kW");
    expect(row?.cells[1].note).toBe("baseline + paired change");
    expect(row?.cells[1].interval).toBeUndefined();
    // the paired change keeps its own interval
    expect(row?.cells[1].change?.value).toBe("+5.0 kW");
    expect(row?.cells[1].change?.interval).toBe("+3.5 kW – +6.5 kW");
  });

  it("without a main analysis the comparison shows its own runs", () => {
    const row = comparisonRows(comparison).find((r) => r.id === "unusable-kw");
    expect(row?.cells.map((c) => c.value)).toEqual(["340 kW", "345 kW"]);
    expect(row?.cells[1].note).toBeUndefined();
  });

  it("the seam kW and probabilities anchor too, a probability kept within 0–1", () => {
    const rows = comparisonRows(comparison, run(342.0));
    expect(rows.find((r) => r.id === "seam-kw")?.cells.map((c) => c.value)).toEqual(["171 kW", "174 kW"]);
    expect(anchorPair(0.9995, { baseline: 0.99, variant: 1, change: 0.01 }, [0, 1]).variant).toBe(1);
  });

  it("the what-if's 'now' is the main analysis's and 'what if' is it plus the paired change", () => {
    const paired = { baseline: run(340.4), variant: run(345.4), delta: deltas } as unknown as PairedResult;
    const f = whatIfFigures(paired, systemFigures(run(342.0)));
    expect(f.isAnchored).toBe(true);
    expect(f.unusableKw).toEqual({ baseline: 342, variant: 347, isAnchored: true });
    expect(whatIfFigures(paired, undefined).unusableKw).toEqual({
      baseline: 340.4,
      variant: 345.4,
      isAnchored: false,
    });
  });
});
