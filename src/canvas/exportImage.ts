/**
 * The canvas as a picture: the React Flow viewport (components, links and their current overlay)
 * fitted to all components, as PNG or SVG. This is React Flow's documented recipe: html-to-image
 * renders `.react-flow__viewport` with a transform from `getNodesBounds` + `getViewportForBounds`,
 * so the picture does not depend on where the user has panned. html-to-image is pinned to 1.11.11:
 * later versions lose React Flow's edges.
 */
import { getNodesBounds, getViewportForBounds, type Node, type Viewport } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";
import { pruneDefaultStyles } from "./svgStyles.ts";

export type ImageFormat = "png" | "svg";

/** The part of React Flow's instance the export uses. */
export interface FlowView {
  getNodes(): Node[];
  getViewport(): Viewport;
  setViewport(viewport: Viewport): Promise<boolean>;
  fitView(options?: { padding?: number }): Promise<boolean>;
}

/** Margin around the components in the picture, in canvas pixels. */
const PADDING_PX = 40;
/** Longest side of the picture in CSS pixels; a larger model is drawn smaller. */
const MAX_SIDE_PX = 4000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The canvas picture as a data URL (`image/png` or `image/svg+xml`), or undefined when there is
 * nothing to draw. `pixelRatio` scales a PNG for sharp slides.
 */
export async function canvasImage(
  flow: FlowView,
  format: ImageFormat,
  pixelRatio = 2,
): Promise<string | undefined> {
  const nodes = flow.getNodes();
  const viewportElement = document.querySelector<HTMLElement>(".react-flow__viewport");
  if (nodes.length === 0 || !viewportElement) return undefined;
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(
    1,
    MAX_SIDE_PX / (bounds.width + 2 * PADDING_PX),
    MAX_SIDE_PX / (bounds.height + 2 * PADDING_PX),
  );
  const width = Math.ceil((bounds.width + 2 * PADDING_PX) * scale);
  const height = Math.ceil((bounds.height + 2 * PADDING_PX) * scale);
  const fitted = getViewportForBounds(bounds, width, height, 0.01, 2, `${PADDING_PX * scale}px`);

  // Large models draw only the components in view (and, from afar, links as one layer): show all
  // of them for the capture, then put the user's view back.
  const previous = flow.getViewport();
  const isPartial = viewportElement.querySelectorAll(".react-flow__node").length < nodes.length;
  if (isPartial) {
    await flow.fitView({ padding: 0.02 });
    await nextFrame();
    await nextFrame();
  }
  // the arrowheads are defined once outside the viewport: lend a copy to the captured subtree
  const markers = document.querySelector("#seams-arrow")?.closest("svg")?.cloneNode(true);
  if (markers) viewportElement.prepend(markers);
  try {
    const options = {
      backgroundColor: "#ffffff",
      width,
      height,
      pixelRatio,
      skipFonts: true,
      // connection dots are for editing, not for the picture
      filter: (node: HTMLElement) => !node.classList?.contains("react-flow__handle"),
      style: {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${fitted.x}px, ${fitted.y}px) scale(${fitted.zoom})`,
      },
    };
    if (format === "png") return await toPng(viewportElement, options);
    const svg = await toSvg(viewportElement, options);
    const text = pruneDefaultStyles(decodeURIComponent(svg.slice(svg.indexOf(",") + 1)));
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  } finally {
    markers?.parentNode?.removeChild(markers);
    if (isPartial) await flow.setViewport(previous);
  }
}
