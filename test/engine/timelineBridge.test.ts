/**
 * The bridge from time to snapshot (SPEC §11): on models without capacity limits or degradation,
 * the long-run time averages of "component functional" and "charger usable" agree with the snapshot
 * Monte Carlo of SPEC §3 within their intervals — on the five-component "hello" model and on the
 * reference ecosystem. Each time average comes from 8 independent year-long runs (batch means).
 */
import { describe, expect, it } from "vitest";
import { runTimeline, simulateReliability } from "../../src/engine/index.ts";
import { type Model, resolveComponent } from "../../src/model/index.ts";
import { referenceModel, templateModel } from "../fixtures/templates.ts";

const REPLICATIONS = 8;
const HOURS = 24 * 366;
/** Student t 0.975 quantile for 7 degrees of freedom. */
const T_7 = 2.365;

/**
 * The model without degradation, capacities or base load (what the bridge is stated for); sites
 * send a heartbeat a day and see no drivers, as traffic changes no state here and the year-long
 * runs stay short.
 */
function withoutLoad(model: Model): Model {
  return {
    ...model,
    incidents: [],
    components: model.components.map(({ capacityPerSecond, concurrency, baseLoad, ...c }) => ({
      ...c,
      degradedProbability: 0,
      ...(c.type === "charger" ? { heartbeatSeconds: 86_400, sessionsPerDay: 0 } : {}),
    })),
  };
}

function expectBridge(model: Model): void {
  const snapshot = simulateReliability(model, 1 << 20, 11);
  const runs = Array.from({ length: REPLICATIONS }, (_, k) =>
    runTimeline(model, { hours: HOURS, seed: 500 + k }),
  );
  let compared = 0;
  for (const component of model.components) {
    const id = component.id;
    const values = runs.map((r) => 1 - r.components[id].downFraction);
    const mean = values.reduce((a, b) => a + b, 0) / REPLICATIONS;
    const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (REPLICATIONS - 1));
    // a rare outage may not happen in every run (sd 0): the interval is at least that of the
    // compound-Poisson downtime, outages at rate q/m with Exp(m) lengths: sd² = 2·q·m/T
    const q = 1 - snapshot.components[id].functional.p;
    const m = resolveComponent(component).mttrHours;
    const poissonHalf = 1.96 * Math.sqrt((2 * q * m) / (REPLICATIONS * HOURS));
    const timeHalf = Math.max((T_7 * sd) / Math.sqrt(REPLICATIONS), poissonHalf);
    const snap = snapshot.components[id].functional;
    const snapHalf = (snap.ci95[1] - snap.ci95[0]) / 2;
    // both intervals are 95 %; 3σ of the difference keeps 41 comparisons from failing by chance
    const tolerance = (3 / 1.96) * Math.hypot(timeHalf, snapHalf) + 1e-6;
    expect(
      Math.abs(mean - snap.p),
      `${id}: time ${mean} ± ${timeHalf}, snapshot ${snap.p} ± ${snapHalf}`,
    ).toBeLessThan(tolerance);
    const charger = snapshot.chargers[id];
    if (charger !== undefined) {
      expect(Math.abs(mean - charger.usable.p), `${id} usable`).toBeLessThan(tolerance);
      compared++;
    }
  }
  expect(compared).toBe(model.components.filter((c) => c.type === "charger").length);
}

describe("timeline: the bridge to the snapshot", () => {
  it("agrees with the snapshot on the hello model", () => {
    expectBridge(withoutLoad(templateModel("hello.seams.json")));
  });

  it("agrees with the snapshot on the reference ecosystem", () => {
    expectBridge(withoutLoad(referenceModel()));
  });
});
