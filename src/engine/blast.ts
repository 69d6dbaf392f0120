/**
 * Single-failure blast radius (SPEC §5): the charging power lost when one component alone is down
 * for good and everything else is up. Deterministic — no random numbers.
 *
 * Propagation follows SPEC §3.4 for a sustained outage: hard links fail; cached links fail once the
 * outage outlasts their TTL when `failMode` is closed and keep serving stale data when open; soft
 * and async links never fail their consumer; a redundancy group needs ≥ k of its links met. A worklist
 * over reverse edges computes the greatest fixed point, so cycles are handled: O(n + m) per failed
 * component, O(n·(n + m)) for all of them.
 */
import { canFailConsumer, type Model, resolveComponent, resolveLink } from "../model/index.ts";

export interface BlastRadius {
  blastRadiusKw: number;
  /** A non-charger whose failure alone makes charging capacity unusable. */
  spof: boolean;
  /** Components (chargers included) made non-functional by its failure, itself excluded. */
  cascade: number;
}

interface Requirement {
  /** Provider index per link of the requirement. */
  providers: number[];
  /** Whether each link fails its consumer when its provider is down for good. */
  breaks: boolean[];
  k: number;
}

/**
 * Blast radius of every component, keyed by component id. `visit`, when given, sees each single
 * failure's outcome: the failed component's index and which components stay functional.
 */
export function blastRadius(
  model: Model,
  visit?: (failed: number, functional: Uint8Array) => void,
): Record<string, BlastRadius> {
  const n = model.components.length;
  const index = new Map(model.components.map((c, i) => [c.id, i]));
  const kw = model.components.map((c) => {
    const r = resolveComponent(c);
    return r.units * r.kwPerUnit;
  });
  const requirements = buildRequirements(model, index);
  const dependants: number[][] = Array.from({ length: n }, () => []);
  requirements.forEach((reqs, consumer) => {
    for (const r of reqs) for (const p of r.providers) dependants[p].push(consumer);
  });

  const functional = new Uint8Array(n);
  const queue = new Int32Array(n);
  const out: Record<string, BlastRadius> = {};
  for (let x = 0; x < n; x++) {
    functional.fill(1);
    functional[x] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = x;
    while (head < tail) {
      const failed = queue[head++];
      for (const consumer of dependants[failed]) {
        if (!functional[consumer]) continue;
        if (!requirementsMet(requirements[consumer], functional)) {
          functional[consumer] = 0;
          queue[tail++] = consumer;
        }
      }
    }
    let lost = 0;
    for (let i = 0; i < n; i++) if (!functional[i]) lost += kw[i];
    visit?.(x, functional);
    const c = model.components[x];
    out[c.id] = { blastRadiusKw: lost, spof: c.type !== "charger" && lost > 0, cascade: tail - 1 };
  }
  return out;
}

function requirementsMet(reqs: Requirement[], functional: Uint8Array): boolean {
  for (const r of reqs) {
    let met = 0;
    for (let j = 0; j < r.providers.length; j++) if (functional[r.providers[j]] || !r.breaks[j]) met++;
    if (met < r.k) return false;
  }
  return true;
}

/** Per consumer: one requirement per ungrouped link, one per redundancy group. */
function buildRequirements(model: Model, index: Map<string, number>): Requirement[][] {
  const reqs: Requirement[][] = model.components.map(() => []);
  const groups = new Map<string, Requirement>();
  for (const l of model.links) {
    const from = index.get(l.from);
    const to = index.get(l.to);
    if (from === undefined || to === undefined) continue;
    const breaks = canFailConsumer(l.kind, resolveLink(l).failMode);
    if (l.group === undefined) {
      reqs[from].push({ providers: [to], breaks: [breaks], k: 1 });
      continue;
    }
    const key = `${from}\u0000${l.group}`;
    let g = groups.get(key);
    if (!g) {
      g = { providers: [], breaks: [], k: 1 };
      groups.set(key, g);
      reqs[from].push(g);
    }
    g.providers.push(to);
    g.breaks.push(breaks);
    g.k = Math.max(g.k, l.k ?? 1);
  }
  return reqs;
}
