/**
 * The pool's orchestration with fake workers and a fake engine whose tallies record the order they
 * were merged in: timing is under the test's control, so out-of-order replies, cancellation and
 * stale replies are exercised deterministically.
 */
import { describe, expect, it, vi } from "vitest";
import type { BatchJob } from "../../workers/engine-api.ts";

vi.mock("../../src/engine/index.ts", async () => {
  const types =
    await vi.importActual<typeof import("../../src/engine/types.ts")>("../../src/engine/types.ts");
  return {
    ...types,
    createReliabilityTally: () => ({ trials: 0, order: [] as number[] }),
    mergeReliabilityTally: (
      into: { trials: number; order: number[] },
      from: { trials: number; order: number[] },
    ) => {
      into.trials += from.trials;
      into.order.push(...from.order);
    },
    // P(usable) with a half-width that shrinks like 1/√n; `order` exposes the merge order
    summarizeReliability: (_compiled: unknown, tally: { trials: number; order: number[] }, seed: number) => {
      const half = tally.trials > 0 ? 1 / Math.sqrt(tally.trials) : Number.NaN;
      return {
        trials: tally.trials,
        seed,
        order: [...tally.order],
        components: {},
        chargers: { site: { usable: { p: 0.5, ci95: [0.5 - half, 0.5 + half] } } },
      };
    },
    // the precision the summary above would give, from the tally (what the pool checks per batch)
    reliabilityPrecision: (_compiled: unknown, tally: { trials: number }) => ({
      widestHalfWidth: tally.trials > 0 ? 1 / Math.sqrt(tally.trials) : Number.POSITIVE_INFINITY,
      unusableKw: undefined,
    }),
  };
});

const { BATCH_TRIALS, trialsInBatch } = await import("../../src/engine/types.ts");
const { WorkerPool } = await import("../../workers/pool-core.ts");
type RunProgress = import("../../workers/schedule.ts").RunProgress;
type Model = import("../../src/model/schema.ts").Model;
type CompiledModel = import("../../src/engine/index.ts").CompiledModel;

const model = { components: [] } as unknown as Model;

/** A fake worker answering each chunk after `delayMs(batches)`; records its compiles. */
function fakeWorker(delayMs: (batches: number[]) => number) {
  const compiles: number[] = [];
  const jobs: BatchJob[] = [];
  return {
    compiles,
    jobs,
    terminate: () => undefined,
    api: {
      compile: async (revision: number) => {
        compiles.push(revision);
      },
      compiledModel: async () => ({ componentIds: [], linkIds: [] }) as unknown as CompiledModel,
      // security and the sweep are tested with the real engine (pool-security.test.ts)
      compileSecurity: () => Promise.reject(new Error("not in this test")),
      compiledSecurity: () => Promise.reject(new Error("not in this test")),
      runSecurityBatches: () => Promise.reject(new Error("not in this test")),
      sweepRow: () => Promise.reject(new Error("not in this test")),
      runBatches: (job: BatchJob) => {
        jobs.push(job);
        return new Promise<never[]>((resolve) =>
          setTimeout(
            () =>
              resolve(
                job.batches.map((b) => ({
                  trials: trialsInBatch(job.trials, b),
                  order: [b],
                })) as unknown as never[],
              ),
            delayMs(job.batches),
          ),
        );
      },
    },
  };
}

/** Replies in a scrambled order: a later chunk often comes back before an earlier one. */
const scrambled = (batches: number[]) => ((batches[0] * 7919) % 13) + 1;

const orderOf = (p: RunProgress | undefined) =>
  (p?.result as unknown as { order: number[] } | undefined)?.order;

