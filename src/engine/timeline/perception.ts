/**
 * What each perceiver shows of a charger over time (SPEC §3.5 in time, §11): fresh from a working
 * provider — after the hop's delay (a push's transit, a poll's wait, or two missed heartbeats for a
 * site gone offline) — else the last known value through cached-within-TTL, fail-open, soft and
 * async links (stale), else unknown. A delivery that finds its link broken leaves the receiver
 * stale until the next change; a reconnect resyncs (the fresh source differs, so it is delivered).
 * A push to a receiver with a capacity is a call served there (SPEC §11: pushes are served at the
 * receiver): it queues behind the receiver's other work, times out and retries per its link; one that
 * finally fails leaves the receiver stale on its last value until the source changes again, the
 * CSMS's heartbeat verdict, an answered heartbeat, or a reconnect.
 */
import { KIND_CACHED_CLOSED, KIND_HARD } from "../compile/index.ts";
import { MISSED_HEARTBEATS_OFFLINE } from "./defaults.ts";
import { EV_DELIVER } from "./events.ts";
import { startCall } from "./requests.ts";
import {
  CALL_PUSH,
  drawLatencySeconds,
  G_FEED,
  G_HIDDEN,
  G_PHANTOM,
  KNOW_FRESH,
  KNOW_STALE,
  KNOW_UNKNOWN,
  type Sim,
} from "./sim.ts";

/** Seconds a status change takes over link j to the perceiver (charger ci's report when `fromSite`). */
function hopDelay(sim: Sim, j: number, ci: number, fromSite: boolean): number {
  const { cp, trafficRng: rng } = sim;
  if (fromSite && sim.immediateSite === ci) return 0;
  if (fromSite && sim.offline[ci]) {
    // the CSMS notices a silent site after its second missed heartbeat: the last one came U·H ago
    return cp.heartbeatSeconds[ci] * (MISSED_HEARTBEATS_OFFLINE - rng.next());
  }
  if (!cp.pushOnChange[j]) return rng.next() * cp.pollSeconds[j];
  return drawLatencySeconds(rng, cp.linkMu[j], cp.linkSigma[j]);
}

function setKnow(sim: Sim, ci: number, s: number, know: number, value: number): void {
  const at = sim.slotStart[ci] + s;
  const was = sim.slotKnow[at];
  if (was !== KNOW_STALE && know === KNOW_STALE) sim.slotStaleSince[at] = sim.now;
  const node = sim.cp.c.status[sim.cp.c.chargerGroup[ci]].node[s];
  const v = sim.viewerIndex[node];
  if (v >= 0 && was !== know) {
    if (know === KNOW_STALE) sim.stale.open(v, sim.now, sim.now);
    else if (was === KNOW_STALE) sim.stale.close(v, sim.now, sim.slotStaleSince[at]);
  }
  sim.slotKnow[at] = know;
  sim.slotValue[at] = value;
}

/**
 * Re-perceive charger ci at every slot, providers first (repeated when the plan is cyclic); `instant`
 * applies fresh values without delay (the stationary start). Then the viewers' shown units and the
 * charger's phantom units.
 */
