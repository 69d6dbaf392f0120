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
 * a link's `ttcDays` wins over the target component's; the entry point of a compromised charger is
 * the internet-exposed component its shortest attack path starts from, and entries and chokepoint
 * links are ranked by the charging power they expose (kW of chargers compromised within the horizon
 * through them, per trial); TTC percentiles come from a log-spaced histogram (1 % bins).
 */
import { type Model, resolveComponent, resolveLink } from "../model/index.ts";
import { Rng } from "./rng.ts";
import { meanEstimate, wilson } from "./stats.ts";
import { COMMANDS_FACTOR, stepDays } from "./ttc.ts";
import { batchCount, type Estimate, type MeanEstimate, trialsInBatch } from "./types.ts";

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

/** Log-spaced TTC histogram: bin k covers days in [10^(LO + k/PER_DECADE), …); last bin: never. */
const LO = -3;
const PER_DECADE = 100;
const DECADES = 8;
const BINS = DECADES * PER_DECADE + 2;

function binOf(days: number): number {
  if (!Number.isFinite(days)) return BINS - 1;
  if (days <= 0) return 0;
  const k = Math.floor((Math.log10(days) - LO) * PER_DECADE) + 1;
  return Math.min(BINS - 2, Math.max(0, k));
}

function binUpper(k: number): number {
  return k >= BINS - 1 ? Number.POSITIVE_INFINITY : 10 ** (LO + k / PER_DECADE);
}

export interface SecurityTally {
  trials: number;
  compromised: Float64Array;
  hist: Float64Array;
  entryKw: Float64Array;
  linkKw: Float64Array;
  kwSum: Float64Array;
  kwHist: Float64Array;
  above: Float64Array;
  orgAny: Float64Array;
  orgKw: Float64Array;
  orgKwSq: Float64Array;
  /** Attack paths to the target (link indices from the entry, comma-separated) and their counts. */
  paths: Map<string, number>;
}

/** Attacker-controllable kW histogram: 40 bins over [0, total kW]. */
const KW_BINS = 40;

export function createSecurityTally(c: CompiledSecurity): SecurityTally {
  const no = c.orgIds.length;
  return {
    trials: 0,
    compromised: new Float64Array(c.n),
    hist: new Float64Array(c.n * BINS),
    entryKw: new Float64Array(c.n),
    linkKw: new Float64Array(c.linkIds.length),
    kwSum: new Float64Array(2),
    kwHist: new Float64Array(KW_BINS),
    above: new Float64Array(1),
    orgAny: new Float64Array(no),
    orgKw: new Float64Array(no),
    orgKwSq: new Float64Array(no),
    paths: new Map(),
  };
}

export function mergeSecurityTally(into: SecurityTally, from: SecurityTally): void {
  into.trials += from.trials;
  const keys = [
    "compromised",
    "hist",
    "entryKw",
    "linkKw",
    "kwSum",
    "kwHist",
    "above",
    "orgAny",
    "orgKw",
    "orgKwSq",
  ] as const;
  for (const k of keys) for (let i = 0; i < into[k].length; i++) into[k][i] += from[k][i];
  for (const [path, count] of from.paths) into.paths.set(path, (into.paths.get(path) ?? 0) + count);
}

interface Scratch {
  rng: Rng;
  size: number;
  time: Float64Array;
  parentStep: Int32Array;
  root: Int32Array;
  heapNode: Int32Array;
  heapKey: Float64Array;
  pos: Int32Array;
  stepTime: Float64Array;
  orgKw: Float64Array;
  orgHit: Uint8Array;
}

const scratches = new WeakMap<CompiledSecurity, Scratch>();

function scratchFor(c: CompiledSecurity): Scratch {
  let s = scratches.get(c);
  if (!s) {
    s = {
      rng: new Rng(0, 0),
      size: 0,
      time: new Float64Array(c.n),
      parentStep: new Int32Array(c.n),
      root: new Int32Array(c.n),
      heapNode: new Int32Array(c.n),
      heapKey: new Float64Array(c.n),
      pos: new Int32Array(c.n),
      stepTime: new Float64Array(c.stepTo.length),
      orgKw: new Float64Array(c.orgIds.length),
      orgHit: new Uint8Array(c.orgIds.length),
    };
    scratches.set(c, s);
  }
  return s;
}

