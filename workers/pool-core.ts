/**
 * The worker pool's orchestration, shared by the browser pool, the Node pool and the in-process
 * pool (SPEC §7). Each worker compiles a model once per revision (the security model once per
 * revision and horizon); batches go out in order, a small chunk per request; tallies are merged in
 * batch order (`BatchSchedule`), so numbers do not depend on the pool size or on timing.
 *
 * Runs live in slots — reliability, security, sweep — one run per slot: a new run or a cancel ends
 * the slot's current run only, so a reliability run and a security run share the workers, their
 * requests interleaving. A reply that arrives for a run that is no longer current is dropped (each
 * request belongs to the run that made it, and checks that run is still active before touching
 * anything).
 */
import {
  type CompiledModel,
  type CompiledSecurity,
  createReliabilityTally,
  createSecurityTally,
  isSecurityPrecise,
  mergeReliabilityTally,
  mergeSecurityTally,
  type ReliabilityTally,
  reliabilityPrecision,
  SECURITY_BATCH_TRIALS,
  type SweepRow,
  summarizeReliability,
  summarizeSecurity,
  sweepTrials,
} from "../src/engine/index.ts";
import type { Model } from "../src/model/schema.ts";
import { CompiledOn } from "./compiled-on.ts";
import type { AsyncEngineApi } from "./engine-api.ts";
import {
  BatchSchedule,
  CHUNK_BATCHES,
  checkRunOptions,
  checkSecurityRunOptions,
  type EnginePool,
  isConverged,
  isPrecise,
  PROGRESS_INTERVAL_MS,
  type Progress,
  type RunOptions,
  type RunProgress,
  type SecurityProgress,
  type SecurityRunOptions,
} from "./schedule.ts";

/** One started worker as the pool sees it. */
export interface PoolWorker {
  /** The worker's engine API (comlink's `Remote` of it, or direct calls). */
  readonly api: AsyncEngineApi;
  terminate(): void;
  /** Node: keep the process alive only while a run needs this worker. */
  setBusy?(isBusy: boolean): void;
}

/** The independent kinds of run; the pool holds at most one of each. */
type Slot = "reliability" | "security" | "sweep";

interface ActiveRun<V> {
  readonly id: number;
  isActive: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  schedule: { stop(): void } | undefined;
  /** Resolve (undefined: ended by a newer run or a cancel) or reject, once. */
  readonly settle: (outcome: { value: V | undefined } | { error: unknown }) => void;
}

/** One batched Monte Carlo run: its budget and how to run, merge and summarise its tallies. */
interface BatchedRun<T, R> {
  revision: number;
  trials: number;
  total: T;
  merge(into: T, from: T): void;
  trialsOf(tally: T): number;
  /** Trials per batch (the reliability engine's when not given). */
  batchTrials?: number;
  summarize(total: T): R;
  /** When given, checked after every merged batch: the run stops as soon as it holds. */
  isConverged?: (result: R) => boolean;
  /** isConverged from the merged tally alone, where that is cheaper than a summary (the same answer). */
  isTallyConverged?: (total: T) => boolean;
  runBatches(api: AsyncEngineApi, batches: number[]): Promise<T[]>;
}

/** A pool over started workers; `fail` ends every current run and every later one (a worker died). */
export class WorkerPool implements EnginePool {
  private runs = 0;
  private readonly active: { [S in Slot]?: ActiveRun<never> } = {};
  private readonly reliabilityModels: CompiledOn<CompiledModel>;
  private readonly securityModels: CompiledOn<CompiledSecurity>;
  private broken: Error | undefined;
  private isDisposed = false;

  constructor(
    private readonly workers: PoolWorker[],
    private readonly chunkBatches = CHUNK_BATCHES,
  ) {
    if (workers.length === 0) throw new Error("a pool needs at least one worker");
    this.reliabilityModels = new CompiledOn(workers.length);
    this.securityModels = new CompiledOn(workers.length);
  }

  get size(): number {
    return this.workers.length;
  }

