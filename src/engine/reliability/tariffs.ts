/**
 * Tariffs travel like status along `tariff` links from their owner (SPEC §3.5): per viewer, fresh,
 * stale (with the age of the failure that cut it off) or unknown; a stale tariff is incorrect with
 * probability 1 − exp(−age · tariffChangesPerDay), summed rather than sampled.
 */

import type { CompiledReliability, PerceptionPlan } from "../compile/index.ts";
import { lowestBit, popcount } from "../kit/bits.ts";
import type { WorkingMemory } from "./memory.ts";
import { lastKnown, planHealthy } from "./perceive.ts";
import { providerAge } from "./propagate.ts";
import type { Tally } from "./tally.ts";

/** Tariffs of owner `o` along its plan: s.known/fresh per slot, s.tariffAgeHours for stale bits. */
function perceiveTariff(
  c: CompiledReliability,
  s: WorkingMemory,
  plan: PerceptionPlan,
  owner: number,
  valid: number,
): void {
  const { functional, known, fresh, tariffAgeHours } = s;
  const slots = plan.node.length;
  for (let x = 0; x < slots; x++) {
    known[x] = 0;
    fresh[x] = 0;
  }
  let rounds = 0;
  let changed = true;
  while (changed) {
    changed = false;
    for (let x = 0; x < slots; x++) {
      const fu = functional[plan.node[x]];
      let fk = 0;
      let sk = 0;
      const q0 = plan.srcStart[x];
      const q1 = plan.srcStart[x + 1];
      for (let q = q0; q < q1; q++) {
        const j = plan.srcLink[q];
        const ps = plan.srcSlot[q];
        const ok = functional[c.linkTo[j]] & ~s.callFailed[j];
        const pk = ps < 0 ? functional[owner] : known[ps];
        const pf = ps < 0 ? functional[owner] : fresh[ps];
        fk |= ok & pk & pf;
        sk |= (ok & pk & ~pf) | lastKnown(c, s, j, ~ok & valid);
      }
      fk &= fu;
      sk &= fu & ~fk;
      const k = fk | sk;
      // stale ages: the freshest stale source
      let bits = sk;
      while (bits !== 0) {
        const b = lowestBit(bits);
        bits &= bits - 1;
        let best = Number.POSITIVE_INFINITY;
        for (let q = q0; q < q1; q++) {
          const j = plan.srcLink[q];
          const ps = plan.srcSlot[q];
          const okBit = ((functional[c.linkTo[j]] & ~s.callFailed[j]) >>> b) & 1;
          let a = Number.POSITIVE_INFINITY;
          if (okBit) {
            if (ps >= 0 && (known[ps] >>> b) & 1 && !((fresh[ps] >>> b) & 1)) a = tariffAgeHours[ps * 32 + b];
          } else if ((lastKnown(c, s, j, 1 << b) >>> b) & 1) {
            a = providerAge(c, s, j, b);
          }
          if (a < best) best = a;
        }
        const at = x * 32 + b;
        if (tariffAgeHours[at] !== best) {
          tariffAgeHours[at] = best;
          if (plan.cyclic) changed = true;
        }
      }
      if (k !== known[x] || fk !== fresh[x]) {
        known[x] = k;
        fresh[x] = fk;
        changed = true;
      }
    }
    if (!plan.cyclic || ++rounds > slots + 2) break;
  }
}

/** The disturbed tariff owners of this word: stale and incorrect tariffs per (owner, viewer) pair. */
export function tallyTariffs(c: CompiledReliability, s: WorkingMemory, valid: number, t: Tally): void {
  for (let x = 0; x < s.disturbedOwnerCount; x++) {
    const oi = s.disturbedOwners[x];
    s.isOwnerDisturbed[oi] = 0;
    // failed leaf perceivers know nothing where they failed: no stale tariff anywhere
    if (s.isOwnerFullyDisturbed[oi] === 0) continue;
    const q0 = c.tpairStart[oi];
    const q1 = c.tpairStart[oi + 1];
    if (q0 === q1) continue;
    const owner = c.owners[oi];
    if (s.functional[owner] === valid && planHealthy(c, s, c.tariff[oi], valid, true)) continue; // all fresh
    perceiveTariff(c, s, c.tariff[oi], owner, valid);
    const rate = c.tariffRate[owner];
    for (let q = q0; q < q1; q++) {
      const slot = c.tpairSlot[q];
      let stale = s.known[slot] & ~s.fresh[slot];
      if (stale === 0) continue;
      t.staleTariff[q] += popcount(stale);
      while (stale !== 0) {
        const b = lowestBit(stale);
        stale &= stale - 1;
        t.incorrectTariff[q] += 1 - Math.exp((-s.tariffAgeHours[slot * 32 + b] / 24) * rate);
      }
    }
  }

  s.disturbedOwnerCount = 0;
}
