/**
 * What-if (SPEC §6): force components down, degraded or compromised, or organisations offline, and
 * compare every figure with the baseline computed from the same random numbers.
 *
 * Decisions where the spec is silent: "compromised" in the reliability analysis is down and silent
 * (the attacker stops the service and its own health signal keeps reporting green; the security
 * analysis starts the attacker there); an organisation offline is every one of its components down
 * and reported.
 */
import type { Model } from "../model/index.ts";
import {
  type CompiledReliability,
  compileReliability,
  FORCE_COMPROMISED,
  FORCE_DEGRADED,
  FORCE_DOWN,
  FORCE_UP,
  withForces,
} from "./compile/index.ts";
import { type PairedResult, simulatePaired } from "./paired.ts";

export type ForcedState = "down" | "up" | "degraded" | "compromised";

export interface WhatIf {
  components?: Record<string, ForcedState>;
  orgsOffline?: string[];
}

const CODE: Record<ForcedState, number> = {
  down: FORCE_DOWN,
  up: FORCE_UP,
  degraded: FORCE_DEGRADED,
  compromised: FORCE_COMPROMISED,
};

export class WhatIfError extends Error {}

/** The compiled model with the what-if's states forced; unknown ids are an error naming them. */
export function applyWhatIf(model: Model, c: CompiledReliability, w: WhatIf): CompiledReliability {
  const index = new Map(c.componentIds.map((id, i) => [id, i]));
  const states = new Map<number, number>();
  for (const org of w.orgsOffline ?? []) {
    if (!model.orgs.some((o) => o.id === org))
      throw new WhatIfError(`organisation "${org}" is not in the model`);
    model.components.forEach((comp) => {
      if (comp.org === org) states.set(index.get(comp.id) as number, FORCE_DOWN);
    });
  }
  for (const [id, state] of Object.entries(w.components ?? {})) {
    const i = index.get(id);
    if (i === undefined) throw new WhatIfError(`component "${id}" is not in the model`);
    if (!Object.hasOwn(CODE, state))
      throw new WhatIfError(`"${state}" is not a state (down, up, degraded, compromised)`);
    states.set(i, CODE[state]);
  }
  return withForces(c, states);
}

export function simulateWhatIf(model: Model, w: WhatIf, trials: number, seed: number): PairedResult {
  const base = compileReliability(model);
  return simulatePaired(base, applyWhatIf(model, base, w), trials, seed);
}
