/**
 * Component states over time (SPEC §11): up/down renewal processes (exponential MTBF and MTTR,
 * silent per outage), degraded episodes, common causes holding their members down together,
 * incidents on their windows (worst-of: down > degraded > up; slow and capacity factors), charging
 * points; then "functional" as the snapshot's greatest fixed point (SPEC §3.4) where a cached
 * link serves until its provider's outage is older than the TTL.
 */
import { KIND_CACHED_CLOSED, KIND_CACHED_OPEN, KIND_HARD } from "../compile/index.ts";
import { EFFECT_CAPACITY, EFFECT_DEGRADED, EFFECT_DOWN, EFFECT_PARTITION, EFFECT_SLOW } from "./compile.ts";
import { EV_COMMON_CAUSE, EV_COMPONENT, EV_DEGRADED, EV_INCIDENT, EV_RECHECK, EV_UNIT } from "./events.ts";
import { evaluateCharger } from "./perception.ts";
import { serveQueue } from "./requests.ts";
import { G_REPORTED, G_TRUE, type Sim } from "./sim.ts";

/** Draw every process's state at t = 0 from its stationary distribution and schedule its next change. */
export function startComponents(sim: Sim): void {
  const { cp, agenda } = sim;
  const c = cp.c;
  for (let i = 0; i < cp.n; i++) {
    const rng = sim.componentRng[i];
    const up = cp.mtbfSeconds[i];
    const repair = cp.mttrSeconds[i];
    // stationary start: down with P = MTTR/(MTBF+MTTR); the remaining time is again exponential
    if (up === 0 || (up < Number.POSITIVE_INFINITY && rng.next() < repair / (up + repair))) {
      sim.renewalDown[i] = 1;
      sim.silent[i] = rng.next() < c.pSilent[i] ? 1 : 0;
      sim.failStart[i] = -rng.exponential(repair); // age of an ongoing outage ~ Exp(MTTR) (SPEC §3.1)
      if (up > 0) agenda.push(rng.exponential(repair), EV_COMPONENT, i);
    } else if (up < Number.POSITIVE_INFINITY) agenda.push(rng.exponential(up), EV_COMPONENT, i);
    const between = cp.betweenDegradedSeconds[i];
    if (between < Number.POSITIVE_INFINITY) {
      const episode = cp.degradedSeconds[i];
      const isDegraded = rng.next() < episode / (episode + between);
      sim.degradedEpisode[i] = isDegraded ? 1 : 0;
      agenda.push(rng.exponential(isDegraded ? episode : between), EV_DEGRADED, i);
    }
  }
  for (let k = 0; k < c.ccIds.length; k++) {
    const rng = sim.causeRng[k];
    const p = 1 - Math.exp(1 / c.ccInvLog[k]); // back from 1/ln(1 − p)
    const hold = c.ccMttr[k] * 3600;
    if (p <= 0 || hold <= 0) continue;
    if (rng.next() < p) {
      setCause(sim, k, 1);
      for (let q = c.ccStart[k]; q < c.ccStart[k + 1]; q++)
        sim.failStart[c.ccMember[q]] = -rng.exponential(hold);
      agenda.push(rng.exponential(hold), EV_COMMON_CAUSE, k);
    } else if (p < 1) agenda.push(rng.exponential((hold * (1 - p)) / p), EV_COMMON_CAUSE, k);
  }
  for (let ci = 0; ci < c.chargers.length; ci++) {
    const rng = sim.unitRng[ci];
    const up = cp.unitMtbfSeconds[ci];
    const repair = cp.unitMttrSeconds[ci];
    for (let u = cp.unitStart[ci]; u < cp.unitStart[ci + 1]; u++) {
      if (up === 0 || (up < Number.POSITIVE_INFINITY && rng.next() < repair / (up + repair))) {
        setUnit(sim, u, 1, rng.next() < c.drivers.siteUnitSilent[ci] ? 1 : 0);
        if (up > 0) agenda.push(rng.exponential(repair), EV_UNIT, u);
      } else if (up < Number.POSITIVE_INFINITY) agenda.push(rng.exponential(up), EV_UNIT, u);
    }
  }
  for (let k = 0; k < cp.incidentIds.length; k++) {
    if (cp.incidentStart[k] >= cp.horizonSeconds) continue;
    agenda.push(cp.incidentStart[k], EV_INCIDENT, k, 1);
    agenda.push(cp.incidentEnd[k], EV_INCIDENT, k, 0);
  }
  recompute(sim, true);
}

/** A component's renewal process changes state (up ↔ down). */
export function toggleComponent(sim: Sim, i: number): void {
  const rng = sim.componentRng[i];
  if (sim.renewalDown[i]) {
    sim.renewalDown[i] = 0;
    sim.agenda.push(sim.now + rng.exponential(sim.cp.mtbfSeconds[i]), EV_COMPONENT, i);
  } else {
    sim.renewalDown[i] = 1;
    sim.silent[i] = rng.next() < sim.cp.c.pSilent[i] ? 1 : 0;
    sim.agenda.push(sim.now + rng.exponential(sim.cp.mttrSeconds[i]), EV_COMPONENT, i);
  }
  recompute(sim, false);
}

