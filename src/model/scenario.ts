/**
 * Scenarios (issue 8): a scenario is the baseline with items added, removed and changed, kept in
 * the model document. `applyScenario` makes the scenario's model; `diffModels` turns "the current
 * edits" into a scenario. Both are pure; the variant has no scenarios of its own.
 */
import type { Model, Scenario } from "./schema.ts";

type Kind = "orgs" | "components" | "links" | "commonCauses" | "incidents";
const KINDS: Kind[] = ["orgs", "components", "links", "commonCauses", "incidents"];

type Item = { id: string } & Record<string, unknown>;

/** `item` with a scenario's `changes` (null: the key removed, back to the default); its id never changes. */
export function patchItem<T extends object>(item: T, changes: Record<string, unknown> | undefined): T {
  if (!changes) return item;
  const out: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (key === "id") continue;
    if (value === null) delete out[key];
    else out[key] = value;
  }
  return out as T;
}

/** The scenario's model: the baseline with its changes (removing a component removes its links). */
export function applyScenario(model: Model, s: Scenario): Model {
  const { scenarios: _scenarios, ...base } = model;
  const out: Model = { ...base };
  const removed = (kind: Kind) => new Set(s.remove?.[kind] ?? []);
  const goneComponents = removed("components");
  const goneOrgs = removed("orgs");
  out.orgs = [
    ...base.orgs.filter((o) => !goneOrgs.has(o.id)).map((o) => patchItem(o, s.set?.orgs?.[o.id])),
    ...(s.add?.orgs ?? []),
  ];
  out.components = [
    ...base.components
      .filter((c) => !goneComponents.has(c.id))
      .map((c) => patchItem(c, s.set?.components?.[c.id]))
      .map((c) => (c.org !== undefined && goneOrgs.has(c.org) ? patchItem(c, { org: null }) : c)),
    ...(s.add?.components ?? []),
  ];
  const goneLinks = removed("links");
  out.links = [
    ...base.links
      .filter((l) => !goneLinks.has(l.id) && !goneComponents.has(l.from) && !goneComponents.has(l.to))
      .map((l) => patchItem(l, s.set?.links?.[l.id])),
    ...(s.add?.links ?? []),
  ];
  const goneCauses = removed("commonCauses");
  out.commonCauses = [
    ...base.commonCauses
      .filter((cc) => !goneCauses.has(cc.id))
      .map((cc) => patchItem(cc, s.set?.commonCauses?.[cc.id]))
      .map((cc) => ({ ...cc, members: cc.members.filter((m) => !goneComponents.has(m)) }))
      .filter((cc) => cc.members.length > 0),
    ...(s.add?.commonCauses ?? []),
  ];
  // incidents (SPEC §11) go with their target: a removed component or link takes its incidents along
  if (base.incidents || s.add?.incidents) {
    const goneIncidents = removed("incidents");
    const targets = new Set([...out.components.map((c) => c.id), ...out.links.map((l) => l.id)]);
    out.incidents = [
      ...(base.incidents ?? [])
        .filter((x) => !goneIncidents.has(x.id))
        .map((x) => patchItem(x, s.set?.incidents?.[x.id]))
        .filter((x) => targets.has(x.target)),
      ...(s.add?.incidents ?? []),
    ];
  }
  out.chains = base.chains.filter((ch) => ch.path.every((m) => !goneComponents.has(m)));
  if (base.groups) {
    out.groups = base.groups
      .map((g) => ({ ...g, members: g.members.filter((m) => !goneComponents.has(m)) }))
      .filter((g) => g.members.length > 0);
  }
  if (s.set?.settings) out.settings = patchItem(base.settings, s.set.settings);
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The changes from `base` to `variant` as a scenario named `name` (positions count as changes). */
export function diffModels(base: Model, variant: Model, id: string, name: string): Scenario {
  const s: Scenario = { id, name };
  const add: NonNullable<Scenario["add"]> = {};
  const remove: NonNullable<Scenario["remove"]> = {};
  const set: NonNullable<Scenario["set"]> = {};
  for (const kind of KINDS) {
    const before = new Map(((base[kind] ?? []) as Item[]).map((x) => [x.id, x]));
    const after = new Map(((variant[kind] ?? []) as Item[]).map((x) => [x.id, x]));
    const added = [...after.values()].filter((x) => !before.has(x.id));
    const gone = [...before.keys()].filter((k) => !after.has(k));
    const changed: Record<string, Record<string, unknown>> = {};
    for (const [key, x] of after) {
      const y = before.get(key);
      if (!y) continue;
      const delta: Record<string, unknown> = {};
      for (const k of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (!same(x[k], y[k])) delta[k] = k in x ? x[k] : null;
      }
      if (Object.keys(delta).length > 0) changed[key] = delta;
    }
    // the five kinds share one shape; validating the model checks the items
    if (added.length > 0) (add as Record<Kind, Item[]>)[kind] = added;
    if (gone.length > 0) remove[kind] = gone;
    if (Object.keys(changed).length > 0) set[kind] = changed;
  }
  const settings: Record<string, unknown> = {};
  const bs = base.settings as Record<string, unknown>;
  const vs = variant.settings as Record<string, unknown>;
  for (const k of new Set([...Object.keys(bs), ...Object.keys(vs)])) {
    if (!same(bs[k], vs[k])) settings[k] = k in vs ? vs[k] : null;
  }
  if (Object.keys(settings).length > 0) set.settings = settings;
  if (Object.keys(add).length > 0) s.add = add;
  if (Object.keys(remove).length > 0) s.remove = remove;
  if (Object.keys(set).length > 0) s.set = set;
  return s;
}

/** What a scenario changes, per id: for the diff overlay on the canvas. */
export function scenarioChanges(s: Scenario): {
  added: Set<string>;
  removed: Set<string>;
  changed: Set<string>;
} {
  const added = new Set<string>();
  const removed = new Set<string>();
  const changed = new Set<string>();
  for (const kind of KINDS) {
    if (kind === "incidents") continue; // not drawn on the canvas
    for (const x of s.add?.[kind] ?? []) added.add(x.id);
    for (const x of s.remove?.[kind] ?? []) removed.add(x);
    for (const x of Object.keys(s.set?.[kind] ?? {})) changed.add(x);
  }
  return { added, removed, changed };
}
