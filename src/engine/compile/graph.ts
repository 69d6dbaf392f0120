/**
 * Graph helpers of the compiler: adjacency lists flattened to start/items arrays, a
 * providers-first order with cycle detection (Tarjan), and the requirement cone of a compiled model.
 */
import type { CompiledReliability } from "./types.ts";

/**
 * What `starts` depend on through breaking links (hard, cached fail-closed), themselves included:
 * 1 per component in the cone.
 */
export function requirementCone(c: CompiledReliability, starts: Iterable<number>): Uint8Array {
  const seen = new Uint8Array(c.n);
  const stack = [...starts];
  while (stack.length > 0) {
    const x = stack.pop() as number;
    if (seen[x]) continue;
    seen[x] = 1;
    for (let r = c.reqStart[x]; r < c.reqStart[x + 1]; r++) {
      for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) stack.push(c.linkTo[c.memLink[q]]);
    }
  }
  return seen;
}

/** Adjacency lists flattened: list i is items[start[i]] .. items[start[i + 1]]. */
export function flatten(lists: number[][]): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(lists.length + 1);
  const items: number[] = [];
  lists.forEach((l, i) => {
    start[i] = items.length;
    items.push(...l);
  });
  start[lists.length] = items.length;
  return { start, items: Int32Array.from(items) };
}

/**
 * An order with providers before their consumers (Tarjan's strongly connected components, which
 * come out providers first), and whether any cycle exists.
 */
export function providersFirst(n: number, providersOf: number[][]): { order: Int32Array; cyclic: boolean } {
  const idx = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const order: number[] = [];
  let counter = 0;
  let cyclic = false;
  // iterative Tarjan
  for (let root = 0; root < n; root++) {
    if (idx[root] >= 0) continue;
    const work: [number, number][] = [[root, 0]];
    idx[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const top = work[work.length - 1];
      const v = top[0];
      const succ = providersOf[v];
      if (top[1] < succ.length) {
        const w = succ[top[1]++];
        if (w === v) cyclic = true;
        if (idx[w] < 0) {
          idx[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push([w, 0]);
        } else if (onStack[w]) {
          low[v] = Math.min(low[v], idx[w]);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1][0];
        low[parent] = Math.min(low[parent], low[v]);
      }
      if (low[v] === idx[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = 0;
          order.push(w);
          size++;
        } while (w !== v);
        if (size > 1) cyclic = true;
      }
    }
  }
  return { order: Int32Array.from(order), cyclic };
}
