/**
 * The worker pool's orchestration, shared by the browser pool, the Node pool and the in-process
 * pool (SPEC §7). Each worker compiles a model once per revision; batches go out in order, a small
 * chunk per request; tallies are merged in batch order (`BatchSchedule`), so numbers do not depend
 * on the pool size or on timing. One run at a time: a new run or `cancel()` ends the current one,
 * and a reply that arrives for a run that is no longer current is dropped (each request belongs to
 * the run that made it, and checks that run is still the active one before touching anything).
 */
import {
  type CompiledModel,
  createReliabilityTally,
  mergeReliabilityTally,
  type ReliabilityTally,
  summarizeReliability,
} from "../src/engine/index.ts";
import type { ReliabilityResult } from "../src/engine/types.ts";
import type { Model } from "../src/model/schema.ts";
import type { AsyncEngineApi } from "./engine-api.ts";
import {
  BatchSchedule,
  CHUNK_BATCHES,
  checkRunOptions,
  type EnginePool,
  isConverged,
  PROGRESS_INTERVAL_MS,
  type RunOptions,
  type RunProgress,
} from "./schedule.ts";

/** One started worker as the pool sees it. */
export interface PoolWorker {
  /** The worker's engine API (comlink's `Remote` of it, or direct calls). */
  readonly api: AsyncEngineApi;
  terminate(): void;
  /** Node: keep the process alive only while a run needs this worker. */
  setBusy?(isBusy: boolean): void;
}

interface ActiveRun {
  readonly id: number;
  isActive: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  schedule: BatchSchedule<ReliabilityTally> | undefined;
  settle(outcome: { progress: RunProgress | undefined } | { error: unknown }): void;
}

/** A pool over started workers; `fail` ends the current run and every later one (a worker died). */
export class WorkerPool implements EnginePool {
  private runs = 0;
  private current: ActiveRun | undefined;
  /** What each worker has compiled: its revision and the model object it came from. */
  private readonly compiledOn: ({ revision: number; model: Model } | undefined)[];
  private summary: { revision: number; model: Model; compiled: Promise<CompiledModel> } | undefined;
  private broken: Error | undefined;
  private isDisposed = false;

  constructor(
    private readonly workers: PoolWorker[],
    private readonly chunkBatches = CHUNK_BATCHES,
  ) {
    if (workers.length === 0) throw new Error("a pool needs at least one worker");
    this.compiledOn = workers.map(() => undefined);
  }

  get size(): number {
    return this.workers.length;
  }

  runReliability(
    model: Model,
    options: RunOptions,
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress | undefined> {
    this.cancel();
    if (this.isDisposed) return Promise.reject(new Error("the engine pool has been disposed"));
    if (this.broken) return Promise.reject(this.broken);
    const problem = checkRunOptions(options);
    if (problem) return Promise.reject(new RangeError(problem));

    return new Promise<RunProgress | undefined>((resolve, reject) => {
      const run: ActiveRun = {
        id: ++this.runs,
        isActive: true,
        timer: undefined,
        schedule: undefined,
        settle: (outcome) => {
          if (!run.isActive) return;
          run.isActive = false;
          if (run.timer !== undefined) clearTimeout(run.timer);
          run.schedule?.stop();
          if (this.current === run) this.current = undefined;
          for (const w of this.workers) w.setBusy?.(false);
          if ("error" in outcome) reject(outcome.error);
          else resolve(outcome.progress);
        },
      };
      this.current = run;
      for (const w of this.workers) w.setBusy?.(true);
      this.start(run, model, options, onProgress).catch((error: unknown) => run.settle({ error }));
    });
  }

  cancel(): void {
    this.current?.settle({ progress: undefined });
  }

  /** End the current run with `error` and refuse later runs (a worker crashed). */
  fail(error: Error): void {
    this.broken ??= error;
    this.current?.settle({ error });
  }

  dispose(): void {
    this.cancel();
    this.isDisposed = true;
    for (const w of this.workers) w.terminate();
  }

  private async start(
    run: ActiveRun,
    model: Model,
    options: RunOptions,
    onProgress: (p: RunProgress) => void,
  ): Promise<void> {
    const compiled = await this.compile(model, options.revision);
    if (!run.isActive) return;
    const { revision, trials, seed, targetHalfWidth } = options;
    const schedule = new BatchSchedule<ReliabilityTally>(
      trials,
      createReliabilityTally(compiled),
      mergeReliabilityTally,
      (tally) => tally.trials,
      this.chunkBatches,
    );
    run.schedule = schedule;

    let summarized: { merged: number; result: ReliabilityResult } | undefined;
    const summarize = () => {
      if (summarized?.merged !== schedule.merged) {
        summarized = {
          merged: schedule.merged,
          result: summarizeReliability(compiled, schedule.total, seed),
        };
      }
      return summarized.result;
    };
    const progress = (converged: boolean, done: boolean): RunProgress => ({
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
      run.settle({ progress: final });
    };

    let lastReportMs: number | undefined;
    const report = () => {
      lastReportMs = performance.now();
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

    /** Merge what is contiguous; convergence is checked after every batch, so the stop is deterministic. */
    const advance = () => {
      let hasAdvanced = false;
      while (schedule.mergeNext() !== undefined) {
        hasAdvanced = true;
        if (targetHalfWidth !== undefined && isConverged(summarize(), targetHalfWidth)) {
          finish(true);
          return;
        }
      }
      if (schedule.isComplete) finish(isConverged(summarize(), targetHalfWidth));
      else if (hasAdvanced) reportSoon();
    };

    const pump = async (worker: PoolWorker) => {
      for (;;) {
        const batches = schedule.takeChunk();
        if (batches.length === 0) return;
        const tallies = await worker.api.runBatches({ revision, seed, trials, batches });
        if (!run.isActive) return;
        batches.forEach((batch, i) => {
          schedule.accept(batch, tallies[i]);
        });
        advance();
      }
    };
    await Promise.all(this.workers.map(pump));
    if (run.isActive) throw new Error(`run ${run.id} stopped with batches missing (a bug)`);
  }

  /** Compile on every worker that does not hold this revision yet; resolves with the compiled model. */
  private async compile(model: Model, revision: number): Promise<CompiledModel> {
    const pending: Promise<void>[] = [];
    this.workers.forEach((w, i) => {
      const held = this.compiledOn[i];
      if (held?.revision === revision && held.model === model) return;
      this.compiledOn[i] = { revision, model };
      pending.push(
        w.api.compile(revision, model).catch((error: unknown) => {
          this.compiledOn[i] = undefined;
          throw error;
        }),
      );
    });
    if (this.summary?.revision !== revision || this.summary.model !== model) {
      this.summary = { revision, model, compiled: this.workers[0].api.compiledModel(revision) };
    }
    const summary = this.summary;
    try {
      const [compiled] = await Promise.all([summary.compiled, ...pending]);
      return compiled;
    } catch (error) {
      if (this.summary === summary) this.summary = undefined;
      throw error;
    }
  }
}
