/**
 * The reference incidents as a domain expert reads them (SPEC §10, §11): reported uptime is the
 * operator's feed (what its CSMS shows), a CSMS that misses two heartbeats marks the site offline,
 * a slow hub is seen by its synthetic-monitored callers, each viewer shows its own (stale) count
 * while the true count moves, and forcing a failure never improves a figure.
 */
import { describe, expect, it } from "vitest";
import { runTimeline, type TimelineResult } from "../../src/engine/index.ts";
import { compileTimeline } from "../../src/engine/timeline/compile.ts";
import { type Model, TIMELINE_COMPONENT_DEFAULTS, TIMELINE_LINK_DEFAULTS } from "../../src/model/index.ts";
import { referenceModel } from "../fixtures/templates.ts";
import { modelOf } from "./timelineModels.ts";

const DAY = { hours: 24 };
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const window = (xs: number[], from: number, to: number) => xs.slice(from, to);

/** The reference run alone with `incidents` (none: []). */
function reference(seed: number, incidents: string[], edit?: (m: Model) => void): TimelineResult {
  const model = referenceModel();
  edit?.(model);
  return runTimeline(model, { ...DAY, seed, incidents });
}

describe("timeline: reported uptime is the operator's feed", () => {
  it("is the time average of what the CSMSs show, per unit", () => {
    const r = reference(1, []);
    const shown = r.series.trueAvailable.map(
      (_, b) => r.series.shown["csms-a"][b] + r.series.shown["csms-b"][b],
    );
    // every reference site has a CSMS: 154 units
    expect(r.summary.reportedUptime).toBeCloseTo(mean(shown) / 154, 3);
    expect(r.summary.reportedUptime).toBeLessThan(1);
  });

  it("falls when a CSMS is down (and stays down while its reconnect storm keeps heartbeats unanswered)", () => {
    for (const seed of [1, 2, 3]) {
      const none = reference(seed, []);
      const outage = reference(seed, ["csms-a-outage"]);
      // the 45 minutes alone take 45 × 72 unit-minutes of 154 × 1,440
      expect(outage.summary.reportedUptime).toBeLessThan(
        none.summary.reportedUptime - (45 * 72) / (154 * 1440),
      );
      expect(outage.summary.demandSuccess ?? 1).toBeLessThan(none.summary.demandSuccess ?? 0);
    }
  });

  it("a CSMS overloaded after its outage hides units that can charge: hidden rises where phantom does not", () => {
    for (const seed of [1, 2]) {
      const none = reference(seed, []);
      const outage = reference(seed, ["csms-a-outage"]);
      // csms-a's 72 units, shown offline by their overloaded CSMS for at least an hour after it is back
      expect(outage.summary.hiddenMinutes).toBeGreaterThan(none.summary.hiddenMinutes + 60 * 72);
      expect(none.summary.hiddenMinutes).toBeLessThan(0.01 * 154 * 1440);
    }
  });

  it("a CSMS marks a site offline after two unanswered heartbeats and back at the next answered one", () => {
    const model = modelOf(
      [
        { id: "site", type: "charger", units: 4, availability: 1, unitAvailability: 1, heartbeatSeconds: 60 },
        { id: "csms", type: "csms", availability: 1 },
      ],
      [{ from: "csms", to: "site", kind: "async", flows: ["status"], latencyMs: { p50: 50, p95: 50 } }],
    );
    for (const c of model.components) c.degradedProbability = 0;
    model.incidents = [
      {
        id: "cut",
        name: "link cut",
        target: "csms--site",
        effect: "partition",
        atMinutes: 10,
        durationMinutes: 20,
      },
    ];
    const r = runTimeline(model, { hours: 1, seed: 4 });
    expect(r.series.trueAvailable.every((x) => x === 4)).toBe(true);
    const shown = r.series.shown.csms;
    expect(mean(window(shown, 0, 10))).toBe(4);
    // cut: the CSMS shows nothing at once (its source is cut), the heartbeats go unanswered
    expect(mean(window(shown, 11, 30))).toBe(0);
    // healed at minute 30: the CSMS still waits for the next heartbeat (≤ 60 s + transit) before
    // it shows the 4 units again (a fresh status alone would take 50 ms)
    expect(shown[30]).toBeLessThan(3.5);
    expect(shown[30]).toBeGreaterThan(0);
    expect(mean(window(shown, 32, 60))).toBe(4);
  });
});

