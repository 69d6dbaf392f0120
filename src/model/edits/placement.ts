/**
 * Where a new component goes: the free spot nearest to where it was asked for, so that palette
 * clicks, redundant twins and pasted components never land on top of another component. Positions
 * are a component's top-left corner on the canvas; every component is drawn COMPONENT_BOX large.
 */

/** The size every component is drawn at on the canvas (px). */
export const COMPONENT_BOX = { width: 176, height: 58 } as const;

/** Clear space kept around a placed component (px). */
export const PLACEMENT_GAP = { x: 48, y: 40 } as const;

/** Rings of candidate spots searched around the wish before giving up and returning it. */
const MAX_RINGS = 12;

interface Point {
  x: number;
  y: number;
}

/** Whether a component at `p` keeps PLACEMENT_GAP clear of every one of `taken`. */
function isFree(p: Point, taken: readonly Point[]): boolean {
  const w = COMPONENT_BOX.width + PLACEMENT_GAP.x;
  const h = COMPONENT_BOX.height + PLACEMENT_GAP.y;
  for (const t of taken) if (Math.abs(t.x - p.x) < w && Math.abs(t.y - p.y) < h) return false;
  return true;
}

/**
 * The spot nearest to `wish` (top-left corner) where a component overlaps none of `taken`, on a
 * grid of one component plus the gap: rings outwards, nearest first, below and right of the wish
 * before above and left on a tie. The wish itself when no spot is free within MAX_RINGS rings.
 */
export function freeSpot(taken: readonly Point[], wish: Point): Point {
  if (isFree(wish, taken)) return { x: wish.x, y: wish.y };
  const stepX = COMPONENT_BOX.width + PLACEMENT_GAP.x;
  const stepY = COMPONENT_BOX.height + PLACEMENT_GAP.y;
  for (let ring = 1; ring <= MAX_RINGS; ring++) {
    const spots: { p: Point; d: number; order: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (let j = -ring; j <= ring; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== ring) continue;
        const p = { x: wish.x + i * stepX, y: wish.y + j * stepY };
        // ties: below first, then right, then the rest
        spots.push({ p, d: Math.hypot(i * stepX, j * stepY), order: (j > 0 ? 0 : 2) + (i >= 0 ? 0 : 1) });
      }
    }
    spots.sort((a, b) => a.d - b.d || a.order - b.order);
    for (const s of spots) if (isFree(s.p, taken)) return s.p;
  }
  return { x: wish.x, y: wish.y };
}
