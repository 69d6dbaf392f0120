/** Decision points: how often their inputs are lost or stale, and how old a fresh input is. */
import { describe, expect, it } from "vitest";
import { decisionPoints } from "../../src/engine/decisions.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { charger, comp, link, model } from "../fixtures/cases.ts";

describe("decision points", () => {
  it("a hard input is lost when its provider fails; an async one goes stale; a poll adds half its interval", () => {
    const m = model(
      [
        charger("c", { availability: 1 }),
        comp("d", "csms", { availability: 1, decides: ["auth"], latencyMs: { p50: 100, p95: 200 } }),
        comp("p", "cloud", { availability: 0.9, latencyMs: { p50: 50, p95: 100 } }),
        comp("q", "telecom", { availability: 0.8, latencyMs: { p50: 20, p95: 40 } }),
      ],
      [
        link("c", "d"),
        link("d", "p", { latencyMs: { p50: 10, p95: 20 } }),
        link("d", "q", {
          kind: "async",
          pollSeconds: 60,
          flows: ["control"],
          latencyMs: { p50: 30, p95: 60 },
        }),
      ],
    );
    const trials = 100_000;
    const r = simulateReliability(m, trials, 3);
    const d = decisionPoints(m, r).find((x) => x.id === "d");
    if (!d) throw new Error("no decision point");
    const byProvider = new Map(d.inputs.map((i) => [i.provider, i]));
    const tol = 4 * Math.sqrt((0.2 * 0.8) / trials);
    expect(byProvider.get("p")?.lost).toBeCloseTo(0.1, 1);
    expect(byProvider.get("p")?.stale).toBe(0);
    expect(Math.abs((byProvider.get("q")?.stale ?? 0) - 0.2)).toBeLessThan(tol);
    expect(byProvider.get("q")?.lost).toBe(0);
    expect(byProvider.get("q")?.delayMs).toBe(30 + 20 + 30_000);
    expect(byProvider.get("p")?.delayMs).toBe(10 + 50);
    expect(d.worstStale).toBe(byProvider.get("q")?.stale);
    // components that decide nothing are not decision points
    expect(decisionPoints(m, r).map((x) => x.id)).toEqual(["d"]);
  });
});
