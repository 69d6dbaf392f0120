/**
 * SPEC §3 steps 1–3 for one word: intrinsic states with outage ages, common causes, forced states
 * (what-if, importance) and call timeouts. Rare events are drawn by geometric skipping — one draw
 * per event, not one per component per trial — from each component's own stream.
 */

import {
  type CompiledReliability,
  FORCE_COMPROMISED,
  FORCE_DEGRADED,
  FORCE_DOWN,
  FORCE_UP,
} from "../compile/index.ts";
import { lowestBit, popcount } from "../kit/bits.ts";
import { gap, geometricGap, lnOpen } from "../rng.ts";
import { addHot, markConsumers, markDirty, rescanFar, resetHot, schedule } from "./agenda.ts";
import { RING, type WorkingMemory } from "./memory.ts";

/** Steps 1–3: intrinsic states, common causes, call timeouts for word w (trials start …). */
export function sample(
  c: CompiledReliability,
  s: WorkingMemory,
  w: number,
  start: number,
  valid: number,
): void {
  const rng = s.upCallRng;
  const end = start + 32;
  const { down, silent, degraded, ageHours } = s;
  resetHot(s, valid);
  if ((w & (RING - 1)) === 0 && w > 0) rescanFar(s, w);
  drawDue(c, s, w, start, valid);
  for (let k = 0; k < s.nextCommonCauseTrial.length; k++) {
    s.commonCauseFired[k] = 0;
    while (s.nextCommonCauseTrial[k] < end) {
      const b = s.nextCommonCauseTrial[k] - start;
      const bit = 1 << b;
      s.commonCauseFired[k] |= bit & valid;
      const r = s.commonCauseRngs[k];
      const a = r.exponential(c.ccMttr[k]);
      for (let q = c.ccStart[k]; q < c.ccStart[k + 1]; q++) {
        const i = c.ccMember[q];
        const at = i * 32 + b;
        ageHours[at] = down[i] & bit ? Math.max(ageHours[at], a) : a;
        down[i] |= bit & valid;
        silent[i] &= ~bit;
        degraded[i] &= ~bit;
        s.functional[i] &= ~bit;
        addHot(s, i);
        markConsumers(c, s, i);
      }
      s.nextCommonCauseTrial[k] += 1 + geometricGap(r, c.ccInvLog[k]);
    }
  }
  for (let x = 0; x < c.forced.length; x++) force(c, s, c.forced[x], valid);
  // call timeouts: clear last word's, then draw this word's
  for (let x = 0; x < s.failedCallCount; x++) s.callFailed[s.failedCallLinks[x]] = 0;
  s.failedCallCount = 0;
  const L = c.upLinks.length;
  const slotEnd = end * L;
  while (s.nextUpCallSlot < slotEnd) {
    const slot = s.nextUpCallSlot;
    const t = Math.floor(slot / L);
    const j = c.upLinks[slot - t * L];
    const bit = 1 << (t - start);
    if (!(degraded[c.linkTo[j]] & bit) && rng.next() * c.upMax < c.pCallUp[j]) failCall(c, s, j, bit & valid);
    s.nextUpCallSlot += 1 + geometricGap(rng, c.invLogUpMax);
  }
  // calls into degraded providers (only hot components are degraded)
  for (let x = 0; x < s.hotCount; x++) {
    const p = s.hot[x];
    if (degraded[p] !== 0 && s.degradedCallMaxP[p] > 0) degradedCalls(c, s, p);
  }
}

/**
 * Timeouts of the calls into degraded provider p this word: each (degraded trial, call link) slot
 * fails with the link's P(timeout | degraded). Drawn by skipping over the slots at the largest of
 * those probabilities and thinning each candidate to its link's own (one draw per candidate, not
 * one per slot: the probabilities are small).
 */
function degradedCalls(c: CompiledReliability, s: WorkingMemory, p: number): void {
  const d = s.degraded[p];
  const q0 = c.callInStart[p];
  const L = c.callInStart[p + 1] - q0;
  const total = popcount(d) * L;
  const r = s.degradedCallRngs;
  const max = s.degradedCallMaxP[p];
  const inv = s.degradedCallInvLog[p];
  for (let slot = gap(r.nextUint32(p), inv); slot < total; slot += 1 + gap(r.nextUint32(p), inv)) {
    const nth = Math.floor(slot / L);
    const j = c.callInItem[q0 + slot - nth * L];
    if (r.next(p) * max >= c.pCallDeg[j]) continue;
    let bits = d;
    for (let k = 0; k < nth; k++) bits &= bits - 1;
    failCall(c, s, j, bits & -bits);
  }
}

