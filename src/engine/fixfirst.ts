/**
 * "What to fix first" (SPEC §6, issue 7): candidate changes — make a component redundant, cache a
 * link, add synthetic monitoring, harden an entry — each evaluated as a real model edit against the
 * baseline, ranked by the kW it saves, with its interval and the method used.
 *
 * - Redundancy and caches change charging: kW of expected unusable charging saved, exact from the
 *   fault trees when both models are acyclic, else Monte Carlo paired with the baseline.
 * - Synthetic monitoring changes what is seen, not what works: kW of unusable charging that no
 *   dashboard showed (seam failures) made visible, paired Monte Carlo.
 * - Hardening changes the attack: expected attacker-controllable kW within the horizon removed,
 *   attack Monte Carlo on the same seed (interval from the two runs).
 * A second list ranks the redundancy and cache candidates by what drivers gain: demand success
 * (SPEC §10), paired Monte Carlo — another quantity, never mixed into the kW column.
 * Each row carries the edit (src/model/edits/fixes.ts), so the UI can apply it as an ordinary
 * (undoable) change.
 */
import {
  addCache,
  addMonitoring,
  type FixChange,
  harden,
  LINK_KIND,
  type Model,
  makeRedundant,
} from "../model/index.ts";
import { compileReliability } from "./compile/index.ts";
import { FaultTreeError } from "./faulttree/index.ts";
import { type ImportanceResult, importance } from "./importance.ts";
import { BddTooLarge, exactImportance } from "./importance-exact.ts";
import { simulatePaired } from "./paired.ts";
import { simulateSecurity } from "./security/index.ts";
import type { MeanEstimate } from "./types.ts";

export interface FixRow extends FixChange {
  /** In words, e.g. "make Nimbus EU-West redundant (a twin, 1 of 2)". */
  label: string;
  /** What the kW are: charging saved, unseen outage made visible, or power out of an attacker's reach. */
  measure: "charging saved" | "outage made visible" | "attacker power removed";
  saved: MeanEstimate;
  method: "exact" | "monte-carlo";
  /** Whether the interval excludes 0. */
  significant: boolean;
}

/** A fix ranked by what drivers gain (SPEC §10): demand success, paired Monte Carlo. */
export interface DriverFixRow extends FixChange {
  label: string;
  /** Change of demand success (successful charges over intended visits), a fraction: 0.01 = 1 point. */
  gained: MeanEstimate;
  significant: boolean;
}

export interface FixFirstResult {
  rows: FixRow[];
  /** The redundancy and cache candidates ranked by demand success gained (a separate list: another quantity). */
  drivers: DriverFixRow[];
  baselineKw: number;
  /** The importance the candidates were chosen by (Birnbaum, FV, RAW, RRW in kW; its method). */
  importance: ImportanceResult;
  trials: number;
  seed: number;
}

/** Flows that a consumer can serve from a cache (not power, connectivity, hosting or live control). */
const CACHEABLE = new Set(["auth", "tariff", "status", "certs", "cdr"]);

export interface FixFirstOptions {
  trials?: number;
  seed?: number;
  /** Candidates evaluated per kind (the most important first). */
  perKind?: number;
  securityTrials?: number;
}

