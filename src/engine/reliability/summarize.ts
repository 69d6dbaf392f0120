/**
 * SPEC §3.7: a tally's counts as estimates with 95 % intervals (Wilson for proportions), keyed by
 * the model's own ids.
 */
import type { CompiledReliability } from "../compile/index.ts";
import { meanEstimate, ratioEstimate, wilson } from "../stats.ts";
import type {
  ChainReliability,
  ChargerReliability,
  ComponentReliability,
  Estimate,
  LinkReliability,
  MeanEstimate,
  OrgReliability,
  ReliabilityResult,
} from "../types.ts";
import { summarizeChain } from "./chains.ts";
import { summarizeDrivers } from "./driverSummary.ts";
import { CASCADE_BINS, KW_BINS, SYSTEM, type Tally } from "./tally.ts";

/** A record that takes any id as a key (ids are validated, but a plain object has a prototype). */
function record<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** The expected degradation of a component without soft dependencies: P(degraded | up) × its up trials. */
function degradedExpected(c: CompiledReliability, t: Tally, i: number, trials: number): number {
  if (c.softStart[i] !== c.softStart[i + 1]) return 0;
  return c.degExpect[i] * (trials - t.functional[i]);
}

/**
 * What a run's precision is judged on, from the tally alone — the widest 95 % half-width over every
 * component's P(functional) and every charger's P(usable) (∞ where one is NaN), and the expected
 * unusable kW — the same numbers `summarize` gives (the same estimators) at a sliver of its cost: a
 * run on a 20,000-component model checked its precision after every batch with a whole summary.
 */
export function precisionOf(
  c: CompiledReliability,
  t: Tally,
): { widestHalfWidth: number; unusableKw: MeanEstimate } {
  const N = t.trials;
  let widest = 0;
  const widen = (ci95: [number, number]) => {
    const half = (ci95[1] - ci95[0]) / 2;
    widest = Number.isNaN(half) ? Number.POSITIVE_INFINITY : Math.max(widest, half);
  };
  for (let ci = 0; ci < c.chargers.length; ci++) widen(wilson(N - t.functional[c.chargers[ci]], N).ci95);
  for (let i = 0; i < c.n; i++) widen(wilson(N - t.functional[i], N).ci95);
  const sys = t.system;
  return { widestHalfWidth: widest, unusableKw: meanEstimate(sys[SYSTEM.kw], sys[SYSTEM.kwSq], N) };
}

/** The result document of a tally (SPEC §3.7, §8). */
export function summarize(c: CompiledReliability, t: Tally, seed: number): ReliabilityResult {
  const N = t.trials;
  const ids = c.componentIds;
  const components = record<ComponentReliability>();
  for (let i = 0; i < c.n; i++) {
    components[ids[i]] = {
      functional: wilson(N - t.functional[i], N),
      degraded: wilson(t.degraded[i] + degradedExpected(c, t, i, N), N),
      red: wilson(t.red[i], N),
    };
  }
  const driver = summarizeDrivers(c, t);
  const chargers = record<ChargerReliability>();
  for (let ci = 0; ci < c.chargers.length; ci++) {
    const unusable = t.functional[c.chargers[ci]];
    const phantom = record<Estimate>();
    const hidden = record<Estimate>();
    for (let p = c.pairStart[ci]; p < c.pairStart[ci + 1]; p++) {
      const v = ids[c.pairViewer[p]];
      phantom[v] = wilson(t.phantomBase[ci] + t.phantom[p], N);
      const k = c.groupViewStart[c.chargerGroup[ci]] + (p - c.pairStart[ci]);
      hidden[v] = wilson(t.groupHidden[k] + t.hidden[p], N);
    }
    const staleTariff = record<Estimate>();
    const incorrectTariff = record<Estimate>();
    const oi = c.chargerOwner[ci];
    if (oi >= 0) {
      for (let q = c.tpairStart[oi]; q < c.tpairStart[oi + 1]; q++) {
        const v = ids[c.tpairViewer[q]];
        staleTariff[v] = wilson(t.staleTariff[q], N);
        incorrectTariff[v] = wilson(t.incorrectTariff[q], N);
      }
    }
    chargers[ids[c.chargers[ci]]] = {
      usable: wilson(N - unusable, N),
      seamFailure: wilson(t.seam[ci], unusable),
      phantom,
      hidden,
      staleTariff,
      incorrectTariff,
      ...driver.sites[ci],
    };
  }
  const links = record<LinkReliability>();
  c.linkIds.forEach((id, j) => {
    links[id] = { crossing: wilson(t.crossing[j], N), isSeam: c.isSeam[j] === 1 };
  });
  const orgs = record<OrgReliability>();
  c.orgIds.forEach((id, o) => {
    orgs[id] = {
      unusableKw: meanEstimate(t.orgKw[o], t.orgKwSq[o], N),
      totalKw: c.orgTotalKw[o],
      anyNonFunctional: wilson(t.orgAny[o], N),
      exportedCrossings: meanEstimate(t.orgExported[o], t.orgExportedSq[o], N),
    };
  });
  const sys = t.system;
  const total = c.totalKw;
  const chains = record<ChainReliability>();
  c.chainIds.forEach((id, k) => {
    chains[id] = summarizeChain(c, t, k);
  });
  return {
    chains,
    drivers: driver.populations,
    trials: N,
    seed,
    components,
    chargers,
    links,
    orgs,
    system: {
      totalKw: total,
      unusableKw: meanEstimate(sys[SYSTEM.kw], sys[SYSTEM.kwSq], N),
      systemicEvent: wilson(sys[SYSTEM.systemic], N),
      phantomRate: meanEstimate(sys[SYSTEM.phantom], sys[SYSTEM.phantomSq], N),
      seamShare: ratioEstimate(
        sys[SYSTEM.seamKw],
        sys[SYSTEM.kw],
        sys[SYSTEM.seamKwSq],
        sys[SYSTEM.kwSq],
        sys[SYSTEM.seamKwCross],
        N,
      ),
      seamCrossingShare: wilson(sys[SYSTEM.seamCrossings], sys[SYSTEM.crossings]),
      cascadeSize: meanEstimate(sys[SYSTEM.cascade], sys[SYSTEM.cascadeSq], N),
      cascadeHistogram: {
        edges: Array.from({ length: CASCADE_BINS }, (_, i) => i),
        counts: Array.from(t.cascadeHist),
      },
      unusableKwHistogram: {
        edges: Array.from({ length: KW_BINS }, (_, i) => (i * total) / KW_BINS),
        counts: Array.from(t.kwHist),
      },
      ...driver.system,
    },
  };
}
