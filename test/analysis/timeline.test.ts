/** The timeline's view-models (SPEC §11): the clock people read, incident windows, the canvas at one bin. */
import { describe, expect, it } from "vitest";
import {
  binAt,
  coarsen,
  describeIncident,
  formatClock,
  incidentWindows,
  parseClock,
  timelineOverlays,
} from "../../src/analysis/timeline.ts";
import type { TimelineResult } from "../../src/engine/index.ts";
import type { Model } from "../../src/model/index.ts";

const model: Model = {
  schema: "seams/1",
  name: "t",
  orgs: [],
  components: [
    { id: "hub", type: "hub", name: "Interroam roaming hub", x: 0, y: 0 },
    { id: "app", type: "emsp", name: "PlugFinder app", x: 0, y: 0 },
  ],
  links: [{ id: "app--hub", from: "app", to: "hub", flows: ["status"], kind: "async" }],
  commonCauses: [],
  chains: [],
  settings: { trials: 1000, seed: 1, horizonDays: 30, systemicThreshold: 0.1 },
  incidents: [
    {
      id: "slow",
      name: "Hub slow",
      target: "hub",
      effect: "slow",
      factor: 20,
      atMinutes: 60,
      durationMinutes: 60,
    },
    { id: "cut", name: "Cut", target: "app--hub", effect: "partition", atMinutes: 150, durationMinutes: 30 },
  ],
};

/** Four bins of an hour: the hub offered 2 requests/s, timing out 720 of 7,200 in the second hour. */
const result = {
  hours: 4,
  seed: 1,
  binMinutes: 60,
  minutes: [0, 60, 120, 180],
  series: {
    trueAvailable: [10, 10, 8, 10],
    shown: { app: [10, 10, 10, 10] },
    ftcsr: [0.8, 0.7, null, 0.8],
    demandSuccess: [0.8, 0.7, null, 0.8],
    load: { hub: [2, 2, 2, 2] },
    served: { hub: [2, 1, 2, 2] },
    latencyP95Ms: { hub: [100, 9000, 100, 100] },
    queue: { hub: [0, 340.4, 0, 0] },
    timeouts: { hub: [0, 720, 0, 0] },
    staleMinutes: { app: [0, 1, 5, 0] },
  },
  components: {},
  incidents: {
    slow: { detectMinutes: 3, recoverMinutes: 80 },
    cut: { detectMinutes: null, recoverMinutes: null },
  },
  summary: { ftcsr: 0.77, demandSuccess: 0.75, reportedUptime: 0.99, phantomMinutes: 120, hiddenMinutes: 0 },
  events: 1,
} satisfies TimelineResult;

describe("timeline view-models", () => {
  it("reads and writes the clock as day and hh:mm", () => {
    expect(formatClock(1020)).toBe("day 1, 17:00");
    expect(formatClock(1440 + 75)).toBe("day 2, 01:15");
    expect(parseClock("17:00", 1)).toBe(1020);
    expect(parseClock("06:30", 2)).toBe(1440 + 390);
    expect(parseClock("25:00", 1)).toBeUndefined();
    expect(parseClock("5 pm", 1)).toBeUndefined();
    expect(binAt(result, 90)).toBe(1);
    expect(binAt(result, 10_000)).toBe(3);
  });

  it("describes incidents by their target's name and shades their windows", () => {
    expect(describeIncident(model, model.incidents?.[0] as never)).toBe(
      "Interroam roaming hub slow ×20, day 1, 01:00 for 1 h",
    );
    expect(describeIncident(model, model.incidents?.[1] as never)).toBe(
      "PlugFinder app → Interroam roaming hub partition, day 1, 02:30 for 30 min",
    );
    expect(incidentWindows(model, result)).toEqual([
      { id: "slow", name: "Hub slow", fromMinutes: 60, toMinutes: 120 },
      { id: "cut", name: "Cut", fromMinutes: 150, toMinutes: 180 },
    ]);
  });

  it("draws the hub's timed-out share, queue and load in its slow hour, and both ends of a cut link", () => {
    const quiet = timelineOverlays(model, result, 0, { kind: "true" });
    expect(quiet.hub.label).toBe("2.0 req/s offered");
    expect(quiet.hub.p).toBe(0);
    expect(quiet.app).toBeUndefined();
    const slow = timelineOverlays(model, result, 1, { kind: "true" });
    expect(slow.hub.p).toBeCloseTo(0.1, 12);
    expect(slow.hub.label).toBe("slow · queue 340 · 2.0 req/s offered · 10.0 % timed out");
    expect(slow.hub.fill).not.toBe(quiet.hub.fill);
    const cut = timelineOverlays(model, result, 2, { kind: "true" });
    expect(cut.hub.p).toBe(1);
    expect(cut.app.label).toBe("partition");
  });

  it("in a viewer's view, the viewer shows the units it claims against those that can charge", () => {
    const o = timelineOverlays(model, result, 2, { kind: "viewer", id: "app" });
    expect(o.app.label).toBe("shows 10 units available · 8 can charge");
    expect(o.app.p).toBeCloseTo(0.2, 12);
  });
});

describe("coarsen", () => {
  it("averages the measured values of each block; a block with none is null", () => {
    expect(coarsen([1, 3, null, null, 5], 2)).toEqual([2, null, 5]);
    expect(coarsen([1, null], 1)).toEqual([1, null]);
  });
});
