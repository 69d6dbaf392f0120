/**
 * How the canvas edits the document: selecting (a collapsed group selects its members), dragging
 * (one edit when the drag ends), connecting (opens the protocol picker), dropping a component from
 * the palette (at the free spot nearest the drop), opening a group. Handlers are stable: React Flow hands some to every node.
 */
import {
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  useReactFlow,
} from "@xyflow/react";
import { type Dispatch, type DragEvent, type SetStateAction, useCallback } from "react";
import { freeSpot } from "../model/edits/placement.ts";
import { COMPONENT_TYPES, type ComponentType } from "../model/schema.ts";
import { setGroupOpen } from "../store/groups.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import { type CanvasNode, isGroupNode } from "./grouping.ts";
import type { LinkFlowEdge } from "./LinkEdge.tsx";

/** The drag data type of a component dragged from the palette. */
export const PALETTE_MIME = "application/x-seams-type";

/** The canvas's event handlers; `setNodes` updates React Flow's working copy of the nodes during a drag. */
export function useCanvasEditing(setNodes: Dispatch<SetStateAction<CanvasNode[]>>) {
  const flow = useReactFlow<CanvasNode, LinkFlowEdge>();
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const selects = changes.filter((c) => c.type === "select");
      const rest = changes.filter((c) => c.type === "position" || c.type === "dimensions");
      if (rest.length > 0) setNodes((ns) => applyNodeChanges(rest, ns));
      if (selects.length > 0) {
        const s = useModelStore.getState();
        const ids = new Set(s.selection.components);
        // selecting a collapsed group selects its members
        const members = new Map((s.model.groups ?? []).map((g) => [`group:${g.id}`, g.members]));
        for (const c of selects) {
          if (c.type !== "select") continue;
          for (const id of members.get(c.id) ?? [c.id]) {
            if (c.selected) ids.add(id);
            else ids.delete(id);
          }
        }
        s.select({ components: [...ids], links: s.selection.links });
      }
    },
    [setNodes],
  );

  const onEdgesChange = useCallback((changes: EdgeChange<LinkFlowEdge>[]) => {
    const s = useModelStore.getState();
    const ids = new Set(s.selection.links);
    let touched = false;
    for (const c of changes) {
      if (c.type !== "select") continue;
      touched = true;
      if (c.selected) ids.add(c.id);
      else ids.delete(c.id);
    }
    if (touched) s.select({ components: s.selection.components, links: [...ids] });
  }, []);

  const onNodeDragStop = useCallback((_: unknown, _node: CanvasNode, dragged: CanvasNode[]) => {
    useModelStore.getState().moveComponents(movedPositions(dragged));
  }, []);

  // stable handlers: React Flow hands some to every node, and a new function re-renders them all
  const onSelectionDragStop = useCallback((_: unknown, dragged: CanvasNode[]) => {
    useModelStore.getState().moveComponents(movedPositions(dragged));
  }, []);

  const onNodeDoubleClick = useCallback((_: unknown, n: CanvasNode) => {
    if (isGroupNode(n) && !n.data.isOpen) setGroupOpen(n.data.group.id, true);
  }, []);

  const onPaneClick = useCallback(() => {
    useModelStore.getState().select({ components: [], links: [] });
  }, []);

  const onConnect = useCallback((c: Connection) => {
    if (!c.source || !c.target || c.source === c.target) return;
    useUiStore.getState().set({ pendingConnection: { a: c.source, b: c.target } });
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(PALETTE_MIME);
      if (!(COMPONENT_TYPES as readonly string[]).includes(type)) return;
      event.preventDefault();
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      // where it was dropped, or the free spot nearest to it
      const store = useModelStore.getState();
      const wish = { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
      store.addComponent(type as ComponentType, freeSpot(store.model.components, wish));
      useUiStore.getState().set({ tab: "inspector" });
    },
    [flow],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (event.dataTransfer.types.includes(PALETTE_MIME)) {
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    }
  }, []);

  return {
    onNodesChange,
    onEdgesChange,
    onNodeDragStop,
    onSelectionDragStop,
    onNodeDoubleClick,
    onPaneClick,
    onConnect,
    onDrop,
    onDragOver,
  };
}

/** Positions after a drag: a collapsed group moves its members by how far it was dragged. */
function movedPositions(dragged: CanvasNode[]): Map<string, { x: number; y: number }> {
  const out = new Map<string, { x: number; y: number }>();
  const components = new Map(useModelStore.getState().model.components.map((c) => [c.id, c]));
  for (const n of dragged) {
    if (!isGroupNode(n)) {
      out.set(n.id, n.position);
      continue;
    }
    const dx = n.position.x - n.data.origin.x;
    const dy = n.position.y - n.data.origin.y;
    for (const id of n.data.group.members) {
      const c = components.get(id);
      if (c && !out.has(id)) out.set(id, { x: c.x + dx, y: c.y + dy });
    }
  }
  return out;
}