/** The candidate fixes of `model`, each evaluated against it, ranked by the kW it saves. */
export function fixFirst(model: Model, options: FixFirstOptions = {}): FixFirstResult {
  const seed = options.seed ?? model.settings.seed;
  const trials = options.trials ?? 50_000;
  const perKind = options.perKind ?? 6;
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const name = (id: string) => names.get(id) ?? id;
  const imp = importance(model, { trials: Math.min(trials, 20_000), seed });
  const type = new Map(model.components.map((c) => [c.id, c.type]));
  const important = imp.components.filter((r) => r.birnbaum > 0);
  const matters = new Set(important.map((r) => r.id));
  const savedKw = new Map(imp.components.map((r) => [r.id, r.savedKw]));
  const rows: FixRow[] = [];
  const driverRows: DriverFixRow[] = [];
  const base = compileReliability(model);
  /** What drivers gain from a candidate, on common random numbers with the baseline. */
  const forDrivers = (change: FixChange, label: string, variant: Model) => {
    // common random numbers keep a change's interval narrow: fewer trials than the kW ranking suffice
    const d = simulatePaired(base, compileReliability(variant), Math.min(trials, 10_000), seed).delta.drivers
      ?.demandSuccess;
    if (!d) return;
    driverRows.push({ ...change, label, gained: { mean: d.mean, ci95: d.ci95 }, significant: d.significant });
  };

  const charging = (variant: Model): { saved: MeanEstimate; method: FixRow["method"] } => {
    try {
      if (imp.method === "exact") {
        const after = exactImportance(variant).expectedKw;
        const d = imp.expectedKw.mean - after;
        return { saved: { mean: d, ci95: [d, d] }, method: "exact" };
      }
    } catch (error) {
      if (!(error instanceof FaultTreeError || error instanceof BddTooLarge)) throw error;
    }
    const r = simulatePaired(base, compileReliability(variant), trials, seed).delta.unusableKw;
    return { saved: { mean: -r.mean, ci95: [-r.ci95[1], -r.ci95[0]] }, method: "monte-carlo" };
  };
  const push = (
    change: FixChange,
    label: string,
    measure: FixRow["measure"],
    e: { saved: MeanEstimate; method: FixRow["method"] },
  ) => {
    const significant =
      e.method === "exact" ? e.saved.mean > 1e-9 : e.saved.ci95[0] > 0 || e.saved.ci95[1] < 0;
    rows.push({ ...change, label, measure, saved: e.saved, method: e.method, significant });
  };

  // redundancy: shared components (a charger site's twin is another site, not a fix)
  for (const r of important.filter((x) => type.get(x.id) !== "charger").slice(0, perKind)) {
    const change = { kind: "redundant", target: r.id } as const;
    const label = `make ${name(r.id)} redundant (a twin, 1 of 2)`;
    const variant = makeRedundant(model, r.id);
    push(change, label, "charging saved", charging(variant));
    forDrivers(change, label, variant);
  }

  // caches: hard links into components that matter, carrying only cacheable flows
  const cacheable = model.links
    .filter(
      (l) =>
        LINK_KIND[l.kind].failsAtOnce &&
        matters.has(l.to) &&
        l.flows.length > 0 &&
        l.flows.every((f) => CACHEABLE.has(f)),
    )
    .sort((a, b) => (savedKw.get(b.to) ?? 0) - (savedKw.get(a.to) ?? 0))
    .slice(0, perKind);
  for (const l of cacheable) {
    const change = { kind: "cache", target: l.id } as const;
    const label = `cache ${l.flows.join(", ")} from ${name(l.to)} at ${name(l.from)} (60 min, then fail closed)`;
    const variant = addCache(model, l.id);
    push(change, label, "charging saved", charging(variant));
    forDrivers(change, label, variant);
  }

  // synthetic monitoring: what no dashboard showed becomes visible
  const unmonitored = important
    .filter((r) => (model.components.find((c) => c.id === r.id)?.monitoring ?? "") !== "synthetic")
    .slice(0, perKind);
  for (const r of unmonitored) {
    const d = simulatePaired(base, compileReliability(addMonitoring(model, r.id)), trials, seed).delta.seamKw;
    push(
      { kind: "monitoring", target: r.id },
      `add synthetic monitoring to ${name(r.id)}`,
      "outage made visible",
      {
        saved: { mean: -d.mean, ci95: [-d.ci95[1], -d.ci95[0]] },
        method: "monte-carlo",
      },
    );
  }

  // hardening the entries that give the most power
  const secTrials = options.securityTrials ?? 2_000;
  const horizonDays = model.settings.horizonDays;
  const sec = simulateSecurity(model, secTrials, seed, { horizonDays });
  for (const e of sec.entries.slice(0, Math.min(3, perKind))) {
    const after = simulateSecurity(harden(model, e.id), secTrials, seed, { horizonDays }).controllableKw;
    const d = sec.controllableKw.mean - after.mean;
    const half = Math.hypot(
      (sec.controllableKw.ci95[1] - sec.controllableKw.ci95[0]) / 2,
      (after.ci95[1] - after.ci95[0]) / 2,
    );
    push(
      { kind: "harden", target: e.id },
      `harden ${name(e.id)} (mutual TLS, patch every 14 days)`,
      "attacker power removed",
      {
        saved: { mean: d, ci95: [d - half, d + half] },
        method: "monte-carlo",
      },
    );
  }

  rows.sort((a, b) => b.saved.mean - a.saved.mean);
  driverRows.sort((a, b) => b.gained.mean - a.gained.mean);
  return { rows, drivers: driverRows, baselineKw: imp.expectedKw.mean, importance: imp, trials, seed };
}
