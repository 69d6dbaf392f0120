/**
 * How the canvas draws each link kind: one table read by the edges, their arrowheads, the overview
 * of a large model and the legend. Colours are cool hues (slate, blue, teal, grey) so that links
 * never read as the risk scale's yellows and reds; the dash comes from LINK_KIND.
 */
import { PROTOCOL_LABEL } from "../analysis/labels.ts";
import { LINK_KIND } from "../model/index.ts";
import type { LinkKind, Protocol } from "../model/schema.ts";

export interface LinkStyle {
  stroke: string;
  dash: string | undefined;
  /** What the legend says it means. */
  meaning: string;
}

export const LINK_STYLE = {
  hard: { stroke: "#334155", dash: LINK_KIND.hard.dash, meaning: "needs: fails with its provider" },
  cached: {
    stroke: "#2563eb",
    dash: LINK_KIND.cached.dash,
    meaning: "needs, cached: rides out an outage for its TTL",
  },
  soft: { stroke: "#0f766e", dash: LINK_KIND.soft.dash, meaning: "uses: degraded without it" },
  async: {
    stroke: "#7c8797",
    dash: LINK_KIND.async.dash,
    meaning: "receives: status or data pushed or polled",
  },
} as const satisfies Record<LinkKind, LinkStyle>;

/** A link's protocol as its standard names it ("OCPP 1.6"); a link without one is "Other". */
export function protocolName(protocol: Protocol | undefined): string {
  return PROTOCOL_LABEL[protocol ?? "other"];
}
