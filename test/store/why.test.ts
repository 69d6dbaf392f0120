/** What the canvas marks for the why panel: the chosen cut set, or the replay up to its step. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeViewer, namesOf } from "../../src/analysis/why.ts";
import { cutSets } from "../../src/engine/cutsets.ts";
import { replay } from "../../src/engine/replay.ts";
import type { Model } from "../../src/model/schema.ts";
import { lastStep, whyHighlight } from "../../src/store/why.ts";

const reference = JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8")) as Model;

describe("why highlight", () => {
  it("marks the chosen cut set's components and the site itself", () => {
    const why = { method: "exact" as const, ...cutSets(reference, "b04") };
    const chosen = why.cutSets.findIndex((cs) => cs.events.some((e) => e.of === "csms-b"));
    expect(chosen).toBeGreaterThanOrEqual(0);
    const h = whyHighlight(
      { target: { kind: "charger", charger: "b04" }, why, chosen, replay: undefined },
      reference,
    );
    expect(h?.components["csms-b"]).toBe("cause");
    expect(h?.components.b04 ?? "outcome").toMatch(/outcome|cause/);
  });

  it("a replay adds one wave per step and ends on what each viewer showed", () => {
    // b04 never fails by itself here: it is unusable only through its links, in waves
    const model: Model = {
      ...reference,
      components: reference.components.map((c) => (c.id === "b04" ? { ...c, availability: 1 } : c)),
      commonCauses: reference.commonCauses.map((cc) => ({
        ...cc,
        members: cc.members.filter((m) => m !== "b04"),
      })),
    };
    const result = replay(model, { kind: "unusable", charger: "b04" }, { maxTrials: 400_000 });
    expect(result.found).toBe(true);
    expect(result.steps.length).toBeGreaterThan(0);
    const last = lastStep(result);
    const at = (step: number) =>
      whyHighlight(
        {
          target: { kind: "charger", charger: "b04" },
          why: undefined,
          chosen: undefined,
          replay: { outcome: result.outcome, result, step, error: undefined },
        },
        model,
      );
    for (const f of result.intrinsic) expect(at(0)?.components[f.id]).toBe("intrinsic");
    for (const s of result.steps) {
      expect(at(s.wave - 1)?.components[s.id]).not.toBe("failed");
      expect(at(s.wave)?.components[s.id]).toBe("failed");
      for (const b of s.because) expect(at(s.wave)?.links[b.link]).toBe(b.seam ? "seam" : "carried");
    }
    const end = at(last);
    for (const v of result.charger.viewers) {
      expect(end?.components[v.viewer]).toBe(v.showsAvailable ? "shows-available" : "shows-unavailable");
    }
  });

  it("says what a viewer showed against what the site could do, by name", () => {
    const names = namesOf(reference);
    expect(describeViewer({ viewer: "hub", showsAvailable: true }, false, names)).toBe(
      `${reference.components.find((c) => c.id === "hub")?.name} showed it available while it could not charge`,
    );
  });
});
