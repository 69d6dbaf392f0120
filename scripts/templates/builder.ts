/** A template under construction: components by id, links from the editor's protocol presets. */
import { type Component, type Link, linksFromPreset, presetsFor } from "../../src/model/index.ts";

export type LinkPatch = Partial<Omit<Link, "id" | "from" | "to">>;
export type Site = Omit<Component, "type" | "x" | "y"> & { units: number; kwPerUnit: number };

/** A model under construction: components by id, links with unique ids. */
export class Builder {
  readonly components = new Map<string, Component>();
  readonly links: Link[] = [];
  private readonly linkIds = new Set<string>();

  add(component: Component): Component {
    if (this.components.has(component.id)) throw new Error(`duplicate component ${component.id}`);
    this.components.set(component.id, component);
    return component;
  }

  /** Links of the preset `label` between a and b; `patch.a` goes on the link where a depends on b. */
  connect(aId: string, bId: string, label: string, patch: { a?: LinkPatch; b?: LinkPatch } = {}): Link[] {
    const a = this.get(aId);
    const b = this.get(bId);
    const preset = presetsFor(a.type, b.type).find((p) => p.label === label);
    if (!preset) throw new Error(`no preset "${label}" between ${a.type} and ${b.type}`);
    const links = linksFromPreset(preset, a.id, b.id, this.linkIds);
    for (const link of links) {
      Object.assign(link, link.from === a.id ? patch.a : patch.b);
      this.linkIds.add(link.id);
      this.links.push(link);
    }
    return links;
  }

  get(id: string): Component {
    const c = this.components.get(id);
    if (!c) throw new Error(`unknown component ${id}`);
    return c;
  }
}

/**
 * Roaming real-time authorisation as a `soft` link (SPEC §10): the `auth` links among `links`
 * lose their cache (TTL, fail mode) and redundancy group; the others are left as they are.
 */
export function softAuth(links: Link[]): Link[] {
  for (const link of links) {
    if (!link.flows.includes("auth")) continue;
    link.kind = "soft";
    delete link.ttlMinutes;
    delete link.failMode;
    delete link.group;
    delete link.k;
  }
  return links;
}