export function evaluateCharger(sim: Sim, ci: number, instant: boolean): void {
  const { cp, now } = sim;
  const c = cp.c;
  const plan = c.status[c.chargerGroup[ci]];
  const base = sim.slotStart[ci];
  const slots = plan.node.length;
  for (let round = 0; round <= slots + 1; round++) {
    let changed = false;
    for (let s = 0; s < slots; s++) {
      const at = base + s;
      let know = KNOW_UNKNOWN;
      let value = 0;
      let freshLink = -1;
      let fromSite = false;
      if (sim.functional[plan.node[s]]) {
        for (let q = plan.srcStart[s]; q < plan.srcStart[s + 1] && know !== KNOW_FRESH; q++) {
          const j = plan.srcLink[q];
          const ps = plan.srcSlot[q];
          const cut = sim.linkCut[j] > 0;
          if (ps < 0) {
            if (!cut) {
              know = KNOW_FRESH;
              // a CSMS that missed two heartbeats in a row marks the site offline (SPEC §11)
              value = sim.heartbeatLost[ci] && plan.node[s] === cp.siteCsms[ci] ? 0 : sim.report[ci];
              freshLink = j;
              fromSite = true;
            }
            continue;
          }
          const ok = !cut && sim.functional[c.linkTo[j]] === 1;
          const source = sim.slotKnow[base + ps];
          if (ok && source === KNOW_FRESH) {
            know = KNOW_FRESH;
            value = sim.slotValue[base + ps];
            freshLink = j;
          } else if (ok ? source === KNOW_STALE : lastKnown(sim, j)) know = KNOW_STALE;
        }
      }
      const was = sim.slotKnow[at];
      if (know === KNOW_FRESH) {
        if (was === KNOW_FRESH && sim.slotValue[at] === value) {
          sim.slotDue[at] = -1;
          sim.slotFailed[at] = -1;
          continue;
        }
        const push = !instant && isPushedAtReceiver(sim, freshLink, ci, fromSite, plan.node[s]);
        if (sim.slotFailed[at] >= 0) {
          if (push && sim.slotFailed[at] === value) {
            // its push failed and the source has not moved on: the receiver shows its last value, stale
            if (was !== KNOW_STALE) {
              setKnow(sim, ci, s, KNOW_STALE, sim.slotValue[at]);
              changed = true;
            }
            continue;
          }
          sim.slotFailed[at] = -1;
        }
        const due = sim.slotDue[at];
        if (instant || (due >= 0 && due <= now)) {
          sim.slotDue[at] = -1;
          setKnow(sim, ci, s, KNOW_FRESH, value);
          changed = true;
        } else if (push) {
          if (due < 0) {
            // one push in flight per slot: it carries the value of now; a later change follows it
            sim.slotDue[at] = Number.POSITIVE_INFINITY;
            sim.slotTag[at]++;
            sim.slotPushValue[at] = value;
            startCall(sim, CALL_PUSH, at, freshLink, plan.node[s], freshLink, 0, sim.slotTag[at]);
          }
        } else if (due < 0 || due === Number.POSITIVE_INFINITY) {
          // (a heartbeat verdict overtakes a push in flight: the tag makes the push's outcome stale)
          const t = now + hopDelay(sim, freshLink, ci, fromSite);
          sim.slotDue[at] = t;
          sim.slotTag[at]++;
          sim.agenda.push(t, EV_DELIVER, at, sim.slotTag[at]);
        }
      } else {
        sim.slotDue[at] = -1;
        sim.slotFailed[at] = -1;
        // stale keeps the last known value; unknown shows nothing
        const v = know === KNOW_STALE ? sim.slotValue[at] : 0;
        if (was !== know || sim.slotValue[at] !== v) {
          setKnow(sim, ci, s, know, v);
          changed = true;
        }
      }
    }
    if (!changed || !plan.cyclic) break;
  }
  updateShown(sim, ci);
}

/** Whether link j (its provider failed or cut) still shows the last known value (SPEC §3.5). */
function lastKnown(sim: Sim, j: number): boolean {
  const c = sim.cp.c;
  const kind = c.kind[j];
  if (kind === KIND_HARD) return false;
  if (kind !== KIND_CACHED_CLOSED) return true;
  const since = sim.linkOk[j] ? sim.now : sim.linkBadSince[j];
  return sim.now - since < c.ttlHours[j] * 3600;
}

/**
 * Viewers' shown units for charger ci, and its phantom units (shown by some viewer, not usable); the
 * operator's feed: what the site's CSMS shows (its own report when no CSMS perceives it); and its
 * hidden units (able to charge, not in the feed).
 */
