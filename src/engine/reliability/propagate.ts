/**
 * SPEC §3 step 4: the greatest fixed point of "functional" through hard and cached links and k-of-n
 * groups, with the age of every propagated failure where something reads it (a TTL, a tariff's
 * staleness, a replay). Acyclic models take one pass over the components marked dirty, providers
 * first; cyclic ones iterate until nothing changes.
 */

import { type CompiledReliability, KIND_CACHED_CLOSED, KIND_HARD } from "../compile/index.ts";
import { lowestBit } from "../kit/bits.ts";
import { addHot, markConsumers } from "./agenda.ts";
import type { WorkingMemory } from "./memory.ts";

/** Age of the failure that link j's provider presents at bit b (0 for a timed-out call). */
export function providerAge(c: CompiledReliability, s: WorkingMemory, j: number, b: number): number {
  const p = c.linkTo[j];
  return (s.functional[p] >>> b) & 1 ? 0 : s.ageHours[p * 32 + b];
}

/** Mask of trials in which member link j is met (SPEC §3.4). */
export function linkMet(c: CompiledReliability, s: WorkingMemory, j: number, valid: number): number {
  const ok = s.functional[c.linkTo[j]] & ~s.callFailed[j];
  if (c.kind[j] === KIND_HARD) return ok;
  // cached, fail closed: met while the outage is younger than the TTL
  return ok | withinTtl(c, s, j, ~ok & valid);
}

/** Trials among `bad` (link j's provider failed or its call timed out) where j's cache still serves. */
export function withinTtl(c: CompiledReliability, s: WorkingMemory, j: number, bad: number): number {
  let served = 0;
  const ttl = c.ttlHours[j];
  while (bad !== 0) {
    const b = lowestBit(bad);
    bad &= bad - 1;
    if (providerAge(c, s, j, b) < ttl) served |= 1 << b;
  }
  return served;
}

/** Mask of trials in which requirement r is met; fills s.memberMet for its members. */
function requirementMet(c: CompiledReliability, s: WorkingMemory, r: number, valid: number): number {
  const m0 = c.memStart[r];
  const m1 = c.memStart[r + 1];
  const k = c.reqK[r];
  if (m1 - m0 === 1) {
    const met = k <= 1 ? linkMet(c, s, c.memLink[m0], valid) : 0;
    s.memberMet[0] = met;
    return met;
  }
  let all = valid;
  for (let q = m0; q < m1; q++) {
    const met = linkMet(c, s, c.memLink[q], valid);
    s.memberMet[q - m0] = met;
    all &= met;
  }
  if (k > m1 - m0) return 0;
  let result = all;
  let rest = ~all & valid;
  while (rest !== 0) {
    const b = lowestBit(rest);
    rest &= rest - 1;
    let count = 0;
    for (let q = 0; q < m1 - m0; q++) count += (s.memberMet[q] >>> b) & 1;
    if (count >= k) result |= 1 << b;
  }
  return result;
}

/**
 * Age at which unmet link j stopped serving its consumer at bit b: the provider's failure age, less
 * the TTL of a fail-closed cache, which served until it ran out (SPEC §3.4: chained caches add up).
 */
function unmetLinkAge(c: CompiledReliability, s: WorkingMemory, j: number, b: number): number {
  const age = providerAge(c, s, j, b);
  return c.kind[j] === KIND_CACHED_CLOSED ? age - c.ttlHours[j] : age;
}

/** Age at which requirement r became unmet at bit b (SPEC §3.4: (n − k + 1)-th largest failed age). */
function requirementAge(
  c: CompiledReliability,
  s: WorkingMemory,
  r: number,
  b: number,
  valid: number,
): number {
  const m0 = c.memStart[r];
  const m1 = c.memStart[r + 1];
  const k = c.reqK[r];
  const size = m1 - m0;
  if (k > size) return Number.POSITIVE_INFINITY;
  if (size === 1) return unmetLinkAge(c, s, c.memLink[m0], b);
  let failed = 0;
  for (let q = m0; q < m1; q++) {
    const j = c.memLink[q];
    if ((linkMet(c, s, j, valid) >>> b) & 1) continue;
    s.memberAgeHours[failed++] = unmetLinkAge(c, s, j, b);
  }
  // the (size − k + 1)-th largest of the failed ages: sort the few descending
  const want = size - k + 1;
  for (let x = 1; x < failed; x++) {
    const v = s.memberAgeHours[x];
    let y = x - 1;
    while (y >= 0 && s.memberAgeHours[y] < v) {
      s.memberAgeHours[y + 1] = s.memberAgeHours[y];
      y--;
    }
    s.memberAgeHours[y + 1] = v;
  }
  return s.memberAgeHours[Math.min(want, failed) - 1];
}

