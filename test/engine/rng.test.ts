/**
 * The engine's random numbers: the table logarithm against Math.log, and the stream bank against
 * the single-stream generator it must reproduce draw for draw.
 */
import { describe, expect, it } from "vitest";
import { gap, geometricGap, invLogComplement, lnOpen, Rng, Streams } from "../../src/engine/rng.ts";

describe("lnOpen: ln((k + 1) / 2^32) without Math.log", () => {
  it("agrees with Math.log to a few ulps on the edges and on a million draws", () => {
    const ks = [0, 1, 2, 3, 1023, 1024, 1025, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff];
    const rng = new Rng(3, 1);
    for (let n = 0; n < 1_000_000; n++) ks.push(rng.nextUint32());
    let worst = 0;
    for (const k of ks) {
      const exact = Math.log((k + 1) / 4294967296);
      worst = Math.max(worst, Math.abs(lnOpen(k) - exact) / Math.max(1, Math.abs(exact)));
    }
    expect(worst).toBeLessThan(2e-15);
    expect(lnOpen(0xffffffff)).toBe(0);
    expect(lnOpen(0)).toBeCloseTo(-32 * Math.LN2, 14);
  });

  it("geometric gaps keep their mean (1 − p) / p", () => {
    const rng = new Rng(9, 0);
    const p = 0.02;
    const inv = invLogComplement(p);
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const g = geometricGap(rng, inv);
      sum += g;
      sumSq += g * g;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sumSq / n - mean * mean);
    expect(Math.abs(mean - (1 - p) / p)).toBeLessThan((4 * sd) / Math.sqrt(n));
    expect(gap(123, 0)).toBe(0); // p = 1: no gap
    expect(gap(123, Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY); // p = 0: never
  });
});

describe("Streams: many sfc32 streams in one array", () => {
  it("stream k after reset(k, seed, stream, key) draws exactly what Rng does", () => {
    const bank = new Streams(3);
    const keys = [0, 0xdeadbeef, 12345];
    keys.forEach((key, k) => {
      bank.reset(k, 7, 4, key);
    });
    const singles = keys.map((key) => {
      const r = new Rng(0, 0);
      r.reset(7, 4, key);
      return r;
    });
    for (let n = 0; n < 1000; n++) {
      for (let k = 0; k < 3; k++) {
        if (n % 2 === 0) expect(bank.nextUint32(k)).toBe(singles[k].nextUint32());
        else expect(bank.next(k)).toBe(singles[k].next());
      }
    }
  });
});