/** Run batch `batch` of a run of `totalTrials` with `seed` into `t`. */
export function runSecurityBatch(
  c: CompiledSecurity,
  seed: number,
  batch: number,
  totalTrials: number,
  t: SecurityTally,
): void {
  const trials = trialsInBatch(totalTrials, batch, SECURITY_BATCH_TRIALS);
  if (trials <= 0) return;
  const s = scratchFor(c);
  // a stream of its own: security batches never share random numbers with reliability ones
  s.rng.reset(seed ^ 0x5ec0_0000, batch);
  for (let trial = 0; trial < trials; trial++) oneTrial(c, s, t);
  t.trials += trials;
}

function oneTrial(c: CompiledSecurity, s: Scratch, t: SecurityTally): void {
  const { rng, time, parentStep, root, heapNode, heapKey, pos, stepTime } = s;
  const n = c.n;
  time.fill(Number.POSITIVE_INFINITY);
  pos.fill(-1);
  s.size = 0;
  for (let q = 0; q < c.stepTo.length; q++) stepTime[q] = rng.exponential(c.stepMean[q]);
  for (let e = 0; e < c.entryNode.length; e++) {
    const v = c.entryNode[e];
    const at = c.entryMean[e] > 0 ? rng.exponential(c.entryMean[e]) : 0;
    if (at < time[v]) {
      time[v] = at;
      parentStep[v] = -1;
      root[v] = v;
      heapPush(s, v, at);
    }
  }
  while (s.size > 0) {
    const v = heapNode[0];
    const tv = heapKey[0];
    heapPop(s);
    pos[v] = -2; // settled
    if (tv > c.horizonDays * 50) break; // far beyond any horizon: nothing more to learn
    for (let q = c.stepStart[v]; q < c.stepStart[v + 1]; q++) {
      const w = c.stepTo[q];
      if (pos[w] === -2) continue;
      const tw = tv + stepTime[q];
      if (tw < time[w]) {
        time[w] = tw;
        parentStep[w] = q;
        root[w] = root[v];
        heapPush(s, w, tw);
      }
    }
  }
  const horizon = c.horizonDays;
  for (let i = 0; i < n; i++) {
    const ti = time[i];
    t.hist[i * BINS + binOf(ti)]++;
    if (ti <= horizon) {
      t.compromised[i]++;
      const o = c.org[i];
      if (o >= 0) s.orgHit[o] = 1;
    }
  }
  let kw = 0;
  for (let x = 0; x < c.chargers.length; x++) {
    const ch = c.chargers[x];
    if (time[ch] > horizon) continue;
    const k = c.kw[ch];
    kw += k;
    t.entryKw[root[ch]] += k;
    const o = c.org[ch];
    if (o >= 0) s.orgKw[o] += k;
    // chokepoints: every link on its attack path
    let v = ch;
    let guard = 0;
    while (parentStep[v] >= 0 && guard++ < n) {
      const q = parentStep[v];
      t.linkKw[c.stepLink[q]] += k;
      v = c.stepFrom[q];
    }
  }
  if (c.target >= 0 && time[c.target] <= horizon) {
    const steps: number[] = [];
    let v = c.target;
    while (parentStep[v] >= 0 && steps.length < n) {
      steps.push(c.stepLink[parentStep[v]]);
      v = c.stepFrom[parentStep[v]];
    }
    const key = `${v}:${steps.reverse().join(",")}`;
    t.paths.set(key, (t.paths.get(key) ?? 0) + 1);
  }
  t.kwSum[0] += kw;
  t.kwSum[1] += kw * kw;
  const total = c.totalKw;
  t.kwHist[total > 0 ? Math.min(KW_BINS - 1, Math.floor((kw / total) * KW_BINS)) : 0]++;
  if (kw >= c.thresholdKw && kw > 0) t.above[0]++;
  for (let o = 0; o < c.orgIds.length; o++) {
    if (s.orgHit[o]) t.orgAny[o]++;
    const ok = s.orgKw[o];
    t.orgKw[o] += ok;
    t.orgKwSq[o] += ok * ok;
    s.orgHit[o] = 0;
    s.orgKw[o] = 0;
  }
}

/** Insert `v` with `key`, or lower its key (binary heap over typed arrays; no allocation). */
function heapPush(s: Scratch, v: number, key: number): void {
  const { heapNode, heapKey, pos } = s;
  let i = pos[v];
  if (i < 0) {
    i = s.size++;
    pos[v] = i;
  }
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (heapKey[p] <= key) break;
    heapNode[i] = heapNode[p];
    heapKey[i] = heapKey[p];
    pos[heapNode[i]] = i;
    i = p;
  }
  heapNode[i] = v;
  heapKey[i] = key;
  pos[v] = i;
}