describe("timeline: the slow hub is detected by its callers", () => {
  it("csms-b's synthetic monitor sees its roaming calls time out; with liveness alone nobody does", () => {
    // csms-b's roaming calls (real-time authorisations, status pushes) are sparse: the first one to
    // time out comes 5 to 70 minutes into the 2-hour incident depending on the seed
    for (const seed of [1, 2, 3]) {
      const detect = reference(seed, ["hub-slow"]).incidents["hub-slow"].detectMinutes;
      expect(detect, `seed ${seed}`).not.toBeNull();
      expect(detect ?? 999).toBeGreaterThan(0);
      expect(detect ?? 999).toBeLessThan(120);
    }
    const blind = reference(1, ["hub-slow"], (m) => {
      for (const c of m.components) if (c.id === "csms-b") c.monitoring = "liveness";
    });
    expect(blind.incidents["hub-slow"].detectMinutes).toBeNull();
  });
});

describe("timeline: true vs shown per viewer", () => {
  it("on the csms-a outage the CSMS shows nothing, the hub and the apps keep its units (stale)", () => {
    const none = reference(1, []);
    const r = reference(1, ["csms-a-outage"]);
    const viewers = ["csms-a", "csms-b", "hub", "emsp-plugfinder", "emsp-greenpower", "emsp-fleetcharge"];
    expect(Object.keys(r.series.shown).sort()).toEqual([...viewers].sort());
    // the outage runs 08:00–08:45; bins of a minute
    const inOutage = (xs: number[]) => mean(window(xs, 482, 524));
    const beforeOutage = (xs: number[]) => mean(window(xs, 470, 479));
    expect(inOutage(r.series.shown["csms-a"])).toBe(0);
    for (const v of ["hub", "emsp-plugfinder", "emsp-greenpower", "emsp-fleetcharge"]) {
      expect(inOutage(r.series.shown[v]), v).toBe(beforeOutage(r.series.shown[v]));
      expect(inOutage(r.series.staleMinutes[v]), v).toBeGreaterThan(0);
      expect(beforeOutage(r.series.staleMinutes[v]), v).toBe(0);
    }
    // csms-a's sites authorise from their cache, fail-open: they truly keep charging
    expect(inOutage(r.series.trueAvailable)).toBe(inOutage(none.series.trueAvailable));
  });

  it("when the sites fail closed, the true count drops after the TTL while the apps still show them: phantom rises", () => {
    const failClosed = (m: Model) => {
      const a = m.incidents?.find((x) => x.id === "csms-a-outage");
      if (a) a.durationMinutes = 120;
      for (const l of m.links) if (l.to === "csms-a" && l.kind === "cached") l.failMode = "closed";
    };
    const none = reference(1, [], failClosed);
    const r = reference(1, ["csms-a-outage"], failClosed);
    // 08:00 + the 60-minute TTL: csms-a's units (72, a few of them down anyway) cannot charge until 10:00
    const late = (xs: number[]) => mean(window(xs, 545, 595));
    expect(late(none.series.trueAvailable) - late(r.series.trueAvailable)).toBeGreaterThan(60);
    expect(late(r.series.shown.hub)).toBe(late(none.series.shown.hub));
    // phantom over the day rises less than the hour's 60+ units: after the outage the overloaded
    // CSMS marks its sites offline, and a site shown offline is hidden, not phantom
    expect(r.summary.phantomMinutes).toBeGreaterThan(none.summary.phantomMinutes);
    expect(r.summary.reportedUptime).toBeLessThan(none.summary.reportedUptime);
  });
});

describe("timeline: one source of defaults", () => {
  it("the engine takes the time-domain defaults from the model's catalogue (resolveTimelineComponent/Link)", () => {
    const { degradedMinutes, heartbeatSeconds, concurrency } = TIMELINE_COMPONENT_DEFAULTS;
    const { jitter } = TIMELINE_LINK_DEFAULTS;
    const saved = [degradedMinutes.value, heartbeatSeconds.value, concurrency.value, jitter.value] as const;
    try {
      degradedMinutes.value = 45;
      heartbeatSeconds.value = 120;
      concurrency.value = 5;
      jitter.value = true;
      const cp = compileTimeline(referenceModel(), { hours: 1, seed: 1 });
      const hub = cp.c.componentIds.indexOf("emsp-plugfinder");
      expect(cp.degradedSeconds[hub]).toBe(45 * 60);
      expect(cp.servers[hub]).toBe(5);
      expect(Array.from(cp.heartbeatSeconds).every((s) => s === 120)).toBe(true);
      expect(Array.from(cp.jitter.subarray(0, cp.linkCount)).every((j) => j === 1)).toBe(true);
    } finally {
      [degradedMinutes.value, heartbeatSeconds.value, concurrency.value, jitter.value] = saved;
    }
  });
});
