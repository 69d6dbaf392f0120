/**
 * The canvas's key, beside the risk scale: what a link's colour, dash, width and middle mark mean,
 * what the badges say, and which organisation each header band's colour is. Folds away with one
 * click; what it explains is drawn from the same tables the canvas draws with (LINK_STYLE).
 */
import { Panel } from "@xyflow/react";
import { memo } from "react";
import { LINK_KIND, LINK_KINDS, type Org } from "../model/index.ts";
import { LINK_STYLE } from "./linkStyle.ts";

const KIND_NAME = { hard: "Hard", cached: "Cached", soft: "Soft", async: "Async" } as const;

/** An organisation's name without its parenthesised role ("Voltline Charging (CPO A)" → "Voltline Charging"). */
function shortName(name: string): string {
  return name.replace(/\s*\([^)]*\)\s*$/, "") || name;
}

function LinkSample({ stroke, dash, width = 2 }: { stroke: string; dash?: string; width?: number }) {
  return (
    <svg width={34} height={10} aria-hidden className="legend-line">
      <line x1={1} y1={5} x2={33} y2={5} stroke={stroke} strokeWidth={width} strokeDasharray={dash} />
    </svg>
  );
}

function CanvasLegendView({ orgs }: { orgs: readonly Org[] }) {
  return (
    <Panel position="top-left" className="canvas-key-panel">
      <details className="canvas-key" data-testid="canvas-key" open>
        <summary>Key</summary>
        <ul aria-label="Links, from dependant to provider">
          <li className="canvas-key-head">Links (→ provider)</li>
          {LINK_KINDS.map((kind) => (
            <li key={kind} data-testid={`key-link-${kind}`} title={LINK_STYLE[kind].meaning}>
              <LinkSample stroke={LINK_STYLE[kind].stroke} dash={LINK_STYLE[kind].dash} />
              <span>
                <strong>{KIND_NAME[kind]}</strong> {LINK_KIND[kind].verb}
              </span>
            </li>
          ))}
          <li title="The link crosses organisations">
            <svg width={34} height={14} aria-hidden className="legend-line">
              <line x1={1} y1={7} x2={33} y2={7} stroke="#334155" strokeWidth={1.5} />
              <rect
                x={14}
                y={1}
                width={6}
                height={12}
                rx={1.5}
                fill="#fff"
                stroke="#334155"
                strokeWidth={1.5}
              />
            </svg>
            <strong>Seam</strong>
          </li>
          <li>
            <LinkSample stroke="#334155" width={5} />
            <span>thick: failures cross it often</span>
          </li>
          <li className="canvas-key-note">protocol: hover, select or zoom in</li>
        </ul>
        <ul aria-label="Badges">
          <li className="canvas-key-head">Badges</li>
          <li>
            <span className="badge badge-phantom">phantom</span> shown available, cannot charge
          </li>
          <li>
            <span className="badge badge-silent">silent</span> fails behind green dashboards
          </li>
          <li>
            <span className="badge badge-spof">SPOF</span> alone stops charging
          </li>
        </ul>
        {orgs.length > 0 && (
          <ul aria-label="Organisations" data-testid="key-orgs">
            <li className="canvas-key-head">Organisations (header band)</li>
            {orgs.map((org) => (
              <li key={org.id} title={org.name} className="canvas-key-org">
                <span className="canvas-key-swatch" style={{ background: org.color }} />
                <span>{shortName(org.name)}</span>
              </li>
            ))}
          </ul>
        )}
      </details>
    </Panel>
  );
}

/** The canvas's key (links, badges, organisations), under the colour scale at the top left. */
export const CanvasLegend = memo(CanvasLegendView);
