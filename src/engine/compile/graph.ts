/** The requirement cone of a compiled model (graph algorithms themselves are in ../kit/graph.ts). */
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
