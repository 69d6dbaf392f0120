/** The timeline worker's runner (SPEC §11): slices stream the result so far, a newer run or a cancel ends the old one. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runTimeline } from "../../src/engine/index.ts";
import type { Model } from "../../src/model/index.ts";
import { TimelineRunner } from "../../workers/timeline-core.ts";

const hello = (): Model => JSON.parse(readFileSync("public/templates/hello.seams.json", "utf8"));

/** A clock that moves 60 ms each time it is read: a slice of 100 ms holds two steps. */
function fakeClock(): () => number {
  let t = 0;
  return () => {
    t += 60;
    return t;
  };
}

describe("timeline runner", () => {
  it("streams growing slices and ends with the same result as one uninterrupted run", () => {
    const model = hello();
    const runner = new TimelineRunner(fakeClock());
    runner.begin(1, model, { hours: 6, seed: 3 });
    const bins: number[] = [];
    let last: ReturnType<TimelineRunner["step"]>;
    for (;;) {
      last = runner.step(1, 100);
      if (!last) throw new Error("the run ended early");
      bins.push(last.result.minutes.length);
      if (last.done) break;
    }
    expect(bins.length).toBeGreaterThan(2);
    expect(bins).toEqual([...bins].sort((a, b) => a - b));
    expect(last.progress).toBe(1);
    expect(last.result).toEqual(runTimeline(model, { hours: 6, seed: 3 }));
    expect(runner.step(1)).toBeUndefined();
  });

  it("a newer run or a cancel ends the one before", () => {
    const runner = new TimelineRunner(fakeClock());
    runner.begin(1, hello(), { hours: 6, seed: 1 });
    expect(runner.step(1, 100)?.done).toBe(false);
    runner.begin(2, hello(), { hours: 6, seed: 1 });
    expect(runner.step(1, 100)).toBeUndefined();
    expect(runner.step(2, 100)?.run).toBe(2);
    runner.cancel();
    expect(runner.step(2, 100)).toBeUndefined();
  });
});
