/**
 * Browser worker that hashes a model's canonical text for Recent models (FNV-1a over ~13 M
 * characters of a 20,000-component model is a long task on the page); small on purpose: it starts
 * without the schemas the reading worker loads.
 */
import { expose } from "comlink";
import { fnv1a } from "./parse-canonical-hash.ts";

const api = {
  /** FNV-1a of `text` (parse-canonical-hash.ts). */
  hash(text: string): string {
    return fnv1a(text);
  },
};

export type HashWorkerApi = typeof api;

expose(api);
