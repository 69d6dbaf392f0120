/** The attack model of SPEC §4 compiled to flat arrays: entry steps and directed lateral steps with their mean days. */
import { type Model, resolveComponent, resolveLink } from "../../model/index.ts";
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
  kw: Float64Array;
  chargers: Int32Array;
  /** kW of all charger sites. */
  totalKw: number;
  org: Int32Array;
  orgIds: string[];
  horizonDays: number;
  thresholdKw: number;
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
  const steps: { from: number; to: number; mean: number; link: number }[] = [];
  const links = model.links.filter((l) => index.has(l.from) && index.has(l.to) && l.from !== l.to);
  links.forEach((l, j) => {
    const r = resolveLink(l);
    const a = index.get(l.from) as number; // depends on
    const b = index.get(l.to) as number; // provider; commands a when r.commands
    const into = (target: number, commanded: boolean) => {
      const t = comps[target];
      const base = r.ttcDays ?? t.ttcDays ?? stepDays(r.auth, t.patchCadenceDays, t.maturity, overrides);
      return r.ttcDays === undefined && commanded ? base * COMMANDS_FACTOR : base;
    };
    steps.push({ from: b, to: a, mean: into(a, r.commands), link: j });
    steps.push({ from: a, to: b, mean: into(b, false), link: j });
  });
  steps.sort((x, y) => x.from - y.from);
  const stepStart = new Int32Array(n + 1);
  for (const s of steps) stepStart[s.from + 1]++;
  for (let i = 0; i < n; i++) stepStart[i + 1] += stepStart[i];
  const orgIds = model.orgs.map((o) => o.id);
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
    kw: Float64Array.from(comps, (c) => (c.type === "charger" ? c.units * c.kwPerUnit : 0)),
    totalKw: comps.reduce((sum, c) => sum + (c.type === "charger" ? c.units * c.kwPerUnit : 0), 0),
    chargers: Int32Array.from(comps.flatMap((c, i) => (c.type === "charger" ? [i] : []))),
    org: Int32Array.from(model.components, (c) => (c.org === undefined ? -1 : (orgIndex.get(c.org) ?? -1))),
    orgIds,
    horizonDays: options.horizonDays,
    thresholdKw: (model.settings.controllableMwThreshold ?? 30) * 1000,
    target: targetIndex(options.target, index),
  };
}
