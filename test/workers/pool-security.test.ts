/**
 * The security Monte Carlo and the interoperability sweep on the worker pool, with the real engine:
 * the same numbers as the sequential engine whatever the pool size, a security run beside a
 * reliability run (neither ends the other), and a newer security run ending an older one.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { simulateReliability } from "../../src/engine/index.ts";
import { type SecurityResult, simulateSecurity } from "../../src/engine/security/index.ts";
import { type SweepRow, sweepRow, sweepTrials } from "../../src/engine/sweep.ts";
import { BATCH_TRIALS } from "../../src/engine/types.ts";
import type { Model } from "../../src/model/index.ts";
import { createEngineApi } from "../../workers/engine-api.ts";
import { createInlinePool } from "../../workers/inline-pool.ts";
import { createNodePool } from "../../workers/node-pool.ts";
import { type PoolWorker, WorkerPool } from "../../workers/pool-core.ts";
import type { EnginePool, SecurityProgress } from "../../workers/schedule.ts";

const load = (name: string) =>
  JSON.parse(readFileSync(`public/templates/${name}.seams.json`, "utf8")) as Model;
const reference = load("reference");
const hello = load("hello");
const horizonDays = reference.settings.horizonDays;

/**
 * In-process workers answering every request `delayMs` late, so a run can be replaced while its
 * batches are out; `onSecurityBatches` hears each request for attack batches as it is sent.
 */
function slowPool(size: number, delayMs: number, onSecurityBatches: () => void): EnginePool {
  const worker = (): PoolWorker => {
    const engine = createEngineApi();
    const late = <T>(work: () => T) =>
      new Promise<T>((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(work());
          } catch (error) {
            reject(error);
          }
        }, delayMs),
      );
    return {
      api: {
        compile: (revision, model) => late(() => engine.compile(revision, model)),
        compiledModel: (revision) => late(() => engine.compiledModel(revision)),
        runBatches: (job) => late(() => engine.runBatches(job)),
        compileSecurity: (revision, days, model) => late(() => engine.compileSecurity(revision, days, model)),
        compiledSecurity: (revision, days) => late(() => engine.compiledSecurity(revision, days)),
        runSecurityBatches: (job) => {
          onSecurityBatches();
          return late(() => engine.runSecurityBatches(job));
        },
        sweepRow: (model, id, n, trials, securityTrials) =>
          late(() => engine.sweepRow(model, id, n, trials, securityTrials)),
      },
      terminate: () => undefined,
    };
  };
  return new WorkerPool(Array.from({ length: size }, worker));
}

async function withPool<T>(pool: EnginePool, use: (pool: EnginePool) => Promise<T>): Promise<T> {
  try {
    return await use(pool);
  } finally {
    pool.dispose();
  }
}

/** A security run's final result, with every progress report checked to be a growing prefix. */
async function securityOn(pool: EnginePool, trials: number, seed = 7): Promise<SecurityProgress> {
  const seen: SecurityProgress[] = [];
  const final = await pool.runSecurity(reference, { revision: 1, trials, seed, horizonDays }, (p) =>
    seen.push(p),
  );
  if (!final) throw new Error("the security run ended without a result");
  expect(seen.at(-1)).toBe(final);
  for (let i = 1; i < seen.length; i++) expect(seen[i].trialsDone).toBeGreaterThan(seen[i - 1].trialsDone);
  return final;
}

