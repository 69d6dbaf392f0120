/**
 * Coupling metrics against networkx (betweenness, strongly connected components: fixtures made by
 * test/fixtures/coupling/make.py) and hand-computed answers; the reference ecosystem against its
 * peer-to-peer mesh in the direction an expert expects.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { coupling, simplePaths } from "../../src/engine/coupling.ts";
import { type Component, emptyModel, type Link, type Model } from "../../src/model/index.ts";

const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const template = (name: string): Model => read(`public/templates/${name}.seams.json`);
const fixture = (name: string): Model => read(`test/fixtures/coupling/${name}.seams.json`);

describe("coupling vs networkx", () => {
  const cases: [string, Model][] = [
    ["reference", template("reference")],
    ["p2p-mesh", template("p2p-mesh")],
    ["hello", template("hello")],
    ["random-40", fixture("random-40")],
    ["random-12", fixture("random-12")],
  ];
  for (const [name, model] of cases) {
    it(`${name}: betweenness equals networkx's normalised directed betweenness; cycles are its SCCs`, () => {
      const want = read(`test/fixtures/coupling/${name}.expected.json`) as {
        betweenness: Record<string, number>;
        cycles: string[][];
      };
      const got = coupling(model);
      for (const [id, b] of Object.entries(want.betweenness)) {
        expect(got.components[id].betweenness, id).toBeCloseTo(b, 12);
      }
      const cycles = got.model.cycles
        .map((c) => [...c].sort())
        .sort((a, b) => a.join().localeCompare(b.join()));
      const expected = want.cycles.map((c) => [...c].sort()).sort((a, b) => a.join().localeCompare(b.join()));
      expect(cycles).toEqual(expected);
    });
  }
});

describe("coupling by hand", () => {
  const c = (
    id: string,
    type: Component["type"],
    org?: string,
    extra: Partial<Component> = {},
  ): Component => ({
    id,
    type,
    name: id,
    x: 0,
    y: 0,
    ...(org ? { org } : {}),
    ...extra,
  });
  const l = (from: string, to: string, kind: Link["kind"] = "hard", extra: Partial<Link> = {}): Link => ({
    id: `${from}-${to}`,
    from,
    to,
    flows: ["auth"],
    kind,
    ...extra,
  });
  const m: Model = {
    ...emptyModel(),
    orgs: [
      { id: "cpo", name: "CPO", color: "#112233" },
      { id: "hub", name: "Hub", color: "#445566" },
    ],
    components: [
      c("s1", "charger", "cpo", { units: 2, kwPerUnit: 50 }),
      c("s2", "charger", "cpo", { units: 1, kwPerUnit: 150 }),
      c("csms", "csms", "cpo"),
      c("hub", "hub", "hub"),
      c("pay", "payment", "hub"),
    ],
    links: [
      l("s1", "csms", "cached", { ttlMinutes: 60, failMode: "closed" }),
      l("s2", "csms"),
      l("csms", "s1", "async"),
      l("csms", "hub"),
      l("hub", "pay"),
      l("pay", "hub"),
    ],
  };
  const r = coupling(m);

  it("fan-in, fan-out, dependant kW and blast radius", () => {
    expect(r.components.csms).toMatchObject({
      fanIn: 2,
      fanOut: 2,
      dependantKw: 250,
      blastRadiusKw: 250,
      spof: true,
    });
    expect(r.components.hub).toMatchObject({ fanIn: 2, fanOut: 1, dependantKw: 250, blastRadiusKw: 250 });
    expect(r.components.s2).toMatchObject({
      fanIn: 0,
      fanOut: 1,
      dependantKw: 0,
      blastRadiusKw: 150,
      spof: false,
    });
  });

  it("design-structure and responsibility matrices by organisation", () => {
    expect(r.orgDsm).toEqual({
      orgs: ["cpo", "hub"],
      values: [
        [3, 1],
        [0, 2],
      ],
    });
    // cpo's own failures (csms 250, s1 100, s2 150) cost cpo 500 kW; the hub's (hub 250, pay 250) too
    expect(r.responsibility).toEqual({
      orgs: ["cpo", "hub"],
      values: [
        [500, 0],
        [500, 0],
      ],
    });
  });

  it("integrations, seams, cycles and tight coupling", () => {
    // pairs: s1–csms, s2–csms, csms–hub, hub–pay; seam: csms–hub
    expect(r.model.integrations).toBe(4);
    expect(r.model.seams).toBe(1);
    expect(r.model.seamRatio).toBe(0.25);
    // hub ↔ pay through hard links; csms ↔ s1 is not a cycle (the status link is async)
    expect(r.model.cycles).toEqual([["hub", "pay"]]);
    // hard, ungrouped: s2-csms, csms-hub, hub-pay, pay-hub of 6 links
    expect(r.model.tightCoupling).toBeCloseTo(4 / 6, 12);
  });
});

describe("reference ecosystem vs its peer-to-peer mesh", () => {
  it("the hub concentrates brokerage; without it every CPO integrates with every eMSP", () => {
    const ref = template("reference");
    const p2p = template("p2p-mesh");
    const hub = coupling(ref);
    const mesh = coupling(p2p);
    const bilateral = (m: Model) => {
      const type = new Map(m.components.map((c) => [c.id, c.type]));
      const pairs = new Set(
        m.links
          .filter((l) => new Set([type.get(l.from), type.get(l.to)]).size === 2)
          .filter((l) => [type.get(l.from), type.get(l.to)].every((t) => t === "csms" || t === "emsp"))
          .map((l) => [l.from, l.to].sort().join("|")),
      );
      return pairs.size;
    };
    expect(bilateral(ref)).toBe(0);
    expect(bilateral(p2p)).toBe(6); // 2 CPOs × 3 eMSPs
    const emspMax = (r: ReturnType<typeof coupling>, m: Model) =>
      Math.max(...m.components.filter((c) => c.type === "emsp").map((c) => r.components[c.id].betweenness));
    // the hub sits on many shortest dependency paths; in the mesh the eMSPs take that role
    expect(hub.components.hub.betweenness).toBeGreaterThan(10 * emspMax(hub, ref));
    expect(emspMax(mesh, p2p)).toBeGreaterThan(3 * emspMax(hub, ref));
    expect(mesh.components.hub).toBeUndefined();
  });

  it("the mesh has more interaction paths per site (more complex) for the same tight coupling", () => {
    const hub = coupling(template("reference")).model;
    const mesh = coupling(template("p2p-mesh")).model;
    expect(mesh.pathsPerCharger).toBeGreaterThan(1.5 * hub.pathsPerCharger);
    expect(Math.abs(mesh.tightCoupling - hub.tightCoupling)).toBeLessThan(0.05);
  });
});

describe("interaction paths", () => {
  it("counts simple paths from each start, by hand", () => {
    // diamond c → a, c → b, a → d, b → d: c→a, c→b, c→a→d, c→b→d
    expect(simplePaths(4, [[1, 2], [3], [3], []], [0], 100)).toEqual({ count: 4, capped: false });
    // a cycle a ⇄ b behind c: c→a, c→a→b (b→a would revisit a)
    expect(simplePaths(3, [[1], [2], [1]], [0], 100)).toEqual({ count: 2, capped: false });
    // two starts add up; the cap stops the count
    expect(simplePaths(4, [[1, 2], [3], [3], []], [0, 1], 100).count).toBe(5);
    expect(simplePaths(4, [[1, 2], [3], [3], []], [0], 3)).toEqual({ count: 3, capped: true });
  });
});
