/**
 * The security Monte Carlo against closed forms (SPEC §4): a series chain of attack steps is
 * hypoexponential; two parallel routes give the distribution of the minimum; steps into one
 * component share its barrier. Within 4σ at fixed seeds. Then the calibration targets of SPEC §10
 * on the reference, and P(≥ threshold MW) as n/a when the model has less power than the threshold.
 */

import { describe, expect, it } from "vitest";
import { simulateSecurity } from "../../src/engine/security/index.ts";
import { AUTH_DAYS, COMMANDS_FACTOR, stepDays } from "../../src/engine/ttc.ts";
import { type Component, emptyModel, type Link, type Model } from "../../src/model/index.ts";
import { referenceModel, templateModel } from "../fixtures/templates.ts";
import { expectClose } from "./close.ts";

const TRIALS = 100_000;
const comp = (
  id: string,
  exposure: Component["exposure"],
  ttcDays: number,
  extra: Partial<Component> = {},
): Component => ({
  id,
  type: "custom",
  name: id,
  x: 0,
  y: 0,
  exposure,
  ttcDays,
  ...extra,
});
const link = (from: string, to: string, extra: Partial<Link> = {}): Link => ({
  id: `${from}--${to}`,
  from,
  to,
  flows: ["status"],
  kind: "hard",
  ...extra,
});
const model = (components: Component[], links: Link[]): Model => ({ ...emptyModel(), components, links });

/** CDF at t of a sum of independent exponentials with distinct means. */
function hypoexponential(means: number[], t: number): number {
  const rates = means.map((m) => 1 / m);
  let survival = 0;
  rates.forEach((li, i) => {
    let w = 1;
    rates.forEach((lj, j) => {
      if (j !== i) w *= lj / (lj - li);
    });
    survival += w * Math.exp(-li * t);
  });
  return 1 - survival;
}

describe("security vs closed forms", () => {
  it("a series chain is hypoexponential", () => {
    // internet → a (4 d) → b (7 d) → c (12 d); b and c are private
    const m = model(
      [comp("a", "internet", 4), comp("b", "private", 7), comp("c", "private", 12)],
      [link("a", "b"), link("b", "c")],
    );
    for (const horizon of [10, 30]) {
      const r = simulateSecurity(m, TRIALS, 3, { horizonDays: horizon });
      expectClose(r.components.a.compromised.p, hypoexponential([4], horizon), TRIALS, `a by ${horizon}`);
      expectClose(r.components.b.compromised.p, hypoexponential([4, 7], horizon), TRIALS, `b by ${horizon}`);
      expectClose(
        r.components.c.compromised.p,
        hypoexponential([4, 7, 12], horizon),
        TRIALS,
        `c by ${horizon}`,
      );
    }
    // the only way to c, step by step
    const path = simulateSecurity(m, 5_000, 3, { horizonDays: 30, target: "c" }).criticalPath;
    expect(path).toMatchObject({ target: "c", entry: "a", links: ["a--b", "b--c"] });
    expect(path?.share.p).toBe(1);
  });

  it("two parallel routes: the minimum of two hypoexponentials", () => {
    // internet → a (3 d) → t (9 d) and internet → b (5 d) → t (6 d); link overrides set the crossing
    const m = model(
      [comp("a", "internet", 3), comp("b", "internet", 5), comp("t", "private", 999)],
      [link("t", "a", { ttcDays: 9 }), link("t", "b", { ttcDays: 6 })],
    );
    const horizon = 12;
    const r = simulateSecurity(m, TRIALS, 8, { horizonDays: horizon });
    const viaA = hypoexponential([3, 9], horizon);
    const viaB = hypoexponential([5, 6], horizon);
    // the most frequent path is one of the two routes, entered where it starts
    const path = simulateSecurity(m, 20_000, 8, { horizonDays: horizon, target: "t" }).criticalPath;
    expect([
      ["a", "t--a"],
      ["b", "t--b"],
    ]).toContainEqual([path?.entry, path?.links.join()]);
    expectClose(r.components.t.compromised.p, 1 - (1 - viaA) * (1 - viaB), TRIALS, "t");
  });

  it("the model's TTC table override replaces the estimate (closed form)", () => {
    const entry: Component = {
      id: "api",
      type: "custom",
      name: "api",
      x: 0,
      y: 0,
      exposure: "internet",
      auth: "token",
      patchCadenceDays: 60, // factor 1
      maturity: 3, // factor 1
    };
    const m = { ...model([entry], []), settings: { ...emptyModel().settings, ttcAuthDays: { token: 8 } } };
    const r = simulateSecurity(m, TRIALS, 4, { horizonDays: 5 });
    expectClose(r.components.api.compromised.p, 1 - Math.exp(-5 / 8), TRIALS, "P(compromised in 5 d)");
    // the patch and maturity factors are the model's too: 8 days × 0.5 × 3 = 12 days
    const m2 = {
      ...m,
      settings: { ...m.settings, ttcPatchFactors: { "90": 0.5 }, ttcMaturityFactors: { "3": 3 } },
    };
    const r2 = simulateSecurity(m2, TRIALS, 4, { horizonDays: 5 });
    expectClose(
      r2.components.api.compromised.p,
      1 - Math.exp(-5 / 12),
      TRIALS,
      "P(compromised in 5 d), own factors",
    );
  });

  it("commands make the way down faster; seeds are deterministic", () => {
    const m = model(
      [
        comp("csms", "internet", 2),
        {
          id: "site",
          type: "charger",
          name: "site",
          x: 0,
          y: 0,
          exposure: "private",
          units: 2,
          kwPerUnit: 50,
        },
      ],
      [link("site", "csms", { commands: true, auth: "token" })],
    );
    const fast = simulateSecurity(m, 20_000, 1, { horizonDays: 5 });
    const slow = simulateSecurity(
      { ...m, links: [link("site", "csms", { commands: false, auth: "token" })] },
      20_000,
      1,
      {
        horizonDays: 5,
      },
    );
    expect(fast.components.site.compromised.p).toBeGreaterThan(slow.components.site.compromised.p + 0.1);
    expect(JSON.stringify(simulateSecurity(m, 20_000, 1, { horizonDays: 5 }))).toBe(JSON.stringify(fast));
    expect(fast.entries[0].id).toBe("csms");
    expect(fast.controllableKw.mean).toBeGreaterThan(0);
  });

  it("hardening the weakest entry of the reference ecosystem reduces its exposure", () => {
    const ref = referenceModel();
    const base = simulateSecurity(ref, 20_000, 2, { horizonDays: 7 });
    const weakest = base.entries[0].id;
    const hardened = structuredClone(ref);
    const c = hardened.components.find((x) => x.id === weakest) as Component;
    Object.assign(c, { auth: "mtls", patchCadenceDays: 7, maturity: 5 });
    for (const l of hardened.links) if (l.from === weakest || l.to === weakest) l.auth = "mtls";
    const after = simulateSecurity(hardened, 20_000, 2, { horizonDays: 7 });
    expect(after.controllableKw.mean).toBeLessThan(base.controllableKw.mean * 0.95);
    expect(after.components[weakest].compromised.p).toBeLessThan(base.components[weakest].compromised.p);
  });
});

