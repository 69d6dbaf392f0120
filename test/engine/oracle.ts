/**
 * The oracle: SPEC §3 written the plain way — one trial at a time, booleans and objects, every
 * random quantity drawn directly (call latencies too, attempt by attempt). It shares nothing with
 * the engine but the model's resolved parameters, so agreement between them is evidence for both.
 * `evaluate` is deterministic given the draws; `exact.ts` enumerates draws with their probabilities.
 */
import { Rng } from "../../src/engine/rng.ts";
import {
  type Model,
  type ResolvedComponent,
  type ResolvedLink,
  resolveComponent,
  resolveLink,
} from "../../src/model/index.ts";

export interface OracleLink extends ResolvedLink {
  kind: "hard" | "soft" | "cached" | "async";
  flows: string[];
  group: string | undefined;
  k: number;
}

export interface Plan {
  model: Model;
  comps: ResolvedComponent[];
  links: OracleLink[];
  orgOf: (string | undefined)[];
  index: Map<string, number>;
  chargers: number[];
  viewers: boolean[];
  /** Link ends as component indices; links by consumer and by provider; requirements. */
  fromIdx: number[];
  toIdx: number[];
  out: number[][];
  into: number[][];
  reqs: Requirement[][];
  reachCache: Map<string, Set<number>>;
}

export function plan(model: Model): Plan {
  const comps = model.components.map(resolveComponent);
  const index = new Map(model.components.map((c, i) => [c.id, i]));
  const links = model.links.map((l) => ({
    ...resolveLink(l),
    kind: l.kind,
    flows: l.flows,
    group: l.group,
    k: l.k ?? 1,
  }));
  const fromIdx = links.map((l) => index.get(l.from) as number);
  const toIdx = links.map((l) => index.get(l.to) as number);
  const out: number[][] = comps.map(() => []);
  const into: number[][] = comps.map(() => []);
  links.forEach((_, j) => {
    out[fromIdx[j]].push(j);
    into[toIdx[j]].push(j);
  });
  const p: Plan = {
    model,
    comps,
    links,
    orgOf: model.components.map((c) => c.org),
    index,
    chargers: comps.flatMap((c, i) => (c.type === "charger" ? [i] : [])),
    viewers: comps.map((c) => c.type === "emsp" || c.type === "hub" || c.decides.includes("auth")),
    fromIdx,
    toIdx,
    out,
    into,
    reqs: [],
    reachCache: new Map(),
  };
  p.reqs = comps.map((_, i) => requirements(p, i));
  return p;
}

/** Every random quantity of one trial. */
export interface Draws {
  down: boolean[];
  silent: boolean[];
  degraded: boolean[];
  /** Outage age in hours (used when down). */
  age: number[];
  /** Per link: all attempts of the call timed out. */
  callFail: boolean[];
}

const Z95 = 1.6448536269514722;
function latency(rng: Rng, l: { p50: number; p95: number }): number {
  const sigma = (Math.log(l.p95) - Math.log(l.p50)) / Z95;
  return Math.exp(Math.log(l.p50) + sigma * rng.normal());
}

export function sampleDraws(p: Plan, rng: Rng): Draws {
  const n = p.comps.length;
  const d: Draws = { down: [], silent: [], degraded: [], age: [], callFail: [] };
  for (let i = 0; i < n; i++) {
    const c = p.comps[i];
    const down = rng.next() < 1 - c.availability;
    d.down.push(down);
    d.silent.push(down && rng.next() < c.silentShare);
    d.degraded.push(!down && rng.next() < c.degradedProbability);
    d.age.push(down ? rng.exponential(c.mttrHours) : 0);
  }
  for (const cc of p.model.commonCauses) {
    if (rng.next() >= cc.probability) continue;
    const members = cc.members.map((id) => p.index.get(id) as number);
    const a = rng.exponential(Math.max(...members.map((i) => p.comps[i].mttrHours)));
    for (const i of members) {
      d.age[i] = d.down[i] ? Math.max(d.age[i], a) : a;
      d.down[i] = true;
      d.silent[i] = false;
      d.degraded[i] = false;
    }
  }
  for (const l of p.links) {
    let fail = false;
    if (l.kind === "hard" || l.kind === "cached") {
      const provider = p.comps[p.index.get(l.to) as number];
      const factor = d.degraded[p.index.get(l.to) as number] ? provider.degradedFactor : 1;
      fail = true;
      for (let a = 0; a <= l.retries; a++) {
        if (latency(rng, provider.latencyMs) * factor + latency(rng, l.latencyMs) <= l.timeoutMs) {
          fail = false;
          break;
        }
      }
    }
    d.callFail.push(fail);
  }
  return d;
}

