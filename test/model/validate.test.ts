import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  COUNT_LIMITS,
  MAX_COMPONENTS,
  MAX_FILE_BYTES,
  MAX_LINKS,
  migrate,
  PARAMETER_BOUNDS,
  parseModelText,
  validateModel,
} from "../../src/model/index.ts";

const hello = readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8");
const helloDoc = () => JSON.parse(hello);

function issuesOf(text: string) {
  const result = parseModelText(text);
  if (result.ok) throw new Error("expected the document to be refused");
  return result.issues;
}

describe("parseModelText", () => {
  it("accepts the hello template", () => {
    const result = parseModelText(hello);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.model.components).toHaveLength(5);
  });

  it("names line and column of bad JSON", () => {
    const [issue] = issuesOf('{ "schema": "seams/1",\n  "name": }');
    expect(issue.path).toBe("(file)");
    expect(issue.message).toMatch(/not valid JSON.*line 2/);
  });

  it("refuses a document that is not a Seams model", () => {
    expect(issuesOf('{"nodes": []}')[0]).toMatchObject({ path: "schema" });
  });

  it("refuses a newer schema version with a clear message", () => {
    const doc = { ...helloDoc(), schema: "seams/9" };
    expect(issuesOf(JSON.stringify(doc))[0].message).toMatch(/newer Seams/);
  });

  it("names a dangling link end", () => {
    const doc = helloDoc();
    doc.links[2].to = "nowhere";
    expect(issuesOf(JSON.stringify(doc))).toContainEqual({
      path: "links[2].to",
      message: 'link "site--telecom" points to unknown component "nowhere"',
    });
  });

  it("names a duplicate id", () => {
    const doc = helloDoc();
    doc.components[3].id = "site";
    expect(issuesOf(JSON.stringify(doc))[0]).toMatchObject({ path: "components[3].id" });
  });

  it("refuses a probability of 1.5 at its path", () => {
    const doc = helloDoc();
    doc.components[1].silentShare = 1.5;
    expect(issuesOf(JSON.stringify(doc))[0]).toMatchObject({ path: "components[1].silentShare" });
  });

  it("names the path of a bare NaN", () => {
    const text = hello.replace('"units": 6', '"units": NaN');
    expect(issuesOf(text)[0]).toMatchObject({ path: "components[0].units" });
    expect(issuesOf(hello.replace('"x": 600', '"x": -Infinity'))[0]).toMatchObject({
      path: "components[2].x",
    });
  });

  it("keeps NaN inside strings as text", () => {
    const result = parseModelText(hello.replace('"Motorway services"', '"NaN Infinity services"'));
    expect(result.ok).toBe(true);
  });

  it("refuses 100,000 nested arrays with a message, not a stack overflow", () => {
    const deep = `{ "schema": "seams/1", "name": ${"[".repeat(100_000)}${"]".repeat(100_000)} }`;
    const issues = issuesOf(deep);
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("name[0][0][0][0][0][0][0]…");
    expect(issues[0].message).toMatch(/nested too deeply: more than 64 levels/);
  });

  it("reports problems in document order, forbidden keys among the values", () => {
    const doc = helloDoc();
    doc.components[0].availability = Number.NaN;
    doc.components[1].constructor = {};
    doc.components[2].mttrHours = Number.POSITIVE_INFINITY;
    const result = validateModel(doc);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((i) => i.path)).toEqual([
        "components[0].availability",
        "components[1].constructor",
        "components[2].mttrHours",
      ]);
    }
  });

  it("refuses __proto__ and constructor keys", () => {
    const text = hello.replace('"units": 6', '"__proto__": { "polluted": true }, "units": 6');
    expect(issuesOf(text)[0]).toMatchObject({ path: "components[0].__proto__" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const doc = helloDoc();
    doc.settings = JSON.parse('{"constructor": {}}');
    expect(validateModel(doc)).toMatchObject({ ok: false, issues: [{ path: "settings.constructor" }] });
  });

  it("refuses unknown enums and misspelt keys", () => {
    const doc = helloDoc();
    doc.links[0].kind = "sometimes";
    doc.components[0].availabilty = 0.9;
    const paths = issuesOf(JSON.stringify(doc)).map((i) => i.path);
    expect(paths).toContain("links[0].kind");
    expect(paths).toContain("components[0]");
  });

  it("refuses negative times", () => {
    const doc = helloDoc();
    doc.links[0].ttlMinutes = -5;
    expect(issuesOf(JSON.stringify(doc))[0]).toMatchObject({ path: "links[0].ttlMinutes" });
  });

  it("refuses oversized files and too many components", () => {
    expect(issuesOf(" ".repeat(MAX_FILE_BYTES + 1))[0].message).toMatch(/limit is 20 MB/);
    const doc = helloDoc();
    doc.components = Array.from({ length: MAX_COMPONENTS + 1 }, (_, i) => ({
      ...doc.components[0],
      id: `c${i}`,
    }));
    expect(issuesOf(JSON.stringify({ ...doc, links: [] }))[0]).toMatchObject({ path: "components" });
  });

  it("refuses a redundancy group that can never be met", () => {
    const doc = helloDoc();
    doc.links[2].group = "net";
    doc.links[2].k = 2;
    expect(issuesOf(JSON.stringify(doc))[0].message).toMatch(/can never be met/);
  });
});

