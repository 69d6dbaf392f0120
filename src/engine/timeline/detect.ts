/**
 * Per incident (SPEC §11): the first red dashboard after it starts, among the incident's target and
 * the components that depend on it (hard and cached requirements, transitively; both ends of a
 * partitioned link). A dashboard is red as in SPEC §3.6 — down and not silent with monitoring, or
 * down or degraded under synthetic monitoring — and, in time, under synthetic monitoring while its
 * callers' requests to it time out. The dependants look too: a caller with synthetic monitoring (its
 * probes exercise its own calls, soft ones included) goes red when its call into the cone times out —
 * how a CSMS sees a slow roaming hub whose own liveness check stays green.
 */
import { EFFECT_PARTITION } from "./compile.ts";
import type { Sim } from "./sim.ts";

const MONITORING_NONE = 0;
const MONITORING_SYNTHETIC = 2;

export class Detector {
  /** Per incident: its cone (components whose red dashboard counts), when detected (s; −1 not yet). */
  readonly cones: Int32Array[];
  /** Per incident: 1 for the components of its cone (n per incident). */
  readonly inCone: Uint8Array;
  readonly detectedAt: Float64Array;
  /** Per component: end of the last incident touching it (s; −1: none touches it). */
  readonly lastEnd: Float64Array;
  pending: number;

  constructor(sim: Sim) {
    const { cp } = sim;
    const c = cp.c;
    const count = cp.incidentIds.length;
    this.detectedAt = new Float64Array(count).fill(-1);
    this.pending = count;
    this.lastEnd = new Float64Array(cp.n).fill(-1);
    this.cones = [];
    this.inCone = new Uint8Array(count * cp.n);
    for (let k = 0; k < count; k++) {
      const t = cp.incidentTarget[k];
      const roots = cp.incidentEffect[k] === EFFECT_PARTITION ? [c.linkFrom[t], c.linkTo[t]] : [t];
      for (const r of roots) this.lastEnd[r] = Math.max(this.lastEnd[r], cp.incidentEnd[k]);
      const seen = new Uint8Array(cp.n);
      const stack = [...roots];
      const cone: number[] = [];
      for (const r of roots) seen[r] = 1;
      while (stack.length > 0) {
        const i = stack.pop() as number;
        cone.push(i);
        for (let q = c.revDepStart[i]; q < c.revDepStart[i + 1]; q++) {
          const u = c.revDepItem[q];
          if (!seen[u]) {
            seen[u] = 1;
            stack.push(u);
          }
        }
      }
      this.cones.push(Int32Array.from(cone));
      for (const i of cone) this.inCone[k * cp.n + i] = 1;
    }
  }

  /** Whether component i's own dashboard is red now. */
  private isRed(sim: Sim, i: number): boolean {
    const monitoring = sim.cp.c.monitoring[i];
    if (monitoring === MONITORING_NONE) return false;
    if (sim.down[i] && !sim.silent[i]) return true;
    return (
      monitoring === MONITORING_SYNTHETIC &&
      (sim.down[i] === 1 || sim.degraded[i] === 1 || sim.timeoutBin[i] > 0)
    );
  }

  /**
   * A call from `caller` (−1: base load) to `provider` timed out: red for the provider under
   * synthetic monitoring, and for a synthetic caller when the provider is in an incident's cone.
   */
  timedOut(sim: Sim, provider: number, caller: number): void {
    const monitoring = sim.cp.c.monitoring;
    if (monitoring[provider] === MONITORING_SYNTHETIC) this.check(sim);
    if (caller < 0 || monitoring[caller] !== MONITORING_SYNTHETIC) return;
    const { cp } = sim;
    for (let k = 0; k < this.cones.length; k++) {
      if (this.detectedAt[k] >= 0 || sim.now < cp.incidentStart[k]) continue;
      if (this.inCone[k * cp.n + provider]) {
        this.detectedAt[k] = sim.now;
        this.pending--;
      }
    }
  }

  /** Look for the first red dashboard of every open, undetected incident. */
  check(sim: Sim): void {
    const { cp } = sim;
    for (let k = 0; k < this.cones.length; k++) {
      if (this.detectedAt[k] >= 0 || sim.now < cp.incidentStart[k]) continue;
      const cone = this.cones[k];
      for (let x = 0; x < cone.length; x++) {
        if (this.isRed(sim, cone[x])) {
          this.detectedAt[k] = sim.now;
          this.pending--;
          break;
        }
      }
    }
  }
}
