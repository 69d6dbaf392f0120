/**
 * Metastable failures (SPEC §11, issue 16): a provider at base load 0.4 μ with a timeout of 20 mean
 * service times loses 70 % of its capacity for 10 minutes. With 1 retry it drains (≈ 25 minutes)
 * and recovers; with 3 immediate retries every request times out once the backlog builds, it is
 * offered 1.6 μ and stays overloaded; backoff and jitter alone change nothing (same retry volume);
 * a 10 % retry budget recovers; without an incident the 3-retry provider stays healthy.
 */
import { describe, expect, it } from "vitest";
import { runTimeline, type TimelineResult } from "../../src/engine/index.ts";
import { providerModel } from "./timelineModels.ts";

const MU = 10;
const HOURS = 6;

function run(
  policy: { retries: number; retryBackoffMs?: number; jitter?: boolean; retryBudget?: number },
  incident = true,
): TimelineResult {
  const model = providerModel({
    capacityPerSecond: MU,
    perSecond: 0.4 * MU,
    timeoutMs: (20 / MU) * 1000,
    ...policy,
  });
  model.incidents = incident
    ? [
        {
          id: "squeeze",
          name: "capacity ×0.3",
          target: "api",
          effect: "capacity",
          factor: 0.3,
          atMinutes: 60,
          durationMinutes: 10,
        },
      ]
    : [];
  return runTimeline(model, { hours: HOURS, seed: 5 });
}

/** First minute after the incident's end (minute 70) from which the queue stays near empty. */
function drainedAfterMinutes(r: TimelineResult): number | null {
  const queue = r.series.queue.api;
  for (let b = 70; b < queue.length; b++) if (queue.slice(b, b + 30).every((q) => q < 5)) return b - 70;
  return null;
}

describe("timeline: metastable overload", () => {
  it("with 1 retry the provider drains in about 25 minutes and is not metastable", () => {
    const r = run({ retries: 1 });
    expect(r.components.api.metastable).toBe(false);
    const drained = drainedAfterMinutes(r);
    expect(drained).not.toBeNull();
    expect(drained as number).toBeGreaterThan(15);
    expect(drained as number).toBeLessThan(40);
    expect(r.incidents.squeeze.recoverMinutes).not.toBeNull();
    expect(r.incidents.squeeze.recoverMinutes as number).toBeGreaterThan(10 + 15);
    expect(r.incidents.squeeze.recoverMinutes as number).toBeLessThan(10 + 60);
  });

  it("with 3 immediate retries it stays overloaded at about 1.6 μ after the incident", () => {
    const r = run({ retries: 3 });
    expect(r.components.api.metastable).toBe(true);
    const late = r.series.load.api.slice(180, 360);
    const mean = late.reduce((a, b) => a + b, 0) / late.length;
    expect(mean / MU).toBeGreaterThan(1.5);
    expect(mean / MU).toBeLessThan(1.7);
    expect(r.incidents.squeeze.recoverMinutes).toBeNull();
  });

  it("with backoff and jitter alone it stays metastable (the retry volume is unchanged)", () => {
    expect(run({ retries: 3, retryBackoffMs: 1000, jitter: true }).components.api.metastable).toBe(true);
  });

  it("with a 10 % retry budget it recovers", () => {
    const r = run({ retries: 3, retryBudget: 0.1 });
    expect(r.components.api.metastable).toBe(false);
    expect(drainedAfterMinutes(r)).not.toBeNull();
  });

  it("without an incident the 3-retry provider stays healthy for the whole horizon", () => {
    const r = run({ retries: 3 }, false);
    expect(r.components.api.metastable).toBeNull();
    expect(Math.max(...r.series.load.api)).toBeLessThan(0.6 * MU);
    expect(Math.max(...r.series.queue.api)).toBeLessThan(2);
  });

  it("the incident is detected by the provider's synthetic monitor once calls time out", () => {
    const r = run({ retries: 1 });
    const detect = r.incidents.squeeze.detectMinutes;
    expect(detect).not.toBeNull();
    expect(detect as number).toBeGreaterThan(0);
    expect(detect as number).toBeLessThan(10);
  });
});
