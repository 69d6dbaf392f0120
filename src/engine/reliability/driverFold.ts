/**
 * SPEC §10, the driver's view: trials of a visit that only scale a row of its record (visitRecords.ts)
 * are counted per (trial group, visit) during a batch and folded into the tallies once, at the
 * batch's end — a word adds a few small integers per visit instead of reading and adding its rows
 * (the pass is bound by memory: a visit's rows are a few cache lines of ~500 B per visit per word).
 * The kinds, in trials at a working site: seen stale and not at all on the healthy route (net of
 * the slot's count: may be negative), seen stale and not at all where the route changed (their
 * attempts and early causes; the route's part stays per trial); at a site that is down, seen stale,
 * less seen fresh, and not seen (an opaque viewer's sight instead of the site's report).
 */
import type { CompiledReliability } from "../compile/index.ts";
import { lowestBit } from "../kit/bits.ts";
import { AUTH, type DriverMemory, FOLD_KINDS } from "./driverMemory.ts";
import type { Tally } from "./tally.ts";
import { CAUSE_COUNT } from "./visit.ts";
import {
  R_DOWN_FRESH,
  R_DOWN_NONE,
  R_DOWN_STALE,
  R_HEALTHY_VIA,
  R_HEALTHY_WEIGHT,
  R_POP,
  R_SIGHT,
  R_SIGHT_VIA,
  R_SITE,
  RECORD,
  ROW_FIELDS,
} from "./visitRecords.ts";

export const K_STALE = 0;
export const K_NONE = 1;
export const K_ROUTE_STALE = 2;
export const K_ROUTE_NONE = 3;
export const K_DOWN_STALE = 4;
export const K_LESS_FRESH = 5;
export const K_DOWN_NONE = 6;
/**
 * Words a memory counts before it folds on its own: 64 per group, so no count passes 64 × 32 trials
 * (the counts are 16-bit; a batch is 256 words, folded at its end).
 */
const MAX_WORDS = 64 * 32;

/** Counts of the word pass into tally t: first what is counted for another tally is folded into it. */
export function countInto(c: CompiledReliability, m: DriverMemory, t: Tally): void {
  if (m.countTally !== t || m.countWords >= MAX_WORDS) foldDrivers(c, m);
  m.countTally = t;
  m.countWords++;
}

/**
 * Visit position p has counts of group g this word: the first of the fold's positions since the
 * last fold is listed (a fold then reads the visits counted, in the groups counted — a word run on
 * its own folds one group of the visits it touched, not 32 groups of every visit).
 */
export function counted(m: DriverMemory, p: number): void {
  if (m.countedStamp[p] === m.foldEpoch) return;
  m.countedStamp[p] = m.foldEpoch;
  m.countedPositions[m.countedCount++] = p;
}

