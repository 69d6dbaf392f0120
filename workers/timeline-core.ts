/**
 * The timeline run behind the worker (SPEC §11), pure enough to test in Node: one run at a time,
 * advanced in slices of about PROGRESS_INTERVAL_MS of work so a `begin` or `cancel` between two
 * slices ends it at once (comlink serves one call at a time: the next call waits a slice at most).
 * The page pulls slices (`step`) and draws each one's result so far; a stale run id gets nothing.
 */
import {
  startTimeline,
  type TimelineOptions,
  type TimelineResult,
  type TimelineRun,
} from "../src/engine/index.ts";
import type { Model } from "../src/model/schema.ts";
import { PROGRESS_INTERVAL_MS } from "./schedule.ts";

/** Simulated minutes per `advance` call inside a slice: short enough to check the clock often. */
export const STEP_MINUTES = 15;

/** One slice of a run: the result so far (every bin up to the simulated time). */
export interface TimelineSlice {
  run: number;
  /** Share of the horizon simulated, 0–1. */
  progress: number;
  done: boolean;
  result: TimelineResult;
  /** Wall-clock milliseconds this slice took. */
  elapsedMs: number;
}

/** One run at a time; a newer `begin` or `cancel` ends the one before. */
export class TimelineRunner {
  private current: { id: number; run: TimelineRun } | undefined;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Start run `id` of `model` (throws the engine's error for bad options, e.g. a horizon over its limit). */
  begin(id: number, model: Model, options: TimelineOptions): void {
    this.current = undefined;
    this.current = { id, run: startTimeline(model, options) };
  }

  /** Advance run `id` for about `budgetMs`; undefined when it was cancelled or replaced. */
  step(id: number, budgetMs: number = PROGRESS_INTERVAL_MS): TimelineSlice | undefined {
    const current = this.current;
    if (current?.id !== id) return undefined;
    const start = this.clock();
    let isRunning = true;
    do isRunning = current.run.advance(STEP_MINUTES);
    while (isRunning && this.clock() - start < budgetMs);
    if (!isRunning) this.current = undefined;
    return {
      run: id,
      progress: current.run.progress(),
      done: !isRunning,
      result: current.run.result(),
      elapsedMs: this.clock() - start,
    };
  }

  /** End the current run (its next `step` returns undefined). */
  cancel(): void {
    this.current = undefined;
  }
}
