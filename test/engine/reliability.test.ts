/**
 * The reliability engine against exact answers (enumeration of every discrete state, SPEC §3) and
 * closed forms, within 4 standard errors at fixed seeds; plus determinism and the oracle.
 */

import { describe, expect, it } from "vitest";
import {
  batchCount,
  compileModel,
  createReliabilityTally,
  mergeReliabilityTally,
  type ReliabilityResult,
  runReliabilityBatch,
  simulateReliability,
  summarizeReliability,
} from "../../src/engine/index.ts";
import { callFailureProbability, logNormalOf } from "../../src/engine/latency.ts";
import { createTally, propagateWord, runWord, startBatch } from "../../src/engine/reliability/index.ts";
import { Rng } from "../../src/engine/rng.ts";
import type { Model } from "../../src/model/index.ts";
import { cases, charger, comp, link, model, slowCsms } from "../fixtures/cases.ts";
import type { OracleTally } from "../fixtures/oracle.ts";
import { simulateOracle } from "../fixtures/oracle.ts";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";
import { referenceModel } from "../fixtures/templates.ts";
import { expectClose } from "./close.ts";
import { enumerate } from "./exact.ts";

const TRIALS = 200_000;

/** Compare every component, charger, phantom/hidden pair and seam share with the enumeration. */
function compareWithExact(m: Model, r: ReliabilityResult, exact: OracleTally) {
  const ids = m.components.map((c) => c.id);
  ids.forEach((id, i) => {
    expectClose(
      r.components[id].functional.p,
      exact.functional[i] / exact.trials,
      r.trials,
      `${id} functional`,
    );
  });
  const chargers = m.components.filter((c) => c.type === "charger");
  chargers.forEach((c, ci) => {
    const ch = r.chargers[c.id];
    const pu = exact.usable[ci] / exact.trials;
    expectClose(ch.usable.p, pu, r.trials, `${c.id} usable`);
    if (1 - pu > 1e-3) {
      const unusableTrials = r.trials * (1 - ch.usable.p);
      expectClose(
        ch.seamFailure.p,
        exact.seam[ci] / exact.trials / (1 - pu),
        unusableTrials,
        `${c.id} seam share`,
      );
    }
  });
  for (const [key, v] of exact.phantom) {
    const [c, viewer] = key.split("|");
    expect(r.chargers[c].phantom[viewer], `phantom pair ${key} reported`).toBeDefined();
    expectClose(r.chargers[c].phantom[viewer].p, v / exact.trials, r.trials, `phantom ${key}`);
    expectClose(
      r.chargers[c].hidden[viewer].p,
      (exact.hidden.get(key) ?? 0) / exact.trials,
      r.trials,
      `hidden ${key}`,
    );
  }
  for (const [key, v] of exact.stale) {
    const [c, viewer] = key.split("|");
    expectClose(r.chargers[c].staleTariff[viewer].p, v / exact.trials, r.trials, `stale tariff ${key}`);
  }
  const pairs = [...exact.phantom.keys()].length;
  expect(Object.values(r.chargers).reduce((s, c) => s + Object.keys(c.phantom).length, 0)).toBe(pairs);
  m.links.forEach((l, j) => {
    expectClose(r.links[l.id].crossing.p, exact.crossing[j] / exact.trials, r.trials, `${l.id} crossing`);
  });
}

