/**
 * The engine's random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, 128-bit
 * state, passes PractRand to 2^40+) seeded through splitmix32 from (seed, stream). Batch b of a run
 * uses stream b, so a batch's trials are the same whichever worker runs it (SPEC §7).
 */

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit counter. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const TWO_POW_32 = 4294967296;

/**
 * ln((k + 1) / 2^32) for a 32-bit draw k — the logarithm of an open uniform — without a call to
 * Math.log (a C call in V8, the largest cost of a rare-event draw). With x = k + 1 = 2^e · m, m in
 * [1, 2): ln m = ln cᵢ + ln(1 + z), cᵢ the centre of m's 1/1024-wide cell and |z| < 2^−11, so three
 * terms of the series leave an error below 1e-13 relative (checked in the tests against Math.log).
 */
const LN_BITS = 10;
const LN_CELLS = 1 << LN_BITS;
const LN_CENTRE = new Float64Array(LN_CELLS);
const INV_CENTRE = new Float64Array(LN_CELLS);
for (let i = 0; i < LN_CELLS; i++) {
  const centre = 1 + (i + 0.5) / LN_CELLS;
  LN_CENTRE[i] = Math.log(centre);
  INV_CENTRE[i] = 1 / centre;
}
const LN2 = Math.LN2;
const TWO_POW_MINUS_31 = 1 / 2147483648;

export function lnOpen(k: number): number {
  const x = (k + 1) | 0; // 2^32 wraps to 0: ln 1
  if (x === 0) return 0;
  const e = 31 - Math.clz32(x);
  const y = (x << (31 - e)) >>> 0; // the leading one at bit 31
  const i = (y >>> (31 - LN_BITS)) & (LN_CELLS - 1);
  const z = y * TWO_POW_MINUS_31 * INV_CENTRE[i] - 1; // y · 2^−31 is m, exactly
  return (e - 32) * LN2 + LN_CENTRE[i] + z * (1 - z * (0.5 - z * (1 / 3 - z * 0.25)));
}

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 1;

  constructor(seed: number, stream = 0) {
    this.reset(seed, stream);
  }

  /**
   * Restart on the stream derived from (seed, stream, key): `key` names what draws from it (a
   * component's hashed id), so a component's draws do not depend on which other components exist.
   */
  reset(seed: number, stream: number, key = 0): void {
    const s = mix32(seed >>> 0);
    const t = mix32((s ^ Math.imul(stream >>> 0, 0x27d4eb2f) ^ (key === 0 ? 0 : mix32(key >>> 0))) >>> 0);
    // keep every field a small integer (int32) so V8 stores them unboxed
    this.a = mix32(t) | 0;
    this.b = mix32(this.a ^ 0x6a09e667) | 0;
    this.c = mix32(this.b ^ 0xbb67ae85) | 0;
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Copy the state into `out` at `at` (a, b, c, d). */
  saveTo(out: Int32Array, at: number): void {
    out[at] = this.a;
    out[at + 1] = this.b;
    out[at + 2] = this.c;
    out[at + 3] = this.d;
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform in (0, 1]: safe for logarithms. */
  nextOpen(): number {
    return (this.nextUint32() + 1) / TWO_POW_32;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -lnOpen(this.nextUint32()) * mean;
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.nextOpen())) * Math.cos(2 * Math.PI * this.next());
  }
}

/**
 * Many sfc32 streams side by side in one Int32Array (a, b, c, d per stream): the engine's per-component
 * streams, drawn in its hot loop without an object per stream. Stream k after reset(k, seed, stream,
 * key) gives exactly the numbers of `new Rng(seed, stream)` after `reset(seed, stream, key)`.
 */
export class Streams {
  readonly state: Int32Array;
  private readonly seeder = new Rng(0, 0);

  constructor(count: number) {
    this.state = new Int32Array(count * 4);
  }

  reset(k: number, seed: number, stream: number, key = 0): void {
    this.seeder.reset(seed, stream, key);
    this.seeder.saveTo(this.state, k * 4);
  }

  /** The next 32-bit draw of stream k. */
  nextUint32(k: number): number {
    const s = this.state;
    const o = k * 4;
    const a = s[o];
    const b = s[o + 1];
    const c = s[o + 2];
    const d = s[o + 3];
    const t = (((a + b) | 0) + d) | 0;
    s[o] = b ^ (b >>> 9);
    s[o + 1] = (c + (c << 3)) | 0;
    s[o + 2] = (((c << 21) | (c >>> 11)) + t) | 0;
    s[o + 3] = (d + 1) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1) from stream k. */
  next(k: number): number {
    return this.nextUint32(k) / TWO_POW_32;
  }
}

/**
 * Failures before the next success of Bernoulli(p) trials, given `invLogQ` = 1 / ln(1 − p):
 * the gap to the next rare event, so rare events cost one draw each instead of one per trial.
 */
export function geometricGap(rng: Rng, invLogQ: number): number {
  return gap(rng.nextUint32(), invLogQ);
}

/** `geometricGap` from a 32-bit draw k already taken. */
export function gap(k: number, invLogQ: number): number {
  if (invLogQ === 0) return 0; // p = 1
  if (invLogQ === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY; // p = 0
  return Math.floor(lnOpen(k) * invLogQ);
}

/** 1 / ln(1 − p) for `geometricGap`: 0 when p = 1 (no gap), −∞ when p = 0 (no event). */
export function invLogComplement(p: number): number {
  if (p >= 1) return 0;
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  return 1 / Math.log1p(-p);
}

/** FNV-1a hash of a string: the stream key of a component or common cause, from its id. */
export function streamKey(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Stream keys for a list of ids, made distinct (a hash collision would correlate two streams). */
export function streamKeys(ids: readonly string[]): Uint32Array {
  const keys = new Uint32Array(ids.length);
  const used = new Set<number>();
  ids.forEach((id, i) => {
    let k = streamKey(id);
    for (let salt = 1; used.has(k); salt++) k = streamKey(`${id}\u0000${salt}`);
    used.add(k);
    keys[i] = k;
  });
  return keys;
}
