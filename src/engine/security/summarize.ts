/** The attack tally as estimates with 95 % intervals, ranked entries and chokepoints (SPEC §4). */
import { binPercentile } from "../kit/histogram.ts";
import { meanEstimate, wilson } from "../stats.ts";
import type { Estimate, MeanEstimate } from "../types.ts";
import type { CompiledSecurity } from "./compile.ts";
import { BINS, KW_BINS, type SecurityTally, TTC_HISTOGRAM } from "./tally.ts";

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
    /** P(≥ the threshold); null (n/a) when the threshold exceeds the model's charging power. */
    pAboveThreshold: Estimate | null;
    /** Why pAboveThreshold is null, e.g. "the model has 14.9 MW"; absent when it is a number. */
    pAboveThresholdReason?: string;
    /** settings.systemicThreshold (a share of all charging power), that share in kW, and P(≥ it). */
    systemicShare: number;
    systemicKw: number;
    pAboveSystemic: Estimate;
    histogram: { edges: number[]; counts: number[] };
  };
  orgs: Record<string, { anyCompromised: Estimate; controllableKw: MeanEstimate }>;
  /** With a target: its most frequent attack path (entry, then links in order) and how often. */
  criticalPath?: { target: string; entry: string; links: string[]; share: Estimate; compromised: Estimate };
}

/** The q-quantile of days to compromise in a component's histogram (null: beyond every bin, never). */
function percentile(hist: Float64Array, offset: number, n: number, q: number): number | null {
  return binPercentile(TTC_HISTOGRAM, hist, offset, BINS, n, q);
}

/** Megawatts to three significant figures: 14,938 kW → "14.9", 900 kW → "0.9". */
function formatMw(kw: number): string {
  return String(Number((kw / 1000).toPrecision(3)));
}

/** The tally as a result: estimates with intervals, entries and chokepoints ranked by kW exposed. */
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
      ...(c.thresholdKw > total
        ? { pAboveThreshold: null, pAboveThresholdReason: `the model has ${formatMw(total)} MW` }
        : { pAboveThreshold: wilson(t.above[0], N) }),
      systemicShare: c.systemicShare,
      systemicKw: c.systemicKw,
      pAboveSystemic: wilson(t.aboveSystemic[0], N),
      histogram: {
        edges: Array.from({ length: KW_BINS }, (_, k) => (k * total) / KW_BINS),
        counts: Array.from(t.kwHist),
      },
    },
    orgs,
  };
}
