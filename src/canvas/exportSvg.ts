/**
 * The canvas as a vector SVG (issue 18.6): each component a rectangle where the canvas draws it,
 * filled as drawn (its risk colour), bordered and banded in its organisation's colour, with its name
 * as text; each link a path between the two boxes in the colour, dash and width of its kind
 * (LINK_STYLE, LINK_KIND: the tables the canvas and the far view draw with) with its arrowhead; a
 * title and a key of link kinds. Built with the DOM (createElementNS, textContent): names are
 * escaped by the serializer. Transient marks (selection, the why panel's and the replay's
 * highlights, connection dots) are not drawn.
 */
import type { Edge, Node } from "@xyflow/react";
import { LINK_KIND, LINK_KINDS } from "../model/index.ts";
import { textOn } from "./ComponentNode.tsx";
import { linkSegment, NODE_HEIGHT, NODE_WIDTH } from "./geometry.ts";
import type { CanvasNode } from "./grouping.ts";
import { isGroupNode } from "./grouping.ts";
import type { LinkFlowEdge } from "./LinkEdge.tsx";
import { LINK_STYLE, protocolName } from "./linkStyle.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
/** Margin around the components, in canvas pixels. */
const PADDING_PX = 40;
/** Height of the title line above the drawing, in canvas pixels. */
const TITLE_PX = 36;
/** Height of the key of link kinds below the drawing, in canvas pixels. */
const KEY_PX = 28;
/** Height of the organisation band along a box's top, in canvas pixels (as the cards draw it). */
const BAND_PX = 13;
/** A component's name in type of this size at most, in canvas pixels (as the cards write it). */
const NAME_PX = 13;
/** The colour of a link on an attack path (as LinkEdge draws it). */
const ATTACK_STROKE = "#7f1d1d";

/** What the picture draws: the canvas's nodes and links, each component's drawn fill, and a title. */
export interface SvgScene {
  nodes: readonly Node[];
  edges: readonly Edge[];
  /** The fill a component is drawn with now (its risk colour); undefined: white. */
  fillOf: (id: string) => string | undefined;
  title: string;
}

interface Box {
  node: CanvasNode;
  x: number;
  y: number;
  w: number;
  h: number;
}

function element<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number | undefined>,
  text?: string,
): SVGElementTagNameMap[K] {
  const out = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes))
    if (value !== undefined) out.setAttribute(name, String(value));
  if (text !== undefined) out.textContent = text;
  return out;
}

/** Each drawn node's box in canvas coordinates (a member of an open group is placed in its frame). */
function boxesOf(nodes: readonly Node[]): Box[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const absolute = (n: Node): { x: number; y: number } => {
    const parent = n.parentId ? byId.get(n.parentId) : undefined;
    if (!parent) return n.position;
    const p = absolute(parent);
    return { x: p.x + n.position.x, y: p.y + n.position.y };
  };
  return nodes
    .filter((n) => !n.hidden && (n.type === "component" || n.type === "subsystem"))
    .map((n) => {
      const { x, y } = absolute(n);
      const w = n.measured?.width ?? n.width ?? NODE_WIDTH;
      const h = n.measured?.height ?? n.height ?? NODE_HEIGHT;
      return { node: n as CanvasNode, x, y, w, h };
    });
}