/** A degraded episode starts or ends. */
export function toggleDegraded(sim: Sim, i: number): void {
  const rng = sim.componentRng[i];
  const isDegraded = sim.degradedEpisode[i] === 0;
  sim.degradedEpisode[i] = isDegraded ? 1 : 0;
  const mean = isDegraded ? sim.cp.degradedSeconds[i] : sim.cp.betweenDegradedSeconds[i];
  sim.agenda.push(sim.now + rng.exponential(mean), EV_DEGRADED, i);
  recompute(sim, false);
}

/** A common cause strikes (its members down together for Exp(longest member MTTR)) or clears. */
export function toggleCause(sim: Sim, k: number): void {
  const c = sim.cp.c;
  const rng = sim.causeRng[k];
  const hold = c.ccMttr[k] * 3600;
  const striking = sim.causeOn[k] === 0;
  setCause(sim, k, striking ? 1 : 0);
  const p = 1 - Math.exp(1 / c.ccInvLog[k]);
  // the alternating renewal whose long-run "on" share is the cause's probability p
  sim.agenda.push(sim.now + rng.exponential(striking ? hold : (hold * (1 - p)) / p), EV_COMMON_CAUSE, k);
  recompute(sim, false);
}

function setCause(sim: Sim, k: number, on: number): void {
  const c = sim.cp.c;
  sim.causeOn[k] = on;
  for (let q = c.ccStart[k]; q < c.ccStart[k + 1]; q++) sim.causesActive[c.ccMember[q]] += on ? 1 : -1;
}

/** A charging point fails (silent with its site's unit silent share) or is repaired. */
export function toggleUnit(sim: Sim, u: number): void {
  const { cp } = sim;
  const ci = cp.unitCharger[u];
  const rng = sim.unitRng[ci];
  if (sim.unitDown[u]) {
    setUnit(sim, u, 0, 0);
    sim.agenda.push(sim.now + rng.exponential(cp.unitMtbfSeconds[ci]), EV_UNIT, u);
  } else {
    setUnit(sim, u, 1, rng.next() < cp.c.drivers.siteUnitSilent[ci] ? 1 : 0);
    sim.agenda.push(sim.now + rng.exponential(cp.unitMttrSeconds[ci]), EV_UNIT, u);
  }
  updateCharger(sim, ci, false);
}

function setUnit(sim: Sim, u: number, isDown: number, isSilent: number): void {
  const ci = sim.cp.unitCharger[u];
  const sign = isDown ? 1 : -1;
  if (sim.unitDown[u] === isDown) return;
  sim.unitsUp[ci] -= sign;
  if (isDown ? isSilent === 0 : sim.unitSilent[u] === 0) sim.unitsLoud[ci] += sign;
  sim.unitDown[u] = isDown;
  sim.unitSilent[u] = isSilent;
}

/** An incident's window opens (tag 1) or closes (tag 0); overlapping ones combine worst-of. */
export function toggleIncident(sim: Sim, k: number, opening: boolean): void {
  const { cp } = sim;
  sim.incidentActive[k] = opening ? 1 : 0;
  const target = cp.incidentTarget[k];
  const sign = opening ? 1 : -1;
  switch (cp.incidentEffect[k]) {
    case EFFECT_DOWN:
      sim.incidentDown[target] += sign;
      if (opening && sim.down[target] === 0) sim.failStart[target] = sim.now;
      break;
    case EFFECT_DEGRADED:
      sim.incidentDegraded[target] += sign;
      break;
    case EFFECT_SLOW:
    case EFFECT_CAPACITY: {
      // worst-of among the incidents open on the target: the largest slowdown, the smallest capacity
      let slow = 1;
      let capacity = 1;
      for (let x = 0; x < cp.incidentIds.length; x++) {
        if (!sim.incidentActive[x] || cp.incidentTarget[x] !== target) continue;
        if (cp.incidentEffect[x] === EFFECT_SLOW) slow = Math.max(slow, cp.incidentFactor[x]);
        if (cp.incidentEffect[x] === EFFECT_CAPACITY) capacity = Math.min(capacity, cp.incidentFactor[x]);
      }
      sim.slowFactor[target] = slow;
      sim.capacityFactor[target] = capacity;
      break;
    }
    case EFFECT_PARTITION:
      sim.linkCut[target] += sign;
      break;
  }
  recompute(sim, false);
}