/** Age at which component i lost its first requirement at bit b: the largest unmet requirement age. */
function unmetAge(c: CompiledReliability, s: WorkingMemory, i: number, b: number, valid: number): number {
  let a = 0;
  for (let r = c.reqStart[i]; r < c.reqStart[i + 1]; r++) {
    if ((s.requirementUnmet[r] >>> b) & 1) {
      const ra = requirementAge(c, s, r, b, valid);
      if (ra > a) a = ra;
    }
  }
  return a;
}

/** Step 4: the greatest fixed point of "functional", with failure ages. */
export function propagate(c: CompiledReliability, s: WorkingMemory, valid: number): void {
  const dirty = s.dirty;
  if (c.cyclic) {
    // evaluate everything until nothing changes (ages may grow around a cycle)
    let changed = true;
    for (let passes = 1; changed && passes <= c.n + 3; passes++) {
      changed = false;
      for (let oi = 0; oi < c.order.length; oi++) if (evaluate(c, s, c.order[oi], valid)) changed = true;
    }
    dirty.fill(0);
    return;
  }
  // acyclic: one pass over the components marked dirty, in evaluation order (a consumer sits after
  // its providers, so one marked while the pass runs is still ahead of it)
  for (let x = 0; x < dirty.length; x++) {
    while (dirty[x] !== 0) {
      const low = dirty[x] & -dirty[x];
      dirty[x] ^= low;
      evaluate(c, s, c.order[(x << 5) | (31 - Math.clz32(low))], valid);
    }
  }
}

/** Component i's requirements this word: F, ages, unmet masks; whether anything changed. */
function evaluate(c: CompiledReliability, s: WorkingMemory, i: number, valid: number): boolean {
  const r0 = c.reqStart[i];
  const r1 = c.reqStart[i + 1];
  if (r0 === r1) return false;
  const { functional, down, ageHours } = s;
  const cyclic = c.cyclic;
  let changed = false;
  let met = valid;
  let conn = 0;
  for (let r = r0; r < r1; r++) {
    const ok = requirementMet(c, s, r, valid);
    const unmet = ~ok & valid;
    s.requirementUnmet[r] = unmet;
    met &= ok;
    if (c.reqConn[r]) conn |= unmet;
  }
  s.connectivityUnmet[i] = conn;
  if (met !== valid) addHot(s, i);
  const f = functional[i];
  const nf = f & met;
  // ages of propagated failures, where something reads them (needsAge, or a replay): all of them
  // when cyclic (they may grow), else the new ones; a down component that also lost a requirement
  // stopped serving when the first of the two happened, so its ageHours is the larger
  let failed = !c.needsAge[i] && !s.allAges ? 0 : cyclic ? ~nf & ~down[i] & valid : f & ~nf;
  let downLost = c.needsAge[i] ? ~met & down[i] & valid : 0;
  if (nf !== f) {
    functional[i] = nf;
    changed = true;
    if (!cyclic) markConsumers(c, s, i);
  }
  while (failed !== 0) {
    const b = lowestBit(failed);
    failed &= failed - 1;
    const a = unmetAge(c, s, i, b, valid);
    const at = i * 32 + b;
    if (cyclic && ageHours[at] !== a) changed = true;
    ageHours[at] = a;
  }
  while (downLost !== 0) {
    const b = lowestBit(downLost);
    downLost &= downLost - 1;
    const a = unmetAge(c, s, i, b, valid);
    const at = i * 32 + b;
    if (a > ageHours[at]) {
      ageHours[at] = a;
      if (cyclic) changed = true;
    }
  }
  return changed;
}