/**
 * sfc32 (see Rng) on a stream's state held in locals: the hot loop below draws the rare events of
 * the components due this word with no loads or stores per draw. Written out where it is used:
 *   t = a + b + d; d += 1; a = b ^ (b >>> 9); b = c + (c << 3); c = rotl(c, 21) + t.
 */
const U32 = 4294967296;

/** The outages and degradations of the components due in word w (trials start … start + 31). */
function drawDue(c: CompiledReliability, s: WorkingMemory, w: number, start: number, valid: number): void {
  const end = start + 32;
  const { down, silent, degraded, functional, ageHours, nextDownTrial, nextDegradedTrial, calendarNext } = s;
  const st = s.componentRngs.state;
  const slot = w & (RING - 1);
  let i = s.calendarHead[slot];
  s.calendarHead[slot] = -1;
  while (i >= 0) {
    const after = calendarNext[i];
    const o = i * 4;
    let ra = st[o];
    let rb = st[o + 1];
    let rc = st[o + 2];
    let rd = st[o + 3];
    let t = 0;
    let d = 0;
    let sl = 0;
    let at = nextDownTrial[i];
    if (at < end) {
      // u < pSilent for u = t / 2^32 is exactly t < pSilent · 2^32 (scaling by 2^32 is exact)
      const silentBelow = c.pSilent[i] * U32;
      const inv = c.invLogDown[i];
      const needsAge = c.needsAge[i] === 1;
      const mttr = c.mttrHours[i];
      do {
        const b = at - start;
        const bit = 1 << b;
        d |= bit;
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        if (t >>> 0 < silentBelow) sl |= bit;
        // the ageHours's uniform is drawn whether or not the ageHours matters (a component's stream is the
        // same in every scenario); the logarithm only when it does
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        if (needsAge) ageHours[i * 32 + b] = -lnOpen(t >>> 0) * mttr;
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        at += 1 + Math.floor(lnOpen(t >>> 0) * inv); // inv is finite here: p > 0
      } while (at < end);
      nextDownTrial[i] = at;
    }
    let g = 0;
    let ag = nextDegradedTrial[i];
    if (ag < end) {
      const inv = c.invLogDeg[i];
      do {
        g |= 1 << (ag - start);
        t = (((ra + rb) | 0) + rd) | 0;
        rd = (rd + 1) | 0;
        ra = rb ^ (rb >>> 9);
        rb = (rc + (rc << 3)) | 0;
        rc = (((rc << 21) | (rc >>> 11)) + t) | 0;
        ag += 1 + Math.floor(lnOpen(t >>> 0) * inv);
      } while (ag < end);
      nextDegradedTrial[i] = ag;
    }
    st[o] = ra;
    st[o + 1] = rb;
    st[o + 2] = rc;
    st[o + 3] = rd;
    if (c.force[i] === FORCE_UP) {
      d = 0;
      sl = 0;
    }
    d &= valid;
    down[i] = d;
    silent[i] = sl & valid;
    degraded[i] = g & ~d & valid;
    functional[i] = ~d & valid;
    addHot(s, i);
    if (d !== 0) markConsumers(c, s, i);
    schedule(s, i, w);
    i = after;
  }
}

/** Force component i's intrinsic state in every trial of the word (after common causes). */
function force(c: CompiledReliability, s: WorkingMemory, i: number, valid: number): void {
  const state = c.force[i];
  if (state === FORCE_UP) return; // done before common causes, which still strike
  addHot(s, i);
  if (state === FORCE_DEGRADED) {
    // SPEC §6: degraded in every trial where it is not down — its own P(down) is kept
    s.degraded[i] = valid & ~s.down[i];
    return;
  }
  // down (or compromised: down and silent — its own health signal says all is well)
  let fresh = valid & ~s.down[i];
  if (c.needsAge[i]) {
    while (fresh !== 0) {
      const b = lowestBit(fresh);
      fresh &= fresh - 1;
      s.ageHours[i * 32 + b] = s.forcedAgeRng.exponential(c.mttrHours[i]);
    }
  }
  s.down[i] = valid;
  s.silent[i] = state === FORCE_COMPROMISED ? valid : state === FORCE_DOWN ? 0 : s.silent[i];
  s.degraded[i] = 0;
  s.functional[i] = 0;
  markConsumers(c, s, i);
}

function failCall(c: CompiledReliability, s: WorkingMemory, j: number, bit: number): void {
  if (bit === 0) return;
  if (s.callFailed[j] === 0) s.failedCallLinks[s.failedCallCount++] = j;
  s.callFailed[j] |= bit;
  markDirty(s, s.orderPosition[c.linkFrom[j]]);
}
