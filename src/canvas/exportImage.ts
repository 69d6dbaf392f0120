/**
 * The canvas as a picture: the React Flow viewport (components, links and their current overlay)
 * fitted to all components, as PNG or SVG, so the picture does not depend on where the user has
 * panned (React Flow's recipe: a transform from `getNodesBounds` + `getViewportForBounds`). The SVG
 * is vector shapes built from the model's nodes and links (exportSvg.ts); the PNG is drawn as below.
 *
 * The viewport's subtree is cloned as drawn (classes, attributes, inline styles) inside stand-ins
 * for its ancestors (same tags, classes and attributes, `display: contents`: the app's selectors
 * match as on the page, but the stand-ins draw no box), next to the page's own style rules that
 * match it, in an SVG `foreignObject`; the browser styles the picture from the same rules as the
 * page. (html-to-image copied ~400 computed properties onto each of ~1,800 elements and then parsed
 * its 16 MB SVG: 9–13 s for the reference on a quiet machine.) Transient marks stay out of the
 * picture: the selection, the why panel's and the replay's highlights, connection dots.
 */
import { type Edge, getNodesBounds, getViewportForBounds, type Node, type Viewport } from "@xyflow/react";
import { useModelStore } from "../store/model.ts";
import { type ZoomDetail, zoomDetail } from "./detail.ts";
import { vectorSvg } from "./exportSvg.ts";
import { MARGIN } from "./farView.ts";
import { type Fittable, fitAll } from "./fitPadding.ts";
import { matchingCss } from "./pictureCss.ts";

export type ImageFormat = "png" | "svg";

/** The part of React Flow's instance the export uses. */
export interface FlowView extends Fittable {
  getNodes(): Node[];
  getEdges(): Edge[];
  getViewport(): Viewport;
}

/** Margin around the components in the picture, in canvas pixels. */
const PADDING_PX = 40;
/** Longest side of the picture in CSS pixels; a larger model is drawn smaller. */
const MAX_SIDE_PX = 4000;
/** Chromium's largest canvas side in pixels; a PNG's pixel ratio shrinks to fit it. */
const MAX_CANVAS_SIDE_PX = 16_384;

const SVG_NS = "http://www.w3.org/2000/svg";

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/** Inherited properties the picture takes from the viewport's parent as the page computed them. */
const INHERITED = [
  "color",
  "font-family",
  "font-size",
  "font-style",
  "font-weight",
  "font-stretch",
  "font-variant",
  "font-variant-numeric",
  "font-feature-settings",
  "font-kerning",
  "line-height",
  "letter-spacing",
  "word-spacing",
  "text-align",
  "text-transform",
  "text-rendering",
  "white-space",
  "word-break",
  "overflow-wrap",
  "direction",
  "visibility",
  "-webkit-font-smoothing",
];

/**
 * The canvas picture as a data URL (`image/png` or `image/svg+xml`), or undefined when there is
 * nothing to draw. `pixelRatio` scales a PNG for sharp slides.
 */
export async function canvasImage(
  flow: FlowView,
  format: ImageFormat,
  pixelRatio = 2,
): Promise<string | undefined> {
  // a large model seen from afar is drawn on canvas layers, not as cards: the picture is those layers
  if (document.querySelector('[data-testid="far-view"]')) {
    const picture = await farPicture(flow, format);
    if (picture) return picture; // (else the fit came close enough for cards: drawn as below)
  }
  const nodes = flow.getNodes();
  // SVG: shapes and paths (exportSvg.ts), not the page's HTML
  if (format === "svg") {
    const svg = vectorSvg({
      nodes,
      edges: flow.getEdges(),
      fillOf: drawnFill,
      title: useModelStore.getState().model.name,
    });
    return svg && `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  }
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
  let svg: string;
  try {
    const picture = pictureTree(
      viewportElement,
      {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${fitted.x}px, ${fitted.y}px) scale(${fitted.zoom})`,
      },
      zoomDetail(fitted.zoom),
    );
    svg = svgDocument(picture, matchingCss(picture), width, height);
  } finally {
    if (isPartial) await flow.setViewport(previous, {});
  }
  return pngOf(svg, width, height, pixelRatio);
}

/** The fill the card of component `id` is drawn with now (its risk colour), if it is drawn. */
function drawnFill(id: string): string | undefined {
  const card = document.querySelector<HTMLElement>(
    `.react-flow__node[data-id="${CSS.escape(id)}"] .seams-node`,
  );
  return card?.style.backgroundColor || undefined;
}

/**
 * A large model's picture from afar (farView.ts): the view fitted to every component, its two canvas
 * layers (links, then boxes) cropped to the pane on a white ground, as PNG; as SVG, that PNG inside
 * an SVG image (a national model's thousands of components are a raster from this far).
 */
