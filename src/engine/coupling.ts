/**
 * Coupling metrics (SPEC §5), deterministic: per component fan-in and fan-out, betweenness,
 * dependant charging power and single-failure blast radius; per model the number of integrations
 * and seams, dependency cycles and how tightly coupled the links are.
 *
 * Choices where the spec is silent (also in the README):
 * - fan-in = distinct components with a link to it (its dependants one hop away), fan-out = distinct
 *   components it has a link to;
 * - betweenness is networkx's `betweenness_centrality(G, normalized=True)` on the directed graph of
 *   links from → to (parallel links count once, self-links are ignored): Brandes' algorithm,
 *   normalised by (n − 1)(n − 2);
 * - an integration is a pair of components joined by at least one link (OCPP drawn once is one
 *   integration of two links); a seam is an integration between two organisations;
 * - cycles are the strongly connected components (≥ 2 members) of the hard and cached links, the
 *   ones failures propagate through (every OCPP pair is a cycle if async status links counted);
 * - tight coupling is the share of links that are hard, synchronous, and neither cached nor in a
 *   redundancy group.
 */
import { LINK_KIND, type Model, resolveComponent } from "../model/index.ts";
import { type BlastRadius, blastRadius } from "./blast.ts";
import { stronglyConnected } from "./kit/graph.ts";

export interface ComponentCoupling extends BlastRadius {
  fanIn: number;
  fanOut: number;
  betweenness: number;
  /** kW of the chargers that depend on it, directly or through others (any link kind). */
  dependantKw: number;
}

export interface ModelCoupling {
  components: number;
  links: number;
  integrations: number;
  seams: number;
  seamRatio: number;
  /** Dependency cycles through hard and cached links, each as its component ids. */
  cycles: string[][];
  tightCoupling: number;
  /**
   * Interaction paths: simple dependency paths (any link kind, from → to) starting at a charger,
   * counted up to INTERACTION_PATH_CAP (then `interactionPathsCapped`); per charger site, the
   * model's interaction complexity (Perrow's axis, against tight coupling).
   */
  interactionPaths: number;
  interactionPathsCapped: boolean;
  pathsPerCharger: number;
}

export const INTERACTION_PATH_CAP = 1_000_000;

/** An organisation × organisation matrix; rows and columns in `orgs` order ("" = no organisation). */
export interface OrgMatrix {
  orgs: string[];
  values: number[][];
}

export interface CouplingResult {
  components: Record<string, ComponentCoupling>;
  model: ModelCoupling;
  /** Design-structure matrix: links from components of the row org to components of the column org. */
  orgDsm: OrgMatrix;
  /**
   * Responsibility: kW of the column org's chargers lost when a component of the row org fails
   * alone, summed over the row org's components (single failures, SPEC §5).
   */
  responsibility: OrgMatrix;
}

/**
 * An organisation matrix cut to the rows (= columns) a page draws (cutOrgMatrix), of `of`
 * organisations in all; `max` is the whole matrix's largest value (the colour scale's top).
 */
export interface OrgMatrixCut extends OrgMatrix {
  of: number;
  max: number;
}

/**
 * The coupling figures as the app's page gets them: the organisation matrices cut. A national
 * model's are huge (1,700 organisations at 20,000 components: 2.9 M cells each, 11.6 MB of JSON
 * that held the page ~0.4 s to receive) and a heat map draws a couple of dozen rows.
 */
export interface CouplingShown extends Omit<CouplingResult, "orgDsm" | "responsibility"> {
  orgDsm: OrgMatrixCut;
  responsibility: OrgMatrixCut;
}

/**
 * The rows (= columns) of `matrix` to draw: all of them up to `max`, else the `max` with the
 * largest row plus column sum, in the matrix's order.
 */
