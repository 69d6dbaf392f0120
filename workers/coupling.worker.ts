/**
 * Browser worker for the deterministic graph analyses (coupling, blast radius, single points of failure):
 * they are one propagation per component, too slow for the main thread on large models.
 */
import { expose } from "comlink";
import { blastRadius } from "../src/engine/blast.ts";
import { coupling } from "../src/engine/coupling.ts";
import type { Model } from "../src/model/schema.ts";

const api = {
  blastRadius(model: Model) {
    return blastRadius(model);
  },
  coupling(model: Model) {
    return coupling(model);
  },
};

export type CouplingWorkerApi = typeof api;

expose(api);
