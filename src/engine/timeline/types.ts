/**
 * The time-domain simulation's input options and result (SPEC §11). The result is the CLI's
 * `seams timeline --json` document as it is; the UI reads the same object streamed from a worker.
 */

/** What a run simulates: the horizon, the seed, which incidents and which series. */
export interface TimelineOptions {
  hours: number;
  seed: number;
  /** Ids of the model's incidents to run; absent = all of them. */
  incidents?: readonly string[];
  /** Component and viewer ids whose series are reported; absent = SPEC §11's default selection. */
  series?: readonly string[];
}

/** Per-bin series; `null` where a bin has nothing to measure (no attempt, no request). */
export interface TimelineSeries {
  /** Units truly able to charge, per bin (all sites). */
  trueAvailable: number[];
  /** Units shown available, per viewer id (a CSMS, hub or app), per bin. */
  shown: Record<string, number[]>;
  /** Start success over the rolling 15 minutes ending at the bin (share of attempts). */
  ftcsr: (number | null)[];
  /** Demand success in the bin (share of intended visits that charged). */
  demandSuccess: (number | null)[];
  /** Offered requests per second (arrivals including retries), per component id. */
  load: Record<string, number[]>;
  /** Served requests per second, per component id. */
  served: Record<string, number[]>;
  /** 95th percentile response time in ms, per component id. */
  latencyP95Ms: Record<string, (number | null)[]>;
  /** Mean queue length (waiting requests), per component id. */
  queue: Record<string, number[]>;
  /** Caller timeouts per bin, per component id (the provider). */
  timeouts: Record<string, number[]>;
  /** Mean age in minutes of the status a viewer shows, per viewer id. */
  staleMinutes: Record<string, number[]>;
}

/** One component over the whole run. */
export interface TimelineComponent {
  downFraction: number;
  meanResponseMs: number | null;
  p95ResponseMs: number | null;
  timeouts: number;
  /** Offered load above capacity in every minute 30–60 after its last incident ended; null when not measurable. */
  metastable: boolean | null;
}

/** One incident: minutes from its start to the first red dashboard and to recovery (null = never). */
export interface TimelineIncident {
  detectMinutes: number | null;
  recoverMinutes: number | null;
}

/** The run's result (SPEC §11 JSON). */
export interface TimelineResult {
  hours: number;
  seed: number;
  binMinutes: number;
  /** Each bin's start in minutes from 00:00 on day one. */
  minutes: number[];
  series: TimelineSeries;
  components: Record<string, TimelineComponent>;
  incidents: Record<string, TimelineIncident>;
  summary: {
    ftcsr: number | null;
    demandSuccess: number | null;
    reportedUptime: number;
    /** Unit-minutes shown available by some viewer while unable to charge. */
    phantomMinutes: number;
    /** Unit-minutes able to charge while the operators' feed showed them unavailable (the other side of phantom). */
    hiddenMinutes: number;
  };
  /** Events processed (for the events/s figure). */
  events: number;
}

/** A run in progress (SPEC §11: streamed in time slices, never blocking for long). */
export interface TimelineRun {
  /** Simulate up to `minutes` more simulated minutes; true while the horizon is not reached. */
  advance(minutes: number): boolean;
  /** The result so far: bins up to the current time. */
  result(): TimelineResult;
  /** Share of the horizon simulated, 0..1. */
  progress(): number;
}
