/**
 * The page's style rules a canvas picture needs: every rule of the document's style sheets whose
 * selector matches an element of the picture's tree, with `@media` and `@supports` blocks resolved
 * as the page resolves them now (the picture is an image of its own size: a width query must not
 * be asked again there). Rules that only match a pointer or focus state (`:hover`, `:focus`) stay
 * out; so do `@font-face` rules (an SVG image loads nothing; the text falls back as before).
 */

/** Pseudo-elements style no element of their own: a selector is tried on the tree without them. */
const PSEUDO_ELEMENT =
  /::?(?:before|after|marker|placeholder|selection|backdrop|first-line|first-letter|-webkit-[\w-]+|-moz-[\w-]+)/g;

/** The CSS text of the rules of the page's style sheets that can style an element of `tree`. */
export function matchingCss(tree: Element): string {
  const out: string[] = [];
  const matches = matcherOf(tree);
  const sheets: CSSStyleSheet[] = [...document.styleSheets, ...(document.adoptedStyleSheets ?? [])];
  for (const sheet of sheets) collect(rulesOf(sheet), matches, out);
  return out.join("\n");
}

/** A sheet's rules, or none when the browser keeps them from us (another origin's sheet). */
function rulesOf(sheet: CSSStyleSheet | null): CSSRule[] {
  try {
    return sheet ? [...sheet.cssRules] : [];
  } catch {
    return [];
  }
}

/** Whether a selector can match an element of `tree` (the tree's root included); kept when unsure. */
function matcherOf(tree: Element): (selector: string) => boolean {
  const known = new Map<string, boolean>();
  return (selector) => {
    let found = known.get(selector);
    if (found === undefined) {
      if (selector.includes(":root")) found = true;
      else {
        const plain = selector.replace(PSEUDO_ELEMENT, "");
        try {
          found = tree.matches(plain) || tree.querySelector(plain) !== null;
        } catch {
          found = true; // a selector this test cannot read: keep its rule
        }
      }
      known.set(selector, found);
    }
    return found;
  };
}

function collect(rules: CSSRule[], matches: (selector: string) => boolean, out: string[]): void {
  for (const rule of rules) {
    if (rule instanceof CSSStyleRule) {
      if (matches(rule.selectorText)) out.push(rule.cssText);
    } else if (rule instanceof CSSMediaRule) {
      if (window.matchMedia(rule.media.mediaText).matches) collect([...rule.cssRules], matches, out);
    } else if (rule instanceof CSSSupportsRule) {
      if (CSS.supports(rule.conditionText)) collect([...rule.cssRules], matches, out);
    } else if (rule instanceof CSSImportRule) {
      if (window.matchMedia(rule.media.mediaText || "all").matches)
        collect(rulesOf(rule.styleSheet), matches, out);
    } else if (!(rule instanceof CSSFontFaceRule)) {
      out.push(rule.cssText); // @keyframes, @property, @layer, @container, …: kept as written
    }
  }
}
