/**
 * Checking a scenario (issue 8) in time proportional to what it changes (issue 19): the items it
 * adds or changes against their schema and bounds, and only the references its edits can break —
 * ids it adds, link ends, organisations and common-cause members it names, redundancy groups it
 * adds to or takes from. The baseline itself is checked once, by `checkReferences`. Applying each
 * scenario and re-validating the whole model (the old way) took 28 s for 50 scenarios on 3 MB.
 */
import { boundIssues, formatPath, MAX_LINKS } from "./bounds.ts";
import { patchItem } from "./scenario.ts";
import {
  commonCauseSchema,
  componentSchema,
  type Incident,
  type Issue,
  incidentSchema,
  type Link,
  linkSchema,
  MAX_COMPONENTS,
  type Model,
  orgSchema,
  type Scenario,
  settingsSchema,
} from "./schema.ts";
import { incidentIssues } from "./timeline.ts";

type Kind = "orgs" | "components" | "links" | "commonCauses" | "incidents";
const KINDS: readonly Kind[] = ["orgs", "components", "links", "commonCauses", "incidents"];
const ITEM = {
  orgs: "organisation",
  components: "component",
  links: "link",
  commonCauses: "common cause",
  incidents: "incident",
};
const SCHEMA = {
  orgs: orgSchema,
  components: componentSchema,
  links: linkSchema,
  commonCauses: commonCauseSchema,
  incidents: incidentSchema,
};
/** The limit on a scenario's model's incidents (the schema's, SPEC §11). */
const MAX_INCIDENTS = 1_000;

/** What every scenario's check looks up in the baseline; built once per model, in one pass. */
export interface BaselineIndex {
  /** Each kind's ids, with their index in the baseline. */
  ids: Record<Kind, Map<string, number>>;
  /** The indices of the links that start or end at each component. */
  linksAt: Map<string, number[]>;
  /** The indices of the links of each redundancy group (its `from` and group name). */
  groupLinks: Map<string, number[]>;
}

const groupKey = (from: string, group: string) => `${from}\u0000${group}`;
const keyOf = (l: Link) => (l.group === undefined ? undefined : groupKey(l.from, l.group));
function listAt<K>(map: Map<K, number[]>, key: K): number[] {
  const list = map.get(key) ?? [];
  if (list.length === 0) map.set(key, list);
  return list;
}

/** Index the baseline for `checkScenario` (first occurrence of a duplicate id wins). */
export function indexBaseline(model: Model): BaselineIndex {
  const ids = {} as Record<Kind, Map<string, number>>;
  for (const kind of KINDS) {
    const map = new Map<string, number>();
    (model[kind] ?? []).forEach((item, i) => {
      if (!map.has(item.id)) map.set(item.id, i);
    });
    ids[kind] = map;
  }
  const linksAt = new Map<string, number[]>();
  const groupLinks = new Map<string, number[]>();
  model.links.forEach((l, i) => {
    listAt(linksAt, l.from).push(i);
    if (l.to !== l.from) listAt(linksAt, l.to).push(i);
    const key = keyOf(l);
    if (key !== undefined) listAt(groupLinks, key).push(i);
  });
  return { ids, linksAt, groupLinks };
}

/**
 * A scenario's problems, each under `scenarios[i]`: ids it removes or changes that the baseline
 * lacks (at their own path), then what its model would get wrong, named by the scenario's own
 * paths (`set.components.a01.availability`, `add.links[3].to`).
 */
export function checkScenario(model: Model, index: BaselineIndex, s: Scenario, i: number): Issue[] {
  const at = `scenarios[${i}]`;
  const unknown: Issue[] = [];
  for (const kind of KINDS) {
    (s.remove?.[kind] ?? []).forEach((ref, j) => {
      if (!index.ids[kind].has(ref))
        unknown.push({ path: `${at}.remove.${kind}[${j}]`, message: `no ${ITEM[kind]} "${ref}" to remove` });
    });
    for (const ref of Object.keys(s.set?.[kind] ?? {})) {
      if (!index.ids[kind].has(ref))
        unknown.push({ path: `${at}.set.${kind}.${ref}`, message: `no ${ITEM[kind]} "${ref}" to change` });
    }
  }
  if (unknown.length > 0) return unknown;
  const edits = new ScenarioEdits(model, index, s);
  const inner = edits.changedItems();
  if (inner.length === 0) inner.push(...edits.references());
  return inner.map((e) => ({
    path: at,
    message: `scenario "${s.name}" makes an invalid model: ${e.path}: ${e.message}`,
  }));
}

