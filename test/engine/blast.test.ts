import { describe, expect, it } from "vitest";
import { blastRadius } from "../../src/engine/blast.ts";
import { type Component, emptyModel, type Link, type Model } from "../../src/model/index.ts";

const charger = (id: string, units = 2, kwPerUnit = 50): Component => ({
  id,
  type: "charger",
  name: id,
  x: 0,
  y: 0,
  units,
  kwPerUnit,
});
const backend = (id: string): Component => ({ id, type: "csms", name: id, x: 0, y: 0 });
const link = (from: string, to: string, extra: Partial<Link> = {}): Link => ({
  id: `${from}--${to}`,
  from,
  to,
  flows: ["auth"],
  kind: "hard",
  ...extra,
});
const model = (components: Component[], links: Link[]): Model => ({ ...emptyModel(), components, links });

describe("blast radius", () => {
  it("a series chain takes out everything downstream", () => {
    const m = model(
      [charger("c"), backend("csms"), backend("cloud")],
      [link("c", "csms"), link("csms", "cloud")],
    );
    const b = blastRadius(m);
    expect(b.cloud).toEqual({ blastRadiusKw: 100, spof: true, cascade: 2 });
    expect(b.csms.blastRadiusKw).toBe(100);
    expect(b.c).toEqual({ blastRadiusKw: 100, spof: false, cascade: 0 });
  });

  it("a 1-of-2 group survives either provider alone; 2-of-2 does not", () => {
    const links = [link("c", "a", { group: "g" }), link("c", "b", { group: "g" })];
    const oneOfTwo = blastRadius(model([charger("c"), backend("a"), backend("b")], links));
    expect(oneOfTwo.a.spof).toBe(false);
    expect(oneOfTwo.b.blastRadiusKw).toBe(0);
    const twoOfTwo = blastRadius(
      model(
        [charger("c"), backend("a"), backend("b")],
        links.map((l) => ({ ...l, k: 2 })),
      ),
    );
    expect(twoOfTwo.a.blastRadiusKw).toBe(100);
  });

  it("a sustained outage breaks a fail-closed cache but not a fail-open one, nor soft or async links", () => {
    const m = model(
      [charger("closed"), charger("open", 1, 22), charger("soft"), charger("async"), backend("csms")],
      [
        link("closed", "csms", { kind: "cached", failMode: "closed", ttlMinutes: 60 }),
        link("open", "csms", { kind: "cached", failMode: "open", ttlMinutes: 60 }),
        link("soft", "csms", { kind: "soft" }),
        link("async", "csms", { kind: "async", flows: ["status"] }),
      ],
    );
    expect(blastRadius(m).csms).toEqual({ blastRadiusKw: 100, spof: true, cascade: 1 });
  });

  it("a dependency cycle fails as a whole when one member fails", () => {
    const m = model(
      [charger("c"), backend("a"), backend("b")],
      [link("c", "a"), link("a", "b"), link("b", "a")],
    );
    const b = blastRadius(m);
    expect(b.b).toEqual({ blastRadiusKw: 100, spof: true, cascade: 2 });
  });
});
