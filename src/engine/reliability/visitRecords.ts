/**
 * The driver's view's per-visit constants packed for the word pass (SPEC §10): what a visit of its
 * own reads — its site, slot, class, population and own links, its healthy figures and its rows of
 * the sight and site-down tables (visit.ts) — one record per visit, the visits of a site next to
 * each other (the order of compile/visitClasses.ts's siteVisitItem). The pass is bound by memory:
 * from a dozen tables a visit took a dozen cache misses; from its record, a few neighbouring lines.
 * The numbers are the tables' own, copied (the same figures to the bit).
 */
import type { CompiledReliability } from "../compile/index.ts";
import { CAUSE_COUNT, DOWN_VISIT_FIELDS, HEALTHY_VISIT_FIELDS, SIGHT_FIELDS, SITE_DOWN } from "./visit.ts";

/** Integers (stored as doubles): the visit's site, slot, class, population, own links' range. */
export const R_SITE = 0;
export const R_SLOT = 1;
export const R_CLASS = 2;
export const R_POP = 3;
export const R_OWN_START = 4;
export const R_OWN_END = 5;
/** drvVia slots (−1: none): the healthy outcome's blamed root, then seen stale's and not seen's. */
export const R_HEALTHY_VIA = 6;
export const R_SIGHT_VIA = 7; // + sight − 1
/** Healthy figures: unit mass, attempts (seen fresh), success, its blamed root's weight. */
export const R_UNIT_MASS = 9;
export const R_FRESH_WEIGHT = 10;
export const R_HEALTHY_WEIGHT = 11;
/** The visit's intended weight, its unit mass when seen stale, the site's start-failure share. */
export const R_WEIGHT = 12;
export const R_STALE_MASS = 13;
export const R_START = 14;
/**
 * Rows of ROW_FIELDS (success, attempt, the causes), each less the healthy outcome: seen stale, then
 * not at all, at a working site on the class's healthy route (then the root's weight); the site
 * down and seen fresh; down and not seen; down and seen stale.
 */
export const ROW_FIELDS = 2 + CAUSE_COUNT;
export const R_SIGHT = 15; // + (sight − 1) × (ROW_FIELDS + 1)
export const R_DOWN_FRESH = R_SIGHT + 2 * (ROW_FIELDS + 1);
export const R_DOWN_NONE = R_DOWN_FRESH + ROW_FIELDS;
export const R_DOWN_STALE = R_DOWN_NONE + ROW_FIELDS;
export const RECORD = R_DOWN_STALE + ROW_FIELDS;

/**
 * The records (a visit's position: its place in site order); per position, the visit's slot and
 * class (what the pass reads of every visit at a disturbed site, dense); per position in the slots'
 * lists (slotVisitItem), the visit's position, site and class.
 */
export interface VisitRecords {
  rec: Float64Array;
  siteOrderSlot: Int32Array;
  siteOrderClass: Int32Array;
  slotOrderPosition: Int32Array;
  slotOrderSite: Int32Array;
  slotOrderClass: Int32Array;
}

/**
 * Records from the tables: `healthy` (healthyVisits), `sight` (sightVisits), `down` (downVisits),
 * and the drvVia slots of the healthy and sight roots (per visit, per visit and sight).
 */
export function visitRecords(
  c: CompiledReliability,
  healthy: Float64Array,
  sight: Float64Array,
  down: Float64Array,
  healthyVia: Int32Array,
  sightVia: Int32Array,
): VisitRecords {
  const D = c.drivers;
  const V = D.visitPop.length;
  const rec = new Float64Array(Math.max(1, V) * RECORD);
  const position = new Int32Array(V);
  const siteOrderSlot = new Int32Array(V);
  const siteOrderClass = new Int32Array(V);
  for (let y = 0; y < D.siteVisitItem.length; y++) {
    const v = D.siteVisitItem[y];
    position[v] = y;
    siteOrderSlot[y] = D.visitSlot[v];
    siteOrderClass[y] = D.visitClass[v];
    const r = y * RECORD;
    const ci = D.visitSite[v];
    const hv = v * HEALTHY_VISIT_FIELDS;
    const w = D.visitWeight[v];
    rec[r + R_SITE] = ci;
    rec[r + R_SLOT] = D.visitSlot[v];
    rec[r + R_CLASS] = D.visitClass[v];
    rec[r + R_POP] = D.visitPop[v];
    rec[r + R_OWN_START] = D.visitOwnLinkStart[v];
    rec[r + R_OWN_END] = D.visitOwnLinkStart[v + 1];
    rec[r + R_HEALTHY_VIA] = healthyVia[v];
    rec[r + R_SIGHT_VIA] = sightVia[v * 2];
    rec[r + R_SIGHT_VIA + 1] = sightVia[v * 2 + 1];
    rec[r + R_UNIT_MASS] = healthy[hv + 4 + CAUSE_COUNT];
    rec[r + R_FRESH_WEIGHT] = healthy[hv + 1];
    rec[r + R_HEALTHY_WEIGHT] = healthy[hv + 3 + CAUSE_COUNT];
    rec[r + R_WEIGHT] = w;
    rec[r + R_STALE_MASS] = w * D.siteUnitAvailability[ci];
    rec[r + R_START] = D.siteStartFailure[ci];
    for (let s = 0; s < 2; s++) {
      const from = (v * 2 + s) * SIGHT_FIELDS;
      const to = r + R_SIGHT + s * (ROW_FIELDS + 1);
      for (let z = 0; z < ROW_FIELDS; z++) rec[to + z] = sight[from + z];
      rec[to + ROW_FIELDS] = sight[from + 3 + CAUSE_COUNT];
    }
    for (let s = 0; s < 2; s++) {
      const from = (v * 2 + s) * DOWN_VISIT_FIELDS;
      const to = r + (s === 0 ? R_DOWN_FRESH : R_DOWN_NONE);
      for (let z = 0; z < ROW_FIELDS; z++) rec[to + z] = down[from + z];
    }
    // down and seen stale: every driver attempts, and finds the site down
    const stale = r + R_DOWN_STALE;
    rec[stale] = -healthy[hv];
    rec[stale + 1] = w - healthy[hv + 1];
    for (let z = 0; z < CAUSE_COUNT; z++)
      rec[stale + 2 + z] = (z === SITE_DOWN ? w : 0) - healthy[hv + 2 + z];
  }
  const slotOrderPosition = Int32Array.from(D.slotVisitItem, (v) => position[v]);
  const slotOrderSite = Int32Array.from(D.slotVisitItem, (v) => D.visitSite[v]);
  const slotOrderClass = Int32Array.from(D.slotVisitItem, (v) => D.visitClass[v]);
  return { rec, siteOrderSlot, siteOrderClass, slotOrderPosition, slotOrderSite, slotOrderClass };
}