/** One scenario's edits over the indexed baseline; paths are relative to the scenario. */
class ScenarioEdits {
  readonly removed = {} as Record<Kind, Set<string>>;
  /** Each kind's added ids, with their index in `add` (the first of duplicates). */
  readonly added = {} as Record<Kind, Map<string, number>>;
  /** Changed items that stay in the scenario's model, as patched and parsed. */
  readonly changed = {} as Record<Kind, Map<string, unknown>>;
  /** Baseline links the scenario removes, itself or with one of their components. */
  readonly droppedLinks = new Set<number>();
  readonly issues: Issue[] = [];

  constructor(
    readonly model: Model,
    readonly index: BaselineIndex,
    readonly s: Scenario,
  ) {
    for (const kind of KINDS) {
      this.removed[kind] = new Set(s.remove?.[kind] ?? []);
      this.added[kind] = new Map();
      this.changed[kind] = new Map();
    }
    for (const id of this.removed.links) this.droppedLinks.add(index.ids.links.get(id) as number);
    for (const id of this.removed.components) {
      for (const l of index.linksAt.get(id) ?? []) this.droppedLinks.add(l);
    }
  }

  private push(path: readonly PropertyKey[], message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }

  /** Changed items (and settings) against their schema; changed and added items against the bounds. */
  changedItems(): Issue[] {
    const { model, index, s, removed } = this;
    for (const kind of KINDS) {
      for (const [id, changes] of Object.entries(s.set?.[kind] ?? {})) {
        const at = index.ids[kind].get(id) as number;
        if (removed[kind].has(id) || (kind === "links" && this.droppedLinks.has(at))) continue;
        let item: object = patchItem((model[kind] ?? [])[at], changes);
        const org = (item as { org?: string }).org;
        if (kind === "components" && org !== undefined && removed.orgs.has(org))
          item = patchItem(item, { org: null });
        const parsed = SCHEMA[kind].safeParse(item);
        if (!parsed.success) {
          for (const e of parsed.error.issues) this.push(["set", kind, id, ...e.path], e.message);
        } else {
          this.changed[kind].set(id, parsed.data);
          this.issues.push(...boundIssues(kind, parsed.data, `set.${kind}.${id}`));
        }
      }
      (s.add?.[kind] ?? []).forEach((item, j) => {
        this.issues.push(...boundIssues(kind, item, `add.${kind}[${j}]`));
      });
    }
    if (s.set?.settings) {
      const parsed = settingsSchema.safeParse(patchItem(model.settings, s.set.settings));
      if (!parsed.success) {
        for (const e of parsed.error.issues) this.push(["set", "settings", ...e.path], e.message);
      } else this.issues.push(...boundIssues("settings", parsed.data, "set.settings"));
    }
    return this.issues.splice(0);
  }

  /** Is `id` of `kind` in the scenario's model? */
  private has(kind: Kind, id: string): boolean {
    return (this.index.ids[kind].has(id) && !this.removed[kind].has(id)) || this.added[kind].has(id);
  }

  /** The references the scenario's edits can break, and its model's size. */
  references(): Issue[] {
    const { index, s } = this;
    for (const kind of KINDS) {
      (s.add?.[kind] ?? []).forEach((item, j) => {
        const earlier = this.added[kind].get(item.id);
        const base = index.ids[kind].get(item.id);
        if (earlier !== undefined)
          this.push(["add", kind, j, "id"], `duplicate id "${item.id}" (also add.${kind}[${earlier}])`);
        else if (base !== undefined && !this.removed[kind].has(item.id))
          this.push(
            ["add", kind, j, "id"],
            `duplicate id "${item.id}" (also ${kind}[${base}] of the baseline)`,
          );
        else this.added[kind].set(item.id, j);
      });
    }
    const components = [
      ...(s.add?.components ?? []).map((c, j) => [c, ["add", "components", j]] as const),
      ...[...this.changed.components].map(([id, c]) => [c, ["set", "components", id]] as const),
    ];
    for (const [c, path] of components) {
      const org = (c as { org?: string }).org;
      if (org !== undefined && !this.has("orgs", org))
        this.push([...path, "org"], `unknown organisation "${org}"`);
    }
    this.links();
    this.incidents();
    const members = (path: PropertyKey[], list: readonly string[], filtered: boolean) => {
      list.forEach((m, j) => {
        const known = filtered
          ? index.ids.components.has(m) || this.added.components.has(m)
          : this.has("components", m);
        if (!known) this.push([...path, "members", j], `unknown component "${m}"`);
      });
    };
    (s.add?.commonCauses ?? []).forEach((cc, j) => {
      members(["add", "commonCauses", j], cc.members, false);
    });
    for (const [id, cc] of this.changed.commonCauses)
      members(["set", "commonCauses", id], (cc as { members: string[] }).members, true);
    this.sizes();
    return this.issues.splice(0);
  }

