/**
 * Bit-parallel trials: trial t of a word is bit t, so a 32-bit mask holds the outcome of 32 trials.
 * These helpers name the few bit tricks the engine's passes use.
 */

/** Number of set bits of a 32-bit word (SWAR population count). */
export function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}

/**
 * Index of the lowest set bit of a non-zero word: x & −x isolates it, 31 − clz32 is its position.
 * Loops over set bits read it and then clear it with `bits &= bits - 1`.
 */
export function lowestBit(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** Trials in a word's valid mask (−1: all 32). */
export function trialsIn(valid: number): number {
  return valid === -1 ? 32 : popcount(valid);
}

/** Whether bit b of mask is set, as 0 or 1. */
export function bitOf(mask: number, b: number): number {
  return (mask >>> b) & 1;
}
