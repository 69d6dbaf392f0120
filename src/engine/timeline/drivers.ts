/**
 * Drivers in time (SPEC §10 in §11): each visit (population × site) is a Poisson stream at its
 * intended rate × a daily profile. A driver asks the app — a call served at the app when the app has
 * a capacity (its base load's timeout and retries; unanswered: the driver sees nothing and goes
 * elsewhere; patience counts from the attempt, after the lookup), else at once — and sees the site
 * when the app shows it at that moment (fresh: picks among the units reported available; stale:
 * among all), then attempts: site functional, the picked unit up, authorisation as real calls hop by hop along the visit's paths
 * (queued, timed out and retried like any call; a cached hop serves when its provider failed or
 * timed out, except for the real-time share), within the population's patience, and the start.
 */
import { HOP_CSMS_CACHE, KIND_CACHED_CLOSED, KIND_CACHED_OPEN, PART_CERTS } from "../compile/index.ts";
import { DAILY_PROFILE } from "./defaults.ts";
import { EV_DRIVER } from "./events.ts";
import { startCall } from "./requests.ts";
import type { Recorder } from "./series.ts";
import { CALL_APP, CALL_DRIVER, KNOW_FRESH, KNOW_UNKNOWN, type Sim } from "./sim.ts";

const PEAK = Math.max(...DAILY_PROFILE);

/** Attempts in flight (a small pool: visits are minutes apart). */
export class Attempts {
  visit: number[] = [];
  part: number[] = [];
  path: number[] = [];
  hop: number[] = [];
  realtime: boolean[] = [];
  started: number[] = [];
  /** The bin the driver arrived in (a success counts there, beside its intended visit). */
  bin: number[] = [];
  free: number[] = [];
}

/** Schedule each visit's first arrival. */
export function startDrivers(sim: Sim): void {
  const rates = sim.cp.visitPerSecond;
  for (let v = 0; v < rates.length; v++)
    if (rates[v] > 0) sim.agenda.push(sim.trafficRng.exponential(1 / (rates[v] * PEAK)), EV_DRIVER, v);
}

/** A candidate arrival of visit v (thinned to the hour's profile), then the next one. */
export function arrival(sim: Sim, v: number, attempts: Attempts, rec: Recorder): void {
  const { cp } = sim;
  const rng = sim.trafficRng;
  sim.agenda.push(sim.now + rng.exponential(1 / (cp.visitPerSecond[v] * PEAK)), EV_DRIVER, v);
  const hour = Math.floor(sim.now / 3600) % 24;
  if (rng.next() * PEAK >= DAILY_PROFILE[hour]) return;
  rec.intended[sim.bin] += 1;
  const app = cp.popApp[cp.c.drivers.visitPop[v]];
  if (cp.capacityPerSecond[app] > 0) {
    const a = newAttempt(attempts, v, sim.bin);
    startCall(sim, CALL_APP, a, cp.linkCount + app, app, -1, 0);
    return;
  }
  look(sim, v, sim.bin, attempts, rec);
}

function newAttempt(attempts: Attempts, v: number, bin: number): number {
  const a = attempts.free.pop() ?? attempts.visit.length;
  attempts.visit[a] = v;
  attempts.bin[a] = bin;
  return a;
}

/** The app answered driver a's lookup (ok), or never did: the driver sees nothing and goes elsewhere. */
export function appAnswered(sim: Sim, a: number, ok: boolean, attempts: Attempts, rec: Recorder): void {
  attempts.free.push(a);
  if (ok) look(sim, attempts.visit[a], attempts.bin[a], attempts, rec);
}

/** The driver of visit v (arrived in bin `bin`) reads what the app shows now and attempts, or not. */
function look(sim: Sim, v: number, bin: number, attempts: Attempts, rec: Recorder): void {
  const { cp } = sim;
  const rng = sim.trafficRng;
  const c = cp.c;
  const D = c.drivers;
  const ci = D.visitSite[v];
  const slot = D.visitSlot[v];
  const units = cp.unitStart[ci + 1] - cp.unitStart[ci];
  let know = KNOW_FRESH;
  let shown = sim.report[ci];
  if (slot >= 0) {
    const at = sim.slotStart[ci] + c.groupViewSlot[slot];
    know = sim.slotKnow[at];
    shown = know === KNOW_UNKNOWN ? 0 : sim.slotValue[at];
  }
  if (shown <= 0) return; // not shown: no attempt
  rec.attempts[bin] += 1;
  const site = c.chargers[ci];
  if (!sim.functional[site]) return;
  // fresh: one of the units reported available (every up unit reports); stale: any unit
  const pool = know === KNOW_FRESH ? units - sim.unitsLoud[ci] : units;
  if (pool <= 0 || rng.next() * pool >= sim.unitsUp[ci]) return;
  const a = newAttempt(attempts, v, bin);
  attempts.part[a] = D.visitPartStart[v];
  attempts.path[a] = -1;
  attempts.hop[a] = -1;
  attempts.realtime[a] = rng.next() < D.popRealtime[D.visitPop[v]];
  attempts.started[a] = sim.now;
  nextPart(sim, a, attempts, rec);
}

