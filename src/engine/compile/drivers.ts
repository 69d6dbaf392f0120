/**
 * The driver's view compiled (SPEC §10): populations, the intended visits (population × site its
 * app perceives) with their weights, each site's unit figures, and each visit's authorisation as
 * parts (a token or contract to the app, a card to a payment provider, certificates to a PKI), each
 * part a few paths of hops from the site, fewest hops first.
 */
import {
  type DriverPopulation,
  driverPopulations,
  type Model,
  type Pays,
  type ResolvedComponent,
} from "../../model/index.ts";
import { csrOf } from "../kit/csr.ts";
import { callFailureProbability, logNormalOf } from "../latency.ts";
import { AuthTimer, type HopTiming } from "./authTime.ts";
import type { LinkArrays } from "./links.ts";
import { type CompiledDrivers, KIND_ASYNC, KIND_SOFT } from "./types.ts";
import { populationViaLists, visitClasses } from "./visitClasses.ts";

/** A part of an authorisation: which target and how caches serve it. */
export const PART_TOKEN = 0;
export const PART_ADHOC = 1;
export const PART_CERTS = 2;

/** Hop flags. */
export const HOP_CSMS_CACHE = 1;

/** Paths kept per part and hops per path (a model's authorisation is a few hops deep). */
const MAX_PATHS = 8;
const MAX_HOPS = 8;

/** Uptime exclusions by component type (SPEC §10, NEVI 23 CFR 680.116(b)). */
const EXCLUDABLE_TYPES: Record<string, ResolvedComponent["type"]> = { grid: "dso", telecom: "telecom" };

