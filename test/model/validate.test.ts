import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  MAX_COMPONENTS,
  MAX_FILE_BYTES,
  migrate,
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
