/**
 * The security Monte Carlo against closed forms (SPEC §4): a series chain of attack steps is
 * hypoexponential; two parallel routes give the distribution of the minimum. Within 4σ at fixed seeds.
 */

import { describe, expect, it } from "vitest";
import { simulateSecurity } from "../../src/engine/security/index.ts";
import { type Component, emptyModel, type Link, type Model } from "../../src/model/index.ts";
import { referenceModel } from "../fixtures/templates.ts";
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
