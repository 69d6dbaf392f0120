/**
 * Browser worker for the deterministic graph analyses (coupling, blast radius, single points of failure):
 * they are one propagation per component, too slow for the main thread on large models; and for
 * the attack path to one chosen component. The attack Monte Carlo and the sweep run on the engine
 * pool (workers/pool-core.ts).
 */
import { expose } from "comlink";
import { coupling, securityTrials, simulateSecurity } from "../src/engine/index.ts";
import { fromWire, type ModelOnWire } from "./model-wire.ts";

const api = {
  coupling(wire: ModelOnWire) {
    return coupling(fromWire(wire));
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