describe("worker pool orchestration", () => {
  it("merges in batch order and reports a contiguous prefix whatever the reply order", async () => {
    const pool = new WorkerPool(
      [1, 2, 3].map(() => fakeWorker(scrambled)),
      1,
    );
    const seen: RunProgress[] = [];
    const trials = 20 * BATCH_TRIALS + 5;
    const final = await pool.runReliability(model, { revision: 4, trials, seed: 9 }, (p) => seen.push(p));
    expect(final?.done).toBe(true);
    expect(final?.trialsDone).toBe(trials);
    expect(orderOf(final)).toEqual(Array.from({ length: 21 }, (_, b) => b));
    for (const p of seen) {
      expect(p.revision).toBe(4);
      const order = orderOf(p) ?? [];
      expect(order).toEqual(Array.from({ length: order.length }, (_, b) => b));
      expect(p.trialsDone).toBe(Math.min(trials, order.length * BATCH_TRIALS));
    }
    expect(seen.at(-1)).toBe(final);
  });

  it("reports progress at most about every 100 ms, the first as soon as a batch is back", async () => {
    const pool = new WorkerPool([fakeWorker(() => 5)], 1);
    const times: number[] = [];
    const start = performance.now();
    await pool.runReliability(model, { revision: 1, trials: 60 * BATCH_TRIALS, seed: 1 }, (p) => {
      if (!p.done) times.push(performance.now() - start);
    });
    expect(times[0]).toBeLessThan(90);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(95);
    expect(times.length).toBeGreaterThanOrEqual(2);
  });

  it("stops at the same batch whatever the pool size once the target precision is reached", async () => {
    const target = 1 / Math.sqrt(5 * BATCH_TRIALS); // reached after exactly 5 batches
    const stops = [];
    for (const size of [1, 2, 3]) {
      const pool = new WorkerPool(
        Array.from({ length: size }, () => fakeWorker(scrambled)),
        2,
      );
      const final = await pool.runReliability(
        model,
        { revision: 1, trials: 100 * BATCH_TRIALS, seed: 1, targetHalfWidth: target },
        () => undefined,
      );
      stops.push({ trialsDone: final?.trialsDone, converged: final?.converged, order: orderOf(final) });
    }
    expect(stops[0]).toEqual({ trialsDone: 5 * BATCH_TRIALS, converged: true, order: [0, 1, 2, 3, 4] });
    expect(stops[1]).toEqual(stops[0]);
    expect(stops[2]).toEqual(stops[0]);
  });

  it("cancel resolves undefined and no progress follows, even from replies still in flight", async () => {
    const pool = new WorkerPool([fakeWorker(() => 30), fakeWorker(() => 30)], 1);
    const seen: RunProgress[] = [];
    const running = pool.runReliability(model, { revision: 2, trials: 50 * BATCH_TRIALS, seed: 1 }, (p) =>
      seen.push(p),
    );
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
    pool.cancel();
    const countAtCancel = seen.length;
    await expect(running).resolves.toBeUndefined();
    await new Promise((r) => setTimeout(r, 250));
    expect(seen.length).toBe(countAtCancel);
  });

  it("a new run cancels the previous one and only its own revision is reported", async () => {
    const pool = new WorkerPool([fakeWorker(() => 10), fakeWorker(() => 10)], 1);
    const revisions: number[] = [];
    const first = pool.runReliability(model, { revision: 1, trials: 50 * BATCH_TRIALS, seed: 1 }, (p) =>
      revisions.push(p.revision),
    );
    await vi.waitFor(() => expect(revisions.length).toBeGreaterThan(0));
    const second = await pool.runReliability(model, { revision: 2, trials: 3 * BATCH_TRIALS, seed: 1 }, (p) =>
      revisions.push(p.revision),
    );
    await expect(first).resolves.toBeUndefined();
    expect(second?.revision).toBe(2);
    const switchAt = revisions.indexOf(2);
    expect(revisions.slice(0, switchAt).every((r) => r === 1)).toBe(true);
    expect(revisions.slice(switchAt).every((r) => r === 2)).toBe(true);
  });

  it("compiles once per revision on each worker", async () => {
    const workers = [fakeWorker(() => 1), fakeWorker(() => 1)];
    const pool = new WorkerPool(workers, 1);
    const options = { revision: 7, trials: 4 * BATCH_TRIALS, seed: 1 };
    await pool.runReliability(model, options, () => undefined);
    await pool.runReliability(model, { ...options, seed: 2 }, () => undefined);
    await pool.runReliability(model, { ...options, revision: 8 }, () => undefined);
    for (const w of workers) expect(w.compiles).toEqual([7, 8]);
  });

  it("rejects a run when a worker fails, and every run after", async () => {
    const pool = new WorkerPool([fakeWorker(() => 20)], 1);
    const running = pool.runReliability(
      model,
      { revision: 1, trials: 10 * BATCH_TRIALS, seed: 1 },
      () => undefined,
    );
    pool.fail(new Error("worker died"));
    await expect(running).rejects.toThrow("worker died");
    await expect(
      pool.runReliability(model, { revision: 2, trials: 1, seed: 1 }, () => undefined),
    ).rejects.toThrow("worker died");
  });

  it("rejects bad options without touching the workers", async () => {
    const worker = fakeWorker(() => 1);
    const pool = new WorkerPool([worker]);
    await expect(
      pool.runReliability(model, { revision: 1, trials: 0, seed: 1 }, () => undefined),
    ).rejects.toThrow(/trials/);
    expect(worker.compiles).toEqual([]);
  });
});
