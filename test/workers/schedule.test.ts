import { describe, expect, it } from "vitest";
import { BATCH_TRIALS, type ReliabilityResult } from "../../src/engine/types.ts";
import {
  BatchSchedule,
  checkRunOptions,
  isConverged,
  largestHalfWidth,
  shardBatches,
} from "../../workers/schedule.ts";

/** A tally that records the order batches were merged in. */
interface OrderTally {
  trials: number;
  order: number[];
}
const merge = (into: OrderTally, from: OrderTally) => {
  into.trials += from.trials;
  into.order.push(...from.order);
};
const tallyOf = (batch: number, trials = BATCH_TRIALS): OrderTally => ({ trials, order: [batch] });
const scheduleFor = (trials: number, chunk = 2, range?: { first: number; end: number }) =>
  new BatchSchedule<OrderTally>(trials, { trials: 0, order: [] }, merge, (t) => t.trials, chunk, range);

describe("batch schedule", () => {
  it("hands batches out in order, one first, then in chunks, until the budget is out", () => {
    const s = scheduleFor(5 * BATCH_TRIALS - 1, 2);
    expect(s.batches).toBe(5);
    expect([s.takeChunk(), s.takeChunk(), s.takeChunk(), s.takeChunk()]).toEqual([[0], [1, 2], [3, 4], []]);
  });

  it("merges strictly in batch order whatever order tallies arrive in", () => {
    const s = scheduleFor(6 * BATCH_TRIALS, 1);
    for (let i = 0; i < 6; i++) s.takeChunk();
    for (const b of [3, 1, 5]) {
      s.accept(b, tallyOf(b));
      expect(s.mergeNext()).toBeUndefined();
    }
    expect(s.trialsDone).toBe(0);
    s.accept(0, tallyOf(0));
    expect([s.mergeNext(), s.mergeNext(), s.mergeNext()]).toEqual([0, 1, undefined]);
    expect(s.trialsDone).toBe(2 * BATCH_TRIALS);
    s.accept(2, tallyOf(2));
    s.accept(4, tallyOf(4));
    while (s.mergeNext() !== undefined);
    expect(s.total.order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.isComplete).toBe(true);
  });

  it("counts the partial last batch's trials", () => {
    const s = scheduleFor(BATCH_TRIALS + 10, 4);
    expect([s.takeChunk(), s.takeChunk()]).toEqual([[0], [1]]);
    s.accept(1, tallyOf(1, 10));
    s.accept(0, tallyOf(0));
    while (s.mergeNext() !== undefined);
    expect(s.trialsDone).toBe(BATCH_TRIALS + 10);
    expect(s.isComplete).toBe(true);
  });

  it("stops handing out batches once stopped", () => {
    const s = scheduleFor(10 * BATCH_TRIALS, 2);
    s.takeChunk();
    s.stop();
    expect(s.takeChunk()).toEqual([]);
  });

  it("refuses a batch it never handed out or already has", () => {
    const s = scheduleFor(2 * BATCH_TRIALS, 1);
    s.accept(1, tallyOf(1));
    expect(() => s.accept(1, tallyOf(1))).toThrow(/not expected/);
    expect(() => s.accept(2, tallyOf(2))).toThrow(/not expected/);
  });

  it("runs only its range when it is a shard", () => {
    const range = shardBatches(10 * BATCH_TRIALS, 1, 3);
    expect(range).toEqual({ first: 3, end: 6 });
    const s = scheduleFor(10 * BATCH_TRIALS, 2, range);
    expect([s.takeChunk(), s.takeChunk(), s.takeChunk()]).toEqual([[3], [4, 5], []]);
    for (const b of [5, 4, 3]) s.accept(b, tallyOf(b));
    while (s.mergeNext() !== undefined);
    expect(s.total.order).toEqual([3, 4, 5]);
    expect(s.isComplete).toBe(true);
  });
});

describe("shards", () => {
  it("cover every batch exactly once, in contiguous ranges", () => {
    for (const [batches, count] of [
      [1, 1],
      [1, 3],
      [7, 3],
      [123, 8],
    ]) {
      const seen: number[] = [];
      for (let i = 0; i < count; i++) {
        const { first, end } = shardBatches(batches * BATCH_TRIALS, i, count);
        for (let b = first; b < end; b++) seen.push(b);
      }
      expect(seen).toEqual(Array.from({ length: batches }, (_, b) => b));
    }
  });
});

describe("convergence", () => {
  const estimate = (lo: number, hi: number) => ({ p: (lo + hi) / 2, ci95: [lo, hi] as [number, number] });
  const result = (usable: [number, number], functional: [number, number]) =>
    ({
      chargers: { site: { usable: estimate(...usable) } },
      components: { csms: { functional: estimate(...functional) } },
    }) as unknown as ReliabilityResult;

  it("measures the widest half-width of charger usable and component functional", () => {
    expect(largestHalfWidth(result([0.9, 0.92], [0.5, 0.56]))).toBeCloseTo(0.03, 12);
    expect(largestHalfWidth(result([0.8, 0.9], [0.5, 0.52]))).toBeCloseTo(0.05, 12);
  });

  it("is reached at or below the target, never without one, never on a NaN interval", () => {
    const r = result([0.75, 0.75390625], [0.5, 0.5078125]); // half-widths 2^-9 and 2^-8, exact in binary
    expect(isConverged(r, 2 ** -8)).toBe(true);
    expect(isConverged(r, 0.0039)).toBe(false);
    expect(isConverged(r, undefined)).toBe(false);
    expect(isConverged(result([Number.NaN, Number.NaN], [0.5, 0.5]), 0.1)).toBe(false);
  });
});

describe("run options", () => {
  it("accepts whole trial counts and 32-bit seeds only", () => {
    expect(checkRunOptions({ revision: 1, trials: 1, seed: 0 })).toBeUndefined();
    expect(checkRunOptions({ revision: 1, trials: 0, seed: 0 })).toMatch(/trials/);
    expect(checkRunOptions({ revision: 1, trials: 1.5, seed: 0 })).toMatch(/trials/);
    expect(checkRunOptions({ revision: 1, trials: 10, seed: -1 })).toMatch(/seed/);
    expect(checkRunOptions({ revision: 1, trials: 10, seed: 2 ** 32 })).toMatch(/seed/);
    expect(checkRunOptions({ revision: 1, trials: 10, seed: 1, targetHalfWidth: 0 })).toMatch(
      /targetHalfWidth/,
    );
  });
});

describe("precision from the tally", () => {
  it("gives the summary's widest half-width and unusable kW, so the pool stops where it did", async () => {
    const engine = await import("../../src/engine/index.ts");
    const { referenceModel } = await import("../fixtures/templates.ts");
    const { generateSyntheticModel } = await import("../fixtures/synthetic.ts");
    for (const model of [referenceModel(), generateSyntheticModel(200, 3)]) {
      const compiled = engine.compileModel(model);
      const tally = engine.createReliabilityTally(compiled);
      for (let batch = 0; batch < 2; batch++)
        engine.runReliabilityBatch(compiled, 5, batch, 3 * BATCH_TRIALS, tally);
      const result = engine.summarizeReliability(compiled, tally, 5);
      const precision = engine.reliabilityPrecision(compiled, tally);
      expect(precision.widestHalfWidth).toBe(largestHalfWidth(result));
      expect(precision.unusableKw).toEqual(result.system.unusableKw);
      expect(precision.widestHalfWidth).toBeGreaterThan(0);
    }
  });
});
