/**
 * Browser worker for the deterministic graph analyses (blast radius, single points of failure):
 * they are one propagation per component, too slow for the main thread on large models.
 */
import { expose } from "comlink";
import { blastRadius } from "../src/engine/blast.ts";
import type { Model } from "../src/model/schema.ts";

const api = {
  blastRadius(model: Model) {
    return blastRadius(model);
  },
};

export type CouplingWorkerApi = typeof api;

expose(api);
