/** Forced component states (what-if, importance) on a compiled model. */
import { type CompiledReliability, FORCE_NONE } from "./types.ts";

/** A copy of `c` (sharing its arrays) with component states forced; `states` maps index → FORCE_*. */
export function withForces(c: CompiledReliability, states: ReadonlyMap<number, number>): CompiledReliability {
  const force = new Uint8Array(c.n);
  for (const [i, state] of states) force[i] = state;
  const forced = Int32Array.from(
    [...states.keys()].filter((i) => force[i] !== FORCE_NONE).sort((a, b) => a - b),
  );
  return { ...c, force, forced };
}
