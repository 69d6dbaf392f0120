/**
 * Pure edits of a model document: each takes a model and returns a new one (structural sharing:
 * untouched components and links keep their identity, so the canvas re-renders only what changed).
 * The store wraps these with undo history; tests call them directly.
 */
import { CATALOGUE } from "../model/catalogue.ts";
import { linksFromPreset, type Preset } from "../model/presets.ts";
import type { Component, ComponentType, Group, Link, Model } from "../model/schema.ts";
import { incidentsOnExisting } from "../model/timeline.ts";

export interface Selection {
  components: string[];
  links: string[];
}

export const EMPTY_SELECTION: Selection = { components: [], links: [] };

/** Set keys of an object; a key whose value is `undefined` is removed (back to its default). */
function applyPatch<T extends object>(target: T, patch: Partial<T>): T {
  const next = { ...target } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as T;
}

/** A fresh id from a stem, not in `taken`: `csms`, `csms-2`, `csms-3`, … */
export function freshId(stem: string, taken: ReadonlySet<string>): string {
  const base = stem.replace(/[^A-Za-z0-9_.:-]+/g, "-").slice(0, 100) || "c";
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

function componentIds(model: Model): Set<string> {
  return new Set(model.components.map((c) => c.id));
}

export function patchComponent(model: Model, id: string, patch: Partial<Component>): Model {
  let changed = false;
  const components = model.components.map((c) => {
    if (c.id !== id) return c;
    changed = true;
    return applyPatch(c, patch);
  });
  return changed ? { ...model, components } : model;
}

export function patchLink(model: Model, id: string, patch: Partial<Link>): Model {
  let changed = false;
  const links = model.links.map((l) => {
    if (l.id !== id) return l;
    changed = true;
    return applyPatch(l, patch);
  });
  return changed ? { ...model, links } : model;
}

type ModelPatch = Partial<
  Pick<Model, "name" | "description" | "settings" | "orgs" | "commonCauses" | "chains">
>;

/** Document-level edit. Removing an organisation clears it from the components that used it. */
export function patchModel(model: Model, patch: ModelPatch): Model {
  const next = applyPatch<Model>(model, patch);
  if (patch.orgs) {
    const orgs = new Set(patch.orgs.map((o) => o.id));
    if (next.components.some((c) => c.org !== undefined && !orgs.has(c.org))) {
      next.components = next.components.map((c) =>
        c.org !== undefined && !orgs.has(c.org) ? applyPatch(c, { org: undefined }) : c,
      );
    }
  }
  return next;
}

/** Add a component of `type` at a position; returns the model and the new id. */
export function addComponent(
  model: Model,
  type: ComponentType,
  position: { x: number; y: number },
  org?: string,
): { model: Model; id: string } {
  const id = freshId(type, componentIds(model));
  const count = model.components.filter((c) => c.type === type).length;
  const component: Component = {
    id,
    type,
    name: `${CATALOGUE[type].label} ${count + 1}`,
    x: Math.round(position.x),
    y: Math.round(position.y),
  };
  if (org !== undefined) component.org = org;
  return { model: { ...model, components: [...model.components, component] }, id };
}

/** Connect a to b with a protocol preset: adds the preset's links; returns their ids. */
export function connect(model: Model, preset: Preset, a: string, b: string): { model: Model; ids: string[] } {
  const links = linksFromPreset(preset, a, b, new Set(model.links.map((l) => l.id)));
  return { model: { ...model, links: [...model.links, ...links] }, ids: links.map((l) => l.id) };
}

/**
 * Delete the selected components and links. Links touching a deleted component go too, and the
 * component leaves common causes and chains (a common cause or chain left too small is removed);
 * incidents on what is deleted go too.
 */
export function deleteSelection(model: Model, selection: Selection): Model {
  const gone = new Set(selection.components);
  const goneLinks = new Set(selection.links);
  if (gone.size === 0 && goneLinks.size === 0) return model;
  const commonCauses = model.commonCauses
    .map((cc) =>
      cc.members.some((m) => gone.has(m)) ? { ...cc, members: cc.members.filter((m) => !gone.has(m)) } : cc,
    )
    .filter((cc) => cc.members.length > 0);
  const chains = model.chains
    .map((ch) =>
      ch.path.some((m) => gone.has(m)) ? { ...ch, path: ch.path.filter((m) => !gone.has(m)) } : ch,
    )
    .filter((ch) => ch.path.length >= 2);
  const next: Model = {
    ...model,
    components: model.components.filter((c) => !gone.has(c.id)),
    links: model.links.filter((l) => !goneLinks.has(l.id) && !gone.has(l.from) && !gone.has(l.to)),
    commonCauses,
    chains,
  };
  if (model.groups) next.groups = pruneGroups(model.groups, gone);
  // an incident goes with its target (SPEC §11)
  if (model.incidents) {
    const incidents = incidentsOnExisting(model.incidents, next.components, next.links);
    if (incidents.length < model.incidents.length) next.incidents = incidents;
  }
  return next;
}

/** Groups without the `gone` components; a group left empty is removed. */
function pruneGroups(groups: Group[], gone: ReadonlySet<string>): Group[] {
  return groups
    .map((g) =>
      g.members.some((m) => gone.has(m)) ? { ...g, members: g.members.filter((m) => !gone.has(m)) } : g,
    )
    .filter((g) => g.members.length > 0);
}

/**
 * Group components into one subsystem (drawn as one node when collapsed; the analysis ignores
 * groups). Components leave the group they were in; returns the model and the new group's id.
 */
export function groupComponents(model: Model, ids: string[], name: string): { model: Model; id: string } {
  const existing = componentIds(model);
  const members = ids.filter((m) => existing.has(m));
  if (members.length === 0) return { model, id: "" };
  const id = freshId("group", new Set((model.groups ?? []).map((g) => g.id)));
  const groups = pruneGroups(model.groups ?? [], new Set(members));
  return { model: { ...model, groups: [...groups, { id, name, members }] }, id };
}

/** Remove a group (its members stay, drawn one by one). */
export function ungroup(model: Model, id: string): Model {
  if (!model.groups?.some((g) => g.id === id)) return model;
  const groups = model.groups.filter((g) => g.id !== id);
  if (groups.length > 0) return { ...model, groups };
  const { groups: _gone, ...rest } = model;
  return rest;
}

/** Collapse a group into one node, or open it. */
export function setGroupCollapsed(model: Model, id: string, collapsed: boolean): Model {
  const g = model.groups?.find((x) => x.id === id);
  if (!g || (g.collapsed ?? false) === collapsed) return model;
  const { collapsed: _old, ...rest } = g;
  const next: Group = collapsed ? { ...rest, collapsed: true } : rest;
  return { ...model, groups: (model.groups ?? []).map((x) => (x.id === id ? next : x)) };
}

/** Move components (after a drag); positions are rounded to whole pixels. */
export function moveComponents(
  model: Model,
  positions: ReadonlyMap<string, { x: number; y: number }>,
): Model {
  let changed = false;
  const components = model.components.map((c) => {
    const p = positions.get(c.id);
    if (!p) return c;
    const x = Math.round(p.x);
    const y = Math.round(p.y);
    if (x === c.x && y === c.y) return c;
    changed = true;
    return { ...c, x, y };
  });
  return changed ? { ...model, components } : model;
}

/** What the clipboard holds: components and the links among them. */
export interface Clipboard {
  components: Component[];
  links: Link[];
}

export function copySelection(model: Model, selection: Selection): Clipboard | undefined {
  const ids = new Set(selection.components);
  if (ids.size === 0) return undefined;
  return {
    components: model.components.filter((c) => ids.has(c.id)),
    links: model.links.filter((l) => ids.has(l.from) && ids.has(l.to)),
  };
}

/**
 * Paste a clipboard offset by (dx, dy): fresh ids for components and links, links among the pasted
 * components rewired to the copies. Organisations that no longer exist are dropped.
 */
export function paste(
  model: Model,
  clip: Clipboard,
  dx = 40,
  dy = 40,
): { model: Model; selection: Selection } {
  const taken = componentIds(model);
  const orgs = new Set(model.orgs.map((o) => o.id));
  const rename = new Map<string, string>();
  const components: Component[] = [];
  for (const c of clip.components) {
    const id = freshId(c.id.replace(/-\d+$/, ""), taken);
    taken.add(id);
    rename.set(c.id, id);
    const copy: Component = { ...c, id, x: c.x + dx, y: c.y + dy };
    if (copy.org !== undefined && !orgs.has(copy.org)) delete copy.org;
    components.push(copy);
  }
  const takenLinks = new Set(model.links.map((l) => l.id));
  const links: Link[] = [];
  for (const l of clip.links) {
    const from = rename.get(l.from);
    const to = rename.get(l.to);
    if (!from || !to) continue;
    const id = freshId(`${from}--${to}`, takenLinks);
    takenLinks.add(id);
    links.push({ ...l, id, from, to });
  }
  return {
    model: { ...model, components: [...model.components, ...components], links: [...model.links, ...links] },
    selection: { components: components.map((c) => c.id), links: links.map((l) => l.id) },
  };
}

/** Selection restricted to what still exists in the model. */
export function pruneSelection(model: Model, selection: Selection): Selection {
  const cs = componentIds(model);
  const ls = new Set(model.links.map((l) => l.id));
  const components = selection.components.filter((id) => cs.has(id));
  const links = selection.links.filter((id) => ls.has(id));
  if (components.length === selection.components.length && links.length === selection.links.length)
    return selection;
  return { components, links };
}

/** What semanticKey leaves out: positions, words and what only the canvas draws. */
const semanticOnly = (key: string, value: unknown) =>
  key === "x" ||
  key === "y" ||
  key === "name" ||
  key === "description" ||
  key === "scenarios" ||
  key === "groups"
    ? undefined
    : value;

/** Each component's and link's part of a key, once per object (an edit makes a new one). */
const partKeys = new WeakMap<object, string>();
const partKey = (part: object): string => {
  let key = partKeys.get(part);
  if (key === undefined) {
    key = JSON.stringify(part, semanticOnly);
    partKeys.set(part, key);
  }
  return key;
};

/**
 * The model without positions: what the analyses depend on (a drag does not re-run them). Its
 * components and links are written once per object (a 20,000-component model took ~0.4 s a
 * revision); equal keys mean equal inputs.
 */
export function semanticKey(model: Model): string {
  let key = modelKeys.get(model);
  if (key === undefined) {
    const { components, links, ...rest } = model;
    key = `${JSON.stringify(rest, semanticOnly)}\n${components.map(partKey).join(",")}\n${links.map(partKey).join(",")}`;
    modelKeys.set(model, key);
  }
  return key;
}
const modelKeys = new WeakMap<Model, string>();
