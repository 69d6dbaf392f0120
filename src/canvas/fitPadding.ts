/**
 * Room kept around the components when the view is fitted: the colour scale and the key float over
 * the top of the canvas, so the top padding reaches below whichever of them ends lower; the sides
 * and bottom keep a margin. Measured at the time of the fit (the key can be folded, and wraps to
 * more rows on a narrow canvas).
 */
import type { FitViewOptions } from "@xyflow/react";

/**
 * Space below the floating legend and key (CSS px): from afar a card grows around its node to hold
 * its name and badges (up to ~40 px above the node's box), and the fit knows only the boxes.
 */
const GAP_PX = 44;
const MARGIN = "5%";

/** The padding of a fit of the canvas as it is drawn now. */
export function fitPadding(): NonNullable<FitViewOptions["padding"]> {
  const canvas = document.querySelector(".canvas")?.getBoundingClientRect();
  if (!canvas) return { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
  let top = 0;
  for (const selector of [".canvas-legend", ".canvas-key"]) {
    const box = document.querySelector(selector)?.getBoundingClientRect();
    if (box && box.height > 0) top = Math.max(top, box.bottom - canvas.top);
  }
  // the floating boxes take no more than half the canvas: a short canvas keeps room to draw
  const topPx = Math.min(Math.round(top + GAP_PX), Math.round(canvas.height / 2));
  return { top: top > 0 ? `${topPx}px` : MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN };
}