export function heatmapRows(matrix: OrgMatrix, max: number): number[] {
  const n = matrix.orgs.length;
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= max) return all;
  const weight = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const row = matrix.values[r];
    for (let c = 0; c < n; c++) {
      weight[r] += row[c];
      weight[c] += row[c];
    }
  }
  return all
    .sort((a, b) => weight[b] - weight[a] || a - b)
    .slice(0, max)
    .sort((a, b) => a - b);
}

/** `matrix` cut to its heatmapRows(matrix, rows), with the whole's size and largest value. */
export function cutOrgMatrix(matrix: OrgMatrix, rows: number): OrgMatrixCut {
  const shown = heatmapRows(matrix, rows);
  // (a loop: spreading a large model's matrix overflows the stack)
  let max = 1e-9;
  for (const row of matrix.values) for (const x of row) if (x > max) max = x;
  return {
    orgs: shown.map((r) => matrix.orgs[r]),
    values: shown.map((r) => shown.map((c) => matrix.values[r][c])),
    of: matrix.orgs.length,
    max,
  };
}

/** `result` with its organisation matrices cut to `rows` organisations each (cutOrgMatrix). */
export function couplingShown(result: CouplingResult, rows: number): CouplingShown {
  return {
    ...result,
    orgDsm: cutOrgMatrix(result.orgDsm, rows),
    responsibility: cutOrgMatrix(result.responsibility, rows),
  };
}

