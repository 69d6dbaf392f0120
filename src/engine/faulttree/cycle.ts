/** A dependency cycle of a compiled model, named for a message. */
import { type CompiledReliability, requirementCone } from "../compile/index.ts";

/** A cycle of requirements as "a → b → a" (the first found), or "unknown". */
export function cycleOf(c: CompiledReliability): string {
  // a component on a cycle: follow providers from each until one repeats
  for (let start = 0; start < c.n; start++) {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let x = start;
    const seen = new Set<number>();
    for (;;) {
      if (onPath.has(x))
        return path
          .slice(onPath.get(x))
          .map((i) => c.componentIds[i])
          .join(" → ");
      if (seen.has(x)) break;
      seen.add(x);
      onPath.set(x, path.length);
      path.push(x);
      let next = -1;
      for (let r = c.reqStart[x]; r < c.reqStart[x + 1] && next < 0; r++) {
        for (let q = c.memStart[r]; q < c.memStart[r + 1]; q++) {
          const p = c.linkTo[c.memLink[q]];
          if (requirementCone(c, [p])[x]) {
            next = p;
            break;
          }
        }
      }
      if (next < 0) break;
      x = next;
    }
  }
  return "unknown";
}