describe("reliability engine vs exact enumeration (4σ)", () => {
  for (const [name, m] of cases) {
    it(name, () => {
      const r = simulateReliability(m, TRIALS, 11);
      compareWithExact(m, r, enumerate(m));
    });
  }

  it("timeouts and retries under degradation: a slow provider fails calls", () => {
    const m = model(
      [charger("c", { availability: 1 }), slowCsms(0.3)],
      [link("c", "csms", { timeoutMs: 3000, retries: 1, latencyMs: { p50: 50, p95: 150 } })],
    );
    const r = simulateReliability(m, TRIALS, 5);
    const exact = enumerate(m);
    compareWithExact(m, r, exact);
    // and the quadrature itself against sampling (the oracle draws every attempt's latency)
    const o = simulateOracle(m, 100_000, 3);
    expectClose(o.usable[0] / o.trials, exact.usable[0] / exact.trials, o.trials, "oracle vs exact usable");
    expect(exact.usable[0] / exact.trials).toBeLessThan(0.95); // the case is not trivial
  });

  it("calls with different timeouts into one degraded provider: each its own probability (thinning)", () => {
    // the engine skips over (trial, call) slots at the largest P(timeout | degraded) and thins each
    // candidate to its own link's: three consumers with very different timeouts check that
    const m = model(
      [
        charger("a", { availability: 1 }),
        charger("b", { availability: 1 }),
        charger("c", { availability: 1 }),
        slowCsms(0.4),
      ],
      [
        link("a", "csms", { timeoutMs: 2000, retries: 0, latencyMs: { p50: 50, p95: 150 } }),
        link("b", "csms", { timeoutMs: 4000, retries: 1, latencyMs: { p50: 50, p95: 150 } }),
        link("c", "csms", { timeoutMs: 12000, retries: 0, latencyMs: { p50: 50, p95: 150 } }),
      ],
    );
    const exact = enumerate(m);
    const unusable = [0, 1, 2].map((ci) => 1 - exact.usable[ci] / exact.trials);
    expect(unusable[0]).toBeGreaterThan(2 * unusable[1]); // the three probabilities differ
    expect(unusable[1]).toBeGreaterThan(2 * unusable[2]);
    expect(unusable[2]).toBeGreaterThan(0.001);
    compareWithExact(m, simulateReliability(m, TRIALS, 8), exact);
  });

  it("the event calendar keeps rare events due beyond its ring (a batch longer than 256 words)", () => {
    // P(down) = 1e-4: most gaps are longer than the ring's 256 words (8,192 trials), so the events
    // come from the far list; were it never rescanned, outages would stop after the first 256 words
    const m = model([charger("c", { availability: 0.9999 })], []);
    const c = compileModel(m);
    const words = 20_000;
    const tally = createTally(c);
    const s = startBatch(c, 3, 0);
    for (let w = 0; w < words; w++) runWord(c, s, w, words * 32, tally);
    expectClose(tally.functional[0] / (words * 32), 1e-4, words * 32, "P(down) over 640,000 trials");
  });

  it("cache validity is 1 − exp(−ttl/mttr) (closed form)", () => {
    const m = model(
      [charger("c", { availability: 1 }), comp("csms", "csms", { availability: 0.5, mttrHours: 2 })],
      [link("c", "csms", { kind: "cached", ttlMinutes: 90, failMode: "closed" })],
    );
    const r = simulateReliability(m, TRIALS, 2);
    const expected = 0.5 + 0.5 * (1 - Math.exp(-1.5 / 2));
    expectClose(r.chargers.c.usable.p, expected, TRIALS, "usable");
  });
});

