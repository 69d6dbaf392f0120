/**
 * The attack model of SPEC §4 compiled to flat arrays: entry steps, directed lateral steps, and the
 * barriers (one exponential draw per trial each) that the steps into a component share.
 */
import type { AuthLevel, Flow, Model, ResolvedComponent } from "../../model/index.ts";
import { resolveComponent, resolveLink } from "../../model/index.ts";
import { COMMANDS_FACTOR, stepDays } from "../ttc.ts";

export interface SecurityOptions {
  horizonDays: number;
  /** Start from this component instead of the internet (what-if). */
  start?: string;
  /** Find the most frequent attack path to this component. */
  target?: string;
}

export interface CompiledSecurity {
  ids: string[];
  linkIds: string[];
  n: number;
  /** Entry steps: component and mean days (internet-exposed ones, or the chosen start at 0 days). */
  entryNode: Int32Array;
  entryMean: Float64Array;
  /** Directed steps: from → to over link `stepLink`, mean days; adjacency by `from`. */
  stepStart: Int32Array;
  stepTo: Int32Array;
  stepFrom: Int32Array;
  stepMean: Float64Array;
  stepLink: Int32Array;
  /**
   * The barrier each step crosses, and each barrier's mean days: steps into one component through
   * the same kind of interface share one draw per trial (MAL: a TTC belongs to the target's attack step).
   */
  stepBarrier: Int32Array;
  barrierMean: Float64Array;
  kw: Float64Array;
  chargers: Int32Array;
  /** kW of all charger sites. */
  totalKw: number;
  org: Int32Array;
  orgIds: string[];
  horizonDays: number;
  thresholdKw: number;
  /** settings.systemicThreshold: a share of all charging power, and that share in kW. */
  systemicShare: number;
  systemicKw: number;
  /** Component whose attack paths are counted, or −1. */
  target: number;
}

function targetIndex(target: string | undefined, index: Map<string, number>): number {
  if (target === undefined) return -1;
  const t = index.get(target);
  if (t === undefined) throw new RangeError(`no component "${target}" to find attack paths to`);
  return t;
}

/**
 * Attack trials per batch: a trial costs a Dijkstra, so batches are smaller than the reliability
 * engine's — a run of a few thousand trials still streams in several steps and spreads over the pool.
 */
export const SECURITY_BATCH_TRIALS = 1024;

export function compileSecurity(model: Model, options: SecurityOptions): CompiledSecurity {
  const comps = model.components.map(resolveComponent);
  const ids = model.components.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const overrides = model.settings;
  const entryNode: number[] = [];
  const entryMean: number[] = [];
  if (options.start !== undefined) {
    const s = index.get(options.start);
    if (s === undefined) throw new RangeError(`no component "${options.start}" to start from`);
    entryNode.push(s);
    entryMean.push(0);
  } else {
    comps.forEach((c, i) => {
      if (c.exposure !== "internet") return;
      entryNode.push(i);
      entryMean.push(c.ttcDays ?? stepDays(c.auth, c.patchCadenceDays, c.maturity, overrides));
    });
  }
  const links = model.links.filter((l) => index.has(l.from) && index.has(l.to) && l.from !== l.to);
  const { steps, barrierMean } = lateralSteps(model, links, comps, index);
  steps.sort((x, y) => x.from - y.from);
  const stepStart = new Int32Array(n + 1);
  for (const s of steps) stepStart[s.from + 1]++;
  for (let i = 0; i < n; i++) stepStart[i + 1] += stepStart[i];
  const orgIds = model.orgs.map((o) => o.id);
  const totalKw = comps.reduce((sum, c) => sum + (c.type === "charger" ? c.units * c.kwPerUnit : 0), 0);
  const orgIndex = new Map(orgIds.map((id, i) => [id, i]));
  return {
    ids,
    linkIds: links.map((l) => l.id),
    n,
    entryNode: Int32Array.from(entryNode),
    entryMean: Float64Array.from(entryMean),
    stepStart,
    stepTo: Int32Array.from(steps, (s) => s.to),
    stepFrom: Int32Array.from(steps, (s) => s.from),
    stepMean: Float64Array.from(steps, (s) => s.mean),
    stepLink: Int32Array.from(steps, (s) => s.link),
    stepBarrier: Int32Array.from(steps, (s) => s.barrier),
    barrierMean: Float64Array.from(barrierMean),
    kw: Float64Array.from(comps, (c) => (c.type === "charger" ? c.units * c.kwPerUnit : 0)),
    totalKw,
    chargers: Int32Array.from(comps.flatMap((c, i) => (c.type === "charger" ? [i] : []))),
    org: Int32Array.from(model.components, (c) => (c.org === undefined ? -1 : (orgIndex.get(c.org) ?? -1))),
    orgIds,
    horizonDays: options.horizonDays,
    thresholdKw: (model.settings.controllableMwThreshold ?? 30) * 1000,
    systemicShare: model.settings.systemicThreshold,
    systemicKw: model.settings.systemicThreshold * totalKw,
    target: targetIndex(options.target, index),
  };
}

