/**
 * The driver's view's counted trials (src/engine/reliability/driverFold.ts): a batch folds them in
 * once at its end; a word run on its own (replays, paired what-ifs) folds them each word, and words
 * into two tallies keep them apart. Every way gives the same tallies, to summation order.
 */
import { describe, expect, it } from "vitest";
import { compileModel } from "../../src/engine/index.ts";
import {
  createTally,
  runBatch,
  runWord,
  startBatch,
  type Tally,
} from "../../src/engine/reliability/index.ts";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";

const TRIALS = 4096;
const ARRAYS = ["drvSuccess", "drvAttempt", "drvCause", "siteCause", "drvVia"] as const;

function expectClose(a: Tally, b: Tally): void {
  for (const name of ARRAYS) {
    const x = a[name];
    const y = b[name];
    let scale = 0;
    for (let i = 0; i < x.length; i++) scale = Math.max(scale, Math.abs(x[i]));
    expect(scale, `${name} is not all zero`).toBeGreaterThan(0);
    for (let i = 0; i < x.length; i++)
      expect(Math.abs(x[i] - y[i]), `${name}[${i}]`).toBeLessThanOrEqual(1e-12 * scale);
  }
}

describe("the driver's view's counted trials", () => {
  const c = compileModel(generateSyntheticModel(200, 1));

  it("a batch, its words one by one, and its words alternating between two tallies agree", () => {
    const batch = createTally(c);
    runBatch(c, 9, 0, TRIALS, batch);

    const words = createTally(c);
    const s = startBatch(c, 9, 0);
    for (let w = 0; w < TRIALS / 32; w++) runWord(c, s, w, TRIALS, words);

    // even words into one tally, odd into another: folded each word, then counted across the switches
    const split = (defer: boolean): [Tally, Tally] => {
      const even = createTally(c);
      const odd = createTally(c);
      const m = startBatch(c, 9, 0);
      const last = TRIALS / 32 - 1;
      for (let w = 0; w <= last; w++)
        runWord(c, m, w, TRIALS, w % 2 === 0 ? even : odd, -1, defer && w < last);
      return [even, odd];
    };
    const [evenEach, oddEach] = split(false);
    const [evenDeferred, oddDeferred] = split(true);

    expectClose(batch, words);
    expectClose(evenEach, evenDeferred);
    expectClose(oddEach, oddDeferred);
  });
});
