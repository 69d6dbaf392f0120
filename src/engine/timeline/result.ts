/**
 * The run's result so far (SPEC §11 JSON): the series of the closed bins, per component figures,
 * per incident detection and recovery minutes, and the summary. Recovery: the first time after the
 * incident's end from which every selected series is back inside its pre-incident 95 % band over
 * 30 minutes (see `recovery`).
 */
import { RECOVERY_MINUTES, ROLLING_MINUTES } from "./defaults.ts";
import type { Detector } from "./detect.ts";
import type { Recorder } from "./series.ts";
import { G_FEED, G_HIDDEN, G_PHANTOM, type Sim } from "./sim.ts";
import type { TimelineComponent, TimelineOptions, TimelineResult, TimelineSeries } from "./types.ts";

/** Bins needed before an incident to know its band. */
const MIN_BAND_BINS = 5;

// an integer (most counts and levels) rounds to itself; + 0 turns −0 into 0 as toFixed does
const round = (x: number, digits = 4) => (Number.isInteger(x) ? x + 0 : Number(x.toFixed(digits)));
const list = (a: Float64Array, bins: number) => Array.from(a.subarray(0, bins), (x) => round(x));
const nullable = (a: Float64Array, bins: number) =>
  Array.from(a.subarray(0, bins), (x) => (Number.isNaN(x) ? null : round(x)));

/** Build the result of the first `bins` closed bins at clock `clock` (seconds). */
export function buildResult(
  sim: Sim,
  rec: Recorder,
  detector: Detector,
  options: TimelineOptions,
  clock: number,
): TimelineResult {
  const { cp } = sim;
  const c = cp.c;
  const bins = sim.bin;
  const binMinutes = cp.binSeconds / 60;
  const ids = c.componentIds;
  const window = Math.max(1, Math.ceil(ROLLING_MINUTES / binMinutes));
  const ftcsr: (number | null)[] = [];
  const demandSuccess: (number | null)[] = [];
  for (let b = 0; b < bins; b++) {
    let attempts = 0;
    let successes = 0;
    for (let x = Math.max(0, b - window + 1); x <= b; x++) {
      attempts += rec.attempts[x];
      successes += rec.successes[x];
    }
    ftcsr.push(attempts === 0 ? null : round(successes / attempts));
    demandSuccess.push(rec.intended[b] === 0 ? null : round(rec.successes[b] / rec.intended[b]));
  }
  const byViewer = (arrays: Float64Array[]) =>
    Object.fromEntries(Array.from(cp.viewers, (v, k) => [ids[v], list(arrays[k], bins)]));
  const bySelected = (arrays: Float64Array[]) =>
    Object.fromEntries(Array.from(cp.selected, (i, s) => [ids[i], list(arrays[s], bins)]));
  const series: TimelineSeries = {
    trueAvailable: list(rec.trueAvailable, bins),
    shown: byViewer(rec.shown),
    ftcsr,
    demandSuccess,
    load: bySelected(rec.load),
    served: bySelected(rec.served),
    latencyP95Ms: Object.fromEntries(
      Array.from(cp.selected, (i, s) => [ids[i], nullable(rec.latencyP95Ms[s], bins)]),
    ),
    queue: bySelected(rec.queue),
    timeouts: bySelected(rec.timeouts),
    staleMinutes: byViewer(rec.staleMinutes),
  };

  const components: Record<string, TimelineComponent> = {};
  for (let i = 0; i < cp.n; i++) {
    const ongoing = sim.downSince[i] >= 0 ? clock - Math.max(0, sim.downSince[i]) : 0;
    const count = sim.responseCount[i];
    components[ids[i]] = {
      downFraction: clock > 0 ? round((sim.downSeconds[i] + ongoing) / clock, 6) : 0,
      meanResponseMs: count === 0 ? null : round((sim.responseSum[i] / count) * 1000, 2),
      p95ResponseMs: rec.runP95(i),
      timeouts: sim.timeouts[i],
      metastable: metastable(sim, i, clock),
    };
  }

  const incidents: TimelineResult["incidents"] = {};
  const recoveryBins = Math.ceil(RECOVERY_MINUTES / binMinutes);
  const watched: (number | null)[][] = [
    series.trueAvailable,
    ...Object.values(series.shown),
    ...Object.values(series.load),
    ...Object.values(series.queue),
    ...Object.values(series.latencyP95Ms),
  ];
  cp.incidentIds.forEach((id, k) => {
    const start = cp.incidentStart[k];
    const at = detector.detectedAt[k];
    incidents[id] = {
      detectMinutes: at < 0 ? null : round((at - start) / 60, 2),
      recoverMinutes: recovery(
        watched,
        Math.floor(start / cp.binSeconds),
        Math.ceil(cp.incidentEnd[k] / cp.binSeconds),
        bins,
        recoveryBins,
        binMinutes,
        start,
      ),
    };
  });

  sim.global.set(G_FEED, clock, sim.global.value[G_FEED]);
  sim.global.set(G_PHANTOM, clock, sim.global.value[G_PHANTOM]);
  sim.global.set(G_HIDDEN, clock, sim.global.value[G_HIDDEN]);
  const units = cp.unitStart[c.chargers.length];
  let attempts = 0;
  let successes = 0;
  let intended = 0;
  for (let b = 0; b < bins; b++) {
    attempts += rec.attempts[b];
    successes += rec.successes[b];
    intended += rec.intended[b];
  }
  return {
    hours: options.hours,
    seed: options.seed,
    binMinutes,
    minutes: Array.from({ length: bins }, (_, b) => b * binMinutes),
    series,
    components,
    incidents,
    summary: {
      ftcsr: attempts === 0 ? null : round(successes / attempts),
      demandSuccess: intended === 0 ? null : round(successes / intended),
      reportedUptime: units === 0 || clock === 0 ? 1 : round(sim.global.total[G_FEED] / (units * clock), 6),
      phantomMinutes: round(sim.global.total[G_PHANTOM] / 60, 1),
      hiddenMinutes: round(sim.global.total[G_HIDDEN] / 60, 1),
    },
    events: sim.events,
  };
}