/** A component on the catalogue's security defaults (no `ttcDays`). */
const plain = (id: string, type: Component["type"], extra: Partial<Component> = {}): Component => ({
  id,
  type,
  name: id,
  x: 0,
  y: 0,
  ...extra,
});

describe("security: barriers, channels and the table's defaults (closed forms)", () => {
  it("a one-step chain on the defaults: an internet-facing token backend patched monthly, mean 60 days", () => {
    // token 40 d × patched within 30 days 1.5 × maturity 3 1.0
    expect(stepDays("token", 30, 3)).toBe(60);
    const m = model([plain("emsp", "emsp")], []);
    for (const horizon of [30, 90]) {
      const r = simulateSecurity(m, TRIALS, 5, { horizonDays: horizon });
      expectClose(r.components.emsp.compromised.p, 1 - Math.exp(-horizon / 60), TRIALS, `emsp by ${horizon}`);
    }
  });

  it("steps into one component through one kind of interface share one draw (MAL: the target's attack step)", () => {
    // three internet entries (mean 6 d each) all reach t; t's own ttcDays (9 d) is one barrier:
    // T = min(E1, E2, E3) + B, hypoexponential with means 2 and 9 (not min over i of Ei + Bi)
    const m = model(
      [
        comp("e1", "internet", 6),
        comp("e2", "internet", 6),
        comp("e3", "internet", 6),
        comp("t", "private", 9),
      ],
      [link("e1", "t"), link("e2", "t"), link("e3", "t")],
    );
    for (const horizon of [5, 15]) {
      const r = simulateSecurity(m, TRIALS, 6, { horizonDays: horizon });
      expectClose(r.components.t.compromised.p, hypoexponential([2, 9], horizon), TRIALS, `t by ${horizon}`);
    }
  });

  it("power carries no attack; a tenant reaches its host only through the host's own auth, the host its tenant fast", () => {
    const m = model(
      [
        comp("app", "internet", 5),
        plain("site", "charger", { exposure: "private", units: 2, kwPerUnit: 50 }),
        plain("region", "cloud"), // private, mtls, patched within 14 days, maturity 5
      ],
      [link("site", "app", { flows: ["power"] }), link("app", "region", { flows: ["hosting"] })],
    );
    const r = simulateSecurity(m, TRIALS, 7, { horizonDays: 30 });
    expect(r.components.site.compromised.p).toBe(0);
    const up = AUTH_DAYS.mtls * 1.7 * 2.5; // 467.5 days: the region's own mTLS, not the link's token default
    expect(stepDays("mtls", 7, 5)).toBeCloseTo(up, 9);
    expectClose(r.components.region.compromised.p, hypoexponential([5, up], 30), TRIALS, "region by 30");
    // the other way: a host commands what it hosts (× COMMANDS_FACTOR on the tenant's table entry)
    const hosted = model(
      [comp("region", "internet", 4), plain("csms", "csms", { exposure: "private" })],
      [link("csms", "region", { flows: ["hosting"] })],
    );
    const down = stepDays("token", 30, 3) * COMMANDS_FACTOR; // 12 days
    const h = simulateSecurity(hosted, TRIALS, 7, { horizonDays: 20 });
    expectClose(h.components.csms.compromised.p, hypoexponential([4, down], 20), TRIALS, "tenant by 20");
  });

  it("P(≥ threshold MW) is n/a when the model has less power; P(≥ the systemic share) is the site's P", () => {
    const m = model(
      [
        comp("csms", "internet", 10),
        plain("site", "charger", { exposure: "private", units: 6, kwPerUnit: 150 }),
      ],
      [link("site", "csms", { commands: true, ttcDays: 3 })],
    );
    const r = simulateSecurity(m, TRIALS, 9, { horizonDays: 30 });
    const kw = r.controllableKw;
    expect(kw.totalKw).toBe(900);
    expect(kw.pAboveThreshold).toBeNull();
    expect(kw.pAboveThresholdReason).toBe("the model has 0.9 MW");
    expect(JSON.stringify(r)).not.toContain("NaN");
    // systemic share 10 % of 900 kW: reached exactly when the one site is compromised
    expect(kw.systemicKw).toBeCloseTo(90, 9);
    const pSite = hypoexponential([10, 3], 30);
    expect(kw.pAboveSystemic.p).toBe(r.components.site.compromised.p);
    expectClose(kw.pAboveSystemic.p, pSite, TRIALS, "P(≥ systemic share)");
    // a threshold within the model's power is a probability again, with no reason
    const within = { ...m, settings: { ...m.settings, controllableMwThreshold: 0.5 } };
    const w = simulateSecurity(within, TRIALS, 9, { horizonDays: 30 }).controllableKw;
    expect(w.pAboveThreshold?.p).toBe(kw.pAboveSystemic.p);
    expect(w).not.toHaveProperty("pAboveThresholdReason");
  });
});

