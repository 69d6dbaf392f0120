/** Gate building blocks: constant folding, thresholds, MEF identifiers, hour labels. */
import { FALSE, type Gate, type Ref, TRUE } from "./types.ts";

/** Thresholds are compared at this resolution (hours). */
export const EPS = 1e-9;

/** An MEF identifier (an NCName without dots or doubled, leading or trailing hyphens). */
export function identifier(raw: string): string {
  const s = raw.replace(/[^A-Za-z0-9_]+/g, "_");
  return /^[A-Za-z_]/.test(s) ? s : `_${s}`;
}

export function hours(t: number): string {
  return t >= 1 ? `${+t.toPrecision(4)} h` : `${+(t * 60).toPrecision(4)} min`;
}

export function addThreshold(list: number[], t: number): void {
  if (!list.some((x) => Math.abs(x - t) <= EPS)) list.push(t);
}

/** Constant folding and one-argument gates, so the tree has only real gates. */
export function simplify(
  op: Gate["op"],
  k: number,
  input: Ref[],
  make: (op: Gate["op"], k: number, args: Ref[]) => Ref,
): Ref {
  const args = [...new Set(input)];
  if (op === "or") {
    if (args.includes(TRUE)) return TRUE;
    const live = args.filter((a) => a !== FALSE);
    if (live.length === 0) return FALSE;
    return live.length === 1 ? live[0] : make("or", 0, live);
  }
  if (op === "and") {
    if (args.includes(FALSE)) return FALSE;
    const live = args.filter((a) => a !== TRUE);
    if (live.length === 0) return TRUE;
    return live.length === 1 ? live[0] : make("and", 0, live);
  }
  // at least k of the inputs (duplicates kept: they count twice)
  let need = k;
  const live: Ref[] = [];
  for (const a of input) {
    if (a === TRUE) need--;
    else if (a !== FALSE) live.push(a);
  }
  if (need <= 0) return TRUE;
  if (need > live.length) return FALSE;
  if (need === 1) return simplify("or", 0, live, make);
  if (need === live.length) return simplify("and", 0, live, make);
  return make("atleast", need, live);
}