describe("security on the worker pool", () => {
  it("gives the same JSON with 1 and 3 workers, equal to simulateSecurity for the trials it ran", async () => {
    const trials = 4 * BATCH_TRIALS + 100;
    const one = await withPool(createInlinePool(1), (pool) => securityOn(pool, trials));
    const three = await withPool(createInlinePool(3), (pool) => securityOn(pool, trials));
    const threads = await withPool(createNodePool(3), (pool) => securityOn(pool, trials));
    expect(JSON.stringify(three.result)).toBe(JSON.stringify(one.result));
    expect(JSON.stringify(threads.result)).toBe(JSON.stringify(one.result));
    // stopped early (precise) or at the budget; either way a prefix of whole batches
    expect(one.trialsDone === trials || one.converged).toBe(true);
    const sequential: SecurityResult = simulateSecurity(reference, one.trialsDone, 7, { horizonDays });
    expect(JSON.stringify(one.result)).toBe(JSON.stringify(sequential));
  });

  it("runs the whole budget when it is never precise enough, batch by batch as simulateSecurity", async () => {
    const trials = BATCH_TRIALS + 500; // too few for ±0.01 on a probability near 1/2
    const final = await withPool(createInlinePool(2), (pool) => securityOn(pool, trials, 3));
    expect(final.trialsDone).toBe(trials);
    expect(JSON.stringify(final.result)).toBe(
      JSON.stringify(simulateSecurity(reference, trials, 3, { horizonDays })),
    );
  });

  it("a reliability run and a security run on the same pool both complete with their own numbers", async () => {
    const reliabilityTrials = 3 * BATCH_TRIALS;
    const securityTrials = 2 * BATCH_TRIALS;
    await withPool(createInlinePool(2), async (pool) => {
      const reliability = pool.runReliability(
        reference,
        { revision: 1, trials: reliabilityTrials, seed: 5 },
        () => undefined,
      );
      const security = pool.runSecurity(
        reference,
        { revision: 1, trials: securityTrials, seed: 5, horizonDays },
        () => undefined,
      );
      const [r, s] = await Promise.all([reliability, security]);
      expect(r?.done).toBe(true);
      expect(s?.done).toBe(true);
      expect(JSON.stringify(r?.result)).toBe(
        JSON.stringify(simulateReliability(reference, reliabilityTrials, 5)),
      );
      expect(JSON.stringify(s?.result)).toBe(
        JSON.stringify(simulateSecurity(reference, s?.trialsDone ?? 0, 5, { horizonDays })),
      );
    });
  });

  it("cancelling reliability leaves a security run going", async () => {
    await withPool(createInlinePool(2), async (pool) => {
      const reliability = pool.runReliability(
        reference,
        { revision: 1, trials: 20 * BATCH_TRIALS, seed: 1 },
        () => undefined,
      );
      const security = pool.runSecurity(
        reference,
        { revision: 1, trials: 2 * BATCH_TRIALS, seed: 1, horizonDays },
        () => undefined,
      );
      pool.cancel();
      await expect(reliability).resolves.toBeUndefined();
      expect((await security)?.done).toBe(true);
    });
  });

  it("cancelling security ends the attack run and leaves a reliability run going", async () => {
    await withPool(createInlinePool(2), async (pool) => {
      const security = pool.runSecurity(
        reference,
        { revision: 1, trials: 20 * BATCH_TRIALS, seed: 1, horizonDays },
        () => undefined,
      );
      const reliability = pool.runReliability(
        reference,
        { revision: 1, trials: 2 * 8192, seed: 1 },
        () => undefined,
      );
      pool.cancelSecurity();
      await expect(security).resolves.toBeUndefined();
      const final = await reliability;
      expect(final?.done).toBe(true);
      expect(final?.trialsDone).toBe(2 * 8192);
    });
  });

  it("a newer security run ends the older one, which resolves undefined and reports nothing more", async () => {
    let batchesOut: () => void = () => undefined;
    const isOut = new Promise<void>((resolve) => {
      batchesOut = resolve;
    });
    await withPool(
      slowPool(2, 30, () => batchesOut()),
      async (pool) => {
        const older: number[] = [];
        const first = pool.runSecurity(
          reference,
          { revision: 1, trials: 6 * BATCH_TRIALS, seed: 1, horizonDays },
          (p) => older.push(p.trialsDone),
        );
        // the older run has compiled and sent its first batches out: their replies must be dropped
        await isOut;
        const second = pool.runSecurity(
          reference,
          { revision: 2, trials: BATCH_TRIALS, seed: 2, horizonDays },
          (p) => expect(p.revision).toBe(2),
        );
        await expect(first).resolves.toBeUndefined();
        const countAtEnd = older.length;
        const final = await second;
        expect(final?.revision).toBe(2);
        expect(JSON.stringify(final?.result)).toBe(
          JSON.stringify(simulateSecurity(reference, BATCH_TRIALS, 2, { horizonDays })),
        );
        expect(older.length).toBe(countAtEnd);
      },
    );
  });
});

describe("the interoperability sweep on the worker pool", () => {
  it("delivers the rows in N order, equal to the sequential computation", async () => {
    const max = 4;
    const sequential: SweepRow[] = [];
    for (let n = 1; n <= max; n++) {
      const { trials, securityTrials } = sweepTrials(hello, "app", n);
      sequential.push(sweepRow(hello, "app", n, trials, securityTrials));
    }
    for (const size of [1, 3]) {
      const delivered: SweepRow[] = [];
      const rows = await withPool(createInlinePool(size), (pool) =>
        pool.runSweep(hello, "app", max, (row) => delivered.push(row)),
      );
      expect(delivered.map((r) => r.n)).toEqual([1, 2, 3, 4]);
      expect(JSON.stringify(rows)).toBe(JSON.stringify(sequential));
      expect(JSON.stringify(delivered)).toBe(JSON.stringify(sequential));
    }
  });

  it("refuses a component that is not in the model", async () => {
    await withPool(createInlinePool(1), async (pool) => {
      await expect(pool.runSweep(hello, "nope", 2, () => undefined)).rejects.toThrow(/no component "nope"/);
    });
  });
});