async function farPicture(flow: FlowView, format: ImageFormat): Promise<string | undefined> {
  const previous = flow.getViewport();
  // every component (React Flow holds only the selected cards from afar)
  await fitAll(flow);
  try {
    // the layers are drawn at the frame after the view moved: wait until they stand untransformed
    let layers: HTMLCanvasElement[] = [];
    for (let frame = 0; frame < 30; frame++) {
      await nextFrame();
      layers = [...document.querySelectorAll<HTMLCanvasElement>('[data-testid="far-view"] canvas')];
      if (layers.length === 2 && layers.every((c) => c.style.transform === "" && c.width > 0)) break;
    }
    if (layers.length !== 2) return undefined;
    const [links, boxes] = layers;
    const drawnWidth = Number.parseFloat(links.style.width);
    const drawnHeight = Number.parseFloat(links.style.height);
    if (!(drawnWidth > 0 && drawnHeight > 0)) return undefined;
    // the layers hold the pane and a margin of MARGIN panes on each side, at the page's pixel ratio
    const ratio = links.width / drawnWidth;
    const width = drawnWidth / (1 + 2 * MARGIN);
    const height = drawnHeight / (1 + 2 * MARGIN);
    const { canvas, context } = whiteCanvas(width * ratio, height * ratio);
    const [sx, sy] = [width * MARGIN * ratio, height * MARGIN * ratio];
    for (const layer of [links, boxes])
      context.drawImage(layer, sx, sy, canvas.width, canvas.height, 0, 0, canvas.width, canvas.height);
    const png = canvas.toDataURL("image/png");
    if (format === "png") return png;
    const svg = `<svg xmlns="${SVG_NS}" width="${Math.round(width)}" height="${Math.round(height)}" viewBox="0 0 ${Math.round(width)} ${Math.round(height)}"><image href="${png}" width="${Math.round(width)}" height="${Math.round(height)}"/></svg>`;
    return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  } finally {
    await flow.setViewport(previous, {});
  }
}

/**
 * A detached copy of `viewport` as drawn, without transient marks, inside `display: contents`
 * stand-ins for its ancestors; the copy is placed by `placement` on a white ground and drawn at the
 * level of detail of the picture's own zoom (`detail`), not the page's.
 */
function pictureTree(
  viewport: HTMLElement,
  placement: Record<string, string>,
  detail: ZoomDetail,
): HTMLElement {
  const copy = viewport.cloneNode(true) as HTMLElement;
  // connection dots are for editing, not for the picture
  for (const handle of copy.querySelectorAll(".react-flow__handle")) handle.remove();
  // transient marks: the selection, the why panel's and the replay's highlights
  for (const marked of copy.querySelectorAll(".selected, [data-why]")) {
    marked.classList.remove("selected");
    for (const name of [...marked.classList]) if (name.startsWith("why-")) marked.classList.remove(name);
    marked.removeAttribute("data-why");
  }
  for (const path of copy.querySelectorAll(".seams-why-link")) path.remove();
  // the arrowheads are defined once outside the viewport: lend the picture a copy
  const markers = document.querySelector("#seams-arrow-hard")?.closest("svg")?.cloneNode(true);
  if (markers) copy.prepend(markers);
  copy.style.setProperty("position", "absolute");
  copy.style.setProperty("left", "0");
  copy.style.setProperty("top", "0");
  copy.style.setProperty("background-color", "#ffffff");
  for (const [name, value] of Object.entries(placement)) copy.style.setProperty(name, value);
  copy.style.setProperty("--seams-label-scale", String(detail.labelScale));

  let picture: HTMLElement = copy;
  let isInnermost = true;
  for (let ancestor = viewport.parentElement; ancestor; ancestor = ancestor.parentElement) {
    const standIn = document.createElement(ancestor.localName);
    for (const { name, value } of ancestor.attributes) standIn.setAttribute(name, value);
    if (standIn.classList.contains("canvas")) standIn.setAttribute("data-detail", detail.detail);
    if (isInnermost) {
      // what the subtree inherits, exactly as the page computed it
      const computed = getComputedStyle(ancestor);
      for (let i = 0; i < computed.length; i++) {
        const name = computed.item(i);
        if (name.startsWith("--")) standIn.style.setProperty(name, computed.getPropertyValue(name));
      }
      for (const name of INHERITED) standIn.style.setProperty(name, computed.getPropertyValue(name));
      isInnermost = false;
    }
    standIn.style.setProperty("display", "contents", "important");
    standIn.append(picture);
    picture = standIn;
  }
  return picture;
}

/** The SVG document: `picture` and its style rules in a `foreignObject` of `width` × `height`. */
function svgDocument(picture: HTMLElement, css: string, width: number, height: number): string {
  const svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("width", `${width}`);
  svg.setAttribute("height", `${height}`);
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  const foreignObject = document.createElementNS(SVG_NS, "foreignObject");
  for (const [name, value] of [
    ["x", "0"],
    ["y", "0"],
    ["width", "100%"],
    ["height", "100%"],
  ])
    foreignObject.setAttribute(name, value);
  const style = document.createElement("style");
  style.textContent = css;
  picture.prepend(style);
  foreignObject.append(picture);
  svg.append(foreignObject);
  return new XMLSerializer().serializeToString(svg);
}

/** A canvas of `width` × `height` pixels (rounded), filled white: the picture's ground. */
function whiteCanvas(width: number, height: number) {
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width);
  canvas.height = Math.round(height);
  const context = canvas.getContext("2d");
  if (!context) throw new Error("the browser gave no 2D canvas to draw the picture on");
  context.fillStyle = "#ffffff";
  context.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, context };
}

/** The SVG drawn at `pixelRatio` on a white canvas, as a PNG data URL (encoded off the main thread). */
async function pngOf(svg: string, width: number, height: number, pixelRatio: number): Promise<string> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  await image.decode();
  const ratio = Math.min(pixelRatio, MAX_CANVAS_SIDE_PX / width, MAX_CANVAS_SIDE_PX / height);
  const { canvas, context } = whiteCanvas(width * ratio, height * ratio);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const png = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error("the picture could not be encoded as PNG"))),
      "image/png",
    ),
  );
  return await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(png);
  });
}
