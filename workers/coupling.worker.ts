/**
 * Browser worker for the deterministic graph analyses (coupling, blast radius, single points of failure):
 * they are one propagation per component, too slow for the main thread on large models; and for
 * the attack path to one chosen component. The attack Monte Carlo and the sweep run on the engine
 * pool (workers/pool-core.ts).
 */
import { expose } from "comlink";
import { coupling, couplingShown, securityTrials, simulateSecurity } from "../src/engine/index.ts";
import { fromWire, type ModelOnWire } from "./model-wire.ts";

/** Organisations an organisation heat map draws at most (its rows and its columns). */
export const HEATMAP_ORGS_MAX = 24;

const api = {
  /** The coupling figures, the organisation matrices cut to what the page draws (`seams coupling --json` has them whole). */
  coupling(wire: ModelOnWire) {
    return couplingShown(coupling(fromWire(wire)), HEATMAP_ORGS_MAX);
  },
  /** The most frequent attack path to `target` within the model's horizon. */
  attackPath(wire: ModelOnWire, target: string) {
    const model = fromWire(wire);
    return simulateSecurity(model, securityTrials(model), model.settings.seed, {
      horizonDays: model.settings.horizonDays,
      target,
    }).criticalPath;
  },
};

export type CouplingWorkerApi = typeof api;

expose(api);
