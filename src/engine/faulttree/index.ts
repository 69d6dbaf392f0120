/**
 * "Charger site c unusable" as a fault tree with exactly the engine's semantics (SPEC §3, §6), for
 * models whose requirements are acyclic. The same tree is quantified exactly with a BDD (importance)
 * and written as Open-PSA MEF (export).
 *
 * Gate E(x, t) is "x non-functional, and it stopped serving at least t hours ago" (t = 0: simply
 * non-functional). With the engine's rules for ages:
 * - E(x, t) = D(x, t) ∨ ⋁ requirements R(r, t)   (a failure's age is the largest of its causes');
 * - D(x, t) = (down_x ∧ age_x ≥ t) ∨ ⋁ causes k ∋ x (cause_k ∧ age_k ≥ t);
 * - R(r, t) = at least (n − k + 1) of its breaking members L(j, t);
 * - L(j, t) for a hard link (and a cached, fail-closed link with TTL 0) to p: E(p, t), or when
 *   t = 0 also the call timing out; for a cached, fail-closed link with TTL τ > 0: E(p, max(t, τ))
 *   (a timed-out call is served from the cache).
 * Outage ages are exponential, so "age ≥ t_m" given down is a chain of independent events
 * "age ≥ t_i given ≥ t_{i−1}" with probabilities exp(−(t_i − t_{i−1}) / MTTR) over the thresholds
 * the model needs. A call to p fails with P(fail | p up) = u or P(fail | p degraded) = d ≥ u, which
 * is timeout ∨ (degraded_p ∧ slow), P(timeout) = u and P(slow) = (d − u) / (1 − u): every gate is
 * AND, OR or at-least, so the tree is coherent.
 */
import type { Model } from "../../model/index.ts";
import { compileReliability } from "../compile/index.ts";
import { Builder } from "./builder.ts";
import { cycleOf } from "./cycle.ts";
import { FaultTreeError, type FaultTrees } from "./types.ts";

export * from "./types.ts";

/** The fault trees of "charger site c unusable" for the given sites (all by default). */
export function buildFaultTrees(model: Model, chargerIds?: string[]): FaultTrees {
  const c = compileReliability(model);
  if (c.cyclic) {
    throw new FaultTreeError(
      `requirements form a cycle (${cycleOf(c)}): a fault tree needs acyclic requirements; the importance is computed by Monte Carlo instead`,
    );
  }
  return new Builder(model, c).build(chargerIds);
}