export interface Outcome {
  functional: boolean[];
  degradedThrough: boolean[];
  red: boolean[];
  usable: boolean[];
  seam: boolean[];
  /** `${charger}|${viewer}` → phantom / hidden. */
  phantom: Map<string, boolean>;
  hidden: Map<string, boolean>;
  /** `${charger}|${viewer}` → stale tariff, P(incorrect). */
  stale: Map<string, boolean>;
  incorrect: Map<string, number>;
  unusableKw: number;
  seamKw: number;
  cascade: number;
  crossing: boolean[];
}

type Requirement = { links: number[]; k: number };

function requirements(p: Plan, i: number): Requirement[] {
  const reqs: Requirement[] = [];
  const groups = new Map<string, Requirement>();
  p.out[i].forEach((j) => {
    const l = p.links[j];
    if (l.group === undefined) {
      reqs.push({ links: [j], k: 1 });
      return;
    }
    let g = groups.get(l.group);
    if (!g) {
      g = { links: [], k: 1 };
      groups.set(l.group, g);
      reqs.push(g);
    }
    g.links.push(j);
    g.k = Math.max(g.k, l.k);
  });
  return reqs;
}

export function evaluate(p: Plan, d: Draws): Outcome {
  const n = p.comps.length;
  const to = (j: number) => p.toIdx[j];
  const reqs = p.reqs;
  const F = d.down.map((x) => !x);
  const age = d.age.slice();
  // age at which link j's provider stopped serving (0 for a timed-out call to a functional one)
  const providerAge = (j: number) => (F[to(j)] ? 0 : age[to(j)]);
  const linkMet = (j: number): boolean => {
    const l = p.links[j];
    const ok = F[to(j)] && !d.callFail[j];
    if (l.kind === "soft" || l.kind === "async") return true;
    if (l.kind === "hard") return ok;
    if (l.failMode === "open") return true;
    return ok || providerAge(j) < l.ttlMinutes / 60;
  };
  const reqMet = (r: Requirement) => r.links.filter(linkMet).length >= r.k;
  const reqAge = (r: Requirement): number => {
    const failed = r.links.filter((j) => !linkMet(j)).map(providerAge);
    const breaking = r.links.filter((j) => {
      const l = p.links[j];
      return l.kind === "hard" || (l.kind === "cached" && l.failMode === "closed");
    }).length;
    const never = r.links.length - breaking;
    const k = r.k - never;
    if (k > breaking) return Number.POSITIVE_INFINITY;
    failed.sort((a, b) => b - a);
    return failed[Math.min(breaking - k + 1, failed.length) - 1];
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < n; i++) {
      const unmet = reqs[i].filter((r) => !reqMet(r));
      if (d.down[i]) {
        // a down component that also lost a requirement stopped serving at the earlier of the two
        const a = Math.max(d.age[i], 0, ...unmet.map(reqAge));
        if (a !== age[i]) {
          age[i] = a;
          changed = true;
        }
        continue;
      }
      if (F[i] && unmet.length > 0) {
        F[i] = false;
        changed = true;
      }
      if (!F[i]) {
        const a = Math.max(0, ...unmet.map(reqAge));
        if (a !== age[i]) {
          age[i] = a;
          changed = true;
        }
      }
    }
  }

  const degradedThrough = p.comps.map(
    (_, i) => F[i] && (d.degraded[i] || p.out[i].some((j) => p.links[j].kind === "soft" && !F[to(j)])),
  );
  const red = p.comps.map((c, i) => {
    if (c.monitoring === "none") return false;
    if (c.monitoring === "liveness") return d.down[i] && !d.silent[i];
    return d.down[i] || d.degraded[i];
  });

  // seam failures: no red component among the transitive hard/cached requirements
  const reachesRed = (start: number): boolean => {
    const seen = new Set([start]);
    const stack = [start];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      if (red[x]) return true;
      p.out[x].forEach((j) => {
        const l = p.links[j];
        if (l.kind !== "hard" && l.kind !== "cached") return;
        if (!seen.has(to(j))) {
          seen.add(to(j));
          stack.push(to(j));
        }
      });
    }
    return false;
  };

  const out: Outcome = {
    functional: F,
    degradedThrough,
    red,
    usable: p.chargers.map((c) => F[c]),
    seam: p.chargers.map((c) => !F[c] && !reachesRed(c)),
    phantom: new Map(),
    hidden: new Map(),
    stale: new Map(),
    incorrect: new Map(),
    unusableKw: 0,
    seamKw: 0,
    cascade: 0,
    crossing: p.links.map(() => false),
  };
  p.chargers.forEach((c, ci) => {
    if (F[c]) return;
    const kw = p.comps[c].units * p.comps[c].kwPerUnit;
    out.unusableKw += kw;
    if (out.seam[ci]) out.seamKw += kw;
  });
  for (let i = 0; i < n; i++) if (!F[i] && !d.down[i]) out.cascade++;
  for (let i = 0; i < n; i++) {
    if (F[i] || d.down[i]) continue;
    for (const r of reqs[i]) {
      if (reqMet(r)) continue;
      for (const j of r.links) if (!F[to(j)] && !linkMet(j)) out.crossing[j] = true;
    }
  }

  // perceived status
  const ids = p.model.components.map((c) => c.id);
  for (const c of p.chargers) {
    const report =
      (d.down[c] && !d.silent[c]) ||
      reqs[c].some(
        (r) =>
          !reqMet(r) &&
          r.links.some((j) => p.links[j].flows.some((f) => f === "connectivity" || f === "power")),
      )
        ? "unavailable"
        : "available";
    const value = perceive(p, F, d, age, c, "status", (u) => u === c, report);
    for (const [u, v] of value) {
      if (!p.viewers[u]) continue;
      const shown = v.known && (v.fresh ? v.available : true);
      out.phantom.set(`${ids[c]}|${ids[u]}`, !F[c] && shown);
      out.hidden.set(`${ids[c]}|${ids[u]}`, F[c] && !shown);
    }
    const tariffLink = p.out[c].find((j) => p.links[j].flows.includes("tariff"));
    if (tariffLink !== undefined) {
      const owner = p.toIdx[tariffLink];
      const tv = perceive(p, F, d, age, owner, "tariff", () => false, "available");
      for (const [u, v] of tv) {
        if (!p.viewers[u] || u === owner) continue;
        const stale = v.known && !v.fresh;
        out.stale.set(`${ids[c]}|${ids[u]}`, stale);
        out.incorrect.set(
          `${ids[c]}|${ids[u]}`,
          stale ? 1 - Math.exp((-v.age / 24) * p.comps[owner].tariffChangesPerDay) : 0,
        );
      }
    }
  }
  return out;
}

