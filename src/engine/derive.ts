/**
 * Derived signal chains (SPEC §5): the paths signals actually take, found on the links' flows —
 * - status: from each charger site to each viewer (e-mobility providers, hubs, anyone deciding
 *   on authorisation), along `status` flows;
 * - control: from each DSO to each charger site, along `control` flows;
 * - authorisation: from the component that decides `auth` to each charger site, along `auth` flows
 *   (the answer's path back to the plug).
 * A chain's path lists providers first (path[i] provides to path[i + 1]), as drawn chains do. The
 * shortest path by hops is taken (ties: the links' order in the model).
 *
 * Deadlines are `estimate`s (no published figure; see README): status 60 s (a driver looking at an
 * app), control 5 min (a DSO curtailment), authorisation 10 s (a driver waiting at the plug).
 */
import type { Chain, Flow, Model } from "../model/index.ts";
import { resolveComponent } from "../model/index.ts";
import { isViewer } from "./compile/index.ts";

export type ChainKind = "status" | "control" | "auth";

export const DERIVED_DEADLINE_MS: Record<ChainKind, { value: number; source: "estimate"; note: string }> = {
  status: { value: 60_000, source: "estimate", note: "a driver checking availability in an app" },
  control: { value: 300_000, source: "estimate", note: "a DSO curtailment taking effect" },
  auth: { value: 10_000, source: "estimate", note: "a driver waiting at the plug" },
};

/** Shortest path from `source` to `target` along links carrying `flow` (data moves from `to` to `from`). */
export function signalPath(model: Model, source: string, target: string, flow: Flow): string[] | undefined {
  const next = new Map<string, string[]>();
  for (const l of model.links) {
    if (!l.flows.includes(flow)) continue;
    const list = next.get(l.to) ?? [];
    if (!list.includes(l.from)) list.push(l.from);
    next.set(l.to, list);
  }
  const parent = new Map<string, string>([[source, source]]);
  const queue = [source];
  for (let head = 0; head < queue.length; head++) {
    const x = queue[head];
    if (x === target) break;
    for (const y of next.get(x) ?? []) {
      if (parent.has(y)) continue;
      parent.set(y, x);
      queue.push(y);
    }
  }
  if (!parent.has(target) || source === target) return undefined;
  const path = [target];
  while (path[0] !== source) path.unshift(parent.get(path[0]) as string);
  return path;
}

export interface DeriveOptions {
  kinds?: ChainKind[];
  /** At most this many chains (the first found, in model order). */
  max?: number;
}

export function deriveChains(model: Model, options: DeriveOptions = {}): Chain[] {
  const kinds = new Set(options.kinds ?? ["status", "control", "auth"]);
  const max = options.max ?? 200;
  const name = new Map(model.components.map((c) => [c.id, c.name || c.id]));
  const chargers = model.components.filter((c) => c.type === "charger");
  const taken = new Set(model.chains.map((c) => c.id));
  const out: Chain[] = [];
  const add = (kind: ChainKind, from: string, to: string, flow: Flow, title: string) => {
    if (out.length >= max) return;
    const path = signalPath(model, from, to, flow);
    if (!path) return;
    let id = `derived-${kind}-${from}-${to}`;
    for (let k = 2; taken.has(id); k++) id = `derived-${kind}-${from}-${to}-${k}`;
    taken.add(id);
    out.push({ id, name: title, path, deadlineMs: DERIVED_DEADLINE_MS[kind].value });
  };
  if (kinds.has("status")) {
    const viewers = model.components.filter((c) => c.type !== "charger" && isViewer(resolveComponent(c)));
    for (const c of chargers) {
      for (const v of viewers)
        add("status", c.id, v.id, "status", `${name.get(c.id)} status reaches ${name.get(v.id)}`);
    }
  }
  if (kinds.has("control")) {
    for (const d of model.components.filter((c) => c.type === "dso")) {
      for (const c of chargers)
        add("control", d.id, c.id, "control", `${name.get(d.id)} control reaches ${name.get(c.id)}`);
    }
  }
  if (kinds.has("auth")) {
    const deciders = model.components.filter((c) => resolveComponent(c).decides.includes("auth"));
    for (const d of deciders) {
      for (const c of chargers) {
        if (d.id !== c.id)
          add("auth", d.id, c.id, "auth", `${name.get(d.id)} authorises at ${name.get(c.id)}`);
      }
    }
  }
  return out;
}

/**
 * The chain through exactly these components (in any order given): an order in which each
 * component provides to the next over some link (data moves from a link's `to` to its `from`), or
 * undefined when there is none. For "click its path on the canvas" (at most 12 components).
 */
export function chainThrough(model: Model, ids: string[]): string[] | undefined {
  const set = [...new Set(ids)];
  if (set.length < 2 || set.length > 12) return undefined;
  const feeds = new Map<string, Set<string>>();
  for (const l of model.links) {
    if (!set.includes(l.to) || !set.includes(l.from)) continue;
    const s = feeds.get(l.to) ?? new Set<string>();
    s.add(l.from);
    feeds.set(l.to, s);
  }
  const path: string[] = [];
  const used = new Set<string>();
  const extend = (): boolean => {
    if (path.length === set.length) return true;
    const last = path[path.length - 1];
    for (const next of set) {
      if (used.has(next) || (last !== undefined && !feeds.get(last)?.has(next))) continue;
      path.push(next);
      used.add(next);
      if (extend()) return true;
      path.pop();
      used.delete(next);
    }
    return false;
  };
  // prefer starting at a charger site or a DSO (where signals begin), then in the given order
  const starts = [...set].sort((a, b) => rank(model, a) - rank(model, b));
  for (const s of starts) {
    path.length = 0;
    used.clear();
    path.push(s);
    used.add(s);
    if (extend()) return [...path];
  }
  return undefined;
}

function rank(model: Model, id: string): number {
  const type = model.components.find((c) => c.id === id)?.type;
  return type === "charger" || type === "dso" ? 0 : 1;
}
