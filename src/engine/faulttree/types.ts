/** The parts of a fault tree: basic events, gates and references to either (SPEC §6). */

export const FALSE = -1;
export const TRUE = -2;

/** A reference: an event index (≥ 0), FALSE, TRUE, or a gate (−3 − index). */
export type Ref = number;

export function gateRef(g: number): Ref {
  return -3 - g;
}

export function gateOf(r: Ref): number {
  return -3 - r;
}

export type EventRole = "down" | "age" | "cause" | "cause-age" | "degraded" | "timeout" | "slow";

export interface BasicEvent {
  name: string;
  label: string;
  p: number;
  role: EventRole;
  /** The component (down, age, degraded), link (timeout, slow) or common cause (cause, cause-age). */
  of: string;
  /** For age steps: the outage age (hours) this step reaches. */
  atHours?: number;
}

export interface Gate {
  name: string;
  label: string;
  op: "or" | "and" | "atleast";
  /** For atleast. */
  k: number;
  args: Ref[];
}

export interface FaultTrees {
  events: BasicEvent[];
  gates: Gate[];
  /** Top event "unusable" per charger id. */
  tops: Map<string, Ref>;
  /** The intrinsic "down" event of each component that appears in some tree. */
  downEvent: Map<string, number>;
  /** Charging power (kW) of each charger site with a tree. */
  kw: Map<string, number>;
}

/** A model whose fault trees cannot be built (cyclic requirements). */
export class FaultTreeError extends Error {}