interface Seen {
  known: boolean;
  fresh: boolean;
  available: boolean;
  age: number;
}

/**
 * What every component that can reach `source` through links carrying `flow` knows of it, as a
 * least fixed point from "unknown" (SPEC §3.5). For status, a link straight to the charger gives its
 * report fresh; for tariffs, the owner itself is the fresh source.
 */
function perceive(
  p: Plan,
  F: boolean[],
  d: Draws,
  age: number[],
  source: number,
  flow: string,
  isDirectReport: (provider: number) => boolean,
  report: "available" | "unavailable",
): Map<number, Seen> {
  // who can reach the source along `flow` links (the model does not change between trials)
  const key = `${flow}:${source}`;
  let reach = p.reachCache.get(key);
  if (!reach) {
    const found = new Set<number>();
    const queue = [source];
    while (queue.length > 0) {
      const x = queue.shift() as number;
      p.into[x].forEach((j) => {
        if (!p.links[j].flows.includes(flow)) return;
        const u = p.fromIdx[j];
        if (u === source || found.has(u)) return;
        found.add(u);
        queue.push(u);
      });
    }
    reach = found;
    p.reachCache.set(key, reach);
  }
  const value = new Map<number, Seen>();
  const unknown: Seen = { known: false, fresh: false, available: false, age: 0 };
  const sourceValue = (): Seen =>
    flow === "tariff" && F[source] ? { known: true, fresh: true, available: true, age: 0 } : unknown;
  for (const u of reach) value.set(u, unknown);
  let changed = true;
  let rounds = 0;
  while (changed && rounds++ < 100) {
    changed = false;
    for (const u of reach) {
      let best: Seen = unknown;
      const consider = (s: Seen) => {
        if (!s.known) return;
        if (!best.known) best = s;
        else if (s.fresh && !best.fresh) best = s;
        else if (s.fresh && best.fresh) {
          if (!s.available) best = s; // unavailable wins among fresh sources
        } else if (!s.fresh && !best.fresh && s.age < best.age) best = s;
      };
      if (F[u]) {
        p.out[u].forEach((j) => {
          const l = p.links[j];
          if (!l.flows.includes(flow)) return;
          const x = p.toIdx[j];
          if (x !== source && !reach.has(x)) return;
          if (flow === "status" && isDirectReport(x)) {
            consider({ known: true, fresh: true, available: report === "available", age: 0 });
            return;
          }
          const ok = F[x] && !d.callFail[j];
          const upstream = x === source ? sourceValue() : (value.get(x) as Seen);
          if (ok) {
            consider(upstream);
            return;
          }
          const a = F[x] ? 0 : age[x];
          const lastKnown =
            l.kind === "async" ||
            l.kind === "soft" ||
            (l.kind === "cached" && (l.failMode === "open" || a < l.ttlMinutes / 60));
          if (lastKnown) consider({ known: true, fresh: false, available: true, age: a });
        });
      }
      const old = value.get(u) as Seen;
      if (
        old.known !== best.known ||
        old.fresh !== best.fresh ||
        old.available !== best.available ||
        old.age !== best.age
      ) {
        value.set(u, best);
        changed = true;
      }
    }
  }
  return value;
}

