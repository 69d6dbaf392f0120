/**
 * Colours for new organisations: cool, saturated hues (blues, teals, greens, violets, slates) that
 * the canvas's risk scale (YlOrRd: yellow through orange to dark red) never uses, so an
 * organisation's header band is never read as risk. Each new organisation takes the first colour no
 * organisation has yet.
 */
import type { Org } from "../model/schema.ts";

/** The palette, in the order new organisations take it. */
export const ORG_PALETTE = [
  "#2563eb",
  "#0d9488",
  "#7c3aed",
  "#16a34a",
  "#0891b2",
  "#475569",
  "#4f46e5",
  "#166534",
  "#1e3a8a",
  "#9333ea",
  "#0284c7",
  "#115e59",
] as const;

/** The colour for an organisation added to `orgs`: the first of the palette none of them has. */
export function nextOrgColour(orgs: readonly Pick<Org, "color">[]): string {
  const used = new Set(orgs.map((o) => o.color.toLowerCase()));
  return ORG_PALETTE.find((c) => !used.has(c)) ?? ORG_PALETTE[orgs.length % ORG_PALETTE.length];
}