/**
 * Offered load above capacity × servers in every minute 30–60 after the last incident touching
 * component i ended; null without a capacity, without such an incident, or before the window closes.
 */
function metastable(sim: Sim, i: number, clock: number): boolean | null {
  const { cp } = sim;
  const from = sim.metastableFrom[i];
  if (cp.capacityPerSecond[i] === 0 || from < 0) return null;
  const minutes = sim.metastableMinutes;
  if (clock < from + minutes * 60 || from + minutes * 60 > cp.horizonSeconds + 1e-9) return null;
  const limit = cp.capacityPerSecond[i] * cp.servers[i] * 60;
  for (let m = 0; m < minutes; m++) if (sim.metastableCounts[i * minutes + m] <= limit) return false;
  return true;
}

/**
 * Minutes from the incident's start to recovery: the first bin after its end from which every
 * watched series' mean over the next `hold` bins lies inside its pre-incident 95 % band (mean ± 1.96
 * standard deviations of its bins, at least ±1 % of the mean); null when never, or with too few
 * bins before the incident to know the band.
 */
function recovery(
  watched: (number | null)[][],
  startBin: number,
  endBin: number,
  bins: number,
  hold: number,
  binMinutes: number,
  startSeconds: number,
): number | null {
  if (startBin < MIN_BAND_BINS) return null;
  const bands = watched.map((s) => {
    let count = 0;
    let sum = 0;
    let squares = 0;
    for (let b = 0; b < startBin; b++) {
      const x = s[b];
      if (x === null) continue;
      count++;
      sum += x;
      squares += x * x;
    }
    const mean = count === 0 ? 0 : sum / count;
    const sd = count < 2 ? 0 : Math.sqrt(Math.max(0, (squares - count * mean * mean) / (count - 1)));
    return { count, mean, halfWidth: Math.max(1.96 * sd, 0.01 * Math.abs(mean), 1e-9) };
  });
  for (let b = endBin; b + hold <= bins; b++) {
    const inside = watched.every((s, k) => {
      if (bands[k].count === 0) return true;
      let count = 0;
      let sum = 0;
      for (let x = b; x < b + hold; x++) {
        const v = s[x];
        if (v === null) continue;
        count++;
        sum += v;
      }
      return count === 0 || Math.abs(sum / count - bands[k].mean) <= bands[k].halfWidth;
    });
    if (inside) return round((b * binMinutes * 60 - startSeconds) / 60, 1);
  }
  return null;
}
