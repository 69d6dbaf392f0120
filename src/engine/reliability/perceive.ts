/**
 * SPEC §3 step 5: what each viewer perceives of a charger's status — fresh from a working provider,
 * the last known value through a cache, fail-open, async or soft link, or unknown. Only the status
 * plans a word disturbed are perceived; the others show every report fresh.
 */

import {
  type CompiledReliability,
  KIND_CACHED_CLOSED,
  KIND_HARD,
  type PerceptionPlan,
} from "../compile/index.ts";
import { popcount } from "../kit/bits.ts";
import type { WorkingMemory } from "./memory.ts";
import { withinTtl } from "./propagate.ts";
import type { Tally } from "./tally.ts";

/**
 * Step 5: what each perceiver of a plan knows of a charger's status, per slot: s.known, s.fresh,
 * and whether it shows "available" when the charger reports available (s.availableIfReported) and when it does
 * not (s.availableIfNotReported) — one pass for both, as only the report's own freshness differs between them.
 */
function perceiveStatus(c: CompiledReliability, s: WorkingMemory, plan: PerceptionPlan, valid: number): void {
  const { functional, known, fresh, availableIfReported, availableIfNotReported } = s;
  const slots = plan.node.length;
  for (let x = 0; x < slots; x++) {
    known[x] = 0;
    fresh[x] = 0;
    availableIfReported[x] = 0;
    availableIfNotReported[x] = 0;
  }
  let rounds = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let x = 0; x < slots; x++) {
      const fu = functional[plan.node[x]];
      let fk = 0;
      // fresh "not available" when the report says available (fu1), resp. not (fu0)
      let fu1 = 0;
      let fu0 = 0;
      let sk = 0;
      for (let q = plan.srcStart[x]; q < plan.srcStart[x + 1]; q++) {
        const j = plan.srcLink[q];
        const ps = plan.srcSlot[q];
        if (ps < 0) {
          fk |= valid;
          fu0 = -1;
          continue;
        }
        const ok = functional[c.linkTo[j]] & ~s.callFailed[j];
        const via = ok & known[ps] & fresh[ps];
        fk |= via;
        fu1 |= via & ~availableIfReported[ps];
        fu0 |= via & ~availableIfNotReported[ps];
        sk |= (ok & known[ps] & ~fresh[ps]) | lastKnown(c, s, j, ~ok & valid);
      }
      fk &= fu;
      sk &= fu;
      const k = fk | sk;
      const stale = ~fk & sk;
      const a1 = (fk & ~(fu1 & fu)) | stale;
      const a0 = (fk & ~(fu0 & fu)) | stale;
      if (
        k !== known[x] ||
        fk !== fresh[x] ||
        a1 !== availableIfReported[x] ||
        a0 !== availableIfNotReported[x]
      ) {
        known[x] = k;
        fresh[x] = fk;
        availableIfReported[x] = a1;
        availableIfNotReported[x] = a0;
        changed = true;
      }
    }
    if (!plan.cyclic || ++rounds > slots + 2) break;
  }
}

/** Whether every perceiver of a plan is functional and every call on its links succeeded. */
export function planHealthy(
  c: CompiledReliability,
  s: WorkingMemory,
  plan: PerceptionPlan,
  valid: number,
  direct: boolean,
): boolean {
  for (let x = 0; x < plan.node.length; x++) if (s.functional[plan.node[x]] !== valid) return false;
  for (let q = 0; q < plan.srcLink.length; q++) {
    if (plan.srcSlot[q] < 0 && !direct) continue;
    const j = plan.srcLink[q];
    if (s.callFailed[j] !== 0 || s.functional[c.linkTo[j]] !== valid) return false;
  }
  return true;
}

/** Trials among `notOk` where link j still shows the last known value (stale). */
export function lastKnown(c: CompiledReliability, s: WorkingMemory, j: number, notOk: number): number {
  const kind = c.kind[j];
  if (kind === KIND_HARD) return 0;
  if (kind !== KIND_CACHED_CLOSED) return notOk;
  return withinTtl(c, s, j, notOk);
}

/** Status plans of the disturbed groups: what each viewer shows when the charger reports available or not. */
export function perceiveGroups(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  for (let x = 0; x < s.disturbedGroupCount; x++) {
    const g = s.disturbedGroups[x];
    const v0 = c.groupViewStart[g];
    const v1 = c.groupViewStart[g + 1];
    s.opaqueViewerCount[g] = 0;
    if (v0 === v1) continue;
    if (s.isGroupFullyDisturbed[g] === 0) {
      blindViewers(c, s, g, valid, t);
      continue;
    }
    if (planHealthy(c, s, c.status[g], valid, false)) continue; // every viewer shows the report, fresh
    perceiveStatus(c, s, c.status[g], valid);
    let opaque = 0;
    for (let k = v0; k < v1; k++) {
      const a1 = s.availableIfReported[c.groupViewSlot[k]];
      const a0 = s.availableIfNotReported[c.groupViewSlot[k]];
      s.showsReport[k] = a1 & ~a0;
      s.showsAvailable[k] = a1 & a0;
      if (s.showsReport[k] !== valid || s.showsAvailable[k] !== 0) {
        s.opaqueViewers[v0 + opaque++] = k;
        s.differsFromReport[k] = (~s.showsReport[k] | s.showsAvailable[k]) & valid;
        // what a charger usable all word looks like here: hidden wherever the viewer does not show it
        t.groupHidden[k] += popcount(~(s.showsReport[k] | s.showsAvailable[k]) & valid);
      }
    }
    s.opaqueViewerCount[g] = opaque;
  }
}

/**
 * A status group disturbed only by failed leaf perceivers: everyone else perceives as if healthy,
 * and a failed viewer shows the report, fresh, exactly where it works (nothing where it does not).
 */
function blindViewers(c: CompiledReliability, s: WorkingMemory, g: number, valid: number, t: Tally): void {
  const plan = c.status[g];
  const v0 = c.groupViewStart[g];
  let opaque = 0;
  for (let k = v0; k < c.groupViewStart[g + 1]; k++) {
    const f = s.functional[plan.node[c.groupViewSlot[k]]];
    if (f === valid) continue;
    s.showsReport[k] = f;
    s.showsAvailable[k] = 0;
    s.differsFromReport[k] = ~f & valid;
    s.opaqueViewers[v0 + opaque++] = k;
    t.groupHidden[k] += popcount(~f & valid);
  }
  s.opaqueViewerCount[g] = opaque;
}
