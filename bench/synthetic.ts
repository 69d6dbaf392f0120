/**
 * A synthetic ecosystem of about `n` components for benchmarks: ~70 % charger sites on a few dozen
 * CSMSs, roaming hubs, e-mobility providers, telecom carriers, cloud regions, DSOs, payment — each
 * component with about three dependencies, every link from the editor's protocol presets, one
 * organisation per operator. Deterministic for a seed.
 */

import { Rng } from "../src/engine/rng.ts";
import {
  type Component,
  type ComponentType,
  DEFAULT_SETTINGS,
  type Link,
  linksFromPreset,
  type Model,
  type Org,
  presetsFor,
  SCHEMA_VERSION,
} from "../src/model/index.ts";

export function generateSyntheticModel(n: number, seed = 1): Model {
  const rng = new Rng(seed, 0);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rng.next() * xs.length)];
  const components: Component[] = [];
  const links: Link[] = [];
  const linkIds = new Set<string>();
  const orgs: Org[] = [];
  const count = (share: number, min: number) => Math.max(min, Math.round(n * share));
  const plan: [ComponentType, number][] = [
    ["cloud", count(0.02, 2)],
    ["telecom", count(0.02, 2)],
    ["dso", count(0.02, 1)],
    ["pki", count(0.005, 1)],
    ["payment", count(0.01, 1)],
    ["hub", count(0.005, 1)],
    ["emsp", count(0.04, 2)],
    ["csms", count(0.04, 2)],
  ];
  const byType = new Map<ComponentType, string[]>();
  let placed = 0;
  const add = (type: ComponentType, extra: Partial<Component> = {}): string => {
    const list = byType.get(type) ?? [];
    const id = `${type}-${list.length + 1}`;
    list.push(id);
    byType.set(type, list);
    const col = placed % 40;
    const row = Math.floor(placed / 40);
    placed++;
    components.push({ id, type, name: `${type} ${list.length}`, x: col * 220, y: row * 110, ...extra });
    return id;
  };
  const connect = (a: string, b: string) => {
    const ta = components.find((c) => c.id === a)?.type as ComponentType;
    const tb = components.find((c) => c.id === b)?.type as ComponentType;
    for (const link of linksFromPreset(presetsFor(ta, tb)[0], a, b, linkIds)) {
      linkIds.add(link.id);
      links.push(link);
    }
  };
  for (const [type, k] of plan) {
    for (let i = 0; i < k; i++) {
      let org: string | undefined;
      if (type === "csms" || type === "emsp" || type === "hub") {
        org = `org-${type}-${i + 1}`;
        orgs.push({
          id: org,
          name: `${type.toUpperCase()} operator ${i + 1}`,
          color: `#${(((i * 2654435761) >>> 8) & 0xffffff).toString(16).padStart(6, "0")}`,
        });
      }
      add(type, org ? { org } : {});
    }
  }
  const ids = (t: ComponentType) => byType.get(t) ?? [];
  for (const csms of ids("csms")) {
    connect(csms, pick(ids("cloud")));
    connect(csms, pick(ids("hub")));
    connect(csms, pick(ids("payment")));
  }
  for (const emsp of ids("emsp")) {
    connect(emsp, pick(ids("hub")));
    connect(emsp, pick(ids("cloud")));
    connect(emsp, pick(ids("pki")));
  }
  const chargers = Math.max(1, n - components.length);
  for (let i = 0; i < chargers; i++) {
    const csms = pick(ids("csms"));
    const org = components.find((c) => c.id === csms)?.org;
    const site = add("charger", {
      units: 2 + Math.floor(rng.next() * 10),
      kwPerUnit: pick([11, 22, 50, 150, 300]),
      ...(org ? { org } : {}),
    });
    connect(site, csms);
    connect(site, pick(ids("telecom")));
    connect(site, pick(ids("dso")));
  }
  return {
    schema: SCHEMA_VERSION,
    name: `Synthetic ecosystem (${components.length} components)`,
    description: "Generated for benchmarks by bench/synthetic.ts.",
    orgs,
    components,
    links,
    commonCauses: [],
    chains: [],
    settings: { ...DEFAULT_SETTINGS },
  };
}