  runReliability(
    model: Model,
    options: RunOptions,
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress | undefined> {
    return this.begin<RunProgress>("reliability", checkRunOptions(options), async (run) => {
      const { revision, trials, seed, targetHalfWidth } = options;
      const compiled = await this.reliabilityModels.ensure(
        this.workers,
        String(revision),
        model,
        (api) => api.compile(revision, model),
        (api) => api.compiledModel(revision),
      );
      if (!run.isActive) return;
      await this.runBatched(
        run,
        {
          revision,
          trials,
          total: createReliabilityTally(compiled),
          merge: mergeReliabilityTally,
          trialsOf: (tally) => tally.trials,
          summarize: (total) => summarizeReliability(compiled, total, seed),
          ...(targetHalfWidth === undefined
            ? {}
            : {
                isConverged: (result) => isConverged(result, targetHalfWidth),
                isTallyConverged: (total: ReliabilityTally) => {
                  const { widestHalfWidth, unusableKw } = reliabilityPrecision(compiled, total);
                  return isPrecise(widestHalfWidth, unusableKw, targetHalfWidth);
                },
              }),
          runBatches: (api, batches) => api.runBatches({ revision, seed, trials, batches }),
        },
        onProgress,
      );
    });
  }

  runSecurity(
    model: Model,
    options: SecurityRunOptions,
    onProgress: (p: SecurityProgress) => void,
  ): Promise<SecurityProgress | undefined> {
    return this.begin<SecurityProgress>("security", checkSecurityRunOptions(options), async (run) => {
      const { revision, trials, seed, horizonDays } = options;
      const compiled = await this.securityModels.ensure(
        this.workers,
        `${revision}@${horizonDays}`,
        model,
        (api) => api.compileSecurity(revision, horizonDays, model),
        (api) => api.compiledSecurity(revision, horizonDays),
      );
      if (!run.isActive) return;
      await this.runBatched(
        run,
        {
          revision,
          trials,
          total: createSecurityTally(compiled),
          merge: mergeSecurityTally,
          trialsOf: (tally) => tally.trials,
          batchTrials: SECURITY_BATCH_TRIALS,
          summarize: (total) => summarizeSecurity(compiled, total, seed),
          isConverged: isSecurityPrecise,
          runBatches: (api, batches) =>
            api.runSecurityBatches({ revision, horizonDays, seed, trials, batches }),
        },
        onProgress,
      );
    });
  }

  runSweep(
    model: Model,
    id: string,
    max: number,
    onRow: (row: SweepRow) => void,
  ): Promise<SweepRow[] | undefined> {
    let problem: string | undefined;
    if (!model.components.some((c) => c.id === id)) problem = `no component "${id}" to replicate`;
    else if (!Number.isSafeInteger(max) || max < 1) problem = `max must be a whole number ≥ 1 (got ${max})`;
    return this.begin<SweepRow[]>("sweep", problem, async (run) => {
      const back = new Map<number, SweepRow>();
      const rows: SweepRow[] = [];
      let next = 1;
      const pump = async (worker: PoolWorker) => {
        while (next <= max) {
          const n = next++;
          const { trials, securityTrials } = sweepTrials(model, id, n);
          const row = await worker.api.sweepRow(model, id, n, trials, securityTrials);
          if (!run.isActive) return;
          back.set(n, row);
          // deliver in N order whatever order the workers answer in
          for (let ready = back.get(rows.length + 1); ready; ready = back.get(rows.length + 1)) {
            back.delete(ready.n);
            rows.push(ready);
            onRow(ready);
          }
        }
      };
      await Promise.all(this.workers.map(pump));
      if (run.isActive) run.settle({ value: rows });
    });
  }

  cancel(): void {
    this.end("reliability");
  }

  cancelSecurity(): void {
    this.end("security");
  }

  /** End every current run with `error` and refuse later runs (a worker crashed). */
  fail(error: Error): void {
    this.broken ??= error;
    for (const run of Object.values(this.active)) run?.settle({ error });
  }

  dispose(): void {
    for (const slot of Object.keys(this.active) as Slot[]) this.end(slot);
    this.isDisposed = true;
    for (const w of this.workers) w.terminate();
  }

  private end(slot: Slot): void {
    this.active[slot]?.settle({ value: undefined });
  }

  /** End the slot's current run, then start `body` as its new run (unless the pool cannot run). */
  private begin<V>(
    slot: Slot,
    problem: string | undefined,
    body: (run: ActiveRun<V>) => Promise<void>,
  ): Promise<V | undefined> {
    this.end(slot);
    if (this.isDisposed) return Promise.reject(new Error("the engine pool has been disposed"));
    if (this.broken) return Promise.reject(this.broken);
    if (problem) return Promise.reject(new RangeError(problem));

    return new Promise<V | undefined>((resolve, reject) => {
      const run: ActiveRun<V> = {
        id: ++this.runs,
        isActive: true,
        timer: undefined,
        schedule: undefined,
        settle: (outcome) => {
          if (!run.isActive) return;
          run.isActive = false;
          if (run.timer !== undefined) clearTimeout(run.timer);
          run.schedule?.stop();
          if (this.active[slot] === run) this.active[slot] = undefined;
          this.markBusy();
          if ("error" in outcome) reject(outcome.error);
          else resolve(outcome.value);
        },
      };
      this.active[slot] = run;
      this.markBusy();
      body(run)
        .then(() => {
          if (run.isActive) throw new Error(`run ${run.id} stopped with work missing (a bug)`);
        })
        .catch((error: unknown) => run.settle({ error }));
    });
  }

  /** Node: the workers keep the process alive while any run is going. */
  private markBusy(): void {
    const isBusy = Object.values(this.active).some((run) => run !== undefined);
    for (const w of this.workers) w.setBusy?.(isBusy);
  }

  /**
   * Fan the run's batches out over every worker, merge them in batch order, report progress about
   * every 100 ms and at the end, and stop at the budget or once converged (checked after every
   * merged batch, so where a run stops does not depend on timing).
   */
  private async runBatched<T, R>(
    run: ActiveRun<Progress<R>>,
    spec: BatchedRun<T, R>,
    onProgress: (p: Progress<R>) => void,
  ): Promise<void> {
    const { revision, trials } = spec;
    const schedule = new BatchSchedule<T>(
      trials,
      spec.total,
      spec.merge,
      spec.trialsOf,
      this.chunkBatches,
      undefined,
      spec.batchTrials,
    );
    run.schedule = schedule;

    let summarized: { merged: number; result: R } | undefined;
    const summarize = () => {
      if (summarized?.merged !== schedule.merged) {
        summarized = { merged: schedule.merged, result: spec.summarize(schedule.total) };
      }
      return summarized.result;
    };
    const progress = (converged: boolean, done: boolean): Progress<R> => ({
      revision,
      trialsDone: schedule.trialsDone,
      trialsTarget: trials,
      converged,
      done,
      result: summarize(),
    });
    const finish = (converged: boolean) => {
      const final = progress(converged, true);
      onProgress(final);
      run.settle({ value: final });
    };

    let lastReportMs: number | undefined;
    let lastReportedTrials = -1;
    const report = () => {
      lastReportMs = performance.now();
      // nothing merged since the last report: nothing new to show
      if (schedule.trialsDone === lastReportedTrials) return;
      lastReportedTrials = schedule.trialsDone;
      onProgress(progress(false, false));
    };
    const reportSoon = () => {
      const sinceMs =
        lastReportMs === undefined ? Number.POSITIVE_INFINITY : performance.now() - lastReportMs;
      if (sinceMs >= PROGRESS_INTERVAL_MS) report();
      else if (run.timer === undefined) {
        run.timer = setTimeout(() => {
          run.timer = undefined;
          if (run.isActive) report();
        }, PROGRESS_INTERVAL_MS - sinceMs);
      }
    };

    // the precision checked after every merged batch: from the tally where the spec can (a
    // summary of a 20,000-component model takes seconds), else from the summary
    const converged = () =>
      spec.isTallyConverged
        ? spec.isTallyConverged(schedule.total)
        : (spec.isConverged?.(summarize()) ?? false);
    const advance = () => {
      let hasAdvanced = false;
      while (schedule.mergeNext() !== undefined) {
        hasAdvanced = true;
        if (converged()) {
          finish(true);
          return;
        }
      }
      if (schedule.isComplete) finish(converged());
      else if (hasAdvanced) reportSoon();
    };

    const pump = async (worker: PoolWorker) => {
      for (;;) {
        const batches = schedule.takeChunk();
        if (batches.length === 0) return;
        const tallies = await spec.runBatches(worker.api, batches);
        if (!run.isActive) return;
        batches.forEach((batch, i) => {
          schedule.accept(batch, tallies[i]);
        });
        advance();
      }
    };
    await Promise.all(this.workers.map(pump));
  }
}
