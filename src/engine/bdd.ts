/**
 * A reduced ordered binary decision diagram, enough for exact fault-tree quantification: ITE with
 * a computed table, k-of-n, the probability of every node, and the gradient of a function's
 * probability with respect to each variable's probability (Birnbaum importance) in one pass.
 *
 * Node 0 is false, node 1 is true; variable v is tested at level v (callers choose the order).
 * Children are always created before their parents, so node indices are a topological order.
 */

const TERMINAL_LEVEL = 0x7fffffff;

export class Bdd {
  private readonly vars: number[] = [TERMINAL_LEVEL, TERMINAL_LEVEL];
  private readonly los: number[] = [0, 1];
  private readonly his: number[] = [0, 1];
  private readonly unique = new Map<string, number>();
  private readonly computed = new Map<string, number>();

  /** Nodes made so far (the terminals included). */
  get size(): number {
    return this.vars.length;
  }

  variable(v: number): number {
    return this.make(v, 0, 1);
  }

  private make(v: number, lo: number, hi: number): number {
    if (lo === hi) return lo;
    const key = `${v},${lo},${hi}`;
    const found = this.unique.get(key);
    if (found !== undefined) return found;
    const id = this.vars.length;
    this.vars.push(v);
    this.los.push(lo);
    this.his.push(hi);
    this.unique.set(key, id);
    return id;
  }

  ite(f: number, g: number, h: number): number {
    if (f === 1) return g;
    if (f === 0) return h;
    if (g === h) return g;
    if (g === 1 && h === 0) return f;
    const key = `${f},${g},${h}`;
    const found = this.computed.get(key);
    if (found !== undefined) return found;
    const v = Math.min(this.vars[f], this.vars[g], this.vars[h]);
    const t = this.ite(this.cof(f, v, true), this.cof(g, v, true), this.cof(h, v, true));
    const e = this.ite(this.cof(f, v, false), this.cof(g, v, false), this.cof(h, v, false));
    const r = this.make(v, e, t);
    this.computed.set(key, r);
    return r;
  }

  private cof(f: number, v: number, high: boolean): number {
    if (this.vars[f] !== v) return f;
    return high ? this.his[f] : this.los[f];
  }

  and(f: number, g: number): number {
    return this.ite(f, g, 0);
  }

  or(f: number, g: number): number {
    return this.ite(f, 1, g);
  }

  not(f: number): number {
    return this.ite(f, 0, 1);
  }

  /** At least k of the functions hold. */
  atLeast(k: number, args: number[]): number {
    const memo = new Map<number, number>();
    const go = (need: number, i: number): number => {
      if (need <= 0) return 1;
      if (args.length - i < need) return 0;
      const key = need * (args.length + 1) + i;
      const found = memo.get(key);
      if (found !== undefined) return found;
      const r = this.ite(args[i], go(need - 1, i + 1), go(need, i + 1));
      memo.set(key, r);
      return r;
    };
    return go(k, 0);
  }

  /** Probability of every node, for independent variables with P(v true) = p[v]. */
  probabilities(p: ArrayLike<number>): Float64Array {
    const n = this.vars.length;
    const P = new Float64Array(n);
    P[1] = 1;
    for (let i = 2; i < n; i++) {
      const q = p[this.vars[i]];
      P[i] = q * P[this.his[i]] + (1 - q) * P[this.los[i]];
    }
    return P;
  }

  /**
   * ∂P(f)/∂p[v] for every variable: Σ over the nodes testing v of (probability of reaching the
   * node) × (P(high child) − P(low child)). P(f | v) = P(f) + (1 − p[v])·∂, P(f | ¬v) = P(f) − p[v]·∂.
   */
  gradient(f: number, p: ArrayLike<number>, P: Float64Array, variables: number): Float64Array {
    const grad = new Float64Array(variables);
    if (f < 2) return grad;
    const reach = new Float64Array(f + 1);
    reach[f] = 1;
    for (let i = f; i >= 2; i--) {
      const r = reach[i];
      if (r === 0) continue;
      const v = this.vars[i];
      const q = p[v];
      reach[this.his[i]] += r * q;
      reach[this.los[i]] += r * (1 - q);
      grad[v] += r * (P[this.his[i]] - P[this.los[i]]);
    }
    return grad;
  }

  /** The variables f depends on. */
  support(f: number): Set<number> {
    const seen = new Set<number>();
    const vars = new Set<number>();
    const stack = [f];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      if (x < 2 || seen.has(x)) continue;
      seen.add(x);
      vars.add(this.vars[x]);
      stack.push(this.los[x], this.his[x]);
    }
    return vars;
  }
}