describe("limits", () => {
  it("counts links, members, chain paths, scenarios and edits before the schema, naming the path and the limit", () => {
    const doc = helloDoc();
    // not even links: the count is refused before the schema would report 100,001 problems
    doc.links = new Array(MAX_LINKS + 1).fill(0);
    doc.chains = [{ id: "c", name: "C", path: new Array(1001).fill("site"), deadlineMs: 1 }];
    doc.scenarios = [{ id: "s", name: "S", remove: { links: new Array(50_001).fill("x") } }];
    expect(validateModel(doc)).toEqual({
      ok: false,
      issues: [
        {
          path: "links",
          message: "100001 links; the limit is 100000 (five dependencies for each of 20,000 components)",
        },
        {
          path: "chains[0].path",
          message:
            "1001 components in a chain's path; the limit is 1000 (a signal chain crosses a dozen systems; 1,000 hops take longer than any deadline)",
        },
        {
          path: "scenarios[0]",
          message:
            "50001 edits (items added, removed and changed, settings changed); the limit is 50000 (mirroring every charger's link to a second hub adds 20,000 links and changes 20,000)",
        },
      ],
    });
  });

  it("every count limit has a reason and stays within what a 20 MB file can hold", () => {
    for (const limit of COUNT_LIMITS) {
      expect(limit.reason.length, limit.path).toBeGreaterThan(10);
      expect(limit.max, limit.path).toBeLessThanOrEqual(MAX_LINKS);
    }
    expect(COUNT_LIMITS.map((l) => l.path)).toEqual([
      "components",
      "links",
      "orgs",
      "commonCauses",
      "commonCauses[].members",
      "chains",
      "chains[].path",
      "scenarios",
      "scenarios[]",
      "groups",
      "groups[].members",
      "incidents",
    ]);
  });

  it("refuses values above their bound after the schema, with the value, the limit and why", () => {
    const doc = helloDoc();
    doc.components[0].kwPerUnit = 1e308;
    doc.components[0].units = 1e15;
    doc.components[1].x = -2e7;
    doc.links[0].latencyMs = { p50: 10, p95: 1e9 };
    doc.settings.horizonDays = 1e300;
    const result = validateModel(doc);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
        "components[0].units: 1000000000000000 units is more than the limit 10000 units (the largest hubs have a few hundred points; keeps total kW exact)",
        "components[0].kwPerUnit: 1e308 kW is more than the limit 10000 kW (a megawatt charger is 3,750 kW; keeps total kW far below 2^53)",
        "components[1].x: -20000000 px is beyond the limit ±10000000 px (the canvas fits far smaller drawings)",
        "links[0].latencyMs.p95: 1000000000 ms is more than the limit 3600000 ms (an hour: a slower reply is an outage)",
        "settings.horizonDays: 1e300 days is more than the limit 3650 days (ten years of operation)",
      ]);
  });

  it("accepts every value at its bound: the largest charger site totals 100 GW, far below 2^53 kW", () => {
    const doc = helloDoc();
    for (const bound of PARAMETER_BOUNDS.components) {
      if (!bound.key.includes(".")) doc.components[0][bound.key] = bound.max;
    }
    doc.components[0].latencyMs = { p50: 3_600_000, p95: 3_600_000 };
    for (const bound of PARAMETER_BOUNDS.settings) {
      const [key, sub] = bound.key.split(".");
      if (sub === undefined) doc.settings[key] = bound.max;
      else doc.settings[key] = { ...doc.settings[key], [sub]: bound.max };
    }
    const result = validateModel(doc);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(doc.components[0].units * doc.components[0].kwPerUnit).toBe(100_000_000);
  });
});

describe("migrate", () => {
  it("turns a seams/0 prototype document into seams/1", () => {
    const v0 = {
      schema: "seams/0",
      name: "old",
      orgs: [],
      nodes: [{ id: "a", type: "charger", name: "A", x: 0, y: 0 }],
      edges: [],
    };
    const v0WithEdge = {
      ...v0,
      nodes: [...v0.nodes, { id: "b", type: "csms", name: "B", x: 1, y: 1 }],
      edges: [{ id: "e", from: "a", to: "b", flows: ["auth"], type: "hard" }],
    };
    const migrated = migrate(v0WithEdge);
    expect(migrated.ok).toBe(true);
    const result = validateModel(v0WithEdge);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.model.schema).toBe("seams/1");
      expect(result.model.links[0]).toMatchObject({ id: "e", kind: "hard" });
      expect(result.model.settings.trials).toBeGreaterThan(0);
    }
  });
});
