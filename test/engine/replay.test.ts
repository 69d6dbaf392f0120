/** Cascade replay: a sampled trial in which the outcome happened, laid out step by step. */
import { describe, expect, it } from "vitest";
import { cutSets } from "../../src/engine/cutsets.ts";
import { exactImportance } from "../../src/engine/importance-exact.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { replay, sampledCauses } from "../../src/engine/replay.ts";
import type { Model } from "../../src/model/index.ts";
import { cases, charger, comp, link, model } from "../fixtures/cases.ts";
import { referenceModel } from "../fixtures/templates.ts";

const reference = (): Model => referenceModel();

describe("cascade replay", () => {
  it("explains an unusable charger by waves back to what failed by itself, with the seams crossed", () => {
    // c needs the CSMS (another org), which needs the cloud: the cloud down takes both
    const m = model(
      [
        charger("c", { availability: 1, org: "cpo" }),
        comp("csms", "csms", { availability: 1, org: "vendor" }),
        comp("cloud", "cloud", { availability: 0.9, org: "vendor" }),
      ],
      [link("c", "csms"), link("csms", "cloud", { flows: ["hosting"] })],
      {
        orgs: [
          { id: "cpo", name: "CPO", color: "#112233" },
          { id: "vendor", name: "Vendor", color: "#445566" },
        ],
      },
    );
    const r = replay(m, { kind: "unusable", charger: "c" }, { seed: 4 });
    expect(r.found).toBe(true);
    expect(r.intrinsic.map((x) => x.id)).toEqual(["cloud"]);
    expect(r.steps.map((s) => [s.wave, s.id])).toEqual([
      [1, "csms"],
      [2, "c"],
    ]);
    expect(r.steps[1].because).toEqual([
      { link: "c--csms", provider: "csms", reason: "provider failed", seam: true },
    ]);
    expect(r.steps[0].because[0].seam).toBe(false);
  });

  it("finds a phantom on the reference ecosystem: the charger cannot charge and the viewer shows it available", () => {
    const m = reference();
    const sim = simulateReliability(m, 50_000, 1);
    const [cid, ch] =
      Object.entries(sim.chargers).find(([, c]) => Object.values(c.phantom).some((e) => e.p > 0.001)) ?? [];
    if (!cid || !ch) throw new Error("no phantom pair in the reference");
    const [vid] = Object.entries(ch.phantom).sort((a, b) => b[1].p - a[1].p)[0];
    const r = replay(m, { kind: "phantom", charger: cid, viewer: vid });
    expect(r.found).toBe(true);
    expect(r.charger.usable).toBe(false);
    expect(r.charger.viewers.find((v) => v.viewer === vid)?.showsAvailable).toBe(true);
    // every step's causes failed earlier (or timed out)
    const wave = new Map<string, number>(r.intrinsic.map((x) => [x.id, 0]));
    for (const s of r.steps) {
      for (const b of s.because) {
        if (b.reason !== "call timed out")
          expect(wave.get(b.provider), `${s.id} ← ${b.provider}`).toBeLessThan(s.wave);
      }
      wave.set(s.id, s.wave);
    }
    expect(wave.has(cid)).toBe(true);
  });

  it("says when the outcome did not happen in the trials searched", () => {
    const m = model([charger("c", { availability: 1 })], []);
    const r = replay(m, { kind: "unusable", charger: "c" }, { maxTrials: 16_384 });
    expect(r.found).toBe(false);
    expect(r.searched).toBe(16_384);
  });
});

describe("why, counted from trials (cyclic models)", () => {
  it("ranks the failure combinations behind a charger's unusability like the exact cut sets on an acyclic model", () => {
    const m = reference();
    const exact = cutSets(m, "b04");
    const counted = sampledCauses(m, "b04", { trials: 200_000, seed: 2 });
    // the top combination is the same (the site down by itself), with about its exact share
    expect(counted.causes[0].failed).toEqual(exact.cutSets[0].events.map((e) => e.of));
    const p = exact.cutSets[0].p / exactImportance(m).unusable.b04;
    const n = counted.unusableTrials;
    expect(Math.abs(counted.causes[0].share - p)).toBeLessThanOrEqual(
      4 * Math.sqrt((p * (1 - p)) / n) + 0.01,
    );
  });

  it("works where there is no fault tree: a dependency cycle", () => {
    const m = cases.find(([n]) => n.includes("cycle"))?.[1] as Model;
    const r = sampledCauses(m, "c", { trials: 100_000, seed: 1 });
    const names = r.causes.map((x) => x.failed.join("+"));
    // b (0.15) before a (0.10), both (0.015), then c itself (0.01), each alone among the three
    expect(names.slice(0, 4)).toEqual(["b", "a", "a+b", "c"]);
  });
});
