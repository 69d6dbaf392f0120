/**
 * Exact answers by enumeration: every combination of the discrete random quantities of a small
 * model — each component up, degraded, down reported or down silent; outage ages by bucket between
 * the model's cache TTLs (an age only matters through comparisons with TTLs); common causes fired
 * or not; call timeouts — weighted by its probability and evaluated by the oracle's `evaluate`.
 * Call-timeout probabilities come from the engine's quadrature (the oracle checks those by sampling).
 */
import { callFailureProbability, logNormalOf } from "../../src/engine/latency.ts";
import type { Model } from "../../src/model/index.ts";
import { addOutcome, type Draws, emptyTally, evaluate, type OracleTally, plan } from "../fixtures/oracle.ts";

interface Choice {
  p: number;
  apply(d: Draws): void;
}

export function enumerate(model: Model): OracleTally {
  const pl = plan(model);
  const n = pl.comps.length;
  // an age is only compared with sums of TTLs along chains of caches (SPEC §3.4): every subset sum
  const single = pl.links
    .filter((l) => l.kind === "cached" && l.failMode === "closed")
    .map((l) => l.ttlMinutes / 60);
  let sums = new Set<number>([0]);
  for (const ttl of single) sums = new Set([...sums, ...[...sums].map((x) => x + ttl)]);
  sums.delete(0);
  const ttls = [...sums].sort((a, b) => a - b);
  // age buckets [edges[i], edges[i+1]) with a representative age inside
  const edges = [0, ...ttls, Number.POSITIVE_INFINITY];
  const buckets = edges.slice(0, -1).map((lo, i) => ({
    lo,
    hi: edges[i + 1],
    at: Number.isFinite(edges[i + 1]) ? (lo + edges[i + 1]) / 2 : lo + 1,
  }));
  const ageChoices = (mean: number) =>
    buckets
      .map((b) => ({
        p: Math.exp(-b.lo / mean) - (Number.isFinite(b.hi) ? Math.exp(-b.hi / mean) : 0),
        at: b.at,
      }))
      .filter((b) => b.p > 0);

  const variables: Choice[][] = [];
  for (let i = 0; i < n; i++) {
    const c = pl.comps[i];
    const q = 1 - c.availability;
    const options: Choice[] = [];
    const up = (1 - q) * (1 - c.degradedProbability);
    const deg = (1 - q) * c.degradedProbability;
    if (up > 0) options.push({ p: up, apply: () => {} });
    if (deg > 0)
      options.push({
        p: deg,
        apply: (d) => {
          d.degraded[i] = true;
        },
      });
    for (const silent of [false, true]) {
      const ps = q * (silent ? c.silentShare : 1 - c.silentShare);
      if (ps <= 0) continue;
      for (const a of ageChoices(c.mttrHours)) {
        options.push({
          p: ps * a.p,
          apply: (d) => {
            d.down[i] = true;
            d.silent[i] = silent;
            d.age[i] = a.at;
          },
        });
      }
    }
    variables.push(options);
  }
  for (const cc of model.commonCauses) {
    const members = cc.members.map((id) => pl.index.get(id) as number);
    const mean = Math.max(...members.map((i) => pl.comps[i].mttrHours));
    const options: Choice[] = [];
    if (cc.probability < 1) options.push({ p: 1 - cc.probability, apply: () => {} });
    for (const a of ageChoices(mean)) {
      options.push({
        p: cc.probability * a.p,
        apply: (d) => {
          for (const i of members) {
            d.age[i] = d.down[i] ? Math.max(d.age[i], a.at) : a.at;
            d.down[i] = true;
            d.silent[i] = false;
            d.degraded[i] = false;
          }
        },
      });
    }
    variables.push(options.filter((o) => o.p > 0));
  }
  const callVars = new Map<number, { to: number; up: number; deg: number }>();
  // call timeouts depend on the provider's degradation, decided before them in the order above
  pl.links.forEach((l, j) => {
    if (l.kind !== "hard" && l.kind !== "cached") return;
    const to = pl.index.get(l.to) as number;
    const provider = pl.comps[to];
    const up = callFailureProbability(
      logNormalOf(provider.latencyMs),
      1,
      logNormalOf(l.latencyMs),
      l.timeoutMs,
      l.retries,
    );
    const deg = callFailureProbability(
      logNormalOf(provider.latencyMs),
      provider.degradedFactor,
      logNormalOf(l.latencyMs),
      l.timeoutMs,
      l.retries,
    );
    if (up < 1e-12 && deg < 1e-12) return;
    // a two-way choice whose probability depends on the draw so far: resolved in `walk`
    variables.push([
      {
        p: Number.NaN,
        apply: (d) => {
          d.callFail[j] = false;
        },
      },
      {
        p: Number.NaN,
        apply: (d) => {
          d.callFail[j] = true;
        },
      },
    ]);
    callVars.set(variables.length - 1, { to, up, deg });
  });

  const tally = emptyTally(pl);
  const draws: Draws = {
    down: Array(n).fill(false),
    silent: Array(n).fill(false),
    degraded: Array(n).fill(false),
    age: Array(n).fill(0),
    callFail: pl.links.map(() => false),
  };
  const walk = (v: number, weight: number, d: Draws) => {
    if (weight === 0) return;
    if (v === variables.length) {
      addOutcome(tally, evaluate(pl, d), weight);
      return;
    }
    const call = callVars.get(v);
    variables[v].forEach((choice, x) => {
      const copy: Draws = {
        down: d.down.slice(),
        silent: d.silent.slice(),
        degraded: d.degraded.slice(),
        age: d.age.slice(),
        callFail: d.callFail.slice(),
      };
      choice.apply(copy);
      let p = choice.p;
      if (call) {
        const pf = d.degraded[call.to] ? call.deg : call.up;
        p = x === 1 ? pf : 1 - pf;
      }
      walk(v + 1, weight * p, copy);
    });
  };
  walk(0, 1, draws);
  return tally;
}