function updateShown(sim: Sim, ci: number): void {
  const { now, cp } = sim;
  const c = cp.c;
  const csms = cp.siteCsms[ci];
  let feed = sim.report[ci];
  const g = c.chargerGroup[ci];
  const v0 = c.groupViewStart[g];
  const base = sim.slotStart[ci];
  let most = 0;
  for (let k = v0; k < c.groupViewStart[g + 1]; k++) {
    const p = c.pairStart[ci] + (k - v0);
    const at = base + c.groupViewSlot[k];
    const shown = sim.slotKnow[at] === KNOW_UNKNOWN ? 0 : sim.slotValue[at];
    if (shown > most) most = shown;
    if (c.pairViewer[p] === csms) feed = shown;
    if (shown !== sim.pairShown[p]) {
      sim.shown.add(sim.viewerIndex[c.pairViewer[p]], now, shown - sim.pairShown[p]);
      sim.pairShown[p] = shown;
    }
  }
  if (feed !== sim.feed[ci]) {
    sim.global.add(G_FEED, now, feed - sim.feed[ci]);
    sim.feed[ci] = feed;
  }
  const phantom = Math.max(0, most - sim.truth[ci]);
  if (phantom !== sim.phantom[ci]) {
    sim.global.add(G_PHANTOM, now, phantom - sim.phantom[ci]);
    sim.phantom[ci] = phantom;
  }
  const hidden = Math.max(0, sim.truth[ci] - feed);
  if (hidden !== sim.hidden[ci]) {
    sim.global.add(G_HIDDEN, now, hidden - sim.hidden[ci]);
    sim.hidden[ci] = hidden;
  }
}

/**
 * Whether a change travels over link j as a push served at its receiver (a call): the link pushes on
 * change and the receiver has a capacity — not a CSMS's own verdict on a site (heartbeats missed).
 */
function isPushedAtReceiver(sim: Sim, j: number, ci: number, fromSite: boolean, receiver: number): boolean {
  if (fromSite && (sim.immediateSite === ci || sim.offline[ci])) return false;
  return sim.cp.pushOnChange[j] === 1 && sim.cp.capacityPerSecond[receiver] > 0;
}

/** The charger index of perception slot `at`. */
function chargerOfSlot(sim: Sim, at: number): number {
  let lo = 0;
  let hi = sim.slotStart.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sim.slotStart[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A pending status delivery at slot `at` (tag current) arrives: re-perceive its charger. */
export function deliver(sim: Sim, at: number, tag: number): void {
  if (sim.slotTag[at] !== tag || sim.slotDue[at] < 0) return;
  evaluateCharger(sim, chargerOfSlot(sim, at), false);
}

/**
 * The push of slot `at` (tag current, still pending) was served at its receiver (ok: the receiver
 * knows the value it carried) or finally failed (it stays stale until the source moves on).
 */
export function pushDone(sim: Sim, at: number, tag: number, ok: boolean): void {
  if (sim.slotTag[at] !== tag || sim.slotDue[at] !== Number.POSITIVE_INFINITY) return;
  sim.slotDue[at] = -1;
  const ci = chargerOfSlot(sim, at);
  if (ok) setKnow(sim, ci, at - sim.slotStart[ci], KNOW_FRESH, sim.slotPushValue[at]);
  else sim.slotFailed[at] = sim.slotPushValue[at];
  evaluateCharger(sim, ci, false);
}

/** An answered heartbeat or boot of site ci brings its CSMS the site's status: a failed push there is over. */
export function siteResync(sim: Sim, ci: number): void {
  const csms = sim.cp.siteCsms[ci];
  const plan = sim.cp.c.status[sim.cp.c.chargerGroup[ci]];
  let any = false;
  for (let s = 0; s < plan.node.length; s++) {
    const at = sim.slotStart[ci] + s;
    if (plan.node[s] !== csms || sim.slotFailed[at] < 0) continue;
    sim.slotFailed[at] = -1;
    any = true;
  }
  if (!any) return;
  sim.immediateSite = ci;
  evaluateCharger(sim, ci, false);
  sim.immediateSite = -1;
}
