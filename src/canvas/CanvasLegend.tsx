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

/** Organisations the key lists at most (a national model has hundreds: they would cover the canvas). */
export const KEY_ORGS_MAX = 16;

/**
 * The organisations the key lists: all of them up to `max`, else the `max` with the most
 * components, in the model's order; and how many are left out.
 */
export function keyOrganisations(
  orgs: readonly Org[],
  components: readonly { org?: string }[],
  max = KEY_ORGS_MAX,
): { shown: readonly Org[]; more: number } {
  if (orgs.length <= max) return { shown: orgs, more: 0 };
  const count = new Map<string, number>();
  for (const c of components) if (c.org) count.set(c.org, (count.get(c.org) ?? 0) + 1);
  const kept = new Set(
    orgs
      .map((o, i) => ({ id: o.id, n: count.get(o.id) ?? 0, i }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, max)
      .map((o) => o.id),
  );
  return { shown: orgs.filter((o) => kept.has(o.id)), more: orgs.length - max };
}

function CanvasLegendView({ orgs, more = 0 }: { orgs: readonly Org[]; more?: number }) {
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
            {more > 0 && (
              <li className="canvas-key-note" data-testid="key-orgs-more">
                and {more.toLocaleString("en-US")} more (the Organisations tab lists all)
              </li>
            )}
          </ul>
        )}
      </details>
    </Panel>
  );
}

/** The canvas's key (links, badges, organisations), under the colour scale at the top left. */
export const CanvasLegend = memo(CanvasLegendView);
