/**
 * Browser worker for the time-domain simulation (SPEC §11): the page begins a run and pulls its
 * slices one by one (`step`), so the page never waits on a long run and an edit cancels it.
 */
import { expose } from "comlink";
import type { TimelineOptions } from "../src/engine/index.ts";
import { fromWire, type ModelOnWire } from "./model-wire.ts";
import { TimelineRunner } from "./timeline-core.ts";

const runner = new TimelineRunner();

const api = {
  begin(id: number, model: ModelOnWire, options: TimelineOptions): void {
    runner.begin(id, fromWire(model), options);
  },
  step(id: number) {
    return runner.step(id);
  },
  cancel(): void {
    runner.cancel();
  },
};

export type TimelineWorkerApi = typeof api;

expose(api);
