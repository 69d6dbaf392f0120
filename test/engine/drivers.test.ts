/**
 * The driver's view (SPEC §10) against exact answers: unit faults seen fresh, a hub outage for own
 * customers and roaming drivers, the real-time share, a path slower than the driver's patience.
 */
import { describe, expect, it } from "vitest";
import { simulateReliability, simulateWhatIf } from "../../src/engine/index.ts";
import type { Estimate } from "../../src/engine/types.ts";
import type { Driver, Model } from "../../src/model/index.ts";
import { charger, comp, link, model } from "../fixtures/cases.ts";
import { referenceModel } from "../fixtures/templates.ts";

const TRIALS = 40_000;
const fixed = (ms: number) => ({ p50: ms, p95: ms });

/** p within the estimate's interval widened by a little float slack (exact answers, expectation tallies). */
function expectWithin(e: Estimate | undefined, exact: number, what: string, slack = 1e-9): void {
  expect(e, what).toBeDefined();
  const est = e as Estimate;
  const half = Math.max((est.ci95[1] - est.ci95[0]) / 2, slack);
  expect(Math.abs(est.p - exact), `${what}: ${est.p} vs exact ${exact} (±${half})`).toBeLessThanOrEqual(
    2 * half + slack,
  );
}

describe("the driver's view (SPEC §10)", () => {
  it("silent unit faults seen fresh: start success a / (a + (1 − a)·s), P(seen) 1 − ((1 − a)(1 − s))^units", () => {
    const a = 0.9;
    const s = 0.5;
    const m = model(
      [
        charger("c", { availability: 1, units: 4, unitAvailability: a, unitSilentShare: s, startFailure: 0 }),
        comp("csms", "csms", { availability: 1, latencyMs: fixed(100) }),
      ],
      [
        link("c", "csms", { latencyMs: fixed(10), timeoutMs: 5000 }),
        link("csms", "c", { kind: "async", flows: ["status"] }),
      ],
      { drivers: [{ id: "own", name: "Own customers", share: 1, app: "csms", pays: "token" }] },
    );
    const r = simulateReliability(m, TRIALS, 1);
    const seen = 1 - ((1 - a) * (1 - s)) ** 4;
    const ftcsr = a / (a + (1 - a) * s);
    expectWithin(r.system.ftcsr, ftcsr, "system start success");
    expectWithin(r.drivers?.own.ftcsr, ftcsr, "population start success");
    expectWithin(r.chargers.c.ftcsr, ftcsr, "site start success");
    expectWithin(r.system.seen, seen, "P(seen)");
    expectWithin(r.system.demandSuccess, seen * ftcsr, "demand success");
    expectWithin(r.system.reportedUptime, 1 - (1 - a) * (1 - s), "reported uptime");
    expectWithin(r.system.trueUptime, a, "true uptime");
    expectWithin(r.drivers?.own.causes.unitFault, seen * (1 - ftcsr), "unit faults");
    expectWithin(r.drivers?.own.causes.notShown, 1 - seen, "not shown");
  });

  /**
   * One site, its CSMS, a roaming hub (soft real-time authorisation) and an eMSP; own customers
   * (app: the CSMS) and roaming drivers (app: the eMSP), each half the visits.
   */
  const roaming = (hub: Partial<Parameters<typeof comp>[2]> = {}, drivers?: Driver[]): Model =>
    model(
      [
        charger("c", { availability: 1, units: 2, unitAvailability: 1, startFailure: 0 }),
        comp("csms", "csms", { availability: 1, latencyMs: fixed(100) }),
        comp("hub", "hub", { availability: 0.9, mttrHours: 2, latencyMs: fixed(200), ...hub }),
        comp("emsp", "emsp", { availability: 1, latencyMs: fixed(100) }),
      ],
      [
        link("c", "csms", {
          kind: "cached",
          ttlMinutes: 60,
          failMode: "open",
          latencyMs: fixed(10),
          timeoutMs: 5000,
        }),
        link("csms", "hub", { kind: "soft", latencyMs: fixed(10), timeoutMs: 60_000, retries: 0 }),
        link("hub", "emsp", { latencyMs: fixed(10), timeoutMs: 5000 }),
        link("csms", "c", { kind: "async", flows: ["status"] }),
        link("hub", "csms", { kind: "async", flows: ["status"] }),
        link("emsp", "hub", { kind: "async", flows: ["status"] }),
      ],
      {
        drivers: drivers ?? [
          { id: "own", name: "Own customers", share: 0.5, app: "csms", pays: "token", realtimeShare: 0.05 },
          { id: "roam", name: "Roaming drivers", share: 0.5, app: "emsp", pays: "token", realtimeShare: 0.2 },
        ],
      },
    );

  it("a hub outage: own customers charge on; roaming drivers lose their real-time share, cached tokens pass", () => {
    const r = simulateReliability(roaming(), TRIALS, 2);
    expectWithin(r.drivers?.own.demandSuccess, 1, "own customers");
    // the hub is down 10 % of the time: the 20 % real-time tokens are refused then
    const roam = r.drivers?.roam;
    expect(roam?.demandSuccess.p).toBeGreaterThan(0.97);
    expect(roam?.demandSuccess.p).toBeLessThan(0.99);
    expectWithin(roam?.demandSuccess, 1 - 0.1 * 0.2, "roaming, hub down 10 %");
    expect(roam?.via.auth.hub).toBeGreaterThan(0);
    // forced down: exactly the real-time share is refused, at the hub
    const w = simulateWhatIf(roaming(), { components: { hub: "down" } }, TRIALS, 2);
    expectWithin(w.variant.drivers?.own.demandSuccess, 1, "own customers, hub down");
    expectWithin(w.variant.drivers?.roam.demandSuccess, 0.8, "roaming, hub down");
    expectWithin(w.variant.drivers?.roam.causes.auth, 0.2, "refused at authorisation");
    expect(Object.keys(w.variant.drivers?.roam.via.auth ?? {})).toEqual(["hub"]);
    // the paired change: 0.98 → 0.8 for roaming drivers, none for own customers
    const change = w.delta.drivers?.populations.roam.demandSuccess;
    expect(change?.mean).toBeCloseTo(-0.18, 2);
    expect(change?.significant).toBe(true);
    expect(w.delta.drivers?.populations.own.demandSuccess.mean).toBe(0);
    // site usability (SPEC §3) does not move: the real-time link is soft
    expect(w.delta.unusableKw.mean).toBe(0);
  });

  it("a hub slower than the driver's patience: the real-time share fails as too slow, and only when degraded", () => {
    // 40 s answers against a 30 s patience (the call itself does not time out: 60 s)
    const slow = roaming({ availability: 1, latencyMs: fixed(40_000) }, [
      {
        id: "roam",
        name: "Roaming drivers",
        share: 1,
        app: "emsp",
        pays: "token",
        realtimeShare: 0.2,
        patienceSeconds: 30,
      },
    ]);
    const r = simulateReliability(slow, TRIALS, 3);
    expectWithin(r.drivers?.roam.demandSuccess, 0.8, "roaming, hub slow");
    expectWithin(r.drivers?.roam.causes.tooSlow, 0.2, "too slow");
    // 5 s answers, ×10 when degraded: fine until the what-if degrades the hub
    const degradable = roaming({ availability: 1, latencyMs: fixed(5_000), degradedFactor: 10 }, [
      {
        id: "roam",
        name: "Roaming drivers",
        share: 1,
        app: "emsp",
        pays: "token",
        realtimeShare: 0.2,
        patienceSeconds: 30,
      },
    ]);
    const w = simulateWhatIf(degradable, { components: { hub: "degraded" } }, TRIALS, 3);
    expectWithin(w.baseline.drivers?.roam.demandSuccess, 1, "baseline");
    expectWithin(w.variant.drivers?.roam.demandSuccess, 0.8, "hub degraded");
    expectWithin(w.variant.drivers?.roam.causes.tooSlow, 0.2, "too slow when degraded");
  });

  it("on the reference: forcing any component down or degraded never raises demand success beyond the intervals", () => {
    const m = referenceModel();
    const raised: string[] = [];
    // the backends (a charger forced down only loses its own visits)
    for (const c of m.components.filter((x) => x.type !== "charger")) {
      for (const state of ["down", "degraded"] as const) {
        const w = simulateWhatIf(m, { components: { [c.id]: state } }, 4_000, 5);
        const change = w.delta.drivers?.demandSuccess;
        expect(change).toBeDefined();
        if ((change?.ci95[0] ?? 0) > 0) raised.push(`${c.id} ${state}: Δ ${change?.mean}`);
      }
    }
    expect(raised).toEqual([]);
  });
});
