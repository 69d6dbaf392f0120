/**
 * The time-domain engine (SPEC §11) against closed forms: renewal processes, M/M/1 and M/M/c
 * queues, a cached consumer; determinism; incidents; bad input.
 */
import { describe, expect, it } from "vitest";
import { runTimeline, startTimeline, TimelineError } from "../../src/engine/index.ts";
import { referenceModel } from "../fixtures/templates.ts";
import { batchMean, modelOf, providerModel } from "./timelineModels.ts";

const SEEDS = Array.from({ length: 10 }, (_, k) => 101 + k);

describe("timeline: component processes", () => {
  it("the long-run down fraction of a component is MTTR/(MTBF+MTTR)", () => {
    const mtbfHours = 90;
    const mttrHours = 10;
    const model = modelOf([{ id: "x", mtbfHours, mttrHours, degradedProbability: 0 }]);
    const fractions = SEEDS.map(
      (seed) => runTimeline(model, { hours: 24 * 365, seed }).components.x.downFraction,
    );
    const { mean, halfWidth } = batchMean(fractions);
    expect(Math.abs(mean - mttrHours / (mtbfHours + mttrHours)), `mean ${mean} ± ${halfWidth}`).toBeLessThan(
      halfWidth,
    );
  });

  it("a cached consumer is down P(provider down)·e^(−TTL/MTTR) of the time", () => {
    const mttrHours = 2;
    const availability = 0.9;
    const ttlMinutes = 60;
    const model = modelOf(
      [
        { id: "consumer", availability: 1, degradedProbability: 0 },
        { id: "provider", availability, mttrHours, degradedProbability: 0 },
      ],
      [{ from: "consumer", to: "provider", kind: "cached", ttlMinutes, failMode: "closed" }],
    );
    const fractions = SEEDS.map(
      (seed) => runTimeline(model, { hours: 24 * 365, seed }).components.consumer.downFraction,
    );
    const { mean, halfWidth } = batchMean(fractions);
    const exact = (1 - availability) * Math.exp(-ttlMinutes / 60 / mttrHours);
    expect(Math.abs(mean - exact), `mean ${mean} ± ${halfWidth}, exact ${exact}`).toBeLessThan(halfWidth);
  });

  it("the same seed gives the same run, another seed another", () => {
    const a = runTimeline(referenceModel(), { hours: 3, seed: 7 });
    const b = runTimeline(referenceModel(), { hours: 3, seed: 7 });
    const c = runTimeline(referenceModel(), { hours: 3, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("advancing by slices gives the run of one go, with bins up to the current time", () => {
    const whole = runTimeline(referenceModel(), { hours: 2, seed: 3 });
    const run = startTimeline(referenceModel(), { hours: 2, seed: 3 });
    expect(run.advance(30)).toBe(true);
    expect(run.result().minutes.length).toBe(30);
    expect(run.progress()).toBeCloseTo(0.25, 10);
    while (run.advance(7));
    expect(run.progress()).toBe(1);
    expect(JSON.stringify(run.result())).toBe(JSON.stringify(whole));
  });
});

describe("timeline: bad input", () => {
  it("refuses an incident on an unknown target, a horizon over the limit and an unknown incident id", () => {
    const model = modelOf([{ id: "x" }]);
    model.incidents = [
      { id: "i1", name: "gone", target: "nowhere", effect: "down", atMinutes: 0, durationMinutes: 5 },
    ];
    expect(() => runTimeline(model, { hours: 1, seed: 1 })).toThrow(
      /incidents\[0\]\.target: no component "nowhere"/,
    );
    model.incidents = [];
    expect(() => runTimeline(model, { hours: 1e6, seed: 1 })).toThrow(TimelineError);
    expect(() => runTimeline(model, { hours: 1, seed: 1, incidents: ["nope"] })).toThrow(
      /no incident "nope"/,
    );
  });
});

describe("timeline: queues", () => {
  it("an M/M/1 provider answers in 1/(μ−λ) on average, with P(response > t) = e^(−(μ−λ)t)", () => {
    const mu = 10;
    const lambda = 6;
    const model = providerModel({ capacityPerSecond: mu, perSecond: lambda });
    const runs = SEEDS.map((seed) => runTimeline(model, { hours: 6, seed }).components.api);
    const { mean, halfWidth } = batchMean(runs.map((r) => (r.meanResponseMs ?? 0) / 1000));
    expect(Math.abs(mean - 1 / (mu - lambda)), `mean ${mean} ± ${halfWidth}`).toBeLessThan(halfWidth);
    // the p95 is a histogram bin's upper edge (20 bins a decade: within 12 %)
    const p95 = Math.log(20) / (mu - lambda);
    for (const r of runs) expect(Math.abs((r.p95ResponseMs ?? 0) / 1000 / p95 - 1)).toBeLessThan(0.15);
  });

  it("an M/M/c provider waits as Erlang C says", () => {
    const mu = 2;
    const c = 3;
    const lambda = 4.5;
    const model = providerModel({ capacityPerSecond: mu, concurrency: c, perSecond: lambda });
    const a = lambda / mu;
    const rho = a / c;
    let sum = 0;
    for (let k = 0; k < c; k++) sum += a ** k / factorial(k);
    const top = a ** c / factorial(c) / (1 - rho);
    const erlangC = top / (sum + top);
    const exact = erlangC / (c * mu - lambda) + 1 / mu;
    const runs = SEEDS.map((seed) => runTimeline(model, { hours: 6, seed }).components.api);
    const { mean, halfWidth } = batchMean(runs.map((r) => (r.meanResponseMs ?? 0) / 1000));
    expect(Math.abs(mean - exact), `mean ${mean} ± ${halfWidth}, exact ${exact}`).toBeLessThan(halfWidth);
  });
});

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}

describe("timeline: status in time", () => {
  it("a loud charger fault reaches each viewer after the sum of the hop delays", () => {
    const fixed = (ms: number) => ({ p50: ms, p95: ms });
    const model = modelOf(
      [
        {
          id: "site",
          type: "charger",
          units: 4,
          availability: 1,
          unitAvailability: 1,
          degradedProbability: 0,
        },
        { id: "csms", type: "csms", availability: 1, degradedProbability: 0 },
        { id: "hub", type: "hub", availability: 1, degradedProbability: 0 },
        { id: "app", type: "emsp", availability: 1, degradedProbability: 0 },
      ],
      [
        // the site's heartbeats travel this link too: a timeout above its 20 s transit keeps them answered
        {
          from: "csms",
          to: "site",
          kind: "async",
          flows: ["status"],
          latencyMs: fixed(20_000),
          timeoutMs: 60_000,
        },
        { from: "hub", to: "csms", kind: "async", flows: ["status"], latencyMs: fixed(40_000) },
        { from: "app", to: "hub", kind: "async", flows: ["status"], latencyMs: fixed(10_000) },
      ],
    );
    model.incidents = [
      { id: "fault", name: "site down", target: "site", effect: "down", atMinutes: 10, durationMinutes: 30 },
    ];
    const r = runTimeline(model, { hours: 1, seed: 1 });
    // bins of a minute hold time averages: 4 units shown for the part of minute 10 or 11 before the news arrived
    expect(r.series.trueAvailable[10]).toBe(0);
    expect(r.series.shown.hub[10]).toBeCloseTo(4, 3); // 20 s + 40 s: the whole minute
    expect(r.series.shown.hub[11]).toBe(0);
    expect(r.series.shown.app[11]).toBeCloseTo((4 * 10) / 60, 3); // 20 + 40 + 10 s
    expect(r.series.shown.app[12]).toBe(0);
    // and back: the repair travels the same hops
    expect(r.series.shown.app[41]).toBeCloseTo((4 * 50) / 60, 3);
  });
});
