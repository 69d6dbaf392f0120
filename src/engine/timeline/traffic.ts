/**
 * Default traffic of the sites (SPEC §11): a heartbeat per site every `heartbeatSeconds` to its CSMS,
 * served there (load, queues, timeouts like any call); and the reconnect storm — when a CSMS is
 * functional again after an outage, every one of its sites sends a boot and one status per unit,
 * spread by the link's jitter over its backoff, then retried per the link's policy.
 */
import { csrOf } from "../kit/csr.ts";
import { MISSED_HEARTBEATS_OFFLINE } from "./defaults.ts";
import { EV_HEARTBEAT } from "./events.ts";
import { evaluateCharger, siteResync } from "./perception.ts";
import { startCall } from "./requests.ts";
import { CALL_BOOT, CALL_HEARTBEAT, type Sim } from "./sim.ts";

/** Per CSMS, its sites (charger indices): sitesOf.start[i] .. sitesOf.start[i + 1]. */
export interface SiteLists {
  start: Int32Array;
  items: Int32Array;
}

/** Schedule every site's heartbeats (each at its own phase) and return each CSMS's sites. */
export function startHeartbeats(sim: Sim): SiteLists {
  const { cp } = sim;
  const lists: number[][] = Array.from({ length: cp.n }, () => []);
  for (let ci = 0; ci < cp.siteLink.length; ci++) {
    if (cp.siteLink[ci] < 0) continue;
    lists[cp.siteCsms[ci]].push(ci);
    sim.agenda.push(sim.trafficRng.next() * cp.heartbeatSeconds[ci], EV_HEARTBEAT, ci);
  }
  const flat = csrOf(lists);
  return { start: flat.start, items: flat.items };
}

/** Site ci's heartbeat: sent unless the site is down or cut off; the next one scheduled. */
export function heartbeat(sim: Sim, ci: number): void {
  const { cp } = sim;
  const i = cp.c.chargers[ci];
  if (!sim.down[i] && !sim.offline[ci])
    startCall(sim, CALL_HEARTBEAT, ci, cp.siteLink[ci], cp.siteCsms[ci], cp.siteLink[ci], 0);
  sim.agenda.push(sim.now + cp.heartbeatSeconds[ci], EV_HEARTBEAT, ci);
}

/** CSMS i is back: each of its sites that is up sends a boot and a status per unit (the reconnect storm). */
export function reconnectStorm(sim: Sim, sites: SiteLists, i: number): void {
  const { cp } = sim;
  for (let x = sites.start[i]; x < sites.start[i + 1]; x++) {
    const ci = sites.items[x];
    if (sim.down[cp.c.chargers[ci]]) continue;
    const j = cp.siteLink[ci];
    const messages = 1 + cp.unitStart[ci + 1] - cp.unitStart[ci];
    for (let m = 0; m < messages; m++) {
      const delay = cp.jitter[j] ? sim.trafficRng.next() * cp.backoffSeconds[j] : 0;
      startCall(sim, CALL_BOOT, ci, j, i, j, delay);
    }
  }
}

/**
 * A heartbeat or boot of site ci ended at its CSMS: an answered one clears the site's missed
 * heartbeats (and the offline mark) and brings the CSMS the site's status (a failed status push
 * there is over: SPEC §11, stale until the next change or heartbeat); the second heartbeat in a row
 * that got no answer (CSMS down, overloaded or cut off) has the CSMS mark the site offline, at once.
 */
export function siteMessageDone(sim: Sim, ci: number, ok: boolean, isHeartbeat: boolean): void {
  if (ok) {
    sim.heartbeatsMissed[ci] = 0;
    if (!sim.heartbeatLost[ci]) {
      siteResync(sim, ci);
      return;
    }
    sim.heartbeatLost[ci] = 0;
  } else {
    if (!isHeartbeat) return;
    sim.heartbeatsMissed[ci]++;
    if (sim.heartbeatLost[ci] || sim.heartbeatsMissed[ci] < MISSED_HEARTBEATS_OFFLINE) return;
    sim.heartbeatLost[ci] = 1;
  }
  sim.immediateSite = ci;
  evaluateCharger(sim, ci, false);
  sim.immediateSite = -1;
}
