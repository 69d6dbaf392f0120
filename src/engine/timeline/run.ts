/**
 * The time-domain simulation's driver (SPEC §11): compile, start every process at its stationary
 * state, then pop events in time order, closing a bin whenever the clock passes a bin's end.
 * `startTimeline` hands back a run that advances by slices of simulated time (a worker streams
 * them); `runTimeline` runs to the horizon. Pure and seeded: the same model, options and seed give
 * the same run.
 */
import type { Model } from "../../model/index.ts";
import { compileTimeline } from "./compile.ts";
import {
  recompute,
  startComponents,
  toggleCause,
  toggleComponent,
  toggleDegraded,
  toggleIncident,
  toggleUnit,
} from "./components.ts";
import { Detector } from "./detect.ts";
import { Attempts, appAnswered, arrival, hopAnswered, startDrivers } from "./drivers.ts";
import {
  EV_BASE_ARRIVAL,
  EV_COMMON_CAUSE,
  EV_COMPONENT,
  EV_DEGRADED,
  EV_DELIVER,
  EV_DRIVER,
  EV_HEARTBEAT,
  EV_INCIDENT,
  EV_JOB_ARRIVE,
  EV_RECHECK,
  EV_SEND,
  EV_SERVICE_DONE,
  EV_TIMEOUT,
  EV_UNIT,
} from "./events.ts";
import { deliver, pushDone } from "./perception.ts";
import {
  arrive,
  baseArrival,
  complete,
  send,
  startBaseLoad,
  startMetastability,
  timeout,
} from "./requests.ts";
import { buildResult } from "./result.ts";
import { Recorder } from "./series.ts";
import { CALL_APP, CALL_BOOT, CALL_DRIVER, CALL_HEARTBEAT, CALL_PUSH, Sim } from "./sim.ts";
import { heartbeat, reconnectStorm, siteMessageDone, startHeartbeats } from "./traffic.ts";
import type { TimelineOptions, TimelineResult, TimelineRun } from "./types.ts";

/** Start a run of `model` (throws TimelineError on bad options or incidents); advance it by slices. */
export function startTimeline(model: Model, options: TimelineOptions): TimelineRun {
  const cp = compileTimeline(model, options);
  const sim = new Sim(cp, options.seed);
  const recorder = new Recorder(sim);
  const attempts = new Attempts();
  const detector = new Detector(sim);
  startMetastability(sim, detector.lastEnd);
  const isCsms = new Uint8Array(cp.n);
  for (const i of cp.siteCsms) if (i >= 0) isCsms[i] = 1;
  sim.onCallDone = (kind, owner, ok, ownerTag) => {
    if (kind === CALL_DRIVER) hopAnswered(sim, owner, ok, attempts, recorder);
    else if (kind === CALL_PUSH) pushDone(sim, owner, ownerTag, ok);
    else if (kind === CALL_APP) appAnswered(sim, owner, ok, attempts, recorder);
    else if (kind === CALL_HEARTBEAT || kind === CALL_BOOT)
      siteMessageDone(sim, owner, ok, kind === CALL_HEARTBEAT);
  };
  startComponents(sim);
  const sites = startHeartbeats(sim);
  sim.onRestored = (i) => {
    if (isCsms[i]) reconnectStorm(sim, sites, i);
  };
  startBaseLoad(sim);
  startDrivers(sim);
  let clock = 0;

  const step = (until: number) => {
    const { agenda } = sim;
    let binEnd = Math.min(cp.horizonSeconds, (sim.bin + 1) * cp.binSeconds);
    for (;;) {
      const t = agenda.peekTime();
      if (t >= binEnd && binEnd <= until && sim.bin < cp.bins) {
        sim.now = binEnd;
        recorder.close(sim, sim.bin, binEnd, binEnd - sim.bin * cp.binSeconds);
        sim.bin++;
        binEnd = Math.min(cp.horizonSeconds, (sim.bin + 1) * cp.binSeconds);
        continue;
      }
      if (t >= until) break;
      agenda.pop();
      const kind = agenda.poppedKind;
      const argument = agenda.poppedArgument;
      const tag = agenda.poppedTag;
      sim.now = t;
      sim.events++;
      switch (kind) {
        case EV_COMPONENT:
          toggleComponent(sim, argument);
          break;
        case EV_DEGRADED:
          toggleDegraded(sim, argument);
          break;
        case EV_UNIT:
          toggleUnit(sim, argument);
          break;
        case EV_COMMON_CAUSE:
          toggleCause(sim, argument);
          break;
        case EV_INCIDENT:
          toggleIncident(sim, argument, tag === 1);
          break;
        case EV_RECHECK:
          recompute(sim, false);
          break;
        case EV_DELIVER:
          deliver(sim, argument, tag);
          break;
        case EV_BASE_ARRIVAL:
          baseArrival(sim, argument);
          break;
        case EV_JOB_ARRIVE:
          arrive(sim, argument);
          break;
        case EV_SERVICE_DONE:
          complete(sim, argument, recorder);
          break;
        case EV_TIMEOUT:
          if (detector.pending > 0 && sim.callTag[argument] === tag) {
            const provider = sim.callProvider[argument];
            const j = sim.callLink[argument];
            // the caller: the link's consumer, or for a push its sender (the link's provider)
            const caller =
              j < 0 ? -1 : sim.callKind[argument] === CALL_PUSH ? cp.c.linkTo[j] : cp.c.linkFrom[j];
            timeout(sim, argument, tag, recorder);
            // a synthetic monitor sees the timeouts of calls to its component and of its own calls
            detector.timedOut(sim, provider, caller);
          } else timeout(sim, argument, tag, recorder);
          break;
        case EV_SEND:
          send(sim, argument, tag);
          break;
        case EV_HEARTBEAT:
          heartbeat(sim, argument);
          break;
        case EV_DRIVER:
          arrival(sim, argument, attempts, recorder);
          break;
      }
      if (detector.pending > 0 && kind <= EV_RECHECK) detector.check(sim);
    }
    sim.now = until;
    clock = until;
  };

  return {
    advance(minutes: number): boolean {
      if (clock < cp.horizonSeconds) step(Math.min(cp.horizonSeconds, clock + Math.max(0, minutes) * 60));
      return clock < cp.horizonSeconds;
    },
    result(): TimelineResult {
      return buildResult(sim, recorder, detector, options, clock);
    },
    progress(): number {
      return clock / cp.horizonSeconds;
    },
  };
}

/** Run `model` over the whole horizon (SPEC §11) and return the result. */
export function runTimeline(model: Model, options: TimelineOptions): TimelineResult {
  const run = startTimeline(model, options);
  while (run.advance(Number.POSITIVE_INFINITY));
  return run.result();
}
