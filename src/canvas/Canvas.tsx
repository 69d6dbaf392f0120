/**
 * The canvas: components as nodes, links as edges, the analysis overlay on both. The document
 * store owns the model and the selection; React Flow's own node list only carries positions while
 * a drag is in progress, and a drag is committed as one edit when it ends. What it draws over the
 * model comes from useCanvasOverlays, its nodes and edges from useFlowElements, its editing
 * handlers from useCanvasEditing. Its level of detail follows the zoom (detail.ts): from afar a card
 * draws its name alone in counter-scaled type. A model whose components were stacked on one spot
 * (a file without positions) is laid out when it opens.
 */
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
} from "@xyflow/react";
import {
  type CSSProperties,
  type SetStateAction,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { moveComponents } from "../store/edits.ts";
import { useModelStore } from "../store/model.ts";
import { useUiStore } from "../store/ui.ts";
import "./canvas.css";
import { CanvasLegend, keyOrganisations } from "./CanvasLegend.tsx";
import { ComponentNode } from "./ComponentNode.tsx";
import { zoomDetail } from "./detail.ts";
import { EdgeOverview, OVERVIEW_LINKS, OVERVIEW_ZOOM } from "./EdgeOverview.tsx";
import { FarView } from "./FarView.tsx";
import { FAR_VIEW_ABOVE, FAR_VIEW_ZOOM, nodeAt, nodeTitle } from "./farView.ts";
import { fitAll, MAX_ZOOM, MIN_ZOOM } from "./fitPadding.ts";
import { GroupNode } from "./GroupNode.tsx";
import { applyGroups, type CanvasNode, isGroupNode } from "./grouping.ts";
import { EdgeMarkers, LinkEdge, type LinkFlowEdge } from "./LinkEdge.tsx";
import { hasStackedComponents, layoutPositions } from "./layout.ts";
import { OverlayFeed, OverlayFeedContext } from "./overlayFeed.ts";
import { useCanvasEditing } from "./useCanvasEditing.ts";
import { useCanvasOverlays } from "./useCanvasOverlays.ts";
import { useFlowElements } from "./useFlowElements.ts";

const nodeTypes = { component: ComponentNode, subsystem: GroupNode };
const edgeTypes = { link: LinkEdge };

const MULTI_SELECTION_KEYS = ["Meta", "Control", "Shift"];
const PRO_OPTIONS = { hideAttribution: true };

const NO_ELEMENTS = { nodes: [], edges: [] };

/** Nodes above this count are drawn only when visible (large models pan smoothly). */
const VISIBLE_ONLY_ABOVE = 300;
/** The minimap's size (px): smaller than React Flow's 200 × 150, it covers fewer components. */
const MINIMAP_SIZE = { width: 150, height: 100 };
/** A connection dropped this near a component (screen px) connects to it. */
const CONNECTION_RADIUS_PX = 48;

/** Lay out a model whose components are stacked (a file without positions) as one edit. */
async function layoutStacked(): Promise<void> {
  const positions = await layoutPositions(useModelStore.getState().model);
  // the model may have changed while ELK worked: apply to whatever is current
  const s = useModelStore.getState();
  s.replace(moveComponents(s.model, positions));
}

/** The canvas of the editor (one per page, inside a ReactFlowProvider). */
export function Canvas() {
  const model = useModelStore((s) => s.model);
  const revision = useModelStore((s) => s.revision);
  const selection = useModelStore((s) => s.selection);
  const mode = useUiStore((s) => s.mode);
  const flow = useReactFlow<CanvasNode, LinkFlowEdge>();

  const { nodeOverlay, edgeOverlay, whatIfMark, diff, why, isStreaming } = useCanvasOverlays(
    model,
    revision,
    mode,
  );

  // the overlay reaches each component node through the feed, apart from React Flow's node objects:
  // a progressive result re-renders only the nodes whose colour, label or badges moved, a few a
  // frame; another view or revision redraws them all at once
  const [overlayFeed] = useState(() => new OverlayFeed());
  useEffect(() => () => overlayFeed.stop(), [overlayFeed]);

  const {
    nodes: derivedNodes,
    edges,
    base,
  } = useFlowElements(model, selection, {
    edgeOverlay,
    whatIfMark,
    diff,
    why,
  });

  // groups: a collapsed one is one node with its members' links drawn to it (see grouping.ts)
  const grouped = useMemo(
    () => applyGroups(model.groups, derivedNodes, edges, nodeOverlay),
    [model.groups, derivedNodes, edges, nodeOverlay],
  );

  // React Flow's working copy: positions move here during a drag
  // (taken over during the render that sees new nodes, not in an effect after it: for one commit
  // React Flow got the nodes before — a 1,000-component model's cards drawn, ~2 s, as New emptied it)
  const [working, setWorking] = useState({ from: grouped.nodes, nodes: grouped.nodes });
  if (working.from !== grouped.nodes) setWorking({ from: grouped.nodes, nodes: grouped.nodes });
  const nodes = working.from === grouped.nodes ? working.nodes : grouped.nodes;
  const setNodes = useCallback(
    (update: SetStateAction<CanvasNode[]>) =>
      setWorking((w) => ({ from: w.from, nodes: typeof update === "function" ? update(w.nodes) : update })),
    [],
  );

  const editing = useCanvasEditing(setNodes);

  // a large model seen from afar is drawn on canvas layers (farView.ts): React Flow holds only its
  // selected cards (adopting 20,000 nodes again took it ~0.3 s a click); fits use fitAll
  // (a large model just opened is drawn from afar until its view is fitted: React Flow would
  // first draw its cards at the zoom of the model before)
  const loads = useModelStore((s) => s.loads);
  const [fittedLoads, setFittedLoads] = useState(-1);
  const isLarge = model.components.length > FAR_VIEW_ABOVE;
  const isZoomedOut = useStore((s) => s.transform[2] < FAR_VIEW_ZOOM);
  const isFar = isLarge && (isZoomedOut || fittedLoads !== loads);
  const flowNodes = useMemo(() => (isFar ? nodes.filter((n) => n.selected) : nodes), [isFar, nodes]);
  // the far view draws the unselected elements (the selected are cards): a click changes nothing
  // it draws, and it compares nothing (20,000 nodes and 73,600 edges)
  // (a small model has no far view: nothing to build)
  const farScene = useMemo(() => {
    const far = isLarge ? applyGroups(model.groups, base.nodes, base.edges, nodeOverlay) : NO_ELEMENTS;
    return { nodes: far.nodes, edges: far.edges, overlay: nodeOverlay };
  }, [isLarge, model.groups, base, nodeOverlay]);
  // from afar a click selects the component drawn under it, and the pane's tooltip names it
  const pointed = useCallback(
    (event: React.MouseEvent): CanvasNode | undefined => {
      const p = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      return nodeAt(farScene.nodes, p.x, p.y);
    },
    [flow, farScene.nodes],
  );
  const onPaneClick = useCallback(
    (event: React.MouseEvent) => {
      const n = isFar ? pointed(event) : undefined;
      if (!n) return editing.onPaneClick();
      const ids = isGroupNode(n) ? n.data.group.members : [n.id];
      const s = useModelStore.getState();
      const isAdding = event.shiftKey || event.metaKey || event.ctrlKey;
      s.select({ components: isAdding ? [...s.selection.components, ...ids] : ids, links: [] });
    },
    [isFar, editing, pointed],
  );
  const onPaneMouseMove = useCallback(
    (event: React.MouseEvent) => {
      const n = pointed(event);
      const pane = event.currentTarget as HTMLElement;
      const title = n ? nodeTitle(n, nodeOverlay) : "";
      if (pane.title !== title) pane.title = title;
    },
    [pointed, nodeOverlay],
  );

  // fit the view when a different document is loaded (not on every edit)
  const fitted = useRef(-1);
  useEffect(() => {
    if (fitted.current === loads || model.components.length === 0) return;
    fitted.current = loads;
    const fitToModel = () => requestAnimationFrame(() => fitAll(flow).finally(() => setFittedLoads(loads)));
    if (!hasStackedComponents(useModelStore.getState().model.components)) fitToModel();
    else void layoutStacked().then(fitToModel);
  }, [loads, model.components.length, flow]);

  // level of detail: changes at a few zooms only (a quarter octave), never while panning
  const labelScale = useStore((s) => zoomDetail(s.transform[2]).labelScale);
  const detailStyle = useMemo(() => ({ "--seams-label-scale": labelScale }) as CSSProperties, [labelScale]);

  // a large model seen from afar draws its links as one layer (selected links stay interactive)
  const farAway = useStore((s) => s.transform[2] < OVERVIEW_ZOOM);
  const overview = isFar || (farAway && edges.length > OVERVIEW_LINKS);
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

  const keyOrgs = useMemo(
    () => keyOrganisations(model.orgs, model.components),
    [model.orgs, model.components],
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
      data-detail={labelScale === 1 ? "full" : "names"}
      data-far={isFar || undefined}
      data-mode={mode}
      style={detailStyle}
      data-components={model.components.length}
      onDrop={editing.onDrop}
      onDragOver={editing.onDragOver}
    >
      <EdgeMarkers />
      <OverlayFeedContext value={overlayFeed}>
        <ReactFlow<CanvasNode, LinkFlowEdge>
          nodes={flowNodes}
          edges={shownEdges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={editing.onNodesChange}
          onEdgesChange={editing.onEdgesChange}
          onNodeDragStop={editing.onNodeDragStop}
          onSelectionDragStop={editing.onSelectionDragStop}
          onNodeDoubleClick={editing.onNodeDoubleClick}
          onConnect={editing.onConnect}
          onPaneClick={onPaneClick}
          onPaneMouseMove={isFar ? onPaneMouseMove : undefined}
          connectionMode={ConnectionMode.Loose}
          connectionRadius={CONNECTION_RADIUS_PX}
          autoPanOnConnect={false}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          onlyRenderVisibleElements={model.components.length > VISIBLE_ONLY_ABOVE}
          minZoom={MIN_ZOOM}
          maxZoom={MAX_ZOOM}
          proOptions={PRO_OPTIONS}
        >
          <Background gap={24} size={1} color="#d9dee7" />
          {isFar && <FarView scene={farScene} />}
          {overview && !isFar && <EdgeOverview nodes={nodes} edges={grouped.edges} />}
          <Controls showInteractive={false} />
          <CanvasLegend orgs={keyOrgs.shown} more={keyOrgs.more} />
          {/* a large model's map is its far view: a minimap would draw every component again */}
          {!isLarge && (
            <MiniMap<CanvasNode>
              style={MINIMAP_SIZE}
              pannable
              zoomable
              nodeColor={miniMapColor}
              nodeStrokeColor={miniMapStroke}
              nodeStrokeWidth={6}
            />
          )}
        </ReactFlow>
      </OverlayFeedContext>
    </div>
  );
}
