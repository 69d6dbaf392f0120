/**
 * Status pushes served at the receiver (SPEC §11: "pushes and heartbeats at the receiver"): a push
 * to a hub with a capacity queues behind the hub's other work, so an M/M/1 hub adds its mean sojourn
 * 1/(μ − λ) to every status hop through it; a slow hub's pushes time out and leave the hub and
 * everything downstream stale until the source changes again. A timed-out attempt counts as a
 * response of its timeout in the provider's mean and p95. A driver's app lookup is a call to an app
 * with a capacity: an app too slow to answer leaves its drivers seeing nothing.
 */
import { describe, expect, it } from "vitest";
import { runTimeline } from "../../src/engine/index.ts";
import type { Incident, Model } from "../../src/model/index.ts";
import { referenceModel } from "../fixtures/templates.ts";
import { batchMean, modelOf, providerModel } from "./timelineModels.ts";

const fixed = (ms: number) => ({ p50: ms, p95: ms });
const SEEDS = Array.from({ length: 10 }, (_, k) => 301 + k);

/**
 * `sites` chargers of 4 units → a CSMS → a hub (capacity μ, base load λ without timeouts) → an app;
 * status transits of 2 s, 3 s and 1 s; `hubLink` sets the hub's status link policy.
 */
function chain(
  sites: number,
  hub: { capacityPerSecond?: number; perSecond: number },
  hubLink: { timeoutMs?: number; retries?: number } = {},
): Model {
  const perfect = { availability: 1, degradedProbability: 0 };
  const siteIds = Array.from({ length: sites }, (_, k) => `s${k}`);
  return modelOf(
    [
      ...siteIds.map((id) => ({ id, type: "charger" as const, units: 4, unitAvailability: 1, ...perfect })),
      { id: "csms", type: "csms", ...perfect },
      {
        id: "hub",
        type: "hub",
        ...perfect,
        capacityPerSecond: hub.capacityPerSecond,
        baseLoad: { perSecond: hub.perSecond, timeoutMs: 1e9, retries: 0 },
      },
      { id: "app", type: "emsp", ...perfect },
    ],
    [
      ...siteIds.map((id) => ({
        from: "csms",
        to: id,
        kind: "async" as const,
        flows: ["status" as const],
        latencyMs: fixed(2000),
        timeoutMs: 60_000,
      })),
      { from: "hub", to: "csms", kind: "async", flows: ["status"], latencyMs: fixed(3000), ...hubLink },
      { from: "app", to: "hub", kind: "async", flows: ["status"], latencyMs: fixed(1000) },
    ],
  );
}

/** Site k down for a minute at minute `first + every × k`. */
function faults(sites: number, first: number, every: number): Incident[] {
  return Array.from({ length: sites }, (_, k) => ({
    id: `f${k}`,
    name: `s${k} down`,
    target: `s${k}`,
    effect: "down" as const,
    atMinutes: first + every * k,
    durationMinutes: 1,
  }));
}

describe("timeline: status pushes are served at the receiver", () => {
  it("without a capacity at the hub a fault reaches the app after the transits alone (as before)", () => {
    const model = chain(30, { perSecond: 0.8 }, { timeoutMs: 60_000 });
    model.incidents = faults(30, 10, 3);
    const r = runTimeline(model, { hours: 2, seed: 1 });
    // each fault: 4 units shown by the app, not usable, for 2 + 3 + 1 s
    expect(r.summary.phantomMinutes).toBeCloseTo((30 * 4 * 6) / 60, 6);
    expect(r.components.hub.timeouts).toBe(0);
  });

  it("an M/M/1 hub adds its mean sojourn 1/(μ − λ) to the delivery: 6 s + 5 s at μ = 1/s, λ = 0.8/s", () => {
    const mu = 1;
    const lambda = 0.8;
    const model = chain(30, { capacityPerSecond: mu, perSecond: lambda }, { timeoutMs: 600_000 });
    model.incidents = faults(30, 10, 3);
    const perFault = SEEDS.map((seed) => {
      const r = runTimeline(model, { hours: 2, seed });
      // the hub served the pushes as calls: counted in its offered load with its base load
      expect(r.components.hub.timeouts).toBe(0);
      return (r.summary.phantomMinutes * 60) / 4 / 30;
    });
    const { mean, halfWidth } = batchMean(perFault);
    const exact = 2 + 3 + 1 + 1 / (mu - lambda);
    expect(Math.abs(mean - exact), `mean ${mean} ± ${halfWidth}, exact ${exact}`).toBeLessThan(halfWidth);
    // 30 faults × 10 runs: the interval is well inside the 5 s the hub adds
    expect(halfWidth, `mean ${mean} ± ${halfWidth}`).toBeLessThan(1);
  });

  it("a slow hub's pushes time out: the hub and the app stay stale on the last value until the next change", () => {
    // hub: μ = 10/s at base load 4/s; slow ×20 from minute 60 to 120 (0.5/s: the queue grows ~3.5/s
    // and drains at 6/s, by about minute 155); pushes time out after 5 s, one retry
    const model = chain(1, { capacityPerSecond: 10, perSecond: 4 }, { timeoutMs: 5000, retries: 1 });
    const down = (id: string, atMinutes: number, durationMinutes: number): Incident => ({
      id,
      name: id,
      target: "s0",
      effect: "down",
      atMinutes,
      durationMinutes,
    });
    model.incidents = [
      down("before", 30, 10),
      {
        id: "slow",
        name: "hub slow",
        target: "hub",
        effect: "slow",
        factor: 20,
        atMinutes: 60,
        durationMinutes: 60,
      },
      down("during", 70, 10),
      down("after", 170, 10),
    ];
    const r = runTimeline(model, { hours: 4, seed: 2 });
    const { shown, staleMinutes, trueAvailable } = r.series;
    const sum = (xs: number[], from: number, to: number) => xs.slice(from, to).reduce((a, b) => a + b, 0);
    // before: the fault reaches the app within a few seconds, nothing is stale
    expect(trueAvailable[35]).toBe(0);
    expect(shown.app[35]).toBe(0);
    expect(sum(staleMinutes.hub, 0, 70) + sum(staleMinutes.app, 0, 70)).toBe(0);
    // during: the CSMS knows at once, the hub's push times out twice: hub and app keep showing 4
    expect(shown.csms[75]).toBe(0);
    expect(shown.hub[75]).toBe(4);
    expect(shown.app[75]).toBe(4);
    expect(staleMinutes.hub[75]).toBeGreaterThan(0);
    expect(staleMinutes.app[75]).toBeGreaterThan(0);
    // the repair's push fails as well (the hub never hears of either change): stale ages keep growing
    // after the incident, until the next change at minute 170 gets through the drained hub
    expect(staleMinutes.app[160]).toBeGreaterThan(staleMinutes.app[100]);
    expect(shown.app[175]).toBe(0);
    expect(sum(staleMinutes.app, 172, 240)).toBe(0);
    // phantom: the 10 minutes the app showed the down site (and a few seconds per other fault)
    expect(r.summary.phantomMinutes).toBeGreaterThan(4 * 10);
    expect(r.summary.phantomMinutes).toBeLessThan(4 * 10.5);
    // the hub's timeouts are the two pushes' two attempts each (its base load never times out)
    expect(r.components.hub.timeouts).toBe(4);
  });
});

