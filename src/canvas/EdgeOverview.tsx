/**
 * Links of a large model seen from afar: drawn as a handful of SVG paths (one per style) instead of
 * one interactive edge component each. Thousands of separate edges are what makes a zoomed-out
 * 1,000-component model slow to paint; at that distance arrowheads and seam marks are too small to
 * see anyway. Zooming in switches back to individual, clickable edges (see Canvas).
 */
import { type Node, ViewportPortal } from "@xyflow/react";
import { memo, useMemo } from "react";
import { LINK_KIND } from "../model/index.ts";
import { linkSegment, NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import type { LinkFlowEdge } from "./LinkEdge.tsx";
import { LINK_STYLE } from "./linkStyle.ts";

/** Models with more links than this draw the overview when zoomed out below OVERVIEW_ZOOM. */
export const OVERVIEW_LINKS = 600;
export const OVERVIEW_ZOOM = 0.6;

interface Style {
  stroke: string;
  width: number;
  dash?: string;
  opacity: number;
}

/** How the overview draws a link: its kind's stroke, strong when failures cross a seam, and width class. */
function styleOf(e: LinkFlowEdge): Style | undefined {
  if (!e.data) return undefined;
  const { link, overlay } = e.data;
  const hot = overlay?.isSeamCrossing ?? false;
  const width = Math.round(overlay?.width ?? LINK_KIND[link.kind].strokeWidthPx);
  // solid, thin lines: dashes and wide strokes are what software rasterisers are slowest at
  return {
    stroke: LINK_STYLE[link.kind].stroke,
    width: Math.min(2, Math.max(1, width)),
    dash: undefined,
    opacity: hot ? 0.7 : 0.35,
  };
}

const keyOf = (style: Style) => `${style.stroke}|${style.width}|${style.dash}`;

function EdgeOverviewView({ nodes, edges }: { nodes: Node[]; edges: LinkFlowEdge[] }) {
  // a streamed result rebuilds the edges about ten times a second but seldom moves a link to
  // another style: the paths are redrawn only when positions or what is drawn changed
  const drawnLinks = useMemo(
    () =>
      edges
        .map((e) => {
          const style = styleOf(e);
          return `${e.source}>${e.target}:${style ? keyOf(style) : ""}`;
        })
        .join(),
    [edges],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: `drawnLinks` says all the paths need of `edges`
  const groups = useMemo(() => {
    const centre = new Map(
      nodes.map((n) => [n.id, [n.position.x + NODE_WIDTH / 2, n.position.y + NODE_HEIGHT / 2]]),
    );
    const byStyle = new Map<string, { style: Style; d: string[] }>();
    for (const e of edges) {
      const a = centre.get(e.source);
      const b = centre.get(e.target);
      const style = styleOf(e);
      if (!a || !b || !style) continue;
      const key = keyOf(style);
      let group = byStyle.get(key);
      if (!group) {
        group = { style, d: [] };
        byStyle.set(key, group);
      }
      const s = linkSegment(a[0], a[1], b[0], b[1]);
      group.d.push(`M${s.x1.toFixed(0)} ${s.y1.toFixed(0)}L${s.x2.toFixed(0)} ${s.y2.toFixed(0)}`);
    }
    return [...byStyle.entries()].map(([key, g]) => ({ key, style: g.style, d: g.d.join("") }));
  }, [nodes, drawnLinks]);

  return (
    <ViewportPortal>
      <svg
        className="seams-edge-overview"
        data-testid="edge-overview"
        style={{ position: "absolute", left: 0, top: 0, overflow: "visible", pointerEvents: "none" }}
        width={1}
        height={1}
        aria-hidden
      >
        {groups.map((g) => (
          <path
            key={g.key}
            d={g.d}
            fill="none"
            stroke={g.style.stroke}
            strokeWidth={g.style.width}
            strokeDasharray={g.style.dash}
            strokeOpacity={g.style.opacity}
          />
        ))}
      </svg>
    </ViewportPortal>
  );
}

export const EdgeOverview = memo(EdgeOverviewView);
