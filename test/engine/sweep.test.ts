import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Model, replicate, validateModel } from "../../src/model/index.ts";

const reference = JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8")) as Model;

describe("replicate (interoperability sweep)", () => {
  it("N copies of a component take its links and each its own organisation; the result is a valid model", () => {
    const m = replicate(reference, "emsp-greenpower", 3);
    const copies = m.components.filter((c) => c.id.startsWith("emsp-greenpower"));
    expect(copies).toHaveLength(3);
    expect(new Set(copies.map((c) => c.org)).size).toBe(3);
    const touching = (id: string) => m.links.filter((l) => l.from === id || l.to === id).length;
    for (const c of copies) expect(touching(c.id)).toBe(touching("emsp-greenpower"));
    expect(validateModel(m).ok).toBe(true);
    expect(replicate(reference, "hub", 1)).toEqual(reference);
  });

  it("refuses an unknown component or a bad count", () => {
    expect(() => replicate(reference, "nope", 2)).toThrow(/no component/);
    expect(() => replicate(reference, "hub", 0)).toThrow(/≥ 1/);
  });
});
