/** The time-domain simulation (SPEC §11): incidents, delays, load and retries over hours to days. */
export { TimelineError } from "./compile.ts";
export { MAX_HORIZON_HOURS } from "./defaults.ts";
export { runTimeline, startTimeline } from "./run.ts";
export type {
  TimelineComponent,
  TimelineIncident,
  TimelineOptions,
  TimelineResult,
  TimelineRun,
  TimelineSeries,
} from "./types.ts";