/** Whether cached link j serves its consumer now (fail-open always; fail-closed within the TTL). */
function cacheServes(sim: Sim, j: number): boolean {
  const c = sim.cp.c;
  if (c.kind[j] === KIND_CACHED_OPEN) return true;
  if (c.kind[j] !== KIND_CACHED_CLOSED) return false;
  const since = sim.linkOk[j] ? sim.now : sim.linkBadSince[j];
  return sim.now - since < c.ttlHours[j] * 3600;
}

function isRealtime(sim: Sim, a: number, attempts: Attempts): boolean {
  return attempts.realtime[a] && sim.cp.c.drivers.partKind[attempts.part[a]] !== PART_CERTS;
}

/** The attempt's current part is authorised: on to the next part, or the start. */
function nextPart(sim: Sim, a: number, attempts: Attempts, rec: Recorder): void {
  const D = sim.cp.c.drivers;
  const v = attempts.visit[a];
  if (attempts.path[a] >= 0) attempts.part[a]++;
  if (attempts.part[a] >= D.visitPartStart[v + 1]) {
    done(sim, a, attempts, rec, true);
    return;
  }
  attempts.path[a] = D.partPathStart[attempts.part[a]] - 1;
  nextPath(sim, a, attempts, rec);
}

/** Try the part's next path (none left: authorisation failed). */
function nextPath(sim: Sim, a: number, attempts: Attempts, rec: Recorder): void {
  const D = sim.cp.c.drivers;
  const q = attempts.part[a];
  attempts.path[a]++;
  if (attempts.path[a] >= D.partPathStart[q + 1]) {
    done(sim, a, attempts, rec, false);
    return;
  }
  attempts.hop[a] = D.pathHopStart[attempts.path[a]];
  walk(sim, a, attempts, rec);
}

/** Call the current hop's provider, or settle the hop at once when the provider has failed. */
function walk(sim: Sim, a: number, attempts: Attempts, rec: Recorder): void {
  const c = sim.cp.c;
  const D = c.drivers;
  const h = attempts.hop[a];
  if (h >= D.pathHopStart[attempts.path[a] + 1]) {
    nextPart(sim, a, attempts, rec);
    return;
  }
  const j = D.hopLink[h];
  const to = c.linkTo[j];
  if (!sim.functional[to] || sim.linkCut[j] > 0) {
    // a failed provider answers at once; a cache serves what it holds unless the token is real-time
    hopFailed(sim, a, attempts, rec);
    return;
  }
  startCall(sim, CALL_DRIVER, a, j, to, j, 0);
}

function hopFailed(sim: Sim, a: number, attempts: Attempts, rec: Recorder): void {
  const j = sim.cp.c.drivers.hopLink[attempts.hop[a]];
  if (!isRealtime(sim, a, attempts) && cacheServes(sim, j)) nextPart(sim, a, attempts, rec);
  else nextPath(sim, a, attempts, rec);
}

/** A hop's call ended (ok: answered; else every attempt timed out). */
export function hopAnswered(sim: Sim, a: number, ok: boolean, attempts: Attempts, rec: Recorder): void {
  const D = sim.cp.c.drivers;
  if (!ok) {
    hopFailed(sim, a, attempts, rec);
    return;
  }
  const h = attempts.hop[a];
  // the operator's token cache answers all but the real-time share once the CSMS is reached
  if (!isRealtime(sim, a, attempts) && (D.hopFlags[h] & HOP_CSMS_CACHE) !== 0) {
    nextPart(sim, a, attempts, rec);
    return;
  }
  attempts.hop[a] = h + 1;
  walk(sim, a, attempts, rec);
}

/** Authorisation ended: within patience and past the start failure, a success. */
function done(sim: Sim, a: number, attempts: Attempts, rec: Recorder, authorised: boolean): void {
  const D = sim.cp.c.drivers;
  const v = attempts.visit[a];
  attempts.free.push(a);
  if (!authorised) return;
  if ((sim.now - attempts.started[a]) * 1000 > D.popPatienceMs[D.visitPop[v]]) return; // too slow
  if (sim.trafficRng.next() < D.siteStartFailure[D.visitSite[v]]) return;
  rec.successes[attempts.bin[a]] += 1;
}
