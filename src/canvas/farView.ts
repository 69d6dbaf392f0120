/**
 * The far view of a large model (issue 17.3): seen from afar, thousands of components are drawn on
 * two <canvas> layers — links below, nodes above — instead of as React Flow's DOM nodes and SVG
 * edges (20,000 cards made the page freeze for minutes). The layers are drawn for the view with a
 * margin on every side; a pan moves the drawn bitmap with a CSS transform (no
 * redraw) and a zoom scales it until it is drawn again at the new zoom. React Flow keeps the
 * selected components (as cards) and takes over, with every card, once the view zooms in.
 * A click or a hover finds its component by `nodeAt` (the box drawn last on top).
 */
import type { NodeOverlay } from "../analysis/overlay.ts";
import type { LinkKind } from "../model/schema.ts";
import { type ComponentFlowNode, textOn } from "./ComponentNode.tsx";
import { type CanvasNode, isGroupNode } from "./grouping.ts";
import type { LinkFlowEdge } from "./LinkEdge.tsx";
import { LINK_STYLE } from "./linkStyle.ts";

/** Models with more components than this draw the far view when zoomed out. */
export const FAR_VIEW_ABOVE = 800;
/** Below this zoom a large model is drawn as the far view. */
export const FAR_VIEW_ZOOM = 0.25;
/**
 * Margin drawn around the screen, as a share of its width and height on each side (each layer is
 * rasterised and composited whole: a wider margin costs every drawing).
 */
export const MARGIN = 0.3;
/** A new overlay alone (results streaming in) redraws the boxes at most this often (ms). */
const OVERLAY_EVERY_MS = 1000;
/** Links drawn at most in one drawing (rasterising 73,600 took seconds in software). */
export const LINKS_MAX = 15_000;
/** Lines stroked per path. */
const LINES_PER_PATH = 2000;
/** Names are written into the boxes from this height on screen (px). */
const NAME_MIN_PX = 12;

/** React Flow's viewport: translation (px) and zoom. */
export interface View {
  x: number;
  y: number;
  zoom: number;
}

/** What the far view draws: the canvas's nodes and edges, and each component's analysis overlay. */
export interface FarScene {
  nodes: CanvasNode[];
  edges: LinkFlowEdge[];
  overlay: Record<string, NodeOverlay> | undefined;
}

const sizeOf = (n: CanvasNode) => ({ w: n.width ?? 0, h: n.height ?? 0 });

/**
 * The node whose box holds flow point (x, y), the one drawn last when boxes overlap (an open
 * group's frame never: its members are what a click means); undefined: none.
 */
export function nodeAt(nodes: CanvasNode[], x: number, y: number): CanvasNode | undefined {
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i];
    if (isGroupNode(n) && n.data.isOpen) continue;
    const { w, h } = sizeOf(n);
    if (x >= n.position.x && x <= n.position.x + w && y >= n.position.y && y <= n.position.y + h) return n;
  }
  return undefined;
}

/** What the hover tooltip of a node says: its name, type's organisation and figure (never its id). */
export function nodeTitle(n: CanvasNode, overlay: Record<string, NodeOverlay> | undefined): string {
  if (isGroupNode(n)) {
    const figure = n.data.overlay ? ` · worst member ${n.data.overlay.label}` : "";
    return `${n.data.group.name} (group of ${n.data.group.members.length})${figure}`;
  }
  const d = (n as ComponentFlowNode).data;
  const figure = overlay?.[n.id]?.label;
  return `${d.component.name}${d.orgName ? ` · ${d.orgName}` : ""}${figure ? ` · ${figure}` : ""}`;
}

/**
 * Whether the links layer of `b` is that of `a`: the same boxes and the same links drawn alike.
 * Node and edge objects are reused while unchanged (useFlowElements): a selection or a streamed
 * result changes a few, and only what the layer draws of those is compared (rasterising 73,600
 * links again took seconds at 20,000 components).
 */
