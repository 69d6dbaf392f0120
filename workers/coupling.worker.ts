/**
 * Browser worker for the deterministic graph analyses (coupling, blast radius, single points of failure):
 * they are one propagation per component, too slow for the main thread on large models.
 */
import { expose } from "comlink";
import { coupling } from "../src/engine/coupling.ts";
import { simulateReliability } from "../src/engine/index.ts";
import {
  compileSecurity,
  createSecurityTally,
  mergeSecurityTally,
  runSecurityBatch,
  type SecurityResult,
  simulateSecurity,
  summarizeSecurity,
} from "../src/engine/security.ts";
import { replicate, type SweepRow } from "../src/engine/sweep.ts";
import { batchCount } from "../src/engine/types.ts";
import type { Model } from "../src/model/schema.ts";

/** Attack trials in the app: 10,000 on small models, fewer (≥ 1,000) where a trial costs more. */
function securityTrials(model: Model): number {
  const work = model.components.length + 2 * model.links.length;
  return Math.max(1_000, Math.min(10_000, Math.round(3_000_000 / Math.max(1, work))));
}

/** The latest progressive attack run; an older one stops at its next batch. */
let securityRun = 0;

/** Controllable kW known to ±2 % and every P(compromised) to ±0.01: enough to stop early. */
function isPrecise(r: SecurityResult): boolean {
  const kw = r.controllableKw;
  if ((kw.ci95[1] - kw.ci95[0]) / 2 > 0.02 * Math.max(kw.mean, 1)) return false;
  return Object.values(r.components).every(
    (c) => (c.compromised.ci95[1] - c.compromised.ci95[0]) / 2 <= 0.01,
  );
}

const api = {
  coupling(model: Model) {
    return coupling(model);
  },
  /** The attack Monte Carlo at the model's horizon. */
  /** The most frequent attack path to `target` within the model's horizon. */
  attackPath(model: Model, target: string) {
    return simulateSecurity(model, securityTrials(model), model.settings.seed, {
      horizonDays: model.settings.horizonDays,
      target,
    }).criticalPath;
  },
  /** The interoperability sweep: `id` present 1…max times; headline figures for each N. */
  sweep(model: Model, id: string, max: number) {
    const rows: SweepRow[] = [];
    for (let n = 1; n <= max; n++) {
      const m = replicate(model, id, n);
      const r = simulateReliability(m, Math.min(m.settings.trials, 50_000), m.settings.seed);
      const k = coupling(m).model;
      const sec = simulateSecurity(m, Math.min(2_000, securityTrials(m)), m.settings.seed, {
        horizonDays: m.settings.horizonDays,
      });
      rows.push({
        n,
        unusableKw: r.system.unusableKw,
        phantomRate: r.system.phantomRate,
        seamShare: r.system.seamShare,
        integrations: k.integrations,
        seams: k.seams,
        controllableKw: { mean: sec.controllableKw.mean, ci95: sec.controllableKw.ci95 },
      });
    }
    return rows;
  },
  security(model: Model) {
    return simulateSecurity(model, securityTrials(model), model.settings.seed, {
      horizonDays: model.settings.horizonDays,
    });
  },
  /**
   * The attack Monte Carlo batch by batch, each summary sent to `onProgress` (with its intervals)
   * as it lands; stops at the trial budget or once precise enough. A newer call ends this one
   * (it returns undefined): between batches the worker yields so a new call can arrive.
   */
  async securityProgressive(
    model: Model,
    onProgress: (r: SecurityResult) => void,
  ): Promise<SecurityResult | undefined> {
    const run = ++securityRun;
    const trials = securityTrials(model);
    const seed = model.settings.seed;
    const c = compileSecurity(model, { horizonDays: model.settings.horizonDays });
    const total = createSecurityTally(c);
    let last: SecurityResult | undefined;
    for (let b = 0; b < batchCount(trials); b++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (run !== securityRun) return undefined;
      const part = createSecurityTally(c);
      runSecurityBatch(c, seed, b, trials, part);
      mergeSecurityTally(total, part);
      last = summarizeSecurity(c, total, seed);
      onProgress(last);
      if (isPrecise(last)) break;
    }
    return last;
  },
};

export type CouplingWorkerApi = typeof api;

expose(api);
