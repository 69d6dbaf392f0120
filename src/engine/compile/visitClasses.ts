/**
 * Route classes of the driver's view (SPEC §10): visits whose authorisation is the same function of
 * the shared providers' and links' states. Visits of one population at sites of one CSMS differ only
 * in each site's own link to its backends; where those links have the same provider, kind and
 * timing, one route evaluation per class and trial serves every site of the class (the word pass
 * adds it for all members at once and only evaluates a visit of its own where its site or its own
 * links are disturbed).
 */
import { csrOf } from "../kit/csr.ts";
import type { LinkArrays } from "./links.ts";
import type { CompiledDrivers } from "./types.ts";

/** The compiled visits' structure the classes are read from. */
export type VisitShape = Pick<
  CompiledDrivers,
  | "visitPop"
  | "visitSite"
  | "visitSlot"
  | "visitPartStart"
  | "partKind"
  | "partPathStart"
  | "pathHopStart"
  | "hopLink"
  | "hopFlags"
  | "visitLinkStart"
  | "visitLinkItem"
  | "visitLinkDegrades"
>;

/** Route classes and the lists the word pass walks (documented in CompiledDrivers). */
export type VisitClasses = Pick<
  CompiledDrivers,
  | "visitClass"
  | "classRep"
  | "classLinkStart"
  | "classLinkItem"
  | "classLinkDegrades"
  | "classLinkOwn"
  | "visitOwnLinkStart"
  | "visitOwnLinkItem"
  | "siteVisitStart"
  | "siteVisitItem"
  | "siteOwnLinkStart"
  | "siteOwnLinkItem"
  | "slotVisitStart"
  | "slotVisitItem"
>;

/** Group visits into route classes; `chargers[ci]` is site ci's component, `slots` the viewer slots' count. */
export function visitClasses(
  D: VisitShape,
  arrays: LinkArrays,
  chargers: readonly number[],
  slots: number,
): VisitClasses {
  const V = D.visitPop.length;
  // a site's own link is named by what decides its hop (provider, kind, timing, TTL), any other by its id
  const role = (j: number): string => {
    const r = arrays.resolved[j];
    return `${arrays.linkTo[j]}/${arrays.kind[j]}/${r.ttlMinutes}/${r.timeoutMs}/${r.retries}/${r.latencyMs.p50}/${r.latencyMs.p95}`;
  };
  const own = (v: number, j: number) => arrays.linkFrom[j] === chargers[D.visitSite[v]];
  const keyOf = (v: number): string => {
    let key = `${D.visitPop[v]}`;
    for (let q = D.visitPartStart[v]; q < D.visitPartStart[v + 1]; q++) {
      key += `;${D.partKind[q]}:`;
      for (let p = D.partPathStart[q]; p < D.partPathStart[q + 1]; p++) {
        key += "|";
        for (let h = D.pathHopStart[p]; h < D.pathHopStart[p + 1]; h++) {
          const j = D.hopLink[h];
          key += `,${D.hopFlags[h]}:${own(v, j) ? `s${role(j)}` : j}`;
        }
      }
    }
    for (let x = D.visitLinkStart[v]; x < D.visitLinkStart[v + 1]; x++) key += `.${D.visitLinkDegrades[x]}`;
    return key;
  };
  const classOf = new Map<string, number>();
  const visitClass = new Int32Array(V);
  const reps: number[] = [];
  for (let v = 0; v < V; v++) {
    const key = keyOf(v);
    let k = classOf.get(key);
    if (k === undefined) {
      k = reps.length;
      classOf.set(key, k);
      reps.push(v);
    }
    visitClass[v] = k;
  }
  const classLinks = reps.map((v) =>
    Array.from(D.visitLinkItem.subarray(D.visitLinkStart[v], D.visitLinkStart[v + 1])),
  );
  const classLinkDegrades = Uint8Array.from(
    reps.flatMap((v) =>
      Array.from(D.visitLinkDegrades.subarray(D.visitLinkStart[v], D.visitLinkStart[v + 1])),
    ),
  );
  const classLinkOwn = Uint8Array.from(reps.flatMap((v, k) => classLinks[k].map((j) => (own(v, j) ? 1 : 0))));
  const links = csrOf(classLinks);
  const ownLinks = csrOf(
    Array.from({ length: V }, (_, v) =>
      Array.from(D.visitLinkItem.subarray(D.visitLinkStart[v], D.visitLinkStart[v + 1])).filter((j) =>
        own(v, j),
      ),
    ),
  );
  const bySite: number[][] = Array.from({ length: chargers.length }, () => []);
  const bySlot: number[][] = Array.from({ length: slots }, () => []);
  for (let v = 0; v < V; v++) {
    bySite[D.visitSite[v]].push(v);
    if (D.visitSlot[v] >= 0) bySlot[D.visitSlot[v]].push(v);
  }
  const sites = csrOf(bySite);
  const siteOwn = csrOf(
    bySite.map((list) => [
      ...new Set(
        list.flatMap((v) => Array.from(ownLinks.items.subarray(ownLinks.start[v], ownLinks.start[v + 1]))),
      ),
    ]),
  );
  const slotLists = csrOf(bySlot);
  return {
    visitClass,
    classRep: Int32Array.from(reps),
    classLinkStart: links.start,
    classLinkItem: links.items,
    classLinkDegrades,
    classLinkOwn,
    visitOwnLinkStart: ownLinks.start,
    visitOwnLinkItem: ownLinks.items,
    siteVisitStart: sites.start,
    siteVisitItem: sites.items,
    siteOwnLinkStart: siteOwn.start,
    siteOwnLinkItem: siteOwn.items,
    slotVisitStart: slotLists.start,
    slotVisitItem: slotLists.items,
  };
}

