/**
 * Slimming html-to-image's SVG. It inlines every computed property on every element (some 400
 * each: a 40-component canvas is a 16 MB file). A declaration can go when the element would get
 * the same value without it: it equals the browser default for that element AND its parent's value
 * (so it is right whether the property is inherited or not), or it is a custom property (always
 * inherited) equal to its parent's. What stays is what our styles set.
 */

/** Browser-default computed styles per element kind, measured in an unstyled same-origin frame. */
class DefaultStyles {
  private readonly frame: HTMLIFrameElement;
  private readonly cache = new Map<string, Map<string, string>>();

  constructor() {
    this.frame = document.createElement("iframe");
    this.frame.style.cssText = "position:absolute;width:0;height:0;border:0;visibility:hidden";
    this.frame.setAttribute("aria-hidden", "true");
    document.body.append(this.frame);
  }

  of(element: Element): Map<string, string> {
    const key = `${element.namespaceURI}|${element.localName}`;
    const known = this.cache.get(key);
    if (known) return known;
    const doc = this.frame.contentDocument;
    const values = new Map<string, string>();
    if (doc?.body) {
      const host =
        element.namespaceURI === SVG_NS ? doc.body.appendChild(doc.createElementNS(SVG_NS, "svg")) : doc.body;
      const probe = host.appendChild(doc.createElementNS(element.namespaceURI, element.localName));
      const style = doc.defaultView?.getComputedStyle(probe);
      if (style) for (const name of style) values.set(name, style.getPropertyValue(name));
      if (host === doc.body) probe.remove();
      else host.remove();
    }
    this.cache.set(key, values);
    return values;
  }

  dispose(): void {
    this.frame.remove();
  }
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** Declarations of an inline style attribute, as property → value. */
function declarations(element: Element): Map<string, string> {
  const out = new Map<string, string>();
  const style = (element as HTMLElement | SVGElement).style;
  if (!style) return out;
  for (const name of style) out.set(name, style.getPropertyValue(name));
  return out;
}

/** The SVG text html-to-image made, without the declarations that change nothing. */
export function pruneDefaultStyles(svgText: string): string {
  const doc = new DOMParser().parseFromString(svgText, "image/svg+xml");
  if (doc.getElementsByTagName("parsererror").length > 0) return svgText;
  const defaults = new DefaultStyles();
  try {
    // parents' declarations as html-to-image wrote them (their computed values), before pruning
    const original = new Map<Element, Map<string, string>>();
    const all = [...doc.querySelectorAll("[style]")];
    for (const element of all) original.set(element, declarations(element));
    for (const element of all) {
      const parent = element.parentElement ? original.get(element.parentElement) : undefined;
      if (!parent) continue; // the captured root keeps everything
      const base = defaults.of(element);
      const style = (element as HTMLElement | SVGElement).style;
      for (const [name, value] of original.get(element) ?? []) {
        // custom properties always inherit: the parent's value is what the element gets anyway
        const isDefault = name.startsWith("--") || base.get(name) === value;
        if (isDefault && parent.get(name) === value) style.removeProperty(name);
      }
    }
  } finally {
    defaults.dispose();
  }
  return new XMLSerializer().serializeToString(doc);
}
