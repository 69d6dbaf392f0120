/**
 * "What to fix first": each candidate is a real model edit evaluated against the baseline; the
 * numbers are checked against the importance identities and against a fresh simulation of the
 * edited model.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fixFirst } from "../../src/engine/fixfirst.ts";
import { importance } from "../../src/engine/importance.ts";
import { exactImportance } from "../../src/engine/importance-exact.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { applyFix, type Model, makeRedundant, validateModel } from "../../src/model/index.ts";

const reference = (): Model => JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8"));

describe("what to fix first", () => {
  const m = reference();
  const r = fixFirst(m, { trials: 20_000 });

  it("ranks changes of every kind by the kW they save, each with its interval and method", () => {
    const kinds = new Set(r.rows.map((x) => x.kind));
    expect([...kinds].sort()).toEqual(["cache", "harden", "monitoring", "redundant"]);
    for (let k = 1; k < r.rows.length; k++)
      expect(r.rows[k - 1].saved.mean).toBeGreaterThanOrEqual(r.rows[k].saved.mean);
    for (const row of r.rows) {
      expect(row.saved.ci95[0]).toBeLessThanOrEqual(row.saved.mean);
      expect(row.saved.ci95[1]).toBeGreaterThanOrEqual(row.saved.mean);
      if (row.kind === "redundant" || row.kind === "cache") expect(row.method).toBe("exact");
    }
  });

  it("a redundant twin saves p(1 − p)·Birnbaum (without call timeouts, which the twin link also covers)", () => {
    const calm: Model = { ...m, links: m.links.map((l) => ({ ...l, timeoutMs: 1e9 })) };
    const imp = exactImportance(calm);
    const ids = r.rows.filter((x) => x.kind === "redundant").map((x) => x.target);
    expect(ids.length).toBeGreaterThan(3);
    for (const id of ids) {
      const c = imp.components[id];
      const bound = c.pDown * (1 - c.pDown) * c.birnbaum;
      const saved = imp.expectedKw - exactImportance(makeRedundant(calm, id)).expectedKw;
      // caches on the twin's consumers expire from the younger of two outages: a hair more
      expect(saved, id).toBeGreaterThanOrEqual(bound * (1 - 1e-9));
      expect(saved, id).toBeLessThanOrEqual(bound * 1.001);
    }
    // with timeouts the twin saves at least as much
    for (const row of r.rows.filter((x) => x.kind === "redundant")) {
      expect(row.saved.mean).toBeGreaterThanOrEqual(
        (importance(m, { method: "exact" }).components.find((x) => x.id === row.target)?.redundancyKw ?? 0) *
          (1 - 1e-9),
      );
    }
  });

  it("applying the best redundancy is a valid model whose simulated kW drop matches the claim", () => {
    const best = r.rows.find((x) => x.kind === "redundant");
    if (!best) throw new Error("no redundancy row");
    const edited = applyFix(m, best);
    expect(validateModel(edited).ok).toBe(true);
    const trials = 400_000;
    const before = simulateReliability(m, trials, 8).system.unusableKw;
    const after = simulateReliability(edited, trials, 8).system.unusableKw;
    const half = Math.hypot(before.ci95[1] - before.mean, after.ci95[1] - after.mean);
    expect(Math.abs(before.mean - after.mean - best.saved.mean)).toBeLessThanOrEqual((4 / 1.96) * half);
  });

  it("a twin joins a component's consumers' links pairwise (1 of 2) and copies its own dependencies", () => {
    const id = "csms-b";
    const t = makeRedundant(m, id);
    const into = m.links.filter((l) => l.to === id);
    const out = m.links.filter((l) => l.from === id);
    expect(t.links.length).toBe(m.links.length + into.length + out.length);
    for (const l of into) {
      const pair = t.links.filter((x) => x.from === l.from && x.group === (l.group ?? `redundant-${l.id}`));
      expect(pair.map((x) => x.to).sort()).toEqual(expect.arrayContaining([id, `${id}-twin`]));
    }
  });

  it("hardening the entry with the most power removes attacker-controllable kW", () => {
    const h = r.rows.filter((x) => x.kind === "harden");
    expect(h[0].saved.mean).toBeGreaterThan(0);
    expect(h[0].significant).toBe(true);
  });
});
