/**
 * Time integrals of piecewise-constant quantities (units available, queue lengths, shown units):
 * each change adds value × elapsed time to the current bin's area and the whole run's total.
 * Flat typed arrays, one slot per quantity; nothing allocated per event.
 */
export class Levels {
  readonly value: Float64Array;
  readonly since: Float64Array;
  /** ∫ value dt over the current bin so far, and over the run so far. */
  readonly area: Float64Array;
  readonly total: Float64Array;

  constructor(count: number) {
    this.value = new Float64Array(count);
    this.since = new Float64Array(count);
    this.area = new Float64Array(count);
    this.total = new Float64Array(count);
  }

  /** Quantity k becomes v at time t. */
  set(k: number, t: number, v: number): void {
    const dt = t - this.since[k];
    if (dt > 0) {
      const a = this.value[k] * dt;
      this.area[k] += a;
      this.total[k] += a;
    }
    this.since[k] = t;
    this.value[k] = v;
  }

  /** Quantity k changes by dv at time t. */
  add(k: number, t: number, dv: number): void {
    this.set(k, t, this.value[k] + dv);
  }

  /** Close quantity k's bin at time t: its area so far (then zero). */
  take(k: number, t: number): number {
    this.set(k, t, this.value[k]);
    const a = this.area[k];
    this.area[k] = 0;
    return a;
  }
}

/**
 * Σ over open items of (t − since): the mean age of stale status. Integrated exactly: with S items
 * open and F = Σ since, the integrand S·t − F is linear between changes.
 */
export class Ages {
  readonly count: Float64Array;
  readonly sinceSum: Float64Array;
  readonly at: Float64Array;
  readonly area: Float64Array;

  constructor(size: number) {
    this.count = new Float64Array(size);
    this.sinceSum = new Float64Array(size);
    this.at = new Float64Array(size);
    this.area = new Float64Array(size);
  }

  private advance(k: number, t: number): void {
    const a = this.at[k];
    if (t > a) this.area[k] += (this.count[k] * (t * t - a * a)) / 2 - this.sinceSum[k] * (t - a);
    this.at[k] = t;
  }

  /** An item of k went stale at `since` (observed at t). */
  open(k: number, t: number, since: number): void {
    this.advance(k, t);
    this.count[k] += 1;
    this.sinceSum[k] += since;
  }

  /** An item of k that went stale at `since` is fresh or gone at t. */
  close(k: number, t: number, since: number): void {
    this.advance(k, t);
    this.count[k] -= 1;
    this.sinceSum[k] -= since;
  }

  /** ∫ Σ ages dt over k's bin up to t (then zero). */
  take(k: number, t: number): number {
    this.advance(k, t);
    const a = this.area[k];
    this.area[k] = 0;
    return a;
  }
}
