/**
 * Edge geometry: links are straight lines between node centres, clipped at the node's box and
 * offset sideways so the two directions of one integration are drawn side by side.
 */
import { COMPONENT_BOX } from "../model/edits/placement.ts";

/** Every node is drawn at this size (px), so geometry needs no DOM measurement. */
export const NODE_WIDTH = COMPONENT_BOX.width;
export const NODE_HEIGHT = COMPONENT_BOX.height;
/** Sideways offset of a link from the centre line (px), to its own right-hand side. */
export const LANE_OFFSET = 5;

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Where the ray from a box centre towards (dx, dy) leaves a box of half-size (hw, hh). */
function exitPoint(dx: number, dy: number, hw: number, hh: number): [number, number] {
  const tx = dx === 0 ? Number.POSITIVE_INFINITY : hw / Math.abs(dx);
  const ty = dy === 0 ? Number.POSITIVE_INFINITY : hh / Math.abs(dy);
  const t = Math.min(tx, ty);
  return [dx * t, dy * t];
}

/** The drawn segment of a link from centre (sx, sy) to centre (tx, ty). */
export function linkSegment(sx: number, sy: number, tx: number, ty: number, gap = 4): Segment {
  const dx = tx - sx;
  const dy = ty - sy;
  const len = Math.hypot(dx, dy);
  if (len < 1) return { x1: sx, y1: sy, x2: tx, y2: ty };
  const ux = dx / len;
  const uy = dy / len;
  // to the right of the direction of travel (screen coordinates: y grows downwards)
  const ox = -uy * LANE_OFFSET;
  const oy = ux * LANE_OFFSET;
  const hw = NODE_WIDTH / 2 + gap;
  const hh = NODE_HEIGHT / 2 + gap;
  const [ex, ey] = exitPoint(dx, dy, hw, hh);
  return { x1: sx + ex + ox, y1: sy + ey + oy, x2: tx - ex + ox, y2: ty - ey + oy };
}