/**
 * Per site, the components its outage can be rooted at (itself and what it requires, transitively:
 * where rootOf can end), as CSR lists: a site's trials down are counted per root slot.
 */
export function siteRootLists(
  chargers: readonly number[],
  reqStart: Int32Array,
  memStart: Int32Array,
  memLink: Int32Array,
  linkTo: Int32Array,
): { siteRootStart: Int32Array; siteRootItem: Int32Array } {
  const lists = chargers.map((ch) => {
    const seen = new Set<number>([ch]);
    const stack = [ch];
    while (stack.length > 0) {
      const i = stack.pop() as number;
      for (let r = reqStart[i]; r < reqStart[i + 1]; r++)
        for (let q = memStart[r]; q < memStart[r + 1]; q++) {
          const p = linkTo[memLink[q]];
          if (!seen.has(p)) {
            seen.add(p);
            stack.push(p);
          }
        }
    }
    return [...seen];
  });
  const { start, items } = csrOf(lists);
  return { siteRootStart: start, siteRootItem: items };
}

/**
 * Per population, the components its drivers' failures can be blamed on (sorted): its visits'
 * sites' roots and the providers on their authorisation paths. The driver tallies keep one slot
 * per (population, such component) — a national model's 1,600 populations × 20,000 components
 * would otherwise be 64 M numbers per tally, nearly all zero.
 */
export function populationViaLists(
  D: Pick<
    CompiledDrivers,
    | "visitPop"
    | "visitSite"
    | "visitPartStart"
    | "partPathStart"
    | "pathHopStart"
    | "hopLink"
    | "siteRootStart"
    | "siteRootItem"
  >,
  populations: number,
  linkTo: Int32Array,
): { popViaStart: Int32Array; popViaItem: Int32Array } {
  const sets = Array.from({ length: populations }, () => new Set<number>());
  for (let v = 0; v < D.visitPop.length; v++) {
    const set = sets[D.visitPop[v]];
    const ci = D.visitSite[v];
    for (let r = D.siteRootStart[ci]; r < D.siteRootStart[ci + 1]; r++) set.add(D.siteRootItem[r]);
    for (let q = D.visitPartStart[v]; q < D.visitPartStart[v + 1]; q++)
      for (let p = D.partPathStart[q]; p < D.partPathStart[q + 1]; p++)
        for (let h = D.pathHopStart[p]; h < D.pathHopStart[p + 1]; h++) set.add(linkTo[D.hopLink[h]]);
  }
  const { start, items } = csrOf(sets.map((set) => [...set].sort((a, b) => a - b)));
  return { popViaStart: start, popViaItem: items };
}

/** The slot of (population d, component i) in the population's via list (binary search; −1: not there). */
export function viaSlot(
  D: Pick<CompiledDrivers, "popViaStart" | "popViaItem">,
  d: number,
  i: number,
): number {
  let lo = D.popViaStart[d];
  let hi = D.popViaStart[d + 1] - 1;
  const items = D.popViaItem;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const x = items[mid];
    if (x === i) return mid;
    if (x < i) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
