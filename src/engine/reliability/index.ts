/**
 * The snapshot Monte Carlo of SPEC §3, 32 trials per machine word, one file per step:
 * sample (steps 1–3) → propagate (4) → perceive, tariffs (5) → outcomes (6) → chains (§5) →
 * summarize (7); `run` drives a batch word by word, `memory` is the working memory, `agenda` what a
 * word visits, `tally` what it adds up.
 *
 * Decisions where SPEC §3 is silent (also in the README's model section):
 * - a common cause hitting a component that is already down makes it reported (not silent) and its
 *   outage age the larger of the two;
 * - latency and timeouts use the provider's own (intrinsic) degradation; degradation through a soft
 *   link is reported but does not slow the provider further;
 * - a call that times out against a functional provider is a failure of age 0 (a cached link serves it
 *   from its cache when TTL > 0);
 * - among fresh sources of a charger's status that disagree, `unavailable` wins;
 * - a viewer is paired with the chargers it can perceive through `status` links at all; phantom rate
 *   is the mean of P(phantom) over those pairs;
 * - the tariff "owner" of a charger is the provider of its first `tariff` link; a viewer's tariff from
 *   it is stale when it arrives through a failed link (age = that provider's failure age, 0 for a
 *   timeout), and is incorrect with probability 1 − exp(−age · tariffChangesPerDay); that probability
 *   is summed, not sampled, so it carries no extra noise.
 */

export type { WorkingMemory } from "./memory.ts";
export { propagateWord, runBatch, runWord, startBatch } from "./run.ts";
export { summarize } from "./summarize.ts";
export { createTally, mergeTally, resetTally, type Tally } from "./tally.ts";
