/**
 * Room kept around the components when the view is fitted: the colour scale and the key float over
 * the top of the canvas, so the top padding reaches below whichever of them ends lower; the sides
 * and bottom keep a margin. Measured at the time of the fit (the key can be folded, and wraps to
 * more rows on a narrow canvas).
 */
import { type FitViewOptions, getViewportForBounds, type Viewport } from "@xyflow/react";
import { useModelStore } from "../store/model.ts";
import { FAR_VIEW_ABOVE } from "./farView.ts";
import { NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";

/** The canvas's zoom range. */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2.5;

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

/** The part of React Flow's instance a fit uses. */
export interface Fittable {
  fitView(options: { padding: FitViewOptions["padding"]; duration?: number }): Promise<boolean>;
  setViewport(viewport: Viewport, options: { duration?: number }): Promise<boolean>;
}

/**
 * Fit the view to every component, with fitPadding's room. A large model's view is fitted to its
 * components' boxes: from afar React Flow holds only its selected cards (see farView.ts).
 */
export function fitAll(flow: Fittable, duration?: number): Promise<boolean> {
  const { components } = useModelStore.getState().model;
  const pane = document.querySelector(".react-flow")?.getBoundingClientRect();
  if (components.length <= FAR_VIEW_ABOVE || !pane) return flow.fitView({ padding: fitPadding(), duration });
  let [x0, y0, x1, y1] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY, -Infinity, -Infinity];
  for (const c of components) {
    x0 = Math.min(x0, c.x);
    y0 = Math.min(y0, c.y);
    x1 = Math.max(x1, c.x + NODE_WIDTH);
    y1 = Math.max(y1, c.y + NODE_HEIGHT);
  }
  const bounds = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const view = getViewportForBounds(bounds, pane.width, pane.height, MIN_ZOOM, MAX_ZOOM, fitPadding());
  return flow.setViewport(view, { duration });
}
