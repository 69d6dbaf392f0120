import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type Model, parseModelText } from "../../src/model/index.ts";

const dir = new URL("../../public/templates/", import.meta.url);
const read = (file: string) => readFileSync(new URL(file, dir), "utf8");

function load(file: string): Model {
  const result = parseModelText(read(file));
  if (!result.ok) {
    throw new Error(`${file}: ${result.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  return result.model;
}

const byType = (m: Model, type: string) => m.components.filter((c) => c.type === type);
const hasLink = (m: Model, from: string, to: string, flow?: string) =>
  m.links.some(
    (l) => l.from === from && l.to === to && (flow === undefined || l.flows.includes(flow as never)),
  );

describe("templates", () => {
  const files = readdirSync(dir).filter((f) => f.endsWith(".seams.json"));

  it.each(files)("%s validates", (file) => {
    expect(() => load(file)).not.toThrow();
  });

  it("the menu lists every template, each with a name and description", () => {
    const index = JSON.parse(read("index.json")) as { file: string; name: string; description: string }[];
    expect(index.map((t) => t.file).sort()).toEqual([...files].sort());
    for (const t of index) {
      expect(t.name.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
    }
  });
});

describe("reference ecosystem", () => {
  const m = load("reference.seams.json");
  const component = (id: string) => m.components.find((c) => c.id === id)!;
  const hostOf = (id: string) => m.links.find((l) => l.from === id && l.flows.includes("hosting"))?.to;

  it("has at least 40 components and every type of the story", () => {
    expect(m.components.length).toBeGreaterThanOrEqual(40);
    for (const type of ["charger", "csms", "hub", "emsp", "payment", "dso", "aggregator", "oem", "pki"]) {
      expect(byType(m, type).length, type).toBeGreaterThan(0);
    }
    expect(byType(m, "emsp")).toHaveLength(3);
    expect(byType(m, "telecom")).toHaveLength(2);
  });

  it("has two CPOs, each with a CSMS in a different cloud region and at least 6 sites", () => {
    const csmss = byType(m, "csms");
    expect(csmss).toHaveLength(2);
    const regions = csmss.map((c) => hostOf(c.id));
    expect(regions.every((r) => r !== undefined && component(r).type === "cloud")).toBe(true);
    expect(new Set(regions).size).toBe(2);
    expect(new Set(regions.map((r) => component(r!).org)).size).toBe(2);
    for (const csms of csmss) {
      const sites = byType(m, "charger").filter((c) => hasLink(m, c.id, csms.id, "auth"));
      expect(sites.length).toBeGreaterThanOrEqual(6);
      expect(sites.every((s) => s.org === csms.org)).toBe(true);
    }
  });

  it("gives every link a protocol and a kind", () => {
    for (const l of m.links) {
      expect(l.protocol, l.id).toBeDefined();
      expect(l.kind, l.id).toBeDefined();
    }
  });

  it("gives every component an organisation, and every org a component", () => {
    const used = new Set(m.components.map((c) => c.org));
    expect(m.components.every((c) => c.org !== undefined)).toBe(true);
    expect(m.orgs.every((o) => used.has(o.id))).toBe(true);
  });

  it("splits the sites between the two carriers", () => {
    for (const telecom of byType(m, "telecom")) {
      const sites = byType(m, "charger").filter((c) => hasLink(m, c.id, telecom.id, "connectivity"));
      expect(sites.length, telecom.id).toBeGreaterThanOrEqual(6);
    }
    for (const site of byType(m, "charger")) {
      expect(
        m.links.some((l) => l.from === site.id && l.flows.includes("connectivity")),
        site.id,
      ).toBe(true);
    }
  });

  it("shows the eMSPs the sites only through the hub", () => {
    const hub = byType(m, "hub")[0];
    for (const emsp of byType(m, "emsp")) {
      expect(hasLink(m, emsp.id, hub.id, "status")).toBe(true);
      for (const csms of byType(m, "csms")) expect(hasLink(m, emsp.id, csms.id)).toBe(false);
    }
  });

  it("has one fail-open and one fail-closed CPO", () => {
    const failModes = byType(m, "csms").map(
      (csms) =>
        new Set(
          m.links
            .filter((l) => l.to === csms.id && component(l.from).type === "charger" && l.kind === "cached")
            .map((l) => l.failMode),
        ),
    );
    expect(failModes.map((s) => [...s])).toEqual([["open"], ["closed"]]);
  });

  it("has common causes and chains whose every hop is a link in the signal's direction", () => {
    expect(m.commonCauses.length).toBeGreaterThanOrEqual(3);
    expect(m.chains.length).toBeGreaterThanOrEqual(2);
    for (const chain of m.chains) {
      for (let i = 1; i < chain.path.length; i++) {
        expect(hasLink(m, chain.path[i], chain.path[i - 1]), `${chain.id} hop ${i}`).toBe(true);
      }
    }
  });

  it("lays components out on distinct positions", () => {
    const positions = new Set(m.components.map((c) => `${c.x},${c.y}`));
    expect(positions.size).toBe(m.components.length);
  });
});

describe("peer-to-peer mesh", () => {
  const m = load("p2p-mesh.seams.json");
  const reference = load("reference.seams.json");

  it("has no hub", () => {
    expect(byType(m, "hub")).toHaveLength(0);
    const ids = new Set(m.components.map((c) => c.id));
    expect(m.links.every((l) => ids.has(l.from) && ids.has(l.to))).toBe(true);
  });

  it("links every eMSP to every CSMS, both ways", () => {
    for (const emsp of byType(m, "emsp")) {
      for (const csms of byType(m, "csms")) {
        expect(hasLink(m, emsp.id, csms.id, "status")).toBe(true);
        expect(hasLink(m, csms.id, emsp.id, "auth")).toBe(true);
      }
    }
  });

  it("keeps everything else of the reference ecosystem", () => {
    const hubIds = new Set(byType(reference, "hub").map((c) => c.id));
    expect(m.components).toEqual(reference.components.filter((c) => !hubIds.has(c.id)));
    expect(m.links.every((l) => l.protocol !== undefined)).toBe(true);
  });
});