/** Remove the minimum (the caller has read it). */
function heapPop(s: Scratch): void {
  const { heapNode, heapKey, pos } = s;
  const size = --s.size;
  if (size === 0) return;
  const v = heapNode[size];
  const key = heapKey[size];
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= size) break;
    const r = l + 1;
    const m = r < size && heapKey[r] < heapKey[l] ? r : l;
    if (heapKey[m] >= key) break;
    heapNode[i] = heapNode[m];
    heapKey[i] = heapKey[m];
    pos[heapNode[i]] = i;
    i = m;
  }
  heapNode[i] = v;
  heapKey[i] = key;
  pos[v] = i;
}

export interface SecurityResult {
  trials: number;
  seed: number;
  horizonDays: number;
  components: Record<string, { compromised: Estimate; ttcDays: { p50: number | null; p95: number | null } }>;
  /** Entry points ranked by the charging power compromised through them (kW per trial). */
  entries: { id: string; kw: number; share: number }[];
  /** Links ranked by the charging power whose attack path crosses them (kW per trial). */
  chokepoints: { id: string; kw: number; share: number }[];
  controllableKw: MeanEstimate & {
    totalKw: number;
    thresholdKw: number;
    pAboveThreshold: Estimate;
    histogram: { edges: number[]; counts: number[] };
  };
  orgs: Record<string, { anyCompromised: Estimate; controllableKw: MeanEstimate }>;
  /** With a target: its most frequent attack path (entry, then links in order) and how often. */
  criticalPath?: { target: string; entry: string; links: string[]; share: Estimate; compromised: Estimate };
}

function percentile(hist: Float64Array, offset: number, n: number, q: number): number | null {
  const want = q * n;
  let acc = 0;
  for (let k = 0; k < BINS; k++) {
    acc += hist[offset + k];
    if (acc >= want) {
      const v = binUpper(k);
      return Number.isFinite(v) ? Number(v.toPrecision(3)) : null;
    }
  }
  return null;
}

export function summarizeSecurity(c: CompiledSecurity, t: SecurityTally, seed: number): SecurityResult {
  const N = t.trials;
  const components: SecurityResult["components"] = Object.create(null);
  c.ids.forEach((id, i) => {
    components[id] = {
      compromised: wilson(t.compromised[i], N),
      ttcDays: { p50: percentile(t.hist, i * BINS, N, 0.5), p95: percentile(t.hist, i * BINS, N, 0.95) },
    };
  });
  const total = c.totalKw;
  const kwMean = N > 0 ? t.kwSum[0] / N : 0;
  const rank = (values: Float64Array, names: string[]) =>
    names
      .map((id, i) => ({
        id,
        kw: values[i] / Math.max(1, N),
        share: kwMean > 0 ? values[i] / Math.max(1, N) / kwMean : 0,
      }))
      .filter((e) => e.kw > 0)
      .sort((a, b) => b.kw - a.kw);
  const orgs: SecurityResult["orgs"] = Object.create(null);
  c.orgIds.forEach((id, o) => {
    orgs[id] = {
      anyCompromised: wilson(t.orgAny[o], N),
      controllableKw: meanEstimate(t.orgKw[o], t.orgKwSq[o], N),
    };
  });
  let criticalPath: SecurityResult["criticalPath"];
  if (c.target >= 0) {
    let best = "";
    let bestCount = 0;
    let all = 0;
    for (const [path, count] of t.paths) {
      all += count;
      if (count > bestCount || (count === bestCount && path < best)) {
        best = path;
        bestCount = count;
      }
    }
    if (bestCount > 0) {
      const [entry, steps] = best.split(":");
      criticalPath = {
        target: c.ids[c.target],
        entry: c.ids[Number(entry)],
        links: steps === "" ? [] : steps.split(",").map((j) => c.linkIds[Number(j)]),
        share: wilson(bestCount, all),
        compromised: wilson(all, N),
      };
    }
  }
  return {
    ...(criticalPath ? { criticalPath } : {}),
    trials: N,
    seed,
    horizonDays: c.horizonDays,
    components,
    entries: rank(t.entryKw, c.ids),
    chokepoints: rank(t.linkKw, c.linkIds),
    controllableKw: {
      ...meanEstimate(t.kwSum[0], t.kwSum[1], N),
      totalKw: total,
      thresholdKw: c.thresholdKw,
      pAboveThreshold: wilson(t.above[0], N),
      histogram: {
        edges: Array.from({ length: KW_BINS }, (_, k) => (k * total) / KW_BINS),
        counts: Array.from(t.kwHist),
      },
    },
    orgs,
  };
}

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
