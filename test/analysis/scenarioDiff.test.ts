import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { comparisonFingerprint, scenarioDiff } from "../../src/analysis/scenarioDiff.ts";
import type { Delta, PairedDeltas } from "../../src/engine/paired.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";
import { diffModels } from "../../src/model/scenario.ts";

const parsed = parseModelText(
  readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8"),
);
if (!parsed.ok) throw new Error("hello template must validate");
const hello: Model = parsed.model;

const delta = (mean: number, significant: boolean): Delta => ({ mean, ci95: [mean, mean], significant });

describe("scenario diff", () => {
  it("marks added, changed and removed components and the links a removal takes with it", () => {
    const variant: Model = {
      ...hello,
      components: [
        ...hello.components
          .filter((c) => c.id !== "telecom")
          .map((c) => (c.id === "csms" ? { ...c, availability: 0.9 } : c)),
        { id: "csms2", type: "csms", name: "Second CSMS", x: 0, y: 0 },
      ],
      links: hello.links.filter((l) => l.to !== "telecom"),
    };
    const d = scenarioDiff(hello, diffModels(hello, variant, "s", "S"));
    expect(d.components.csms).toEqual({ change: "changed", params: ["availability"] });
    expect(d.components.csms2).toEqual({ change: "added" });
    expect(d.components.telecom).toEqual({ change: "removed" });
    expect(d.removedComponents.map((c) => c.id)).toEqual(["telecom"]);
    expect(d.removedLinks).toEqual(["site--telecom"]);
    expect(d.links["site--telecom"]).toBe("removed");
  });

  it("a moved component is not a change; significant deltas become ▲/▼ marks", () => {
    const moved: Model = {
      ...hello,
      components: hello.components.map((c) => (c.id === "cloud" ? { ...c, x: c.x + 50 } : c)),
    };
    const deltas = {
      components: { site: delta(-0.2, true), app: delta(0.001, false), cloud: delta(0.1, true) },
    } as unknown as PairedDeltas; // only the per-component deltas are read
    const d = scenarioDiff(hello, diffModels(hello, moved, "s", "S"), deltas);
    expect(d.components.cloud).toEqual({ moved: { direction: "up", mean: 0.1 } });
    expect(d.components.site).toEqual({ moved: { direction: "down", mean: -0.2 } });
    expect(d.components.app).toBeUndefined();
  });

  it("a comparison's fingerprint ignores positions and other scenarios, not parameters", () => {
    const s = diffModels(
      hello,
      {
        ...hello,
        components: hello.components.map((c) => (c.id === "csms" ? { ...c, availability: 0.9 } : c)),
      },
      "s",
      "S",
    );
    const doc: Model = { ...hello, scenarios: [s] };
    const key = comparisonFingerprint(doc, ["s"]);
    const movedDoc: Model = {
      ...doc,
      components: doc.components.map((c) => ({ ...c, x: c.x + 10 })),
      scenarios: [{ id: "other", name: "Other" }, s],
    };
    expect(comparisonFingerprint(movedDoc, ["s"])).toBe(key);
    const edited: Model = { ...doc, components: doc.components.map((c) => ({ ...c, availability: 0.95 })) };
    expect(comparisonFingerprint(edited, ["s"])).not.toBe(key);
    expect(comparisonFingerprint(doc, ["gone"])).toBeUndefined();
  });
});