/** Flows that carry no data between the two components: electricity gives an attacker no way across. */
const NO_DATA_FLOWS: readonly Flow[] = ["power"];
/** Flows of infrastructure under the dependent (its host, its network, its supply), not an API between peers. */
const INFRASTRUCTURE_FLOWS: readonly Flow[] = ["hosting", "connectivity", "power"];

interface LateralStep {
  from: number;
  to: number;
  mean: number;
  link: number;
  barrier: number;
}

/**
 * Both directions of every link that carries data (SPEC §4), with the barrier each crosses:
 * - a link that carries only `power` is no attack path (no data crosses it);
 * - the `commands` direction, and a host towards what it hosts, is faster (× COMMANDS_FACTOR): the
 *   provider already controls the dependent (firmware push, the tenant's compute);
 * - over an infrastructure link (hosting, connectivity) without its own `auth`, the way up into the
 *   host or carrier is guarded by that component's own `auth` (a tenant escaping to its cloud region,
 *   a subscriber device into the carrier's core), not by the link default;
 * - steps into one component through the same kind of interface (auth level, commanded or not, or
 *   the component's `ttcDays`) cross one barrier: a fleet of compromised chargers is one attempt on
 *   the payment provider's interface, not 24 independent ones. A link's own `ttcDays` is its own barrier.
 */
function lateralSteps(
  model: Model,
  links: Model["links"],
  comps: ResolvedComponent[],
  index: Map<string, number>,
): { steps: LateralStep[]; barrierMean: number[] } {
  const overrides = model.settings;
  const steps: LateralStep[] = [];
  const barrierMean: number[] = [];
  const barriers = new Map<string, number>();
  const barrier = (key: string, mean: number) => {
    let b = barriers.get(key);
    if (b === undefined) {
      b = barrierMean.length;
      barriers.set(key, b);
      barrierMean.push(mean);
    }
    return b;
  };
  links.forEach((l, j) => {
    if (l.flows.length > 0 && l.flows.every((f) => NO_DATA_FLOWS.includes(f))) return;
    const r = resolveLink(l);
    const infrastructure = l.flows.length > 0 && l.flows.every((f) => INFRASTRUCTURE_FLOWS.includes(f));
    const a = index.get(l.from) as number; // depends on
    const b = index.get(l.to) as number; // provider; commands a when r.commands
    const add = (from: number, to: number, commanded: boolean) => {
      const target = comps[to];
      const auth: AuthLevel = infrastructure && l.auth === undefined ? target.auth : r.auth;
      const factor = commanded ? COMMANDS_FACTOR : 1;
      if (r.ttcDays !== undefined) {
        steps.push({ from, to, mean: r.ttcDays, link: j, barrier: barrier(`link ${j} ${from}`, r.ttcDays) });
        return;
      }
      const mean =
        (target.ttcDays ?? stepDays(auth, target.patchCadenceDays, target.maturity, overrides)) * factor;
      const key = `${to} ${target.ttcDays === undefined ? auth : "ttcDays"} ${commanded}`;
      steps.push({ from, to, mean, link: j, barrier: barrier(key, mean) });
    };
    add(b, a, r.commands || l.flows.includes("hosting"));
    add(a, b, false);
  });
  return { steps, barrierMean };
}