describe("hand-built cases", () => {
  it("phantom availability through a fail-open cache", () => {
    // the hub is down: the charger cannot authorise roaming drivers, the app still shows it available
    const m = model(
      [
        charger("c", { availability: 1 }),
        comp("csms", "csms", { availability: 1 }),
        comp("hub", "hub", { availability: 0.9 }),
        comp("app", "emsp", { availability: 1 }),
      ],
      [
        link("c", "csms", { flows: ["auth"] }),
        link("csms", "hub", { flows: ["auth"] }),
        link("csms", "c", { kind: "async", flows: ["status"] }),
        link("hub", "csms", { kind: "async", flows: ["status"] }),
        link("app", "hub", { kind: "cached", ttlMinutes: 10, failMode: "open", flows: ["status"] }),
      ],
    );
    const r = simulateReliability(m, TRIALS, 1);
    expectClose(r.chargers.c.phantom.app.p, 0.1, TRIALS, "phantom at the app");
    // the CSMS decides authorisation (a viewer) and sees the charger's own report
    expect(r.chargers.c.phantom.csms.p).toBe(0);
    expect(r.chargers.c.hidden.app.p).toBe(0);
    // pairs (c, csms), (c, hub), (c, app): only the app shows a stale "available" while the hub is down
    expectClose(r.system.phantomRate.mean, 0.1 / 3, TRIALS, "phantom rate over pairs");
  });

  it("chained caches add their TTLs (SPEC §3.4): P(charger fails) = 0.1·e^(−(0.5 h + 1.5 h)/4 h)", () => {
    const m = cases.find(([n]) => n.startsWith("chained caches"))?.[1] as Model;
    const exact = 0.1 * Math.exp(-0.5);
    const r = simulateReliability(m, TRIALS, 3);
    expectClose(1 - r.chargers.c.usable.p, exact, TRIALS, "charger unusable behind two caches");
    // the CSMS fails once its own 90-minute cache has run out
    expectClose(1 - r.components.csms.functional.p, 0.1 * Math.exp(-1.5 / 4), TRIALS, "CSMS");
    // the old rule (one TTL, the largest) would give 0.1·e^(−1.5/4) = 0.0687 at the charger: 13 % more
    expect(Math.abs(1 - r.chargers.c.usable.p - 0.1 * Math.exp(-1.5 / 4))).toBeGreaterThan(0.005);
  });

  it("hidden availability through a fail-closed link", () => {
    // the hub is down: the charger works, but the app's fail-closed status link shows it unknown
    const m = model(
      [
        charger("c", { availability: 1 }),
        comp("csms", "csms", { availability: 1 }),
        comp("hub", "hub", { availability: 0.8, mttrHours: 4 }),
        comp("app", "emsp", { availability: 1 }),
      ],
      [
        link("c", "csms", { flows: ["auth"] }),
        link("csms", "c", { kind: "async", flows: ["status"] }),
        link("hub", "csms", { kind: "async", flows: ["status"] }),
        link("app", "hub", { kind: "cached", ttlMinutes: 0, failMode: "closed", flows: ["status"] }),
      ],
    );
    const r = simulateReliability(m, TRIALS, 1);
    expectClose(r.chargers.c.hidden.app.p, 0.2, TRIALS, "hidden at the app");
    expect(r.chargers.c.phantom.app.p).toBe(0);
    expect(r.chargers.c.usable.p).toBe(1);
  });

  it("a seam failure behind green dashboards", () => {
    // payment fails silently (liveness monitoring cannot see it): every dashboard is green
    const m = model(
      [
        charger("c", { availability: 1, monitoring: "liveness" }),
        comp("csms", "csms", { availability: 1, monitoring: "liveness" }),
        comp("pay", "payment", { availability: 0.9, silentShare: 0.25, monitoring: "liveness" }),
      ],
      [link("c", "csms"), link("csms", "pay")],
    );
    const r = simulateReliability(m, TRIALS, 4);
    const unusable = TRIALS * (1 - r.chargers.c.usable.p);
    expectClose(r.chargers.c.seamFailure.p, 0.25, unusable, "P(seam | unusable)");
    expectClose(r.system.seamShare.p, 0.25, unusable, "seam share of unusable kW");
    // with synthetic monitoring on the payment provider, nothing is hidden
    const watched = structuredClone(m);
    watched.components[2].monitoring = "synthetic";
    expect(simulateReliability(watched, 50_000, 4).chargers.c.seamFailure.p).toBe(0);
  });

  it("stale tariffs are incorrect with probability 1 − exp(−age · changes per day)", () => {
    const m = model(
      [
        charger("c", { availability: 1 }),
        comp("csms", "csms", { availability: 0.5, mttrHours: 12, tariffChangesPerDay: 2 }),
        comp("app", "emsp", { availability: 1 }),
      ],
      [
        link("c", "csms", { kind: "cached", ttlMinutes: 60, failMode: "open", flows: ["tariff"] }),
        link("app", "csms", { kind: "async", flows: ["tariff"] }),
      ],
    );
    const r = simulateReliability(m, TRIALS, 9);
    // stale whenever the CSMS is down; age ~ Exp(12 h): E[1 − exp(−a/24·2)] = 1 − 1/(1 + 12·2/24)
    expectClose(r.chargers.c.staleTariff.app.p, 0.5, TRIALS, "stale");
    expectClose(r.chargers.c.incorrectTariff.app.p, 0.5 * (1 - 1 / (1 + 1)), TRIALS, "incorrect");
  });
});

