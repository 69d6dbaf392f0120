/**
 * Signal-chain latency (SPEC §5) against exact answers: fixed processing and transit latencies
 * plus uniform polling delays (one poll: uniform; two: triangular), and P(broken) from availabilities.
 */

import { describe, expect, it } from "vitest";
import { chainThrough, deriveChains, signalPath } from "../../src/engine/derive.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { type Component, emptyModel, type Link, type Model } from "../../src/model/index.ts";
import { referenceModel } from "../fixtures/templates.ts";
import { expectClose } from "./close.ts";

const TRIALS = 100_000;
/** Latencies are timed in 8 of every 32 trials (broken-ness in all of them). */
const TIMED = TRIALS / 4;
const fixed = (ms: number) => ({ p50: ms, p95: ms });
const comp = (id: string, availability: number, processMs: number): Component => ({
  id,
  type: "custom",
  name: id,
  x: 0,
  y: 0,
  availability,
  degradedProbability: 0,
  latencyMs: fixed(processMs),
});
const link = (from: string, to: string, extra: Partial<Link>): Link => ({
  id: `${from}--${to}`,
  from,
  to,
  flows: ["status"],
  kind: "hard",
  ...extra,
});

function chainModel(pollsA: number, pollsB: number, availability = [1, 1, 1], deadlineMs = 30_380): Model {
  return {
    ...emptyModel(),
    components: [
      comp("a", availability[0], 100),
      comp("b", availability[1], 200),
      comp("c", availability[2], 1),
    ],
    links: [
      link("b", "a", { kind: "async", pollSeconds: pollsA, latencyMs: fixed(50) }),
      link("c", "b", { kind: pollsB > 0 ? "async" : "hard", pollSeconds: pollsB, latencyMs: fixed(30) }),
    ],
    chains: [{ id: "status", name: "a to c", path: ["a", "b", "c"], deadlineMs }],
  };
}

describe("signal chains", () => {
  it("one uniform poll: latency = 380 ms + U(0, 60 s)", () => {
    const r = simulateReliability(chainModel(60, 0), TRIALS, 5).chains.status;
    expectClose(r.deadlineMiss.p, 0.5, TIMED, "P(miss) at the median");
    expect(r.broken.p).toBe(0);
    // percentiles from 1 %-wide bins
    expect(Math.abs((r.p50 ?? 0) - 30_380) / 30_380).toBeLessThan(0.03);
    expect(Math.abs((r.p95 ?? 0) - (380 + 0.95 * 60_000)) / 57_380).toBeLessThan(0.03);
  });

  it("two uniform polls: the sum is triangular", () => {
    const deadline = 380 + 90_000;
    const r = simulateReliability(chainModel(60, 60, [1, 1, 1], deadline), TRIALS, 6).chains.status;
    // P(U1 + U2 > 90 s) with U ~ U(0, 60 s): (120 − 90)² / (2 · 60²)
    expectClose(r.deadlineMiss.p, 30 ** 2 / (2 * 60 ** 2), TIMED, "P(miss)");
  });

  it("broken when a hop's provider is down: 1 − Π availability of the providers", () => {
    const r = simulateReliability(chainModel(0, 0, [0.9, 0.8, 0.5]), TRIALS, 7).chains.status;
    expectClose(r.broken.p, 1 - 0.9 * 0.8, TRIALS, "P(broken)");
    // fixed latencies: 100 + 50 + 200 + 30 = 380 ms, always in time when it gets through
    expect(r.deadlineMiss.p).toBe(0);
    expect(Math.abs((r.p50 ?? 0) - 380) / 380).toBeLessThan(0.03);
  });

  it("latencies draw from their own stream: without degradation in play, a chain changes no other number", () => {
    const m = chainModel(60, 0);
    const without = simulateReliability({ ...m, chains: [] }, 20_000, 3);
    const withChain = simulateReliability(m, 20_000, 3);
    expect(JSON.stringify({ ...withChain, chains: {} })).toBe(JSON.stringify(without));
  });
});

describe("derived chains", () => {
  const ref = (): Model => referenceModel();

  it("finds the paths the reference's drawn chains take, along the links' flows", () => {
    const m = ref();
    const derived = new Map(deriveChains(m, { max: 1000 }).map((c) => [c.id, c.path]));
    expect(derived.get("derived-status-a04-emsp-plugfinder")).toEqual(
      m.chains.find((c) => c.id === "status-a04-plugfinder")?.path,
    );
    expect(derived.get("derived-control-dso-flex-b03")).toEqual(
      m.chains.find((c) => c.id === "curtail-b03-oscp")?.path,
    );
    // every site is reached by its CSMS's authorisation
    for (const c of m.components.filter((x) => x.type === "charger")) {
      expect(
        [...derived.keys()].some((id) => id.startsWith("derived-auth-") && id.endsWith(`-${c.id}`)),
        c.id,
      ).toBe(true);
    }
  });

  it("follows flows, not just links, and respects the cap", () => {
    const m = ref();
    expect(signalPath(m, "a04", "emsp-plugfinder", "control")).toBeUndefined();
    expect(deriveChains(m, { kinds: ["status"], max: 7 })).toHaveLength(7);
  });
});

describe("a chain from clicked components", () => {
  it("orders the components so each provides to the next, whatever the click order", () => {
    const m: Model = referenceModel();
    expect(chainThrough(m, ["emsp-plugfinder", "hub", "a04", "csms-a"])).toEqual([
      "a04",
      "csms-a",
      "hub",
      "emsp-plugfinder",
    ]);
    // no link between them: no chain
    expect(chainThrough(m, ["a04", "b04"])).toBeUndefined();
    expect(chainThrough(m, ["a04"])).toBeUndefined();
  });
});