/** Whether requirement member link j is met now (SPEC §3.4, cache TTL counted from the outage start). */
function linkMet(sim: Sim, j: number): boolean {
  const c = sim.cp.c;
  const p = c.linkTo[j];
  if (sim.functional[p] && sim.linkCut[j] === 0) return true;
  const kind = c.kind[j];
  if (kind === KIND_HARD) return false;
  if (kind === KIND_CACHED_OPEN) return true;
  const since = sim.linkOk[j]
    ? sim.down[p] && sim.linkCut[j] === 0
      ? sim.failStart[p]
      : sim.now
    : sim.linkBadSince[j];
  return sim.now - since < c.ttlHours[j] * 3600;
}

function requirementMet(sim: Sim, r: number): boolean {
  const c = sim.cp.c;
  let met = 0;
  for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) if (linkMet(sim, c.memLink[q])) met++;
  return met >= c.reqK[r];
}

/**
 * Intrinsic states → functional (greatest fixed point, providers first, repeated when cyclic) →
 * link states (scheduling each cache's expiry) → charger reports → what perceivers show.
 */
export function recompute(sim: Sim, instant: boolean): void {
  const { cp, now } = sim;
  const c = cp.c;
  const { functional, previous } = sim;
  for (let i = 0; i < cp.n; i++) {
    const isDown = sim.renewalDown[i] || sim.causesActive[i] > 0 || sim.incidentDown[i] > 0 ? 1 : 0;
    if (isDown && !sim.down[i] && !sim.renewalDown[i]) sim.silent[i] = 0; // causes and incidents are loud
    if (isDown && !sim.down[i] && sim.failStart[i] < now - 1e-9 && !instant) sim.failStart[i] = now;
    const cameUp = sim.down[i] === 1 && isDown === 0;
    sim.down[i] = isDown;
    if (cameUp && sim.queueLength[i] > 0) serveQueue(sim, i);
    sim.degraded[i] = !isDown && (sim.degradedEpisode[i] || sim.incidentDegraded[i] > 0) ? 1 : 0;
    previous[i] = functional[i];
    functional[i] = isDown ? 0 : 1;
  }
  for (let pass = 0; pass <= cp.n + 2; pass++) {
    let changed = false;
    for (let oi = 0; oi < c.order.length; oi++) {
      const i = c.order[oi];
      if (!functional[i]) continue;
      for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++) {
        if (!requirementMet(sim, r)) {
          functional[i] = 0;
          changed = true;
          break;
        }
      }
    }
    if (!c.cyclic || !changed) break;
  }
  let anyChange = instant;
  for (let i = 0; i < cp.n; i++) {
    if (functional[i] === previous[i]) continue;
    anyChange = true;
    if (functional[i]) {
      sim.downSeconds[i] += now - Math.max(0, sim.downSince[i]);
      sim.downSince[i] = -1;
      if (!instant) sim.onRestored(i);
    } else sim.downSince[i] = now;
  }
  for (let j = 0; j < cp.linkCount; j++) {
    const p = c.linkTo[j];
    const ok = functional[p] && sim.linkCut[j] === 0 ? 1 : 0;
    if (ok === sim.linkOk[j]) continue;
    anyChange = true;
    if (!ok) {
      sim.linkBadSince[j] = sim.down[p] && sim.linkCut[j] === 0 ? sim.failStart[p] : now;
      const expiry = sim.linkBadSince[j] + c.ttlHours[j] * 3600;
      if (c.kind[j] === KIND_CACHED_CLOSED && expiry > now) sim.agenda.push(expiry, EV_RECHECK, j);
    }
    sim.linkOk[j] = ok;
  }
  if (!anyChange) return;
  for (let ci = 0; ci < c.chargers.length; ci++) {
    const i = c.chargers[ci];
    let offline = 0;
    for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++)
      if (c.reqConn[r] && !requirementMet(sim, r)) offline = 1;
    sim.offline[ci] = offline;
    updateCharger(sim, ci, instant);
  }
}

/** A charger's report, truth and phantom units after a change; then what its perceivers show. */
export function updateCharger(sim: Sim, ci: number, instant: boolean): void {
  const { cp, now } = sim;
  const i = cp.c.chargers[ci];
  const units = cp.unitStart[ci + 1] - cp.unitStart[ci];
  // SPEC §3.5, §10.1: unavailable when loudly down or offline; else each unit not loudly down
  const report = (sim.down[i] && !sim.silent[i]) || sim.offline[ci] ? 0 : units - sim.unitsLoud[ci];
  const truth = sim.functional[i] ? sim.unitsUp[ci] : 0;
  if (report !== sim.report[ci]) {
    sim.global.add(G_REPORTED, now, report - sim.report[ci]);
    sim.report[ci] = report;
  }
  if (truth !== sim.truth[ci]) {
    sim.global.add(G_TRUE, now, truth - sim.truth[ci]);
    sim.truth[ci] = truth;
  }
  evaluateCharger(sim, ci, instant);
}
