/**
 * Edits of a model's incidents (SPEC §11), pure: each returns a new model (the store applies it as
 * one undoable step). An incident's id is made from its name and never changes.
 */
import type { Incident, Model } from "../schema.ts";

/** A fresh incident id from its name: `hub-slow`, `hub-slow-2`, … */
export function freshIncidentId(model: Model, name: string): string {
  const taken = new Set((model.incidents ?? []).map((x) => x.id));
  const stem =
    name
      .toLowerCase()
      .replace(/[^a-z0-9_.:-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "incident";
  if (!taken.has(stem)) return stem;
  for (let n = 2; ; n++) if (!taken.has(`${stem}-${n}`)) return `${stem}-${n}`;
}

/** The model with `incident` appended. */
export function addIncident(model: Model, incident: Incident): Model {
  return { ...model, incidents: [...(model.incidents ?? []), incident] };
}

/** The model with incident `id` replaced by `incident` (its id kept); unchanged when absent. */
export function replaceIncident(model: Model, id: string, incident: Incident): Model {
  const list = model.incidents ?? [];
  if (!list.some((x) => x.id === id)) return model;
  return { ...model, incidents: list.map((x) => (x.id === id ? { ...incident, id } : x)) };
}

/** The model without incident `id` (no `incidents` key once the last is gone). */
export function removeIncident(model: Model, id: string): Model {
  const list = (model.incidents ?? []).filter((x) => x.id !== id);
  if (list.length === (model.incidents ?? []).length) return model;
  const { incidents: _old, ...rest } = model;
  return list.length > 0 ? { ...rest, incidents: list } : rest;
}
