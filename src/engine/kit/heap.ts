/**
 * An indexed binary min-heap over typed arrays (Dijkstra's frontier): push inserts a node or lowers
 * its key, the minimum sits at index 0. Allocated once per compiled model; no allocation per trial.
 */

export interface IndexedHeap {
  size: number;
  node: Int32Array;
  key: Float64Array;
  /** Position of each node in the heap: −1 never pushed, −2 settled (the caller marks it). */
  position: Int32Array;
}

/** A heap for nodes 0 … capacity − 1. */
export function createHeap(capacity: number): IndexedHeap {
  return {
    size: 0,
    node: new Int32Array(capacity),
    key: new Float64Array(capacity),
    position: new Int32Array(capacity),
  };
}

/** Empty the heap and forget every node's position. */
export function clearHeap(h: IndexedHeap): void {
  h.size = 0;
  h.position.fill(-1);
}

/** Insert `v` with `key`, or lower its key. */
export function heapPush(h: IndexedHeap, v: number, key: number): void {
  const { node, key: keys, position } = h;
  let i = position[v];
  if (i < 0) {
    i = h.size++;
    position[v] = i;
  }
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (keys[parent] <= key) break;
    node[i] = node[parent];
    keys[i] = keys[parent];
    position[node[i]] = i;
    i = parent;
  }
  node[i] = v;
  keys[i] = key;
  position[v] = i;
}

/** Remove the minimum (the caller has read node[0] and key[0]). */
export function heapPop(h: IndexedHeap): void {
  const { node, key: keys, position } = h;
  const size = --h.size;
  if (size === 0) return;
  const v = node[size];
  const key = keys[size];
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= size) break;
    const right = left + 1;
    const m = right < size && keys[right] < keys[left] ? right : left;
    if (keys[m] >= key) break;
    node[i] = node[m];
    keys[i] = keys[m];
    position[node[i]] = i;
    i = m;
  }
  node[i] = v;
  keys[i] = key;
  position[v] = i;
}
