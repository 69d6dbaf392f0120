/**
 * The changes "what to fix first" proposes (SPEC §6, issue 7), as pure model edits: make a
 * component redundant, cache a link, add synthetic monitoring, harden an entry. The engine
 * evaluates them against the baseline; the UI applies them as ordinary (undoable) changes.
 */
import type { Component, Link, Model } from "../schema.ts";
import { freeSpot } from "./placement.ts";

export type FixKind = "redundant" | "cache" | "monitoring" | "harden";

export interface FixChange {
  kind: FixKind;
  /** The component (redundant, monitoring, harden) or link (cache) changed. */
  target: string;
}

/** What "harden" changes: mutual TLS on the component and its links, patching every 14 days. */
export function harden(model: Model, id: string): Model {
  return {
    ...model,
    components: model.components.map((c) =>
      c.id === id ? { ...c, auth: "mtls", patchCadenceDays: 14, maturity: Math.max(c.maturity ?? 3, 4) } : c,
    ),
    links: model.links.map((l) => (l.from === id || l.to === id ? { ...l, auth: "mtls" } : l)),
  };
}

/** `stem`, or `stem-2`, `stem-3`, … : the first not used by a component or a link. */
function unusedId(model: Model, stem: string): string {
  const taken = new Set([...model.components.map((c) => c.id), ...model.links.map((l) => l.id)]);
  if (!taken.has(stem)) return stem;
  let k = 2;
  while (taken.has(`${stem}-${k}`)) k++;
  return `${stem}-${k}`;
}

/**
 * A twin of `id` (same parameters and organisation, its own failures) with the same dependencies;
 * every link that depends on `id` gets a twin link, the two in a redundancy group needing 1 (a link
 * already in a group joins it with its twin, keeping the group's k). The twin shares no common cause.
 */
export function makeRedundant(model: Model, id: string): Model {
  const original = model.components.find((c) => c.id === id);
  if (!original) throw new RangeError(`no component "${id}"`);
  const twinId = unusedId(model, `${id}-twin`);
  const twin: Component = {
    ...original,
    id: twinId,
    name: `${original.name} (twin)`,
    // beside its original, in free space (below it when that is free)
    ...freeSpot(model.components, original),
  };
  const links: Link[] = [];
  const added: Link[] = [];
  const taken = new Set(model.links.map((l) => l.id));
  const linkId = (stem: string) => {
    let k = 1;
    let idx = stem;
    while (taken.has(idx)) idx = `${stem}-${++k}`;
    taken.add(idx);
    return idx;
  };
  for (const l of model.links) {
    if (l.to === id) {
      const group = l.group ?? `redundant-${l.id}`;
      links.push({ ...l, group, k: l.group === undefined ? 1 : l.k });
      added.push({ ...l, id: linkId(`${l.id}-twin`), to: twinId, group, k: l.group === undefined ? 1 : l.k });
    } else {
      links.push(l);
      if (l.from === id) added.push({ ...l, id: linkId(`${l.id}-twin`), from: twinId });
    }
  }
  return { ...model, components: [...model.components, twin], links: [...links, ...added] };
}

/** Cache link `linkId` (serve the last answer for the default TTL, then fail closed). */
export function addCache(model: Model, linkId: string, ttlMinutes = 60): Model {
  return {
    ...model,
    links: model.links.map((l) =>
      l.id === linkId ? { ...l, kind: "cached", ttlMinutes, failMode: "closed" } : l,
    ),
  };
}

/** Synthetic monitoring on component `id`: its dashboard shows it down or degraded, silent or not. */
export function addMonitoring(model: Model, id: string): Model {
  return {
    ...model,
    components: model.components.map((c) => (c.id === id ? { ...c, monitoring: "synthetic" } : c)),
  };
}

/** The model with a fix applied. */
export function applyFix(model: Model, change: FixChange): Model {
  switch (change.kind) {
    case "redundant":
      return makeRedundant(model, change.target);
    case "cache":
      return addCache(model, change.target);
    case "monitoring":
      return addMonitoring(model, change.target);
    case "harden":
      return harden(model, change.target);
    default:
      return change.kind satisfies never;
  }
}
