/**
 * Browser worker for the deterministic graph analyses (coupling, blast radius, single points of failure):
 * they are one propagation per component, too slow for the main thread on large models.
 */
import { expose } from "comlink";
import { blastRadius } from "../src/engine/blast.ts";
import { coupling } from "../src/engine/coupling.ts";
import { simulateSecurity } from "../src/engine/security.ts";
import type { Model } from "../src/model/schema.ts";

const SECURITY_TRIALS = 10_000;

const api = {
  blastRadius(model: Model) {
    return blastRadius(model);
  },
  coupling(model: Model) {
    return coupling(model);
  },
  /** The attack Monte Carlo at the model's horizon: 10,000 trials (seconds on 1,000 components). */
  /** The most frequent attack path to `target` within the model's horizon. */
  attackPath(model: Model, target: string) {
    return simulateSecurity(model, SECURITY_TRIALS, model.settings.seed, {
      horizonDays: model.settings.horizonDays,
      target,
    }).criticalPath;
  },
  security(model: Model) {
    return simulateSecurity(model, SECURITY_TRIALS, model.settings.seed, {
      horizonDays: model.settings.horizonDays,
    });
  },
};

export type CouplingWorkerApi = typeof api;

expose(api);
