/**
 * The first rows of a table in sort order without sorting them all: each streamed result re-ranked
 * every charger site (16,800 on a 20,000-component model) to show 25.
 */

/**
 * The first `count` items of `items` in the order `compare` gives, ties in their order in `items`
 * (what a stable sort's first `count` are); all of them sorted when `count` covers them.
 */
export function firstInOrder<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count >= items.length) return [...items].sort(compare);
  const top: T[] = [];
  if (count <= 0) return top;
  for (const item of items) {
    if (top.length === count && compare(item, top[count - 1]) >= 0) continue;
    // after every equal item already kept (ties keep their order)
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(item, top[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    top.splice(lo, 0, item);
    if (top.length > count) top.pop();
  }
  return top;
}