/** Arrowheads, one per link kind and one for attack paths (the canvas's EdgeMarkers). */
function markers(): SVGDefsElement {
  const defs = element("defs", {});
  const kinds: [string, string][] = LINK_KINDS.map((kind) => [kind, LINK_STYLE[kind].stroke]);
  for (const [name, colour] of [...kinds, ["attack", ATTACK_STROKE]]) {
    const marker = element("marker", {
      id: `seams-arrow-${name}`,
      viewBox: "0 0 10 10",
      refX: 9,
      refY: 5,
      markerWidth: 7,
      markerHeight: 7,
      markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse",
    });
    marker.append(element("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: colour }));
    defs.append(marker);
  }
  return defs;
}

/** One link: a path from box to box (the canvas's lane and gap), and a seam mark at its middle. */
function linkElement(edge: LinkFlowEdge, from: Box, to: Box): SVGGElement | undefined {
  const data = edge.data;
  if (!data) return undefined;
  const { link, overlay, isSeam } = data;
  const s = linkSegment(from.x + from.w / 2, from.y + from.h / 2, to.x + to.w / 2, to.y + to.h / 2);
  const attack = overlay?.onAttackPath ?? false;
  const stroke = attack ? ATTACK_STROKE : LINK_STYLE[link.kind].stroke;
  const isQuiet = overlay !== undefined && overlay.crossing === 0 && !attack;
  const group = element("g", { class: `link link-${link.kind}${isSeam ? " seam" : ""}` });
  group.append(
    element(
      "path",
      {
        d: `M ${s.x1} ${s.y1} L ${s.x2} ${s.y2}`,
        stroke,
        "stroke-width": overlay?.width ?? LINK_KIND[link.kind].strokeWidthPx,
        "stroke-dasharray": LINK_KIND[link.kind].dash,
        "stroke-opacity": isQuiet ? 0.7 : undefined,
        fill: "none",
        "marker-end": `url(#seams-arrow-${attack ? "attack" : link.kind})`,
      },
      undefined,
    ),
  );
  group.firstChild?.appendChild(
    element(
      "title",
      {},
      `${data.fromName ?? link.from} → ${data.toName ?? link.to} · ${protocolName(link.protocol)} · ${link.kind}`,
    ),
  );
  if (isSeam) {
    const angle = (Math.atan2(s.y2 - s.y1, s.x2 - s.x1) * 180) / Math.PI;
    const mark = element("g", {
      transform: `translate(${(s.x1 + s.x2) / 2} ${(s.y1 + s.y2) / 2}) rotate(${angle})`,
    });
    mark.append(element("rect", { x: -3, y: -7, width: 6, height: 14, rx: 1.5, fill: "#fff", stroke }));
    group.append(mark);
  }
  return group;
}

/** One component (or collapsed group): its box, organisation band and name. */
function boxElement(box: Box, fillOf: SvgScene["fillOf"]): SVGGElement {
  const { node, x, y, w, h } = box;
  const isGroup = isGroupNode(node);
  const name = isGroup ? node.data.group.name : node.data.component.name;
  const orgColor = node.data.orgColor;
  const fill = (isGroup ? node.data.overlay?.fill : fillOf(node.id)) ?? "#ffffff";
  const group = element("g", { class: isGroup ? "group" : "component" });
  group.append(
    element("rect", {
      x,
      y,
      width: w,
      height: h,
      rx: 6,
      fill: isGroup && node.data.isOpen ? "none" : fill,
      stroke: orgColor ?? "#b8c0cc",
      "stroke-width": isGroup && node.data.isOpen ? 2 : 1.5,
    }),
  );
  if (isGroup && node.data.isOpen) {
    group.append(element("text", { x: x + 8, y: y + 16, "font-size": 12, fill: "#334155" }, name));
    return group;
  }
  if (orgColor) {
    group.append(element("rect", { x, y, width: w, height: BAND_PX, rx: 6, fill: orgColor }));
    if (!isGroup && node.data.orgName)
      group.append(
        element(
          "text",
          { x: x + 6, y: y + BAND_PX - 3, "font-size": 9, fill: textOn(orgColor) },
          node.data.orgName,
        ),
      );
  }
  const top = orgColor ? BAND_PX : 0;
  // the name fits its box: smaller type for a long name (a bold character is ~0.62 em wide)
  const fontPx = Math.max(7, Math.min(NAME_PX, (w - 16) / (0.62 * Math.max(1, name.length))));
  group.append(
    element(
      "text",
      {
        x: x + 8,
        y: y + top + (h - top) / 2 + 4,
        "font-size": Number(fontPx.toFixed(1)),
        "font-weight": 600,
        fill: textOn(fill),
      },
      name,
    ),
  );
  return group;
}

/** The key of link kinds along the bottom: a sample line and what the kind means. */
function keyElement(x: number, y: number): SVGGElement {
  const key = element("g", { class: "key", "font-size": 11, fill: "#334155" });
  let at = x;
  for (const kind of LINK_KINDS) {
    const { stroke, dash, meaning } = LINK_STYLE[kind];
    key.append(
      element("line", {
        x1: at,
        y1: y,
        x2: at + 30,
        y2: y,
        stroke,
        "stroke-width": 2,
        "stroke-dasharray": dash,
      }),
    );
    key.append(element("text", { x: at + 36, y: y + 4 }, `${kind}: ${meaning}`));
    at += 36 + 7 * (kind.length + meaning.length + 2) + 24;
  }
  return key;
}

/** The scene as an SVG document (text), or undefined when there is no component to draw. */
export function vectorSvg(scene: SvgScene): string | undefined {
  const boxes = boxesOf(scene.nodes);
  if (boxes.length === 0) return undefined;
  const x0 = Math.min(...boxes.map((b) => b.x)) - PADDING_PX;
  const y0 = Math.min(...boxes.map((b) => b.y)) - PADDING_PX - TITLE_PX;
  const x1 = Math.max(...boxes.map((b) => b.x + b.w)) + PADDING_PX;
  const y1 = Math.max(...boxes.map((b) => b.y + b.h)) + PADDING_PX + KEY_PX;
  const width = Math.ceil(x1 - x0);
  const height = Math.ceil(y1 - y0);
  const svg = element("svg", {
    width,
    height,
    viewBox: `${x0} ${y0} ${width} ${height}`,
    "font-family": "system-ui, -apple-system, 'Segoe UI', sans-serif",
  });
  svg.append(element("rect", { x: x0, y: y0, width, height, fill: "#ffffff" }));
  svg.append(element("title", {}, scene.title));
  svg.append(markers());
  svg.append(
    element(
      "text",
      { x: x0 + PADDING_PX, y: y0 + TITLE_PX - 8, "font-size": 18, "font-weight": 600, fill: "#111827" },
      scene.title,
    ),
  );
  const byId = new Map(boxes.map((b) => [b.node.id, b]));
  const links = element("g", { class: "links" });
  for (const edge of scene.edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (!from || !to || edge.type !== "link") continue;
    const drawn = linkElement(edge as LinkFlowEdge, from, to);
    if (drawn) links.append(drawn);
  }
  svg.append(links);
  const components = element("g", { class: "components" });
  // open group frames under their members
  const order = [...boxes].sort((a, b) => Number(isOpenGroup(b.node)) - Number(isOpenGroup(a.node)));
  for (const box of order) components.append(boxElement(box, scene.fillOf));
  svg.append(components);
  svg.append(keyElement(x0 + PADDING_PX, y1 - KEY_PX / 2));
  return new XMLSerializer().serializeToString(svg);
}

const isOpenGroup = (n: CanvasNode) => isGroupNode(n) && n.data.isOpen;