  /** Ends, self-links and `k` of added and changed links; the redundancy groups they or removals touch. */
  private links(): void {
    const { model, index, s } = this;
    const touched = new Map<string, PropertyKey[]>();
    const touch = (key: string | undefined, path: PropertyKey[]) => {
      if (key !== undefined && !touched.has(key)) touched.set(key, path);
    };
    const byKey = new Map<string, Link[]>();
    const check = (l: Link, path: PropertyKey[]) => {
      for (const end of ["from", "to"] as const) {
        if (!this.has("components", l[end]))
          this.push([...path, end], `link "${l.id}" points to unknown component "${l[end]}"`);
      }
      if (l.from === l.to) this.push([...path, "to"], `link "${l.id}" connects "${l.from}" to itself`);
      if (l.k !== undefined && l.group === undefined)
        this.push([...path, "k"], "k is set but the link has no group");
      const key = keyOf(l);
      touch(key, path);
      if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), l]);
    };
    (s.add?.links ?? []).forEach((l, j) => {
      if (this.added.links.get(l.id) === j) check(l, ["add", "links", j]);
    });
    for (const [id, l] of this.changed.links as Map<string, Link>) {
      touch(keyOf(model.links[index.ids.links.get(id) as number]), ["set", "links", id]);
      check(l, ["set", "links", id]);
    }
    (s.remove?.links ?? []).forEach((id, j) => {
      touch(keyOf(model.links[index.ids.links.get(id) as number]), ["remove", "links", j]);
    });
    (s.remove?.components ?? []).forEach((id, j) => {
      for (const l of index.linksAt.get(id) ?? []) touch(keyOf(model.links[l]), ["remove", "components", j]);
    });
    for (const [key, path] of touched) {
      let size = 0;
      let k = 1;
      const count = (l: Link) => {
        size += 1;
        k = Math.max(k, l.k ?? 1);
      };
      for (const at of index.groupLinks.get(key) ?? []) {
        const base = model.links[at];
        if (!this.droppedLinks.has(at) && !this.changed.links.has(base.id)) count(base);
      }
      for (const l of byKey.get(key) ?? []) count(l);
      if (size > 0 && k > size) {
        const [from, group] = key.split("\u0000");
        this.push(path, `group "${group}" of "${from}" needs ${k} of ${size} links: it can never be met`);
      }
    }
  }

  /** Targets of added and changed incidents: there, and of the kind their effect acts on. */
  private incidents(): void {
    const { index, s } = this;
    const targets = {
      hasComponent: (id: string) => this.has("components", id),
      // a link a removed component takes along is gone too
      hasLink: (id: string) => {
        const at = index.ids.links.get(id);
        return (at !== undefined && !this.droppedLinks.has(at)) || this.added.links.has(id);
      },
    };
    const check = (incident: Incident, path: PropertyKey[]) => {
      for (const issue of incidentIssues(incident, targets, "")) {
        this.push([...path, ...issue.path.slice(1).split(".")], issue.message);
      }
    };
    (s.add?.incidents ?? []).forEach((incident, j) => {
      if (this.added.incidents.get(incident.id) === j) check(incident, ["add", "incidents", j]);
    });
    for (const [id, incident] of this.changed.incidents as Map<string, Incident>)
      check(incident, ["set", "incidents", id]);
  }

  /** The scenario's model keeps the component, link and incident limits. */
  private sizes(): void {
    const { model } = this;
    const components = model.components.length - this.removed.components.size + this.added.components.size;
    if (components > MAX_COMPONENTS)
      this.push(["add", "components"], `${components} components; the limit is ${MAX_COMPONENTS}`);
    const links = model.links.length - this.droppedLinks.size + this.added.links.size;
    if (links > MAX_LINKS) this.push(["add", "links"], `${links} links; the limit is ${MAX_LINKS}`);
    const incidents =
      (model.incidents?.length ?? 0) - this.removed.incidents.size + this.added.incidents.size;
    if (incidents > MAX_INCIDENTS)
      this.push(["add", "incidents"], `${incidents} incidents; the limit is ${MAX_INCIDENTS}`);
  }
}
