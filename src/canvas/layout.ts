/**
 * Auto-layout with ELK's layered algorithm: dependents to the left, what they depend on to the
 * right (chargers → CSMS → hubs and platforms → clouds and carriers), organisations kept together
 * by ordering, crossings minimised. Returns new positions; the caller commits them as one edit.
 */
import ELK from "elkjs/lib/elk.bundled.js";
import { LINK_KIND, type Model } from "../model/index.ts";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";

let elk: InstanceType<typeof ELK> | undefined;

/** New positions for every component of `model` (ELK layered, dependants left of providers). */
export async function layoutPositions(model: Model): Promise<Map<string, { x: number; y: number }>> {
  elk ??= new ELK();
  const ids = new Set(model.components.map((c) => c.id));
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      // room for a name card from afar (detail.ts): a card is wider and taller than its node
      "elk.layered.spacing.nodeNodeBetweenLayers": "130",
      "elk.spacing.nodeNode": "56",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.separateConnectedComponents": "true",
    },
    // model order: by organisation, so an organisation's components stay next to each other
    children: [...model.components]
      .sort((a, b) => (a.org ?? "").localeCompare(b.org ?? ""))
      .map((c) => ({ id: c.id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: model.links
      .filter((l) => ids.has(l.from) && ids.has(l.to) && l.from !== l.to)
      // pushed or polled data (async status) runs against the dependency direction: not layered
      .filter((l) => !LINK_KIND[l.kind].usesPoll)
      .map((l) => ({ id: l.id, sources: [l.from], targets: [l.to] })),
  });
  const positions = new Map<string, { x: number; y: number }>();
  for (const child of graph.children ?? []) {
    positions.set(child.id, { x: child.x ?? 0, y: child.y ?? 0 });
  }
  return positions;
}

/**
 * Whether the components were drawn on few spots: at least half of them (and two) share their
 * position with another, as in a file written without positions (all at 0, 0). Such a model is
 * laid out when it opens.
 */
export function hasStackedComponents(components: readonly { x: number; y: number }[]): boolean {
  const count = new Map<string, number>();
  for (const c of components) {
    const key = `${c.x},${c.y}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  let stacked = 0;
  for (const n of count.values()) if (n > 1) stacked += n;
  return stacked >= 2 && stacked * 2 >= components.length;
}
