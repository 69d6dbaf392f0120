/**
 * React Flow's nodes and edges for the model: node and edge objects are reused while what they draw
 * is unchanged (a 1,000-node model stays fluid). Colours and labels are not here: they reach the
 * nodes through the overlay feed (overlayFeed.ts). The selection is a layer on top: a click swaps
 * the selected objects for selected copies and rebuilds nothing else (building 20,000 nodes and
 * 73,600 edges again took ~0.2–0.5 s of a click on a 20,000-component model).
 */
import { useMemo, useRef } from "react";
import type { EdgeOverlay, WhatIfMark } from "../analysis/overlay.ts";
import type { Model } from "../model/schema.ts";
import type { Selection } from "../store/model.ts";
import type { WhyHighlight } from "../store/why.ts";
import type { ComponentFlowNode } from "./ComponentNode.tsx";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import type { LinkFlowEdge } from "./LinkEdge.tsx";
import type { CanvasDiff } from "./useScenarioDiff.ts";

/** What the nodes and edges mark besides the model: what-if, scenario diff, why highlight. */
export interface ElementMarks {
  edgeOverlay: Record<string, EdgeOverlay> | undefined;
  whatIfMark: Record<string, WhatIfMark> | undefined;
  diff: CanvasDiff | undefined;
  why: WhyHighlight | undefined;
}

/** A node as last built, its key (what it draws) and the objects it was built from. */
interface CachedNode {
  key: string;
  node: ComponentFlowNode;
  inputs: readonly unknown[];
}

/** An edge as last built, its key (what it draws) and the objects it was built from. */
interface CachedEdge {
  key: string;
  edge: LinkFlowEdge;
  inputs: readonly unknown[];
}

/** The canvas's nodes and edges: with the selection, and without it (`base`, what the far view draws). */
export interface FlowElements {
  nodes: ComponentFlowNode[];
  edges: LinkFlowEdge[];
  base: { nodes: ComponentFlowNode[]; edges: LinkFlowEdge[] };
}

/**
 * A node per component (and a ghost per component the shown scenario removes), an edge per link,
 * the selected ones marked selected.
 */
export function useFlowElements(model: Model, selection: Selection, marks: ElementMarks): FlowElements {
  const base = useBaseElements(model, marks);
  const nodes = useSelected(base.nodes, selection.components);
  const edges = useSelected(base.edges, selection.links);
  return { nodes, edges, base };
}

/**
 * `list` with the items whose id is in `ids` swapped for selected copies (`list` itself when none
 * is); a copy is made once per item object, so an item keeps its identity while it stays selected.
 */
export function useSelected<T extends { id: string; selected?: boolean }>(list: T[], ids: string[]): T[] {
  const copies = useRef(new WeakMap<T, T>());
  return useMemo(() => selectIn(list, ids, copies.current), [list, ids]);
}

/** `list` with the items whose id is in `ids` replaced by selected copies, made once each in `copies`. */
export function selectIn<T extends { id: string; selected?: boolean }>(
  list: T[],
  ids: readonly string[],
  copies: WeakMap<T, T>,
): T[] {
  if (ids.length === 0) return list;
  const chosen = new Set(ids);
  return list.map((item) => {
    if (!chosen.has(item.id)) return item;
    let copy = copies.get(item);
    if (!copy) {
      copy = { ...item, selected: true };
      copies.set(item, copy);
    }
    return copy;
  });
}

