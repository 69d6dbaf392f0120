/**
 * Compressed sparse rows: list i of a list of lists is items[start[i] … start[i + 1]) — the flat,
 * allocation-free adjacency the engine's passes walk.
 */

export interface Csr {
  /** start[i] … start[i + 1] are list i's items; start has one more entry than there are lists. */
  start: Int32Array;
  items: Int32Array;
}

/** The lists as CSR arrays, each list's items in the order given. */
export function csrOf(lists: readonly (readonly number[])[]): Csr {
  const start = new Int32Array(lists.length + 1);
  for (let i = 0; i < lists.length; i++) start[i + 1] = start[i] + lists[i].length;
  const items = new Int32Array(start[lists.length]);
  for (let i = 0; i < lists.length; i++) items.set(lists[i], start[i]);
  return { start, items };
}
