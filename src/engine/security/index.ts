/**
 * Weakest-link attack Monte Carlo (SPEC §4). Per trial every attack step draws an exponential time
 * to compromise (mean from the TTC table or a `ttcDays` override); Dijkstra from the internet gives
 * each component's time to compromise. The attacker enters any `internet`-exposed component (or a
 * chosen start), moves across links in both directions, faster in the `commands` direction.
 *
 * Batch b of a run draws from the stream (seed, b), so numbers do not depend on how batches are
 * spread; tallies are merged in batch order.
 *
 * Choices where the spec is silent (also in the README): an entry step is guarded by the entered
 * component's own auth; a lateral step by the link's auth, with the target's patching and maturity;
 * a link's `ttcDays` wins over the target component's; steps into one component through the same
 * kind of interface (auth level, commanded or not) share one draw per trial, as a MAL attack step
 * belongs to its target (24 compromised chargers are one attempt on their payment provider, not 24);
 * a link that carries only `power` is no attack path; over a hosting or connectivity link without
 * its own `auth` the way up is guarded by the host's or carrier's own auth, and a host commands what
 * it hosts (× COMMANDS_FACTOR); the entry point of a compromised charger is
 * the internet-exposed component its shortest attack path starts from, and entries and chokepoint
 * links are ranked by the charging power they expose (kW of chargers compromised within the horizon
 * through them, per trial); TTC percentiles come from a log-spaced histogram (1 % bins).
 */
import type { Model } from "../../model/index.ts";
import { batchCount } from "../types.ts";
import { runSecurityBatch } from "./attack.ts";
import { compileSecurity, SECURITY_BATCH_TRIALS, type SecurityOptions } from "./compile.ts";
import { type SecurityResult, summarizeSecurity } from "./summarize.ts";
import { createSecurityTally, mergeSecurityTally } from "./tally.ts";

export { runSecurityBatch } from "./attack.ts";
export {
  type CompiledSecurity,
  compileSecurity,
  SECURITY_BATCH_TRIALS,
  type SecurityOptions,
} from "./compile.ts";
export { type SecurityResult, summarizeSecurity } from "./summarize.ts";
export { createSecurityTally, mergeSecurityTally, type SecurityTally } from "./tally.ts";

/** Attack trials in the app: 10,000 on small models, fewer (≥ 1,000) where a trial costs more. */
export function securityTrials(model: Model): number {
  const work = model.components.length + 2 * model.links.length;
  return Math.max(1_000, Math.min(10_000, Math.round(3_000_000 / Math.max(1, work))));
}

/** Controllable kW known to ±2 % and every P(compromised) to ±0.01: precise enough to stop early. */
export function isSecurityPrecise(r: SecurityResult): boolean {
  const kw = r.controllableKw;
  if ((kw.ci95[1] - kw.ci95[0]) / 2 > 0.02 * Math.max(kw.mean, 1)) return false;
  return Object.values(r.components).every(
    (c) => (c.compromised.ci95[1] - c.compromised.ci95[0]) / 2 <= 0.01,
  );
}

/** A whole security analysis in this thread, batch by batch (identical to any split of batches). */
export function simulateSecurity(
  model: Model,
  trials: number,
  seed: number,
  options: SecurityOptions,
): SecurityResult {
  const c = compileSecurity(model, options);
  const total = createSecurityTally(c);
  for (let b = 0; b < batchCount(trials, SECURITY_BATCH_TRIALS); b++) {
    const part = createSecurityTally(c);
    runSecurityBatch(c, seed, b, trials, part);
    mergeSecurityTally(total, part);
  }
  return summarizeSecurity(c, total, seed);
}