export function isSameLinkDrawing(a: FarScene, b: FarScene, compareSeams = true): boolean {
  if (a.nodes === b.nodes && a.edges === b.edges) return true;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const m = a.nodes[i];
    const n = b.nodes[i];
    if (m === n) continue;
    if (m.id !== n.id || m.position.x !== n.position.x || m.position.y !== n.position.y) return false;
    if (m.width !== n.width || m.height !== n.height) return false;
  }
  for (let i = 0; i < a.edges.length; i++) {
    const e = a.edges[i];
    const f = b.edges[i];
    if (e === f) continue;
    if (e.source !== f.source || e.target !== f.target || e.data?.link.kind !== f.data?.link.kind)
      return false;
    if (compareSeams && Boolean(e.data?.overlay?.isSeamCrossing) !== Boolean(f.data?.overlay?.isSeamCrossing))
      return false;
  }
  return true;
}

/**
 * Whether the boxes layer of `b` is that of `a` (the same places, see isSameLinkDrawing): the same
 * overlay and the same organisation colours and names — a change of selection alone draws nothing
 * here (the selected components are React Flow's cards).
 */
export function isSameBoxDrawing(a: FarScene, b: FarScene): boolean {
  if (a.overlay !== b.overlay || a.nodes.length !== b.nodes.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const m = a.nodes[i];
    const n = b.nodes[i];
    if (m === n) continue;
    if (m.type !== n.type || m.data.orgColor !== n.data.orgColor) return false;
    if (isGroupNode(m) || isGroupNode(n)) {
      if (m.data !== n.data) return false;
    } else if (m.data.component.name !== n.data.component.name) return false;
  }
  return true;
}

/** Paths by colour: one fill or stroke per colour, not one per box or line. */
function byColour<T>(items: Iterable<T>, colourOf: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const colour = colourOf(item);
    if (colour === undefined) continue;
    let list = out.get(colour);
    if (!list) {
      list = [];
      out.set(colour, list);
    }
    list.push(item);
  }
  return out;
}

/** Draws the two layers and moves them with the view (see the file's comment). */
export class FarViewPainter {
  private scene: FarScene = { nodes: [], edges: [], overlay: undefined };
  private view: View = { x: 0, y: 0, zoom: 1 };
  /** The view each layer was drawn for (undefined: not drawn). */
  private drawnView: View | undefined;
  private size = { width: 0, height: 0 };
  private frame: number | undefined;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private dirtyLinks = true;
  private dirtyNodes = true;
  private lastDraw = Number.NEGATIVE_INFINITY;
  /** Links drawn by the last drawing of the links layer, of those in its view. */
  linksShown = { drawn: 0, all: 0 };
  private overlayTimer: ReturnType<typeof setTimeout> | undefined;

  /** `onDrawn` hears each drawing: the components drawn, and the links drawn of those in view. */
  constructor(
    private readonly links: HTMLCanvasElement,
    private readonly boxes: HTMLCanvasElement,
    private readonly onDrawn: (count: number, links: { drawn: number; all: number }) => void = () =>
      undefined,
  ) {}

  /**
   * New nodes, edges or overlay: the layers that show them are drawn at the next frame — a new
   * overlay alone (results streaming in) at most every OVERLAY_EVERY_MS.
   */
  setScene(scene: FarScene): void {
    const old = this.scene;
    this.scene = scene;
    // what moved is drawn at the next frame; new figures (links failures cross often, fills) wait
    const isMoved = !isSameLinkDrawing(old, scene, false);
    if (isMoved || !isSameLinkDrawing(old, scene)) this.dirtyLinks = true;
    if (isMoved || !isSameBoxDrawing(old, scene)) this.dirtyNodes = true;
    if (!this.dirtyLinks && !this.dirtyNodes) return;
    const wait = this.lastDraw + OVERLAY_EVERY_MS - performance.now();
    if (isMoved || wait <= 0) {
      this.requestDraw();
      return;
    }
    if (this.overlayTimer === undefined)
      this.overlayTimer = setTimeout(() => {
        this.overlayTimer = undefined;
        this.requestDraw();
      }, wait);
  }

  /** The pane's size (CSS px). */
  setSize(width: number, height: number): void {
    if (width === this.size.width && height === this.size.height) return;
    this.size = { width, height };
    this.dirtyLinks = true;
    this.dirtyNodes = true;
    this.requestDraw();
  }

