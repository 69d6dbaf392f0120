/**
 * Nested subsystems on the canvas (issue 8): a collapsed group is drawn as one node in place of its
 * members, the links to and from its members drawn to it (one edge per pair of ends, internal
 * links hidden); an open group draws its members with a labelled frame behind them. Pure: the
 * analysis never sees groups, this only decides what is drawn.
 */
import type { Node } from "@xyflow/react";
import type { NodeOverlay } from "../analysis/overlay.ts";
import type { Group } from "../model/schema.ts";
import type { ComponentMark, LinkMark } from "../store/why.ts";
import type { ComponentFlowNode } from "./ComponentNode.tsx";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import type { LinkFlowEdge } from "./LinkEdge.tsx";

export interface GroupNodeData extends Record<string, unknown> {
  group: Group;
  isOpen: boolean;
  /** The worst member's overlay (its fill and label) when collapsed. */
  overlay: NodeOverlay | undefined;
  /** The members' organisation colour when they share one. */
  orgColor: string | undefined;
  /** The strongest explanation mark among the members (why panel / replay). */
  why: ComponentMark | undefined;
  /** Where the node was drawn: a drag of a collapsed group moves its members by the difference. */
  origin: { x: number; y: number };
}

export type GroupFlowNode = Node<GroupNodeData, "subsystem">;
export type CanvasNode = ComponentFlowNode | GroupFlowNode;

const PREFIX = "group:";
export const groupNodeId = (id: string) => `${PREFIX}${id}`;
export const isGroupNode = (n: CanvasNode): n is GroupFlowNode => n.type === "subsystem";

/** Padding of an open group's frame around its members (px); the top leaves room for its title. */
const PAD = 18;
const TITLE = 26;

/** Marks by strength: a group shows the strongest of its members'. */
const MARK_ORDER: ComponentMark[] = [
  "outcome",
  "intrinsic",
  "cause",
  "failed",
  "shows-available",
  "shows-unavailable",
];
const LINK_ORDER: LinkMark[] = ["seam", "carried"];

function strongest<T>(order: T[], marks: (T | undefined)[]): T | undefined {
  let best: T | undefined;
  for (const m of marks)
    if (m !== undefined && (best === undefined || order.indexOf(m) < order.indexOf(best))) best = m;
  return best;
}

/**
 * The nodes and edges to draw with the model's groups applied (`overlays`: the components' analysis
 * overlay, for a collapsed group's worst member). Component nodes and edges not touching a
 * collapsed group are passed through as they are (same objects: no re-render).
 */
export function applyGroups(
  groups: Group[] | undefined,
  nodes: ComponentFlowNode[],
  edges: LinkFlowEdge[],
  overlays: Record<string, NodeOverlay> | undefined,
): { nodes: CanvasNode[]; edges: LinkFlowEdge[] } {
  if (!groups || groups.length === 0) return { nodes, edges };
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const collapsedOf = new Map<string, string>();
  const frames: GroupFlowNode[] = [];
  const shown: CanvasNode[] = [];
  for (const g of groups) {
    const members = g.members.map((m) => byId.get(m)).filter((n): n is ComponentFlowNode => n !== undefined);
    if (members.length === 0) continue;
    const xs = members.map((n) => n.position.x);
    const ys = members.map((n) => n.position.y);
    const [x0, x1] = [Math.min(...xs), Math.max(...xs) + NODE_WIDTH];
    const [y0, y1] = [Math.min(...ys), Math.max(...ys) + NODE_HEIGHT];
    const colors = new Set(members.map((n) => n.data.orgColor));
    const worst = members.reduce<NodeOverlay | undefined>((w, n) => {
      const overlay = overlays?.[n.id];
      return overlay && (!w || overlay.p > w.p) ? overlay : w;
    }, undefined);
    const data: GroupNodeData = {
      group: g,
      isOpen: !g.collapsed,
      overlay: worst,
      orgColor: colors.size === 1 ? [...colors][0] : undefined,
      why: strongest(
        MARK_ORDER,
        members.map((n) => n.data.why),
      ),
      origin: { x: 0, y: 0 },
    };
    if (g.collapsed) {
      const position = {
        x: Math.round((x0 + x1 - NODE_WIDTH) / 2),
        y: Math.round((y0 + y1 - NODE_HEIGHT) / 2),
      };
      for (const n of members) collapsedOf.set(n.id, groupNodeId(g.id));
      shown.push({
        id: groupNodeId(g.id),
        type: "subsystem",
        position,
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        measured: { width: NODE_WIDTH, height: NODE_HEIGHT },
        selected: members.every((n) => n.selected),
        connectable: false,
        data: { ...data, origin: position },
      });
    } else {
      const position = { x: x0 - PAD, y: y0 - PAD - TITLE };
      frames.push({
        id: groupNodeId(g.id),
        type: "subsystem",
        position,
        width: x1 - x0 + 2 * PAD,
        height: y1 - y0 + 2 * PAD + TITLE,
        measured: { width: x1 - x0 + 2 * PAD, height: y1 - y0 + 2 * PAD + TITLE },
        selectable: false,
        draggable: false,
        connectable: false,
        focusable: false,
        // above its members (selected ones are raised to 1000), so that its title's Close and
        // Ungroup stay clickable under large name cards; its body lets every click through
        zIndex: 2000,
        className: "seams-group-frame-node",
        data: { ...data, origin: position },
      });
    }
  }
  if (collapsedOf.size === 0) return { nodes: [...frames, ...nodes], edges };
  for (const n of nodes) if (!collapsedOf.has(n.id)) shown.push(n);
  const merged = new Map<string, LinkFlowEdge>();
  const out: LinkFlowEdge[] = [];
  for (const e of edges) {
    const source = collapsedOf.get(e.source) ?? e.source;
    const target = collapsedOf.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) {
      out.push(e);
      continue;
    }
    if (source === target || !e.data) continue;
    const key = `${source}>${target}`;
    const seen = merged.get(key);
    if (!seen?.data) {
      const edge: LinkFlowEdge = {
        ...e,
        id: `grouped:${key}`,
        source,
        target,
        selected: false,
        selectable: false,
        data: { ...e.data, count: 1 },
      };
      merged.set(key, edge);
      out.push(edge);
      continue;
    }
    const a = seen.data;
    const b = e.data;
    const overlay =
      a.overlay || b.overlay
        ? {
            width: Math.max(a.overlay?.width ?? 1, b.overlay?.width ?? 1),
            crossing: (a.overlay?.crossing ?? 0) + (b.overlay?.crossing ?? 0),
            isSeamCrossing: (a.overlay?.isSeamCrossing ?? false) || (b.overlay?.isSeamCrossing ?? false),
            onAttackPath: (a.overlay?.onAttackPath ?? false) || (b.overlay?.onAttackPath ?? false),
          }
        : undefined;
    seen.data = {
      ...a,
      isSeam: a.isSeam || b.isSeam,
      overlay,
      why: strongest(LINK_ORDER, [a.why, b.why]),
      count: (a.count ?? 1) + 1,
    };
  }
  return { nodes: [...frames, ...shown], edges: out };
}
