/**
 * Graph algorithms over adjacency lists of indices: a providers-first order (Tarjan's strongly
 * connected components come out with every component after all it reaches) and the strongly
 * connected components themselves (dependency cycles).
 */

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

/** Strongly connected components (members as indices). */
export function stronglyConnected(n: number, succ: number[][]): number[][] {
  // Tarjan's order (providersFirst) emits each component after every component it reaches: a
  // search from each in that order, over nodes not yet assigned, collects exactly its component
  const { order } = providersFirst(n, succ);
  const assigned = new Uint8Array(n);
  const out: number[][] = [];
  for (let k = 0; k < order.length; k++) {
    const root = order[k];
    if (assigned[root]) continue;
    const members: number[] = [];
    const stack = [root];
    assigned[root] = 1;
    while (stack.length > 0) {
      const v = stack.pop() as number;
      members.push(v);
      for (const w of succ[v]) {
        if (assigned[w]) continue;
        assigned[w] = 1;
        stack.push(w);
      }
    }
    out.push(members);
  }
  return out;
}
