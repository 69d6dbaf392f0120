/**
 * A component on the canvas: type icon and colour, its name (always as text), its organisation as
 * a header band in the organisation's colour (with its name, and the border), and the analysis
 * overlay — fill by risk, the probability, SPOF, silent-failure and phantom badges (a site shown
 * available while drivers cannot charge; the dashboards view outlines it). From afar a card draws
 * its name alone, counter-scaled (see detail.ts and canvas.css). An active what-if outlines forced components (dashed, with their state)
 * and rings the charger sites whose P(usable) it changes (red: worse, green: better). The scenario
 * diff frames added (green), changed (amber) and removed (red, or a faint ghost) components and
 * badges those whose P(working) moved significantly (▲ better, ▼ worse).
 */
import { Handle, type Node, type NodeProps, Position, useConnection } from "@xyflow/react";
import { icons, type LucideIcon } from "lucide-react";
import { memo } from "react";
import { formatPoints } from "../analysis/format.ts";
import type { Badge, WhatIfMark } from "../analysis/overlay.ts";
import type { DiffMark } from "../analysis/scenarioDiff.ts";
import { CATALOGUE } from "../model/catalogue.ts";
import type { Component } from "../model/schema.ts";
import type { ComponentMark } from "../store/why.ts";
import { useNodeOverlay } from "./overlayFeed.ts";
import "./scenarios.css";
import "./whatif.css";

/** What a component node draws besides the analysis overlay, which it takes from the canvas's `OverlayFeed`. */
export interface ComponentNodeData extends Record<string, unknown> {
  component: Component;
  orgName: string | undefined;
  orgColor: string | undefined;
  whatIf: WhatIfMark | undefined;
  /** The scenario diff (see useScenarioDiff.ts). */
  diff?: DiffMark;
  /** Marked by the why panel or the cascade replay (see store/why.ts). */
  why?: ComponentMark;
}

export type ComponentFlowNode = Node<ComponentNodeData, "component">;

const ICONS = icons as Record<string, LucideIcon>;

const BADGE_TEXT: Record<Badge, string> = { spof: "SPOF", silent: "silent", phantom: "phantom" };
const BADGE_TITLE: Record<Badge, string> = {
  spof: "Single point of failure: its failure alone makes charging unusable",
  silent: "Silent-failure risk: fails while dashboards stay green",
  phantom:
    "Phantom availability: a dashboard (app, roaming hub or CSMS) shows this site available while drivers cannot charge there",
};

export function typeIcon(icon: string): LucideIcon {
  return ICONS[icon] ?? ICONS.Box;
}

/** Dark text on light fills, light text on dark ones. */
export function textOn(fill: string): string {
  const m = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(fill) ?? /^#(..)(..)(..)$/.exec(fill);
  if (!m) return "#111";
  const [r, g, b] = m
    .slice(1, 4)
    .map((v) => (v.length === 2 && fill.startsWith("#") ? Number.parseInt(v, 16) : Number(v)));
  return 0.299 * r + 0.587 * g + 0.114 * b > 140 ? "#111" : "#fff";
}

/** Where edges attach: the node's centre (geometry clips them at the box); not for connecting. */
export function CenterHandles() {
  return (
    <>
      <Handle
        type="source"
        id="c"
        position={Position.Top}
        className="seams-center-handle"
        isConnectable={false}
      />
      <Handle
        type="target"
        id="c"
        position={Position.Top}
        className="seams-center-handle"
        isConnectable={false}
      />
    </>
  );
}

function ComponentNodeView({ id, data, selected }: NodeProps<ComponentFlowNode>) {
  const { component, orgColor, orgName, whatIf, diff, why } = data;
  const overlay = useNodeOverlay(id);
  const entry = CATALOGUE[component.type];
  const Icon = typeIcon(entry.icon);
  const connection = useConnection();
  const isTarget = connection.inProgress && connection.fromNode.id !== component.id;
  const fill = overlay?.fill ?? "#ffffff";
  const whatIfClass = `${whatIf?.forced ? " whatif-forced" : ""}${whatIf?.change ? ` whatif-${whatIf.change}` : ""}`;
  const whatIfTitle = whatIf
    ? `${whatIf.forced ? ` · what if: forced ${whatIf.forced}` : ""}${whatIf.deltaUsable !== undefined ? ` · what if: P(usable) ${formatPoints(whatIf.deltaUsable)}` : ""}`
    : "";
  const diffClass = diff?.change ? ` diff-${diff.change}` : "";
  const diffTitle = `${diff?.change ? ` · scenario: ${diff.change}${diff.params ? ` (${diff.params.join(", ")})` : ""}` : ""}${diff?.moved ? ` · scenario: P(working) ${formatPoints(diff.moved.mean)}` : ""}`;
  const hasBadges = (overlay && overlay.badges.length > 0) || whatIf?.forced || diff?.moved;
  const phantomClass = overlay?.badges.includes("phantom") ? " phantom" : "";
  return (
    <div
      className={`seams-node${selected ? " selected" : ""}${orgColor ? " owned" : ""}${phantomClass}${whatIfClass}${diffClass}${why ? ` why-${why}` : ""}`}
      data-diff={diff?.change}
      data-why={why}
      style={{ borderColor: orgColor ?? "#b8c0cc", background: fill, color: textOn(fill) }}
      title={`${component.name} — ${entry.label}${orgName ? ` · ${orgName}` : ""}${overlay ? ` · ${overlay.label}` : ""}${whatIfTitle}${diffTitle}`}
    >
      {orgColor && (
        <div className="seams-node-org" style={{ background: orgColor, color: textOn(orgColor) }}>
          {orgName}
        </div>
      )}
      <div className="seams-node-type" style={{ background: entry.color }}>
        <Icon size={18} color="#fff" aria-hidden />
      </div>
      <div className="seams-node-body">
        <div className="seams-node-name">{component.name}</div>
        <div className="seams-node-meta">
          <span>{entry.label}</span>
          {overlay && <span className="seams-node-p">{overlay.label}</span>}
        </div>
      </div>
      {hasBadges && (
        <div className="seams-node-badges">
          {diff?.moved && (
            <span
              className={`badge badge-moved ${diff.moved.direction}`}
              data-testid="badge-moved"
              data-direction={diff.moved.direction}
              title={`In the scenario, P(working) ${formatPoints(diff.moved.mean)} (beyond the noise)`}
            >
              {diff.moved.direction === "up" ? "▲" : "▼"}
            </span>
          )}
          {whatIf?.forced && (
            <span className="badge badge-whatif" data-testid="badge-whatif" title="Forced in the what-if">
              {whatIf.forced}
            </span>
          )}
          {overlay?.badges.map((b) => (
            <span key={b} className={`badge badge-${b}`} data-testid={`badge-${b}`} title={BADGE_TITLE[b]}>
              {BADGE_TEXT[b]}
            </span>
          ))}
        </div>
      )}
      <CenterHandles />
      {/* drag from the dot to another component (anywhere on it) to connect them with a protocol */}
      <Handle
        type="source"
        id="out"
        position={Position.Right}
        className="seams-connect-handle"
        title="Drag to connect"
      />
      {isTarget && <Handle type="target" id="in" position={Position.Left} className="seams-drop-target" />}
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