describe("timeline: a timed-out attempt is a response of its timeout", () => {
  it("an M/M/1 provider with timeout T answers in E[min(S, T)] = (1 − e^(−(μ−λ)T))/(μ−λ); p95 is T", () => {
    const mu = 10;
    const lambda = 6;
    const timeoutSeconds = 0.3;
    const model = providerModel({
      capacityPerSecond: mu,
      perSecond: lambda,
      timeoutMs: timeoutSeconds * 1000,
    });
    const runs = SEEDS.map((seed) => runTimeline(model, { hours: 2, seed }));
    const a = mu - lambda;
    const { mean, halfWidth } = batchMean(runs.map((r) => (r.components.api.meanResponseMs ?? 0) / 1000));
    const exact = (1 - Math.exp(-a * timeoutSeconds)) / a;
    expect(Math.abs(mean - exact), `mean ${mean} ± ${halfWidth}, exact ${exact}`).toBeLessThan(halfWidth);
    // P(S > T) = e^(−1.2) = 30 % of the attempts time out: the p95 is the timeout's histogram bin
    for (const r of runs) {
      const p95 = r.components.api.p95ResponseMs ?? 0;
      expect(p95).toBeGreaterThanOrEqual(timeoutSeconds * 1000);
      expect(p95).toBeLessThan(timeoutSeconds * 1000 * 1.13);
      const series = r.series.latencyP95Ms.api.filter((x) => x !== null);
      expect(series.every((x) => (x ?? 0) >= timeoutSeconds * 1000)).toBe(true);
      const attempts = r.series.load.api.reduce((s, x) => s + x * 60, 0);
      expect(r.components.api.timeouts / attempts).toBeGreaterThan(0.25);
    }
  });
});

describe("timeline: the driver's app lookup is a call", () => {
  it("an app squeezed to nothing for 8 hours answers no lookup: its drivers see nothing, demand success falls", () => {
    const run = (squeezed: boolean) => {
      const model = referenceModel();
      const app = model.components.find((c) => c.id === "emsp-plugfinder");
      if (app) app.capacityPerSecond = 5;
      model.incidents = squeezed
        ? [
            {
              id: "squeeze",
              name: "plugfinder capacity ×0.0001",
              target: "emsp-plugfinder",
              effect: "capacity",
              factor: 1e-4,
              atMinutes: 480,
              durationMinutes: 480,
            },
          ]
        : [];
      return runTimeline(model, { hours: 24, seed: 1 });
    };
    const healthy = run(false);
    const squeezed = run(true);
    const during = (r: ReturnType<typeof run>) => {
      const xs = r.series.demandSuccess.slice(490, 960).filter((x): x is number => x !== null);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    // the healthy app answers every lookup (5/s for a few lookups a minute)
    expect(healthy.components["emsp-plugfinder"].timeouts).toBe(0);
    // squeezed: a lookup waits ~2,000 s for its answer, past the 5 s timeout — every one offered
    // during the squeeze times out (its base-load policy: no retry)
    const offered = squeezed.series.load["emsp-plugfinder"].slice(481, 960).reduce((a, b) => a + b * 60, 0);
    const timeouts = squeezed.components["emsp-plugfinder"].timeouts;
    expect(offered).toBeGreaterThan(20);
    expect(timeouts).toBeGreaterThanOrEqual(offered - 1e-6);
    // plugfinder's drivers (about a fifth of the visits) make no attempt: demand success falls,
    // start success (per attempt made) does not
    expect(during(squeezed)).toBeLessThan(during(healthy) - 0.08);
    expect(Math.abs((squeezed.summary.ftcsr ?? 0) - (healthy.summary.ftcsr ?? 0))).toBeLessThan(0.02);
  });
});
