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
    return -Math.log(this.nextOpen()) * mean;
  }

  /** Standard normal (Box–Muller, one value per call). */
  normal(): number {
    return Math.sqrt(-2 * Math.log(this.nextOpen())) * Math.cos(2 * Math.PI * this.next());
  }
}

/**
 * Failures before the next success of Bernoulli(p) trials, given `invLogQ` = 1 / ln(1 − p):
 * the gap to the next rare event, so rare events cost one draw each instead of one per trial.
 */
export function geometricGap(rng: Rng, invLogQ: number): number {
  if (invLogQ === 0) return 0; // p = 1
  if (invLogQ === Number.NEGATIVE_INFINITY) return Number.POSITIVE_INFINITY; // p = 0
  return Math.floor(Math.log(rng.nextOpen()) * invLogQ);
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
