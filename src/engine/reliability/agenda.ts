/**
 * What a word visits (SPEC §3, the engine's schedule): the event calendar hands each word only the
 * components with an outage or degradation due in it; the hot list holds the components whose state
 * is not simply "up, all met" this word (tallied, then reset); dirty marks say which components the
 * propagation must re-evaluate.
 */
import type { CompiledReliability } from "../compile/index.ts";
import { RING, type WorkingMemory } from "./memory.ts";

/** Put component i in the calendar at the word of its next event (it was last drawn in word w). */
export function schedule(s: WorkingMemory, i: number, w: number): void {
  const t = Math.min(s.nextDownTrial[i], s.nextDegradedTrial[i]);
  if (t === Number.POSITIVE_INFINITY) return; // never fails, never degrades
  const due = Math.floor(t / 32);
  if (due - w >= RING) {
    s.farComponents[s.farCount++] = i;
    return;
  }
  const slot = due & (RING - 1);
  s.calendarNext[i] = s.calendarHead[slot];
  s.calendarHead[slot] = i;
}

/**
 * At word w (a multiple of RING): schedule the far components again — those due within RING words
 * go into the ring, the rest back into `far` (rewritten in place: it never grows past x).
 */
export function rescanFar(s: WorkingMemory, w: number): void {
  const count = s.farCount;
  s.farCount = 0;
  for (let x = 0; x < count; x++) schedule(s, s.farComponents[x], w);
}

/** Mark component i as not simply "up" this word (tallied, and reset at the next word). */
export function addHot(s: WorkingMemory, i: number): void {
  if (s.hotEpochOf[i] === s.epoch) return;
  s.hotEpochOf[i] = s.epoch;
  s.hot[s.hotCount++] = i;
}

/** Start a word: last word's hot components back to "up, all met", a new hot list. */
export function resetHot(s: WorkingMemory, valid: number): void {
  const { hot, down, silent, degraded, functional, connectivityUnmet, red } = s;
  for (let x = 0; x < s.hotCount; x++) {
    const i = hot[x];
    down[i] = 0;
    silent[i] = 0;
    degraded[i] = 0;
    functional[i] = valid;
    connectivityUnmet[i] = 0;
    red[i] = 0;
  }
  s.hotCount = 0;
  s.epoch = (s.epoch + 1) | 0;
  if (s.epoch === 0) {
    s.hotEpochOf.fill(0);
    s.epoch = 1;
  }
  if (valid !== s.lastValidMask) {
    functional.fill(valid);
    s.lastValidMask = valid;
  }
}

export function markConsumers(c: CompiledReliability, s: WorkingMemory, p: number): void {
  for (let q = c.consStart[p]; q < c.consStart[p + 1]; q++) markDirty(s, s.consumerPosition[q]);
}

/** Re-evaluate the component at evaluation-order position `pos` this word. */
export function markDirty(s: WorkingMemory, pos: number): void {
  s.dirty[pos >>> 5] |= 1 << (pos & 31);
}