describe("engine contract", () => {
  const reference = referenceModel();

  it("the same seed gives identical results; batches merged in order whatever the split", () => {
    const trials = 3 * 8192 + 100;
    const a = simulateReliability(reference, trials, 42);
    const b = simulateReliability(reference, trials, 42);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    // batches run in another order into separate tallies, merged in batch order
    const compiled = compileModel(reference);
    const tallies = Array.from({ length: batchCount(trials) }, () => createReliabilityTally(compiled));
    for (let batch = batchCount(trials) - 1; batch >= 0; batch--) {
      runReliabilityBatch(compiled, 42, batch, trials, tallies[batch]);
    }
    const total = createReliabilityTally(compiled);
    for (const t of tallies) mergeReliabilityTally(total, t);
    expect(JSON.stringify(summarizeReliability(compiled, total, 42))).toBe(JSON.stringify(a));
    expect(JSON.stringify(simulateReliability(reference, trials, 43))).not.toBe(JSON.stringify(a));
  });

  it("the boolean layer alone (propagateWord, timed by the bench) leaves the functional masks a full word leaves", () => {
    const cyclic = cases.find(([name]) => name.includes("cycle"));
    expect(cyclic).toBeDefined();
    const models: Model[] = [reference, generateSyntheticModel(300, 2), (cyclic as [string, Model])[1]];
    for (const m of models) {
      // two compilations: each has its own working memory
      const full = compileModel(m);
      const bare = compileModel(m);
      const tally = createTally(full);
      let differences = 0;
      let failures = 0;
      for (const batch of [0, 5]) {
        const a = startBatch(full, 11, batch);
        const b = startBatch(bare, 11, batch);
        for (let w = 0; w < 256; w++) {
          runWord(full, a, w, 8192, tally);
          propagateWord(bare, b, w, 8192);
          for (let i = 0; i < full.n; i++) {
            if (a.functional[i] !== b.functional[i]) differences++;
            if (b.functional[i] !== -1) failures++;
          }
        }
      }
      expect(differences, m.name).toBe(0);
      expect(failures, `${m.name}: some component failed somewhere`).toBeGreaterThan(0);
    }
  });

  it("agrees with the plain oracle on the reference ecosystem", () => {
    const trials = 20_000;
    const r = simulateReliability(reference, 400_000, 8);
    const o = simulateOracle(reference, trials, 8);
    const chargers = reference.components.filter((c) => c.type === "charger");
    chargers.forEach((c, ci) => {
      expectClose(r.chargers[c.id].usable.p, o.usable[ci] / o.trials, trials, `${c.id} usable`);
    });
    const mean = o.unusableKw / o.trials;
    expect(Math.abs(r.system.unusableKw.mean - mean)).toBeLessThan(0.15 * mean + 20);
  });

  it("the quadrature of call timeouts matches sampling", () => {
    const provider = logNormalOf({ p50: 300, p95: 2000 });
    const transit = logNormalOf({ p50: 80, p95: 400 });
    const p = callFailureProbability(provider, 3, transit, 2500, 0);
    const rng = new Rng(5, 0);
    let fails = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const l =
        3 * Math.exp(provider.mu + provider.sigma * rng.normal()) +
        Math.exp(transit.mu + transit.sigma * rng.normal());
      if (l > 2500) fails++;
    }
    expectClose(fails / n, p, n, "P(timeout)");
  });
});