export function coupling(model: Model): CouplingResult {
  const n = model.components.length;
  const ids = model.components.map((c) => c.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const links = model.links.filter((l) => index.has(l.from) && index.has(l.to));
  const from = links.map((l) => index.get(l.from) as number);
  const to = links.map((l) => index.get(l.to) as number);

  // the directed simple graph from → to
  const succ: Set<number>[] = ids.map(() => new Set());
  const pred: Set<number>[] = ids.map(() => new Set());
  links.forEach((_, j) => {
    if (from[j] === to[j]) return;
    succ[from[j]].add(to[j]);
    pred[to[j]].add(from[j]);
  });
  const adjacency = succ.map((s) => [...s]);
  const between = betweenness(n, adjacency);

  // dependant kW: chargers that reach x along links
  const kw = model.components.map((c) => {
    const r = resolveComponent(c);
    return c.type === "charger" ? r.units * r.kwPerUnit : 0;
  });
  const dependantKw = ids.map((_, x) => {
    const seen = new Uint8Array(n);
    const stack = [x];
    seen[x] = 1;
    let total = 0;
    while (stack.length > 0) {
      const y = stack.pop() as number;
      if (y !== x) total += kw[y];
      for (const u of pred[y]) {
        if (seen[u]) continue;
        seen[u] = 1;
        stack.push(u);
      }
    }
    return total;
  });

  // organisations: the model's, plus "" for components without one (when there are any)
  const orgIds = model.orgs.map((o) => o.id);
  if (model.components.some((c) => c.org === undefined || !orgIds.includes(c.org))) orgIds.push("");
  const orgAt = new Map(orgIds.map((id, k) => [id, k]));
  const orgOfIndex = model.components.map(
    (c) => orgAt.get(c.org !== undefined && orgAt.has(c.org) ? c.org : "") ?? 0,
  );
  const square = () => orgIds.map(() => orgIds.map(() => 0));
  const dsm = square();
  links.forEach((_, j) => {
    dsm[orgOfIndex[from[j]]][orgOfIndex[to[j]]]++;
  });
  const responsibility = square();
  const blast = blastRadius(model, (failed, functional) => {
    const row = responsibility[orgOfIndex[failed]];
    for (let i = 0; i < n; i++) if (!functional[i] && kw[i] > 0) row[orgOfIndex[i]] += kw[i];
  });
  const components: Record<string, ComponentCoupling> = Object.create(null);
  ids.forEach((id, i) => {
    components[id] = {
      fanIn: pred[i].size,
      fanOut: succ[i].size,
      betweenness: between[i],
      dependantKw: dependantKw[i],
      ...blast[id],
    };
  });

  // integrations and seams
  const orgOf = model.components.map((c) => c.org ?? "");
  const pairs = new Map<string, boolean>();
  links.forEach((_, j) => {
    if (from[j] === to[j]) return;
    const [a, b] = from[j] < to[j] ? [from[j], to[j]] : [to[j], from[j]];
    pairs.set(`${a}:${b}`, orgOf[a] !== orgOf[b]);
  });
  const integrations = pairs.size;
  const seams = [...pairs.values()].filter(Boolean).length;

  // cycles through the links failures propagate along
  const sync: number[][] = ids.map(() => []);
  links.forEach((l, j) => {
    if (LINK_KIND[l.kind].callsProvider) sync[from[j]].push(to[j]);
  });
  const cycles = stronglyConnected(n, sync)
    .filter((scc) => scc.length > 1 || sync[scc[0]].includes(scc[0]))
    .map((scc) => scc.map((i) => ids[i]).sort());

  const tight = links.filter((l) => LINK_KIND[l.kind].failsAtOnce && l.group === undefined).length;
  const chargers = model.components.flatMap((c, i) => (c.type === "charger" ? [i] : []));
  const paths = simplePaths(n, adjacency, chargers, INTERACTION_PATH_CAP);
  return {
    components,
    orgDsm: { orgs: orgIds, values: dsm },
    responsibility: { orgs: orgIds, values: responsibility },
    model: {
      components: n,
      links: links.length,
      integrations,
      seams,
      seamRatio: integrations > 0 ? seams / integrations : 0,
      cycles,
      tightCoupling: links.length > 0 ? tight / links.length : 0,
      interactionPaths: paths.count,
      interactionPathsCapped: paths.capped,
      pathsPerCharger: chargers.length > 0 ? paths.count / chargers.length : 0,
    },
  };
}

/** Simple paths (≥ 1 link) from each start, depth first, stopping at `cap`. */
export function simplePaths(
  n: number,
  adjacency: number[][],
  starts: number[],
  cap: number,
): { count: number; capped: boolean } {
  const onPath = new Uint8Array(n);
  const node = new Int32Array(n + 1);
  const next = new Int32Array(n + 1);
  let count = 0;
  for (const s of starts) {
    let depth = 0;
    node[0] = s;
    next[0] = 0;
    onPath[s] = 1;
    while (depth >= 0) {
      const x = node[depth];
      const k = next[depth]++;
      if (k >= adjacency[x].length) {
        onPath[x] = 0;
        depth--;
        continue;
      }
      const y = adjacency[x][k];
      if (onPath[y]) continue;
      if (++count >= cap) return { count, capped: true };
      depth++;
      node[depth] = y;
      next[depth] = 0;
      onPath[y] = 1;
    }
  }
  return { count, capped: false };
}

/** Brandes' betweenness on an unweighted directed graph, normalised as networkx does. */
export function betweenness(n: number, adjacency: number[][]): number[] {
  const cb = new Float64Array(n);
  const sigma = new Float64Array(n);
  const dist = new Int32Array(n);
  const delta = new Float64Array(n);
  const preds: number[][] = Array.from({ length: n }, () => []);
  const order = new Int32Array(n);
  const queue = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    sigma.fill(0);
    dist.fill(-1);
    delta.fill(0);
    for (const p of preds) p.length = 0;
    sigma[s] = 1;
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    let count = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++];
      order[count++] = v;
      for (const w of adjacency[v]) {
        if (dist[w] < 0) {
          dist[w] = dist[v] + 1;
          queue[tail++] = w;
        }
        if (dist[w] === dist[v] + 1) {
          sigma[w] += sigma[v];
          preds[w].push(v);
        }
      }
    }
    for (let k = count - 1; k >= 0; k--) {
      const w = order[k];
      for (const v of preds[w]) delta[v] += (sigma[v] / sigma[w]) * (1 + delta[w]);
      if (w !== s) cb[w] += delta[w];
    }
  }
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  return Array.from(cb, (x) => (n > 2 ? x * scale : x));
}
