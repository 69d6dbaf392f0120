/**
 * A model as it crosses to a worker: its canonical JSON text. A structured clone of the model
 * object held the page 0.4–0.9 s per worker for an edited 20,000-component model (each of the
 * pool, coupling and decision workers took one); a string copies flat in a few ms. The page builds
 * the text a slice at a time (canonicalTextInSlices, shared with the autosave and Recent models);
 * the worker parses it, and the same text twice gives the same model object (what a worker has
 * compiled for it stays valid).
 */
import type { Model } from "../src/model/schema.ts";
import { canonicalTextInSlices } from "./parse-canonical.ts";

/** A model on its way to a worker (toWire), read there with fromWire. */
export interface ModelOnWire {
  readonly canonical: string;
}

/** `model` ready to post: its canonical text, built on the calling thread in slices. */
export async function toWire(model: Model): Promise<ModelOnWire> {
  return { canonical: await canonicalTextInSlices(model) };
}

let last: { text: string; model: Model } | undefined;

/** The model a wire carries (the one given for the same text last time, not parsed again). */
export function fromWire(wire: ModelOnWire): Model {
  if (last?.text === wire.canonical) return last.model;
  const model = JSON.parse(wire.canonical) as Model;
  last = { text: wire.canonical, model };
  return model;
}
