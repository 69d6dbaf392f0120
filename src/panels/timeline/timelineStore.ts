/**
 * The timeline run's state (SPEC §11) and its lifecycle: a run in the timeline worker, pulled a
 * slice at a time (each slice's result drawn as it comes), cancelled by any edit of the model (a
 * result is only ever shown for the revision it was run on), and the player's position over it.
 * Not part of the document and not undone.
 */
import { type Remote, wrap } from "comlink";
import { create } from "zustand";
import { toWire } from "../../../workers/model-wire.ts";
import type { TimelineWorkerApi } from "../../../workers/timeline.worker.ts";
import type { TimelineView } from "../../analysis/timeline.ts";
import type { TimelineResult } from "../../engine/index.ts";
import type { Model } from "../../model/schema.ts";
import { useModelStore } from "../../store/model.ts";

/** Hours a run simulates unless the person picks another horizon (SPEC §11: 24 h). */
export const DEFAULT_HOURS = 24;

export interface TimelineState {
  status: "idle" | "running" | "done" | "failed";
  /** The model revision the result is of. */
  revision: number | undefined;
  result: TimelineResult | undefined;
  /** Share of the horizon simulated, 0–1. */
  progress: number;
  error: string | undefined;
  hours: number;
  /** The bin the canvas shows; undefined: the canvas shows the snapshot analysis. */
  bin: number | undefined;
  view: TimelineView;
  playing: boolean;
  /** Incident ids left out of the run (all others run). */
  skipped: string[];
}

/** The timeline's state: `useTimelineStore(select)`, `useTimelineStore.getState()`. */
export const useTimelineStore = create<TimelineState>(() => ({
  status: "idle",
  revision: undefined,
  result: undefined,
  progress: 0,
  error: undefined,
  hours: DEFAULT_HOURS,
  bin: undefined,
  view: { kind: "true" },
  playing: false,
  skipped: [],
}));

let worker: { api: Remote<TimelineWorkerApi>; terminate(): void } | undefined;
let runs = 0;
let stopWatching: (() => void) | undefined;

function timelineWorker(): Remote<TimelineWorkerApi> {
  if (!worker) {
    const w = new Worker(new URL("../../../workers/timeline.worker.ts", import.meta.url), { type: "module" });
    worker = { api: wrap<TimelineWorkerApi>(w), terminate: () => w.terminate() };
  }
  return worker.api;
}

/** Run the timeline of `model` at `revision`; slices stream into the store until done or cancelled. */
export async function startTimelineRun(model: Model, revision: number): Promise<void> {
  const id = ++runs;
  const { hours, skipped } = useTimelineStore.getState();
  const incidents = (model.incidents ?? []).map((x) => x.id).filter((x) => !skipped.includes(x));
  useTimelineStore.setState({
    status: "running",
    revision,
    result: undefined,
    progress: 0,
    error: undefined,
    bin: undefined,
    playing: false,
  });
  watchEdits(revision);
  const api = timelineWorker();
  try {
    // the model leaves as its text (built first); a run replaced meanwhile never leaves
    const wire = await toWire(model);
    if (id !== runs) return;
    await api.begin(id, wire, { hours, seed: model.settings.seed, incidents });
    for (;;) {
      const slice = await api.step(id);
      if (!slice || id !== runs) return;
      useTimelineStore.setState({
        result: slice.result,
        progress: slice.progress,
        status: slice.done ? "done" : "running",
      });
      if (slice.done) return;
    }
  } catch (error) {
    if (id !== runs) return;
    const message = error instanceof Error ? error.message : String(error);
    useTimelineStore.setState({ status: "failed", error: message });
  }
}

/** End the run in progress and forget the result (the canvas goes back to the snapshot analysis). */
export function cancelTimelineRun(): void {
  runs += 1;
  worker?.api.cancel();
  stopWatching?.();
  stopWatching = undefined;
  useTimelineStore.setState({
    status: "idle",
    revision: undefined,
    result: undefined,
    progress: 0,
    bin: undefined,
    playing: false,
  });
}

/** Any edit after `revision` cancels the run and clears its result: it is of another model. */
function watchEdits(revision: number): void {
  stopWatching?.();
  stopWatching = useModelStore.subscribe((s) => {
    if (s.revision !== revision) cancelTimelineRun();
  });
}

/** The player moves the canvas to bin `bin` (undefined: back to the snapshot analysis). */
export function showBin(bin: number | undefined): void {
  useTimelineStore.setState({ bin });
}