/** The driver's view of the compiled model. */
export function compileDrivers(
  model: Model,
  comps: ResolvedComponent[],
  arrays: LinkArrays,
  chargers: number[],
  pairs: {
    pairStart: Int32Array;
    pairViewer: Int32Array;
    groupViewStart: Int32Array;
    chargerGroup: Int32Array;
  },
  roots: { siteRootStart: Int32Array; siteRootItem: Int32Array },
): CompiledDrivers {
  const n = comps.length;
  const index = new Map(model.components.map((c, i) => [c.id, i]));
  const pops: DriverPopulation[] = driverPopulations(model).filter((d) => index.has(d.app));
  const S = chargers.length;
  const excludedTypes = new Set((model.settings.uptimeExclusions ?? []).map((e) => EXCLUDABLE_TYPES[e]));
  const excludableRoot = Uint8Array.from(comps, (c) => (excludedTypes.has(c.type) ? 1 : 0));

  // auth-carrying links out of each component (never async), and certs ones
  const out = (flow: "auth" | "certs") => {
    const lists: number[][] = Array.from({ length: n }, () => []);
    arrays.links.forEach((l, j) => {
      if (arrays.kind[j] !== KIND_ASYNC && l.flows.includes(flow)) lists[arrays.linkFrom[j]].push(j);
    });
    return lists;
  };
  const authOut = out("auth");
  const certsOut = out("certs");
  const paymentIds = new Set(comps.flatMap((c, i) => (c.type === "payment" ? [i] : [])));
  const pkiIds = new Set(comps.flatMap((c, i) => (c.type === "pki" ? [i] : [])));

  /** Simple paths from `from` to a target, breadth first (fewest hops first), at most MAX_PATHS. */
  const pathsTo = (from: number, isTarget: (i: number) => boolean, lists: number[][], direct: boolean) => {
    const found: number[][] = [];
    // a path never returns to a component it passed (checked along its ≤ MAX_HOPS hops: no sets)
    const visited = (hops: number[], to: number) => to === from || hops.some((j) => arrays.linkTo[j] === to);
    let frontier: { at: number; hops: number[] }[] = [{ at: from, hops: [] }];
    for (
      let depth = 0;
      depth < (direct ? 1 : MAX_HOPS) && frontier.length > 0 && found.length < MAX_PATHS;
      depth++
    ) {
      const next: typeof frontier = [];
      for (const f of frontier) {
        for (const j of lists[f.at]) {
          const to = arrays.linkTo[j];
          if (visited(f.hops, to)) continue;
          const hops = [...f.hops, j];
          if (isTarget(to)) {
            if (found.length < MAX_PATHS) found.push(hops);
          } else if (!direct) next.push({ at: to, hops });
        }
      }
      frontier = next;
    }
    return found;
  };

  const visitPop: number[] = [];
  const visitSite: number[] = [];
  const visitSlot: number[] = [];
  const visitWeight: number[] = [];
  const visitParts: number[][] = [];
  const partKind: number[] = [];
  const partPaths: number[][] = [];
  const pathHops: number[][] = [];
  const hopFlags: number[] = [];
  const hopLink: number[] = [];
  const addPart = (kind: number, paths: number[][], tokenCache: boolean) => {
    const ids = paths.map((hops) => {
      pathHops.push(
        hops.map((j) => {
          hopLink.push(j);
          hopFlags.push(tokenCache && comps[arrays.linkTo[j]].type === "csms" ? HOP_CSMS_CACHE : 0);
          return hopLink.length - 1;
        }),
      );
      return pathHops.length - 1;
    });
    partKind.push(kind);
    partPaths.push(ids);
    return partKind.length - 1;
  };
  const partsFor = (site: number, app: number, pays: Pays): number[] => {
    const appIsCsms = comps[app].type === "csms";
    const token = () =>
      addPart(
        PART_TOKEN,
        pathsTo(site, (i) => i === app, authOut, appIsCsms),
        !appIsCsms,
      );
    if (pays === "adhoc")
      return [
        addPart(
          PART_ADHOC,
          pathsTo(site, (i) => paymentIds.has(i), authOut, false),
          false,
        ),
      ];
    if (pays === "pnc")
      return [
        addPart(
          PART_CERTS,
          pathsTo(site, (i) => pkiIds.has(i), certsOut, false),
          false,
        ),
        token(),
      ];
    return [token()];
  };

  // an app that perceives no site at all (an in-car map without status links, say): its drivers
  // see each site's own report on arrival (slot −1)
  // per viewer, the sites it perceives and its slot at each (in charger order)
  const perceived = new Map<number, { sites: number[]; slots: number[] }>();
  for (let ci = 0; ci < S; ci++) {
    for (let p = pairs.pairStart[ci]; p < pairs.pairStart[ci + 1]; p++) {
      const viewer = pairs.pairViewer[p];
      const list = perceived.get(viewer) ?? { sites: [], slots: [] };
      perceived.set(viewer, list);
      const slot = pairs.groupViewStart[pairs.chargerGroup[ci]] + (p - pairs.pairStart[ci]);
      if (list.sites.at(-1) === ci) list.slots[list.slots.length - 1] = slot;
      else {
        list.sites.push(ci);
        list.slots.push(slot);
      }
    }
  }
  const everySite = { sites: chargers.map((_, ci) => ci), slots: chargers.map(() => -1) };
  pops.forEach((d, di) => {
    const app = index.get(d.app) as number;
    // an app that perceives no site: every site, seen on arrival; else the sites it perceives
    const { sites, slots } = perceived.get(app) ?? everySite;
    sites.forEach((ci, x) => {
      const ch = chargers[ci];
      const slot = slots[x];
      const before = [partKind.length, pathHops.length, hopLink.length];
      const parts = partsFor(ch, app, d.pays);
      // seen only on arrival: the drivers go where they can pay (an operator's own customers to its
      // sites); the parts made for a visit not kept are taken back (ids stay consecutive)
      if (slot < 0 && parts.some((q) => partPaths[q].length === 0)) {
        partKind.length = before[0];
        partPaths.length = before[0];
        pathHops.length = before[1];
        hopLink.length = before[2];
        hopFlags.length = before[2];
        return;
      }
      const c = comps[ch];
      visitPop.push(di);
      visitSite.push(ci);
      visitSlot.push(slot);
      visitWeight.push(d.share * c.units * c.sessionsPerDay);
      visitParts.push(parts);
    });
  });
  const totalWeight = visitWeight.reduce((a, b) => a + b, 0);
  const weights = Float64Array.from(visitWeight, (w) => (totalWeight > 0 ? w / totalWeight : 0));
  const popIntended = new Float64Array(pops.length);
  const siteIntended = new Float64Array(S);
  weights.forEach((w, v) => {
    popIntended[visitPop[v]] += w;
    siteIntended[visitSite[v]] += w;
  });
  const visitLinks = visitParts.map((parts) => [
    ...new Set(parts.flatMap((q) => partPaths[q].flatMap((p) => pathHops[p].map((h) => hopLink[h])))),
  ]);
  const softCallUp = new Float64Array(arrays.links.length);
  const softCallDeg = new Float64Array(arrays.links.length);
  const timings: HopTiming[] = arrays.links.map((_, j) => {
    const p = comps[arrays.linkTo[j]];
    const r = arrays.resolved[j];
    const timing = {
      provider: logNormalOf(p.latencyMs),
      transit: logNormalOf(r.latencyMs),
      degradedFactor: p.degradedFactor,
      timeoutMs: r.timeoutMs,
      retries: r.retries,
    };
    return timing;
  });
  for (const j of new Set(hopLink)) {
    const t = timings[j];
    softCallUp[j] = callFailureProbability(t.provider, 1, t.transit, t.timeoutMs, t.retries);
    softCallDeg[j] = callFailureProbability(t.provider, t.degradedFactor, t.transit, t.timeoutMs, t.retries);
  }
  const parts = csrOf(visitParts);
  const paths = csrOf(partPaths);
  const hops = csrOf(pathHops);
  const links = csrOf(visitLinks);
  // whether a provider's degradation can change the visit: a soft hop's calls fail more often, or
  // the visit's hops could together outlast the driver's patience (else only the sampled timeouts,
  // already in the trial's masks, matter)
  const hopMaxMs = Float64Array.from(timings, (t) => (1 + t.retries) * t.timeoutMs);
  const visitLinkDegrades = new Uint8Array(links.items.length);
  visitLinks.forEach((list, v) => {
    const bound = list.reduce((sum, j) => sum + hopMaxMs[j], 0);
    const slowPossible = bound >= pops[visitPop[v]].patienceSeconds * 1000;
    list.forEach((j, x) => {
      const softer = arrays.kind[j] === KIND_SOFT && softCallDeg[j] !== softCallUp[j];
      visitLinkDegrades[links.start[v] + x] = slowPossible || softer ? 1 : 0;
    });
  });
  const shape = {
    visitPop: Int32Array.from(visitPop),
    visitSite: Int32Array.from(visitSite),
    visitSlot: Int32Array.from(visitSlot),
    visitPartStart: parts.start,
    partKind: Uint8Array.from(partKind),
    partPathStart: paths.start,
    pathHopStart: hops.start,
    hopLink: Int32Array.from(hopLink),
    hopFlags: Uint8Array.from(hopFlags),
    visitLinkStart: links.start,
    visitLinkItem: links.items,
    visitLinkDegrades,
  };
  const slots = pairs.groupViewStart[pairs.groupViewStart.length - 1] ?? 0;
  const classes = visitClasses(shape, arrays, chargers, slots);
  const via = populationViaLists({ ...shape, ...roots }, pops.length, arrays.linkTo);
  // every property named (no spread): an object built by spreading this many keys can end up a
  // dictionary, and the word pass reads these in its inner loops
  return {
    visitPop: shape.visitPop,
    visitSite: shape.visitSite,
    visitSlot: shape.visitSlot,
    visitPartStart: shape.visitPartStart,
    partKind: shape.partKind,
    partPathStart: shape.partPathStart,
    pathHopStart: shape.pathHopStart,
    hopLink: shape.hopLink,
    hopFlags: shape.hopFlags,
    visitLinkStart: shape.visitLinkStart,
    visitLinkItem: shape.visitLinkItem,
    visitLinkDegrades: shape.visitLinkDegrades,
    siteRootStart: roots.siteRootStart,
    siteRootItem: roots.siteRootItem,
    popViaStart: via.popViaStart,
    popViaItem: via.popViaItem,
    visitClass: classes.visitClass,
    classRep: classes.classRep,
    classLinkStart: classes.classLinkStart,
    classLinkItem: classes.classLinkItem,
    classLinkDegrades: classes.classLinkDegrades,
    classLinkOwn: classes.classLinkOwn,
    visitOwnLinkStart: classes.visitOwnLinkStart,
    visitOwnLinkItem: classes.visitOwnLinkItem,
    siteVisitStart: classes.siteVisitStart,
    siteVisitItem: classes.siteVisitItem,
    siteOwnLinkStart: classes.siteOwnLinkStart,
    siteOwnLinkItem: classes.siteOwnLinkItem,
    slotVisitStart: classes.slotVisitStart,
    slotVisitItem: classes.slotVisitItem,
    popIds: pops.map((d) => d.id),
    popNames: pops.map((d) => d.name),
    popIntended,
    popRealtime: Float64Array.from(pops, (d) => d.realtimeShare),
    popPatienceMs: Float64Array.from(pops, (d) => d.patienceSeconds * 1000),
    siteIntended,
    siteUnits: Float64Array.from(chargers, (ch) => comps[ch].units),
    siteUnitAvailability: Float64Array.from(chargers, (ch) => comps[ch].unitAvailability),
    siteUnitSilent: Float64Array.from(chargers, (ch) => comps[ch].unitSilentShare),
    siteStartFailure: Float64Array.from(chargers, (ch) => comps[ch].startFailure),
    siteReportsPerUnit: Float64Array.from(
      chargers,
      (ch) => 1 - (1 - comps[ch].unitAvailability) * (1 - comps[ch].unitSilentShare),
    ),
    excludableRoot,
    siteListed: Float64Array.from(chargers, (ch) => {
      const c = comps[ch];
      return 1 - ((1 - c.unitAvailability) * (1 - c.unitSilentShare)) ** c.units;
    }),
    siteListedUp: Float64Array.from(chargers, (ch) => {
      const { unitAvailability: a, unitSilentShare: silent } = comps[ch];
      const reporting = a + (1 - a) * silent;
      return reporting > 0 ? a / reporting : 0;
    }),
    visitWeight: weights,
    softCallUp,
    softCallDeg,
    hopMaxMs,
    timer: new AuthTimer(timings),
  };
}
