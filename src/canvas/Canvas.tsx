/**
 * The canvas: components as nodes, links as edges, the analysis overlay on both. The document
 * store owns the model and the selection; React Flow's own node list only carries positions while
 * a drag is in progress, and a drag is committed as one edit when it ends.
 */
import {
  applyNodeChanges,
  Background,
  type Connection,
  ConnectionMode,
  Controls,
  type EdgeChange,
  MiniMap,
  type NodeChange,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import { type DragEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import {
  couplingOverlays,
  edgeOverlays,
  nodeOverlays,
  securityOverlays,
  whatIfMarks,
} from "../analysis/overlay.ts";
import { COMPONENT_TYPES, type ComponentType } from "../model/schema.ts";
import { type AnalysisState, useAnalysisStore, useDrawnAnalysis } from "../store/analysis.ts";
import { useDecisionStore } from "../store/decision.ts";
import { setGroupOpen } from "../store/groups.ts";
import { useModelStore } from "../store/model.ts";
import { resultFor } from "../store/revision.ts";
import { useUiStore } from "../store/ui.ts";
import { useWhyStore, whyHighlight } from "../store/why.ts";
import { type ComponentFlowNode, ComponentNode } from "./ComponentNode.tsx";
import { EdgeOverview, OVERVIEW_LINKS, OVERVIEW_ZOOM } from "./EdgeOverview.tsx";
import { GroupNode } from "./GroupNode.tsx";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import { applyGroups, type CanvasNode, isGroupNode } from "./grouping.ts";
import { EdgeMarkers, LinkEdge, type LinkFlowEdge } from "./LinkEdge.tsx";
import { OverlayFeed, OverlayFeedContext } from "./overlayFeed.ts";
import { useScenarioDiff } from "./useScenarioDiff.ts";

const nodeTypes = { component: ComponentNode, subsystem: GroupNode };
const edgeTypes = { link: LinkEdge };

export const PALETTE_MIME = "application/x-seams-type";

/** What of the analysis the canvas draws. */
const drawnAnalysis = (s: AnalysisState) => ({
  result: s.result,
  revision: s.revision,
  blast: s.blast,
  coupling: s.coupling,
  security: s.security,
  attackPath: s.attackPath,
  isStreaming: s.running,
});

const MULTI_SELECTION_KEYS = ["Meta", "Control", "Shift"];
const PRO_OPTIONS = { hideAttribution: true };

/** Nodes above this count are drawn only when visible (large models pan smoothly). */
const VISIBLE_ONLY_ABOVE = 300;

export function Canvas() {
  const model = useModelStore((s) => s.model);
  const revision = useModelStore((s) => s.revision);
  const selection = useModelStore((s) => s.selection);
  // only what the canvas draws (progress ticks alone must not re-render it), deferred so React
  // renders a streamed result in slices (see useDrawnAnalysis); only the result of the revision on
  // screen is shown
  const analysis = useDrawnAnalysis(useAnalysisStore(useShallow(drawnAnalysis)), revision);
  const { blast, attackPath } = analysis;
  const { coupling: couplingResult, security: securityResult, isStreaming } = analysis;
  const mode = useUiStore((s) => s.mode);
  const flow = useReactFlow<CanvasNode, LinkFlowEdge>();

  // overlays only for the result of this very revision (SPEC §7)
  const current = resultFor(analysis, revision)?.result;
  const nodeOverlay = useMemo(() => {
    if (mode === "coupling") return couplingResult ? couplingOverlays(model, couplingResult) : undefined;
    if (mode === "security") return securityResult ? securityOverlays(model, securityResult) : undefined;
    return current ? nodeOverlays(model, current, mode, blast ?? {}) : undefined;
  }, [model, current, mode, blast, couplingResult, securityResult]);
  const edgeOverlay = useMemo(() => {
    const base = current ? edgeOverlays(model, current) : undefined;
    const path = mode === "security" ? resultFor(attackPath, revision)?.path : undefined;
    if (!path) return base;
    const out = { ...base };
    for (const id of path.links) {
      out[id] = { ...(out[id] ?? { width: 1.5, crossing: 0, isSeamCrossing: false }), onAttackPath: true };
    }
    return out;
  }, [model, current, mode, attackPath, revision]);

  // the active what-if: forced components always, charger changes once its result is for this revision
  const whatIf = useDecisionStore((s) => s.whatIf);
  const whatIfMark = useMemo(() => {
    if (!whatIf) return undefined;
    const deltas = resultFor(whatIf, revision)?.result?.delta.chargers;
    return whatIfMarks(model, whatIf.spec, deltas);
  }, [model, whatIf, revision]);

  // the scenario diff (its own flag, see useScenarioDiff.ts)
  const diff = useScenarioDiff(model);

  // the why panel's chosen cut set or the replay's current step (see store/why.ts)
  const whyTarget = useWhyStore((s) => s.target);
  const whyAnswer = useWhyStore((s) => s.why);
  const whyChosen = useWhyStore((s) => s.chosen);
  const replay = useWhyStore((s) => s.replay);
  const why = useMemo(
    () => whyHighlight({ target: whyTarget, why: whyAnswer, chosen: whyChosen, replay }, model),
    [whyTarget, whyAnswer, whyChosen, replay, model],
  );

  // the overlay reaches each component node through the feed, apart from React Flow's node objects:
  // a progressive result re-renders only the nodes whose colour, label or badges moved, a few a
  // frame; another view or revision redraws them all at once
  const [overlayFeed] = useState(() => new OverlayFeed());
  useEffect(() => () => overlayFeed.stop(), [overlayFeed]);

  // Node and edge objects are reused while what they draw is unchanged (a 1,000-node model stays fluid).
  const nodeCache = useRef(new Map<string, { key: string; node: ComponentFlowNode }>());
  const derivedNodes = useMemo(() => {
    const orgs = new Map(model.orgs.map((o) => [o.id, o]));
    const selected = new Set(selection.components);
    const cache = nodeCache.current;
    const next = new Map<string, { key: string; node: ComponentFlowNode }>();
    const nodes = model.components.map((c): ComponentFlowNode => {
      const org = c.org ? orgs.get(c.org) : undefined;
      const mark = whatIfMark?.[c.id];
      const diffMark = diff?.components[c.id];
      const isSelected = selected.has(c.id);
      const whyMark = why?.components[c.id];
      const key = `${isSelected}|${whyMark}|${org?.name}|${org?.color}|${mark ? `${mark.forced}|${mark.change}|${mark.deltaUsable}` : ""}|${diffMark ? `${diffMark.change}|${diffMark.params?.join()}|${diffMark.moved?.mean}` : ""}`;
      const old = cache.get(c.id);
      if (old && old.key === key && old.node.data.component === c) {
        next.set(c.id, old);
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
        selected: isSelected,
        data: {
          component: c,
          orgName: org?.name,
          orgColor: org?.color,
          whatIf: mark,
          diff: diffMark,
          why: whyMark,
        },
      };
      next.set(c.id, { key, node });
      return node;
    });
    nodeCache.current = next;
    // components the shown scenario removes: faint, inert ghosts at their baseline positions
    for (const c of diff?.ghosts ?? []) {
      nodes.push({
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
    return nodes;
  }, [model.components, model.orgs, selection.components, whatIfMark, diff, why]);

  const edgeCache = useRef(new Map<string, { key: string; edge: LinkFlowEdge }>());
  const edges = useMemo(() => {
    const orgOf = new Map(model.components.map((c) => [c.id, c.org]));
    const selected = new Set(selection.links);
    const cache = edgeCache.current;
    const next = new Map<string, { key: string; edge: LinkFlowEdge }>();
    const list = model.links.map((l): LinkFlowEdge => {
      const overlay = edgeOverlay?.[l.id];
      const isSeam = (orgOf.get(l.from) ?? "") !== (orgOf.get(l.to) ?? "");
      const isSelected = selected.has(l.id);
      const linkDiff = diff?.links[l.id];
      const whyMark = why?.links[l.id];
      const key = `${isSelected}|${whyMark}|${isSeam}|${overlay ? `${overlay.width.toFixed(1)}|${overlay.isSeamCrossing}|${overlay.crossing.toPrecision(2)}|${overlay.onAttackPath}` : ""}|${linkDiff ?? ""}`;
      const old = cache.get(l.id);
      if (old && old.key === key && old.edge.data?.link === l) {
        next.set(l.id, old);
        return old.edge;
      }
      const edge: LinkFlowEdge = {
        id: l.id,
        type: "link",
        source: l.from,
        target: l.to,
        sourceHandle: "c",
        targetHandle: "c",
        selected: isSelected,
        data: { link: l, isSeam, overlay, diff: linkDiff, why: whyMark },
      };
      next.set(l.id, { key, edge });
      return edge;
    });
    edgeCache.current = next;
    return list;
  }, [model.links, model.components, selection.links, edgeOverlay, diff, why]);

  // groups: a collapsed one is one node with its members' links drawn to it (see grouping.ts)
  const grouped = useMemo(
    () => applyGroups(model.groups, derivedNodes, edges, nodeOverlay),
    [model.groups, derivedNodes, edges, nodeOverlay],
  );

  // React Flow's working copy: positions move here during a drag
  const [nodes, setNodes] = useState<CanvasNode[]>(grouped.nodes);
  useEffect(() => setNodes(grouped.nodes), [grouped.nodes]);

  const onNodesChange = useCallback((changes: NodeChange<CanvasNode>[]) => {
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
  }, []);

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
      useModelStore
        .getState()
        .addComponent(type as ComponentType, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
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

  // fit the view when a different document is loaded (not on every edit)
  const fitted = useRef(-1);
  const loads = useModelStore((s) => s.loads);
  useEffect(() => {
    if (fitted.current === loads || model.components.length === 0) return;
    fitted.current = loads;
    requestAnimationFrame(() => void flow.fitView({ padding: 0.08 }));
  }, [loads, model.components.length, flow]);

  // a large model seen from afar draws its links as one layer (selected links stay interactive)
  const farAway = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  const overview = farAway && edges.length > OVERVIEW_LINKS;
  // seen from afar a node is a tile: while results stream in, only a new fill redraws it (its
  // label is in its tooltip: the finished run's labels are drawn)
  const drawn = overview && isStreaming ? "fill" : "all";
  useLayoutEffect(
    () => overlayFeed.show(nodeOverlay, `${mode}@${revision}`, drawn),
    [overlayFeed, nodeOverlay, mode, revision, drawn],
  );
  const shownEdges = useMemo(
    () => (overview ? grouped.edges.filter((e) => e.selected) : grouped.edges),
    [overview, grouped.edges],
  );

  const orgColors = useMemo(() => new Map(model.orgs.map((o) => [o.id, o.color])), [model.orgs]);
  const miniMapColor = useCallback(
    (n: CanvasNode) => (isGroupNode(n) ? n.data.overlay : nodeOverlay?.[n.id])?.fill ?? "#e5e7eb",
    [nodeOverlay],
  );
  const miniMapStroke = useCallback(
    (n: CanvasNode) =>
      isGroupNode(n)
        ? (n.data.orgColor ?? "#64748b")
        : (orgColors.get(n.data.component.org ?? "") ?? "#9ca3af"),
    [orgColors],
  );

  return (
    <div
      className={overview ? "canvas overview" : "canvas"}
      data-testid="canvas"
      data-components={model.components.length}
      onDrop={onDrop}
      onDragOver={onDragOver}
    >
      <EdgeMarkers />
      <OverlayFeedContext value={overlayFeed}>
        <ReactFlow<CanvasNode, LinkFlowEdge>
          nodes={nodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={onNodeDragStop}
          onSelectionDragStop={onSelectionDragStop}
          onNodeDoubleClick={onNodeDoubleClick}
          onConnect={onConnect}
          onPaneClick={onPaneClick}
          connectionMode={ConnectionMode.Loose}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          onlyRenderVisibleElements={model.components.length > VISIBLE_ONLY_ABOVE}
          minZoom={0.05}
          maxZoom={2.5}
          proOptions={PRO_OPTIONS}
        >
          <Background gap={24} size={1} color="#d9dee7" />
          {overview && <EdgeOverview nodes={nodes} edges={grouped.edges} />}
          <Controls showInteractive={false} />
          <MiniMap<CanvasNode>
            pannable
            zoomable
            nodeColor={miniMapColor}
            nodeStrokeColor={miniMapStroke}
            nodeStrokeWidth={6}
          />
        </ReactFlow>
      </OverlayFeedContext>
    </div>
  );
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
