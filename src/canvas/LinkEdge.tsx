/**
 * A link on the canvas, drawn from the dependent (`from`) to its provider (`to`) with the arrow at
 * the provider. Its colour and dash say how it is used (`LINK_KIND` via LINK_STYLE: hard solid
 * slate, cached dashed blue, soft dotted teal, async thin dash-dot grey); a link between two
 * organisations is a seam, drawn with a seam mark at its middle. Its protocol is written at its
 * middle on hover, when selected and close up. The overlay sets its width by failure-crossing
 * frequency (links no failure crosses fade); the scenario diff underlays added links green and
 * changed ones amber.
 */
import type { Edge, EdgeProps } from "@xyflow/react";
import { memo } from "react";
import type { EdgeOverlay } from "../analysis/overlay.ts";
import type { DiffChange } from "../analysis/scenarioDiff.ts";
import { LINK_KIND, LINK_KINDS, type Link } from "../model/index.ts";
import type { LinkMark } from "../store/why.ts";
import { linkSegment } from "./geometry.ts";
import { LINK_STYLE, protocolName } from "./linkStyle.ts";

export interface LinkEdgeData extends Record<string, unknown> {
  link: Link;
  isSeam: boolean;
  /** The names of its two ends, for its tooltip (their ids when not given). */
  fromName?: string;
  toName?: string;
  overlay: EdgeOverlay | undefined;
  /** The scenario diff (see useScenarioDiff.ts). */
  diff?: DiffChange;
  /** Carried a failure in the cascade replay, or on the chosen cut set (see store/why.ts). */
  why?: LinkMark;
  /** Links drawn as this one edge (to or from a collapsed group). */
  count?: number;
}

export type LinkFlowEdge = Edge<LinkEdgeData, "link">;

function LinkEdgeView({ id, sourceX, sourceY, targetX, targetY, data, selected }: EdgeProps<LinkFlowEdge>) {
  if (!data) return null;
  const { link, isSeam, overlay, diff, why, count, fromName, toName } = data;
  const s = linkSegment(sourceX, sourceY, targetX, targetY);
  const width = overlay?.width ?? LINK_KIND[link.kind].strokeWidthPx;
  const hot = overlay?.isSeamCrossing ?? false;
  const attack = overlay?.onAttackPath ?? false;
  const style = LINK_STYLE[link.kind];
  const stroke = selected ? "#1d4ed8" : attack ? "#7f1d1d" : style.stroke;
  // links no failure crosses step back: the eye goes to the ones failures travel along
  const isQuiet = overlay !== undefined && overlay.crossing === 0 && !selected && !attack;
  const mx = (s.x1 + s.x2) / 2;
  const my = (s.y1 + s.y2) / 2;
  const angle = (Math.atan2(s.y2 - s.y1, s.x2 - s.x1) * 180) / Math.PI;
  const path = `M ${s.x1} ${s.y1} L ${s.x2} ${s.y2}`;
  return (
    <g
      className={`seams-edge seams-edge-${link.kind}${isSeam ? " seam" : ""}${hot ? " hot" : ""}${isQuiet ? " quiet" : ""}${diff ? ` diff-${diff}` : ""}${why ? ` why-${why}` : ""}`}
      data-link={link.id}
      data-diff={diff}
      data-why={why}
    >
      {/* a wide invisible stroke makes thin links easy to click */}
      <path
        d={path}
        className="react-flow__edge-interaction"
        stroke="transparent"
        strokeWidth={14}
        fill="none"
      />
      {diff && <path d={path} className="seams-diff-link" strokeWidth={width + 8} fill="none" />}
      {why && (
        <path d={path} className="seams-why-link" strokeOpacity={0.6} strokeWidth={width + 10} fill="none" />
      )}
      {attack && (
        <path
          d={path}
          className="seams-attack-path"
          data-testid="attack-path-link"
          stroke="#ef4444"
          strokeOpacity={0.45}
          strokeWidth={width + 9}
          fill="none"
        />
      )}
      <path
        id={id}
        d={path}
        className="react-flow__edge-path"
        stroke={stroke}
        strokeWidth={selected ? Math.max(width, 2.5) : width}
        strokeDasharray={LINK_KIND[link.kind].dash}
        fill="none"
        markerEnd={`url(#seams-arrow-${selected ? "selected" : attack ? "attack" : link.kind})`}
      />
      {isSeam && (
        <g transform={`translate(${mx} ${my}) rotate(${angle})`}>
          <rect x={-3} y={-7} width={6} height={14} rx={1.5} fill="#fff" stroke={stroke} strokeWidth={1.5} />
        </g>
      )}
      <text
        className="seams-edge-label"
        x={mx}
        y={my}
        dy={isSeam ? -11 : -4}
        textAnchor="middle"
        data-testid="link-label"
      >
        {protocolName(link.protocol)}
      </text>
      <title>{`${count && count > 1 ? `${count} links, e.g. ` : ""}${fromName ?? link.from} ${LINK_KIND[link.kind].verb} ${link.flows.join(", ")} from ${toName ?? link.to} · ${protocolName(link.protocol)} · ${link.kind}${isSeam ? " · seam (crosses organisations)" : ""}${overlay ? ` · failures cross it ${(overlay.crossing * 100).toPrecision(2)} % of the time` : ""}`}</title>
    </g>
  );
}

export const LinkEdge = memo(LinkEdgeView);

/** Arrowhead markers, rendered once inside the canvas. */
export function EdgeMarkers() {
  const marker = (id: string, color: string) => (
    <marker
      key={id}
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth="7"
      markerHeight="7"
      markerUnits="userSpaceOnUse"
      orient="auto-start-reverse"
    >
      <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
    </marker>
  );
  return (
    <svg style={{ position: "absolute", width: 0, height: 0 }} aria-hidden>
      <defs>
        {LINK_KINDS.map((kind) => marker(`seams-arrow-${kind}`, LINK_STYLE[kind].stroke))}
        {marker("seams-arrow-attack", "#7f1d1d")}
        {marker("seams-arrow-selected", "#1d4ed8")}
      </defs>
    </svg>
  );
}
