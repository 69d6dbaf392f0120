/**
 * Fault trees and exact importance (SPEC §6): the BDD against closed forms and exact enumeration,
 * SCRAM (the Open-PSA reference tool) against the exported MEF, and the Monte Carlo engine against
 * the exact probabilities on the reference ecosystem.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cutSets } from "../../src/engine/cutsets.ts";
import { FaultTreeError } from "../../src/engine/faulttree/index.ts";
import { importance } from "../../src/engine/importance.ts";
import { exactImportance } from "../../src/engine/importance-exact.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { exportMef } from "../../src/engine/mef.ts";
import { simulateWhatIf } from "../../src/engine/whatif.ts";
import type { Model } from "../../src/model/index.ts";
import { cases, charger, link, model, slowCsms } from "../fixtures/cases.ts";
import { referenceModel } from "../fixtures/templates.ts";
import { expectClose } from "./close.ts";
import { enumerate } from "./exact.ts";
import { ensureScram, runScram } from "./scram.ts";

const reference = (): Model => referenceModel();

const acyclic = cases.filter(([name]) => !name.includes("cycle"));

const timeouts = model(
  [charger("c", { availability: 0.99 }), slowCsms(0.3, 0.95)],
  [link("c", "csms", { timeoutMs: 3000, retries: 1, latencyMs: { p50: 50, p95: 150 } })],
);

describe("exact importance from the fault tree", () => {
  it("matches closed forms on a series chain", () => {
    const [, series] = cases[0]; // c (0.97) → csms (0.95) → cloud (0.9)
    const r = exactImportance(series);
    const A = { c: 0.97, csms: 0.95, cloud: 0.9 };
    const P = 1 - A.c * A.csms * A.cloud;
    expect(r.unusable.c).toBeCloseTo(P, 8); // default call timeouts add ~1e-10;
    const f = r.perCharger.c;
    // Birnbaum of a series element = product of the others' availabilities
    expect(f.csms.birnbaum).toBeCloseTo(A.c * A.cloud, 8);
    expect(f.cloud.fussellVesely).toBeCloseTo((0.1 * A.c * A.csms) / P, 8);
    expect(f.cloud.raw).toBeCloseTo(1 / P, 8);
    expect(f.cloud.rrw).toBeCloseTo(P / (1 - A.c * A.csms), 8);
    expect(r.expectedKw).toBeCloseTo(100 * P, 6);
  });

  it("matches closed forms on a 2-of-3 group", () => {
    const m = cases.find(([n]) => n === "2-of-3 group")?.[1] as Model;
    const r = exactImportance(m);
    const [a, b, d] = [0.2, 0.15, 0.1];
    const lose2 = a * b + a * d + b * d - 2 * a * b * d;
    expect(r.unusable.c).toBeCloseTo(1 - 0.99 * (1 - lose2), 8);
    // Birnbaum of a within the group: P(exactly one of b, d down) × P(charger up)
    expect(r.perCharger.c.a.birnbaum).toBeCloseTo(0.99 * (b * (1 - d) + d * (1 - b)), 8);
  });

  for (const [name, m] of [...acyclic, ["timeouts under degradation", timeouts] as [string, Model]]) {
    it(`equals exact enumeration: ${name}`, () => {
      const exact = enumerate(m);
      const r = exactImportance(m);
      const chargers = m.components.filter((c) => c.type === "charger");
      chargers.forEach((c, ci) => {
        expect(r.unusable[c.id], c.id).toBeCloseTo(1 - exact.usable[ci] / exact.trials, 10);
      });
    });
  }

  it("refuses a cyclic model with the cycle named", () => {
    const m = cases.find(([n]) => n.includes("cycle"))?.[1] as Model;
    expect(() => exactImportance(m)).toThrow(FaultTreeError);
    expect(() => exactImportance(m)).toThrow(/a → b|b → a/);
  });

  it("the Monte Carlo engine agrees with it on every charger of the reference ecosystem (4σ)", () => {
    const m = reference();
    const exact = exactImportance(m);
    const trials = 1_000_000;
    const r = simulateReliability(m, trials, 2024);
    const ids = Object.keys(exact.unusable);
    expect(ids.length).toBe(24);
    for (const id of ids) expectClose(1 - r.chargers[id].usable.p, exact.unusable[id], trials, id);
    const kw = r.system.unusableKw;
    expect(exact.expectedKw).toBeGreaterThan(kw.ci95[0] - (kw.ci95[1] - kw.ci95[0]));
    expect(exact.expectedKw).toBeLessThan(kw.ci95[1] + (kw.ci95[1] - kw.ci95[0]));
  });
});

describe("Open-PSA MEF export, checked by SCRAM", () => {
  beforeAll(() => ensureScram());

  const relClose = (a: number, b: number, what: string) =>
    expect(Math.abs(a - b), `${what}: SCRAM ${a}, Seams ${b}`).toBeLessThanOrEqual(
      1e-5 * Math.max(Math.abs(b), 1e-12) + 1e-12,
    );

  const check = (name: string, m: Model, chargerId: string) => {
    const xml = exportMef(m, chargerId, { title: name });
    const s = runScram(`${name}-${chargerId}`.replace(/[^A-Za-z0-9_-]+/g, "_"), xml);
    const exact = exactImportance(m);
    relClose(s.probability, exact.unusable[chargerId], `${name}: P(${chargerId} unusable)`);
    const rows = exact.perCharger[chargerId];
    let compared = 0;
    for (const [id, f] of Object.entries(rows)) {
      const e = s.events.get(`down_${id.replace(/[^A-Za-z0-9_]+/g, "_")}`);
      if (!e || e.probability === 0) continue;
      relClose(e.mif, f.birnbaum, `${name}: Birnbaum of ${id}`);
      relClose(e.cif, f.fussellVesely, `${name}: Fussell–Vesely of ${id}`);
      relClose(e.raw, f.raw, `${name}: RAW of ${id}`);
      relClose(e.rrw, f.rrw, `${name}: RRW of ${id}`);
      compared++;
    }
    expect(compared, `${name}: components compared`).toBeGreaterThan(0);
    // the minimal cut sets, as SCRAM lists them (its product-order limit is 20)
    const ours = cutSets(m, chargerId, { maxOrder: 20 });
    const a = ours.cutSets
      .map((x) =>
        x.events
          .map((e) => e.name)
          .sort()
          .join(" "),
      )
      .sort();
    const b = s.cutSets.map((x) => x.join(" ")).sort();
    expect(a, `${name}: minimal cut sets of ${chargerId}`).toEqual(b);
    return s;
  };

  for (const [name, m] of [...acyclic, ["timeouts under degradation", timeouts] as [string, Model]]) {
    it(`SCRAM reproduces the probability, importance and minimal cut sets: ${name}`, () => {
      for (const c of m.components.filter((x) => x.type === "charger")) check(name, m, c.id);
    });
  }

  it("SCRAM reads an export whose names and title hold characters XML does not allow", () => {
    const m = structuredClone(timeouts);
    const odd = "\u0001ctl\u001b \uFFFE \uD800 & <x>";
    for (const c of m.components) c.name = `${c.name} ${odd}`;
    const chargerId = m.components.find((x) => x.type === "charger")?.id as string;
    const xml = exportMef(m, chargerId, { title: odd });
    for (const bad of ["\u0001", "\u001b", "\uFFFE", "\uD800"]) expect(xml.includes(bad)).toBe(false);
    check(`odd-names-${chargerId}`, m, chargerId);
  });

  it("SCRAM reproduces every charger of the reference ecosystem, and the engine agrees", () => {
    const m = reference();
    const trials = 400_000;
    const r = simulateReliability(m, trials, 77);
    for (const c of m.components.filter((x) => x.type === "charger")) {
      const s = check("reference", m, c.id);
      expectClose(1 - r.chargers[c.id].usable.p, s.probability, trials, `engine vs SCRAM ${c.id}`);
    }
  });

  it("writes basic events for intrinsic unavailability and common causes, atleast gates for groups", () => {
    const m = cases.find(([n]) => n === "2-of-3 group")?.[1] as Model;
    const xml = exportMef(m, "c");
    expect(xml).toContain('<atleast min="2">');
    const cc = cases.find(([n]) => n === "common causes")?.[1] as Model;
    const xml2 = exportMef(cc, "c1");
    expect(xml2).toMatch(/<define-basic-event name="cause_storm">[\s\S]*?<float value="0.05"\/>/);
    expect(xml2).toMatch(/<define-basic-event name="down_t">/);
  });
});

describe("Monte Carlo importance and what-if with common random numbers", () => {
  const mcCases = cases.filter(([n]) =>
    ["series: charger → CSMS → cloud", "2-of-3 group", "common causes"].some((x) => n.startsWith(x)),
  );

  for (const [name, m] of mcCases) {
    it(`Monte Carlo Birnbaum agrees with the exact one and ranks the same: ${name}`, () => {
      const exact = importance(m, { method: "exact" });
      const mc = importance(m, { method: "monte-carlo", trials: 100_000, seed: 9 });
      expect(exact.method).toBe("exact");
      expect(mc.method).toBe("monte-carlo");
      for (const e of exact.components) {
        const r = mc.components.find((x) => x.id === e.id);
        expect(r, e.id).toBeDefined();
        const half = ((r?.birnbaumCi[1] ?? 0) - (r?.birnbaumCi[0] ?? 0)) / 2;
        // 4σ = 4 / 1.96 half-widths, with a floor for estimates that are exact (no noise)
        expect(Math.abs((r?.birnbaum ?? 0) - e.birnbaum), `${name}: Birnbaum of ${e.id}`).toBeLessThanOrEqual(
          (4 / 1.96) * half + 1e-9 * e.birnbaum,
        );
      }
      // the ranking by kW saved, where the exact values are apart by more than the noise
      const ex = exact.components.map((x) => x.id);
      const rankedMc = mc.components.map((x) => x.id);
      for (let k = 0; k + 1 < ex.length; k++) {
        const a = exact.components[k];
        const b = exact.components[k + 1];
        const noise = Math.max(
          ...[a, b].map((x) => {
            const r = mc.components.find((y) => y.id === x.id);
            return r ? (r.birnbaumCi[1] - r.birnbaumCi[0]) * r.pDown : 0;
          }),
        );
        if (a.savedKw - b.savedKw > 2 * noise) {
          expect(rankedMc.indexOf(a.id), `${name}: ${a.id} ranks above ${b.id}`).toBeLessThan(
            rankedMc.indexOf(b.id),
          );
        }
      }
    });
  }

  it("a cyclic model falls back to Monte Carlo and says why", () => {
    const m = cases.find(([n]) => n.includes("cycle"))?.[1] as Model;
    const r = importance(m, { trials: 20_000 });
    expect(r.method).toBe("monte-carlo");
    expect(r.note).toMatch(/cycle/);
    expect(r.components.map((x) => x.id)).toEqual(expect.arrayContaining(["a", "b", "c"]));
  });

  it("what-if: forcing nothing changes nothing, exactly", () => {
    const r = simulateWhatIf(reference(), {}, 20_000, 3);
    expect(r.delta.unusableKw.mean).toBe(0);
    expect(r.delta.unusableKw.ci95).toEqual([0, 0]);
    expect(r.variant.system).toEqual(r.baseline.system);
  });

  it("what-if: the backend with the smallest effect, down — the paired delta matches the exact one; for a small change its interval is far narrower than independent runs'", () => {
    const m = reference();
    const trials = 100_000;
    const chargerIds = new Set(m.components.filter((c) => c.type === "charger").map((c) => c.id));
    // exact: E[kW | down] − E[kW] = (1 − p)·B
    // a partial outage (the backend with the smallest effect): the change is large, the noise shared
    const ex = importance(m, { method: "exact" })
      .components.filter((x) => !chargerIds.has(x.id))
      .sort((a, b) => a.birnbaum - b.birnbaum)[0];
    const target = ex.id;
    const paired = simulateWhatIf(m, { components: { [target]: "down" } }, trials, 41);
    const exactDelta = (1 - ex.pDown) * ex.birnbaum;
    const d = paired.delta.unusableKw;
    const half = (d.ci95[1] - d.ci95[0]) / 2;
    expect(Math.abs(d.mean - exactDelta)).toBeLessThanOrEqual((4 / 1.96) * half);
    expect(d.significant).toBe(true);
    // "what if it never failed": a small change, where common random numbers matter most
    const never = simulateWhatIf(m, { components: { [target]: "up" } }, trials, 41);
    const u = never.delta.unusableKw;
    const uHalf = (u.ci95[1] - u.ci95[0]) / 2;
    expect(Math.abs(u.mean + ex.pDown * ex.birnbaum)).toBeLessThanOrEqual((4 / 1.96) * uHalf + 1e-9);
    // independent runs: the variant on another seed, against the baseline
    const base = paired.baseline.system.unusableKw;
    const hw = (e: { ci95: [number, number] }) => (e.ci95[1] - e.ci95[0]) / 2;
    const indDown = Math.hypot(
      hw(simulateWhatIf(m, { components: { [target]: "down" } }, trials, 42).variant.system.unusableKw),
      hw(base),
    );
    const indUp = Math.hypot(
      hw(simulateWhatIf(m, { components: { [target]: "up" } }, trials, 42).variant.system.unusableKw),
      hw(base),
    );
    console.log(
      `what-if, reference, ${trials} trials: ${target} down Δ ${d.mean.toFixed(1)} kW (exact ${exactDelta.toFixed(1)}) ±${half.toFixed(2)} paired vs ±${indDown.toFixed(2)} independent; ` +
        `${target} never down Δ ${u.mean.toFixed(2)} kW (exact ${(-ex.pDown * ex.birnbaum).toFixed(2)}) ±${uHalf.toFixed(2)} paired vs ±${indUp.toFixed(2)} independent`,
    );
    expect(half).toBeLessThanOrEqual(indDown * 1.05);
    expect(uHalf).toBeLessThan(0.25 * indUp);
  });

  it("what-if: forcing any component of the reference down or degraded never makes things better (SPEC §6)", () => {
    const m = reference();
    const trials = 20_000;
    const better: string[] = [];
    let degradedCostsSomething = 0;
    for (const comp of m.components) {
      for (const state of ["down", "degraded"] as const) {
        const r = simulateWhatIf(m, { components: { [comp.id]: state } }, trials, 7);
        // "better" = an interval wholly below zero; the baseline keeps the component's own P(down)
        if (r.delta.unusableKw.ci95[1] < 0)
          better.push(`${comp.id} ${state}: Δ ${r.delta.unusableKw.mean} kW`);
        if (state === "degraded") {
          expect(r.variant.components[comp.id].functional.p).toBeCloseTo(
            r.baseline.components[comp.id].functional.p,
            12,
          );
          if (r.delta.unusableKw.mean > 0) degradedCostsSomething++;
        }
      }
    }
    expect(better).toEqual([]);
    expect(degradedCostsSomething).toBeGreaterThan(0);
  });

  it("what-if: an organisation offline and a compromised component", () => {
    const m = reference();
    const org = m.components.find((c) => c.type === "csms")?.org as string;
    const r = simulateWhatIf(m, { orgsOffline: [org] }, 20_000, 5);
    for (const c of m.components.filter((x) => x.org === org))
      expect(r.variant.components[c.id].functional.p).toBe(0);
    expect(r.delta.unusableKw.mean).toBeGreaterThan(0);
    const hub = m.components.find((c) => c.type === "hub")?.id as string;
    const h = simulateWhatIf(m, { components: { [hub]: "compromised" } }, 20_000, 5);
    expect(h.variant.components[hub].functional.p).toBe(0);
    expect(h.variant.components[hub].red.p).toBe(0); // silent: its own dashboard stays green
    expect(() => simulateWhatIf(m, { components: { nope: "down" } }, 100, 1)).toThrow(/nope/);
  });
});
