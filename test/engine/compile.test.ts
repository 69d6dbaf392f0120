import { describe, expect, it } from "vitest";
import { compileReliability, KIND_ASYNC, KIND_CACHED_OPEN } from "../../src/engine/compile/index.ts";
import { emptyModel, type Link, type Model } from "../../src/model/index.ts";

function twoComponents(link: Partial<Link>): Model {
  const model = emptyModel();
  model.components = [
    { id: "site", type: "charger", name: "Site", x: 0, y: 0 },
    { id: "csms", type: "csms", name: "CSMS", x: 0, y: 0 },
  ];
  model.links = [
    { id: "site--csms", from: "site", to: "csms", flows: ["auth"], kind: "hard", ...link } as Link,
  ];
  return model;
}

describe("compile", () => {
  it("codes a link's kind with its fail mode", () => {
    expect(compileReliability(twoComponents({ kind: "cached", failMode: "open" })).kind[0]).toBe(
      KIND_CACHED_OPEN,
    );
    expect(compileReliability(twoComponents({ kind: "async" })).kind[0]).toBe(KIND_ASYNC);
  });

  it("refuses a link kind it does not know, naming the link, instead of treating it as async", () => {
    const model = twoComponents({ kind: "bogus" as Link["kind"] });
    expect(() => compileReliability(model)).toThrow(/link site--csms: unknown kind "bogus"/);
  });
});