  /**
   * The view moved: the drawn layers follow it at once by a CSS transform; they are drawn again
   * when the pan leaves their margin or the zoom moved by more than a tenth, else once it rests.
   */
  setView(view: View): void {
    const was = this.view;
    if (was.x === view.x && was.y === view.y && was.zoom === view.zoom) return;
    this.view = view;
    const drawn = this.drawnView;
    if (!drawn) {
      this.requestDraw();
      return;
    }
    const scale = view.zoom / drawn.zoom;
    const dx = view.x - drawn.x * scale;
    const dy = view.y - drawn.y * scale;
    const mx = this.size.width * MARGIN;
    const my = this.size.height * MARGIN;
    // the bitmap's origin sits at (-mx, -my) of the pane: scaled about the pane's origin
    const transform = `translate(${dx + mx * (1 - scale)}px, ${dy + my * (1 - scale)}px) scale(${scale})`;
    this.links.style.transform = transform;
    this.boxes.style.transform = transform;
    const isOutside = Math.abs(dx) > mx * 0.8 || Math.abs(dy) > my * 0.8 || scale < 0.9 || scale > 1.1;
    if (isOutside) {
      this.dirtyLinks = true;
      this.dirtyNodes = true;
      this.requestDraw();
      return;
    }
    clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      if (this.view === view && (dx !== 0 || dy !== 0 || scale !== 1)) {
        this.dirtyLinks = true;
        this.dirtyNodes = true;
        this.requestDraw();
      }
    }, 150);
  }

  /** Stop drawing (the far view is gone). */
  stop(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame);
    clearTimeout(this.settle);
    clearTimeout(this.overlayTimer);
    this.frame = undefined;
    this.overlayTimer = undefined;
  }

  private requestDraw(): void {
    if (this.frame !== undefined) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = undefined;
      this.draw();
    });
  }

  /** Draw the dirty layers for the current view. */
  private draw(): void {
    const { width, height } = this.size;
    if (width === 0 || height === 0) return;
    const view = this.view;
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    const mx = width * MARGIN;
    const my = height * MARGIN;
    const cw = width + 2 * mx;
    const ch = height + 2 * my;
    // flow → bitmap: screen = flow · zoom + view; the bitmap starts at (-mx, -my) of the screen
    const ox = view.x + mx;
    const oy = view.y + my;
    const z = view.zoom;
    const x0 = -ox / z;
    const y0 = -oy / z;
    const x1 = (cw - ox) / z;
    const y1 = (ch - oy) / z;
    for (const layer of [this.links, this.boxes]) {
      if (layer.width !== Math.round(cw * dpr) || layer.height !== Math.round(ch * dpr)) {
        layer.width = Math.round(cw * dpr);
        layer.height = Math.round(ch * dpr);
        layer.style.width = `${cw}px`;
        layer.style.height = `${ch}px`;
        this.dirtyLinks = true;
        this.dirtyNodes = true;
      }
      layer.style.left = `${-mx}px`;
      layer.style.top = `${-my}px`;
      layer.style.transform = "";
    }
    const centre = new Map<string, [number, number]>();
    for (const n of this.scene.nodes) {
      const { w, h } = sizeOf(n);
      centre.set(n.id, [n.position.x + w / 2, n.position.y + h / 2]);
    }
    if (this.dirtyLinks) this.drawLinks(centre, dpr, ox, oy, z, [x0, y0, x1, y1]);
    if (this.dirtyNodes) this.drawBoxes(dpr, ox, oy, z, [x0, y0, x1, y1]);
    this.dirtyLinks = false;
    this.dirtyNodes = false;
    this.drawnView = view;
    this.lastDraw = performance.now();
    this.onDrawn(this.scene.nodes.length, this.linksShown);
  }

  private drawLinks(
    centre: Map<string, [number, number]>,
    dpr: number,
    ox: number,
    oy: number,
    z: number,
    [x0, y0, x1, y1]: number[],
  ): void {
    const g = this.links.getContext("2d");
    if (!g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, this.links.width, this.links.height);
    g.setTransform(dpr * z, 0, 0, dpr * z, dpr * ox, dpr * oy);
    g.lineWidth = 1 / z;
    // from afar tens of thousands of links are a mesh: beyond LINKS_MAX in view, the links
    // failures cross often are all drawn and an even share of the others
    const inView = this.scene.edges.filter((e) => {
      const a = centre.get(e.source);
      const b = centre.get(e.target);
      if (!a || !b) return false;
      if (Math.max(a[0], b[0]) < x0 || Math.min(a[0], b[0]) > x1) return false;
      return !(Math.max(a[1], b[1]) < y0 || Math.min(a[1], b[1]) > y1);
    });
    const hot = inView.filter((e) => e.data?.overlay?.isSeamCrossing);
    const step = Math.max(1, Math.ceil((inView.length - hot.length) / Math.max(1, LINKS_MAX - hot.length)));
    let k = 0;
    const drawn = inView.filter((e) => e.data?.overlay?.isSeamCrossing || k++ % step === 0);
    this.linksShown = { drawn: drawn.length, all: inView.length };
    const groups = byColour(drawn, (e) => {
      const kind: LinkKind | undefined = e.data?.link.kind;
      if (!kind) return undefined;
      return `${LINK_STYLE[kind].stroke}|${e.data?.overlay?.isSeamCrossing ? 0.7 : 0.3}`;
    });
    for (const [key, edges] of groups) {
      const [stroke, alpha] = key.split("|");
      g.strokeStyle = stroke;
      g.globalAlpha = Number(alpha);
      // in paths of a few thousand lines: one path of tens of thousands rasterises far slower
      let inPath = 0;
      g.beginPath();
      for (const e of edges) {
        const a = centre.get(e.source);
        const b = centre.get(e.target);
        if (!a || !b) continue;
        g.moveTo(a[0], a[1]);
        g.lineTo(b[0], b[1]);
        if (++inPath === LINES_PER_PATH) {
          g.stroke();
          g.beginPath();
          inPath = 0;
        }
      }
      g.stroke();
    }
    g.globalAlpha = 1;
  }

  private drawBoxes(dpr: number, ox: number, oy: number, z: number, [x0, y0, x1, y1]: number[]): void {
    const g = this.boxes.getContext("2d");
    if (!g) return;
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.clearRect(0, 0, this.boxes.width, this.boxes.height);
    g.setTransform(dpr * z, 0, 0, dpr * z, dpr * ox, dpr * oy);
    const overlay = this.scene.overlay;
    const inView = this.scene.nodes.filter((n) => {
      const { w, h } = sizeOf(n);
      return n.position.x + w >= x0 && n.position.x <= x1 && n.position.y + h >= y0 && n.position.y <= y1;
    });
    const frames = inView.filter((n) => isGroupNode(n) && n.data.isOpen);
    const boxes = inView.filter((n) => !(isGroupNode(n) && n.data.isOpen));
    // open groups: a frame in their organisation's colour
    g.lineWidth = 2 / z;
    for (const n of frames) {
      const { w, h } = sizeOf(n);
      g.strokeStyle = (isGroupNode(n) && n.data.orgColor) || "#64748b";
      g.strokeRect(n.position.x, n.position.y, w, h);
    }
    const fillOf = (n: CanvasNode) =>
      (isGroupNode(n) ? n.data.overlay?.fill : overlay?.[n.id]?.fill) ?? "#ffffff";
    const orgOf = (n: CanvasNode) => (isGroupNode(n) ? n.data.orgColor : n.data.orgColor) ?? "#9ca3af";
    // the fill by risk, then the organisation's band along the top (fills only: rectangles are
    // what a software rasteriser draws fastest)
    for (const [colour, list] of byColour(boxes, fillOf)) {
      g.fillStyle = colour;
      for (const n of list) g.fillRect(n.position.x, n.position.y, sizeOf(n).w, sizeOf(n).h);
    }
    for (const [colour, list] of byColour(boxes, orgOf)) {
      g.fillStyle = colour;
      for (const n of list) g.fillRect(n.position.x, n.position.y, sizeOf(n).w, sizeOf(n).h * 0.3);
    }
    // names, once a box is tall enough on screen to hold a line of type
    const boxPx = (boxes[0] ? sizeOf(boxes[0]).h : 0) * z;
    if (boxPx >= NAME_MIN_PX) {
      const fontPx = Math.min(12, boxPx * 0.45);
      g.font = `${fontPx / z}px system-ui, sans-serif`;
      g.textBaseline = "middle";
      for (const n of boxes) {
        const { w, h } = sizeOf(n);
        const name = isGroupNode(n) ? n.data.group.name : n.data.component.name;
        g.fillStyle = textOn(fillOf(n));
        g.fillText(name, n.position.x + 3 / z, n.position.y + h * 0.65, w - 6 / z);
      }
    }
  }
}