/** Nodes and edges as they are drawn unselected (see useFlowElements). */
function useBaseElements(
  model: Model,
  { edgeOverlay, whatIfMark, diff, why }: ElementMarks,
): { nodes: ComponentFlowNode[]; edges: LinkFlowEdge[] } {
  const nodeCache = useRef(new Map<string, CachedNode>());
  const nodes = useMemo(() => {
    const orgs = new Map(model.orgs.map((o) => [o.id, o]));
    const cache = nodeCache.current;
    const next = new Map<string, CachedNode>();
    const list = model.components.map((c): ComponentFlowNode => {
      const org = c.org ? orgs.get(c.org) : undefined;
      const mark = whatIfMark?.[c.id];
      const diffMark = diff?.components[c.id];
      const whyMark = why?.components[c.id];
      const old = cache.get(c.id);
      // the same objects: the same node, without writing its key (a click on a 20,000-component
      // model wrote 20,000 keys)
      const inputs = [c, org, mark, diffMark, whyMark] as const;
      if (old?.inputs.every((x, i) => x === inputs[i])) {
        next.set(c.id, old);
        return old.node;
      }
      const key = `${whyMark}|${org?.name}|${org?.color}|${mark ? `${mark.forced}|${mark.change}|${mark.deltaUsable}` : ""}|${diffMark ? `${diffMark.change}|${diffMark.params?.join()}|${diffMark.moved?.mean}` : ""}`;
      if (old && old.key === key && old.node.data.component === c) {
        next.set(c.id, { ...old, inputs });
        return old.node;
      }
      const node: ComponentFlowNode = {
        id: c.id,
        type: "component",
        position: { x: c.x, y: c.y },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        // the drawn size: a rebuilt node keeps its measured handles instead of being measured again
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        selected: false,
        data: {
          component: c,
          orgName: org?.name,
          orgColor: org?.color,
          whatIf: mark,
          diff: diffMark,
          why: whyMark,
        },
      };
      next.set(c.id, { key, node, inputs });
      return node;
    });
    nodeCache.current = next;
    // components the shown scenario removes: faint, inert ghosts at their baseline positions
    for (const c of diff?.ghosts ?? []) {
      list.push({
        id: `ghost:${c.id}`,
        type: "component",
        position: { x: c.x, y: c.y },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        selectable: false,
        draggable: false,
        connectable: false,
        focusable: false,
        data: {
          component: c,
          orgName: orgs.get(c.org ?? "")?.name,
          orgColor: orgs.get(c.org ?? "")?.color,
          whatIf: undefined,
          diff: { change: "removed" },
        },
      });
    }
    return list;
  }, [model.components, model.orgs, whatIfMark, diff, why]);

  const edgeCache = useRef(new Map<string, CachedEdge>());
  const edges = useMemo(() => {
    const byId = new Map(model.components.map((c) => [c.id, c]));
    const cache = edgeCache.current;
    const next = new Map<string, CachedEdge>();
    const list = model.links.map((l): LinkFlowEdge => {
      const overlay = edgeOverlay?.[l.id];
      const from = byId.get(l.from);
      const to = byId.get(l.to);
      const linkDiff = diff?.links[l.id];
      const whyMark = why?.links[l.id];
      const old = cache.get(l.id);
      // the same objects: the same edge, without writing its key (an edit of one component of a
      // 20,000-component model wrote the keys of all its 73,600 links: ~0.5 s of the page)
      const inputs = [l, from, to, overlay, linkDiff, whyMark] as const;
      if (old?.inputs.every((x, i) => x === inputs[i])) {
        next.set(l.id, old);
        return old.edge;
      }
      const isSeam = (from?.org ?? "") !== (to?.org ?? "");
      const fromName = from?.name ?? l.from;
      const toName = to?.name ?? l.to;
      const key = `${whyMark}|${isSeam}|${fromName}|${toName}|${overlay ? `${overlay.width.toFixed(1)}|${overlay.isSeamCrossing}|${overlay.crossing.toPrecision(2)}|${overlay.onAttackPath}` : ""}|${linkDiff ?? ""}`;
      if (old && old.key === key && old.edge.data?.link === l) {
        next.set(l.id, { ...old, inputs });
        return old.edge;
      }
      const edge: LinkFlowEdge = {
        id: l.id,
        type: "link",
        source: l.from,
        target: l.to,
        sourceHandle: "c",
        targetHandle: "c",
        selected: false,
        data: { link: l, isSeam, fromName, toName, overlay, diff: linkDiff, why: whyMark },
      };
      next.set(l.id, { key, edge, inputs });
      return edge;
    });
    edgeCache.current = next;
    return list;
  }, [model.links, model.components, edgeOverlay, diff, why]);

  return { nodes, edges };
}