describe("security calibration (SPEC §10): the reference is not saturated", () => {
  it("median component P(compromised within 30 days) < 0.5, none reaches 0.99 (upper 95 % bounds)", () => {
    const ref = referenceModel();
    const r = simulateSecurity(ref, 20_000, 1, { horizonDays: ref.settings.horizonDays });
    expect(r.horizonDays).toBe(30);
    const sorted = Object.values(r.components)
      .map((c) => c.compromised)
      .sort((a, b) => a.p - b.p);
    const median = sorted[Math.floor(sorted.length / 2)]; // 41 components: the 21st
    expect(median.ci95[1]).toBeLessThan(0.5);
    expect(sorted[sorted.length - 1].ci95[1]).toBeLessThan(0.99);
    // the attacker controls part of the 14.9 MW, not all of it; 30 MW is out of the model's reach
    const kw = r.controllableKw;
    expect(kw.ci95[1]).toBeLessThan(0.6 * kw.totalKw);
    expect(kw.pAboveThreshold).toBeNull();
    expect(kw.pAboveThresholdReason).toBe("the model has 14.9 MW");
    expect(kw.pAboveSystemic.p).toBeGreaterThan(0);
    expect(kw.pAboveSystemic.p).toBeLessThan(1);
  });

  it("the hello template's organisations are breached in 30 days with P < 0.5, not 94–97 %", () => {
    const hello = templateModel("hello.seams.json");
    const r = simulateSecurity(hello, 20_000, 1, { horizonDays: 30 });
    for (const [org, o] of Object.entries(r.orgs)) {
      expect(o.anyCompromised.ci95[1], org).toBeLessThan(0.5);
    }
  });
});