/** Fold the counted trials into the tally they were counted for, and clear the counts. */
export function foldDrivers(c: CompiledReliability, m: DriverMemory): void {
  const t = m.countTally;
  const groups = m.countGroups;
  const positions = m.countedCount;
  m.countTally = undefined;
  m.countWords = 0;
  m.countGroups = 0;
  m.countedCount = 0;
  m.foldEpoch++;
  if (m.foldEpoch > 0x3fffffff) {
    m.countedStamp.fill(0);
    m.foldEpoch = 1;
  }
  if (t === undefined) return;
  const D = c.drivers;
  const P = D.popIds.length;
  const S = c.chargers.length;
  const V = m.visits;
  const n = m.counts;
  const rec = m.rec;
  const dc = m.causes;
  // a visit's groups one after the other: its record is read once
  for (let x = 0; x < positions; x++) {
    const p = m.countedPositions[x];
    for (let rest = groups; rest !== 0; rest &= rest - 1) {
      const g = lowestBit(rest);
      const row = g * (P + S + 1);
      const at = g * FOLD_KINDS * V + p;
      const stale = n[at + K_STALE * V];
      const none = n[at + K_NONE * V];
      const routeStale = n[at + K_ROUTE_STALE * V];
      const routeNone = n[at + K_ROUTE_NONE * V];
      const downStale = n[at + K_DOWN_STALE * V];
      const lessFresh = n[at + K_LESS_FRESH * V];
      const downNone = n[at + K_DOWN_NONE * V];
      if ((stale | none | routeStale | routeNone | downStale | lessFresh | downNone) === 0) continue;
      for (let k = 0; k < FOLD_KINDS; k++) n[at + k * V] = 0;
      const r = p * RECORD;
      const s1 = r + R_SIGHT;
      const s2 = s1 + ROW_FIELDS + 1;
      const sd = r + R_DOWN_STALE;
      const r1 = r + R_DOWN_FRESH;
      const r0 = r + R_DOWN_NONE;
      const success =
        stale * rec[s1] + none * rec[s2] + downStale * rec[sd] - lessFresh * rec[r1] + downNone * rec[r0];
      const attempt =
        (stale + routeStale) * rec[s1 + 1] +
        (none + routeNone) * rec[s2 + 1] +
        downStale * rec[sd + 1] -
        lessFresh * rec[r1 + 1] +
        downNone * rec[r0 + 1];
      for (let z = 0; z < CAUSE_COUNT; z++) {
        const a = z < AUTH ? stale + routeStale : stale;
        const b = z < AUTH ? none + routeNone : none;
        dc[z] =
          a * rec[s1 + 2 + z] +
          b * rec[s2 + 2 + z] +
          downStale * rec[sd + 2 + z] -
          lessFresh * rec[r1 + 2 + z] +
          downNone * rec[r0 + 2 + z];
      }
      // the sight's blamed roots on the healthy route, less the healthy one's
      const healthyRoot = rec[r + R_HEALTHY_VIA];
      const sights = stale + none;
      if (stale !== 0 && rec[r + R_SIGHT_VIA] >= 0)
        t.drvVia[rec[r + R_SIGHT_VIA] * 2 + 1] += stale * rec[s1 + ROW_FIELDS];
      if (none !== 0 && rec[r + R_SIGHT_VIA + 1] >= 0)
        t.drvVia[rec[r + R_SIGHT_VIA + 1] * 2 + 1] += none * rec[s2 + ROW_FIELDS];
      if (sights !== 0 && healthyRoot >= 0)
        t.drvVia[healthyRoot * 2 + 1] -= sights * rec[r + R_HEALTHY_WEIGHT];
      const d = rec[r + R_POP];
      const ci = rec[r + R_SITE];
      addCauses(t, d, P, ci, g, dc);
      addSums(t, row + d, row + P + ci, row + P + S, success, attempt);
    }
  }
}

/** Success and attempt corrections of a visit into its population's, its site's and the whole's entries (of one group). */
export function addSums(
  t: Tally,
  pop: number,
  site: number,
  all: number,
  success: number,
  attempt: number,
): void {
  t.drvSuccess[pop] += success;
  t.drvAttempt[pop] += attempt;
  t.drvSuccess[site] += success;
  t.drvAttempt[site] += attempt;
  t.drvSuccess[all] += success;
  t.drvAttempt[all] += attempt;
}

/** A visit's cause corrections (`causes`, then zeroed) of population d at site ci into group g's tallies. */
export function addCauses(t: Tally, d: number, P: number, ci: number, g: number, causes: Float64Array): void {
  for (let z = 0; z < CAUSE_COUNT; z++) {
    const dc = causes[z];
    if (dc === 0) continue;
    causes[z] = 0;
    t.drvCause[(d * 32 + g) * CAUSE_COUNT + z] += dc;
    t.drvCause[(P * 32 + g) * CAUSE_COUNT + z] += dc;
    t.siteCause[ci * CAUSE_COUNT + z] += dc;
  }
}