/** Tallies of the oracle over `trials` trials: the proportions the tests compare. */
export interface OracleTally {
  trials: number;
  functional: number[];
  usable: number[];
  seam: number[];
  phantom: Map<string, number>;
  hidden: Map<string, number>;
  stale: Map<string, number>;
  incorrect: Map<string, number>;
  unusableKw: number;
  seamKw: number;
  crossing: number[];
}

export function emptyTally(p: Plan): OracleTally {
  return {
    trials: 0,
    functional: p.comps.map(() => 0),
    usable: p.chargers.map(() => 0),
    seam: p.chargers.map(() => 0),
    phantom: new Map(),
    hidden: new Map(),
    stale: new Map(),
    incorrect: new Map(),
    unusableKw: 0,
    seamKw: 0,
    crossing: p.links.map(() => 0),
  };
}

/** Add one outcome with weight w (1 for a sampled trial, its probability when enumerating). */
export function addOutcome(t: OracleTally, o: Outcome, w = 1): void {
  t.trials += w;
  o.functional.forEach((f, i) => {
    if (f) t.functional[i] += w;
  });
  o.usable.forEach((u, i) => {
    if (u) t.usable[i] += w;
  });
  o.seam.forEach((s, i) => {
    if (s) t.seam[i] += w;
  });
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const [k, v] of o.phantom) add(t.phantom, k, v ? w : 0);
  for (const [k, v] of o.hidden) add(t.hidden, k, v ? w : 0);
  for (const [k, v] of o.stale) add(t.stale, k, v ? w : 0);
  for (const [k, v] of o.incorrect) add(t.incorrect, k, v * w);
  t.unusableKw += o.unusableKw * w;
  t.seamKw += o.seamKw * w;
  o.crossing.forEach((c, j) => {
    if (c) t.crossing[j] += w;
  });
}

/** Run the oracle: `trials` independent trials from `seed`. */
export function simulateOracle(model: Model, trials: number, seed: number): OracleTally {
  const p = plan(model);
  const rng = new Rng(seed, 0x0a11ce);
  const t = emptyTally(p);
  for (let i = 0; i < trials; i++) addOutcome(t, evaluate(p, sampleDraws(p, rng)));
  return t;
}
