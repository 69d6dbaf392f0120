/** Group edits: a subsystem drawn as one node; deleting members keeps the document valid. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ComponentFlowNode } from "../../src/canvas/ComponentNode.tsx";
import { applyGroups } from "../../src/canvas/grouping.ts";
import type { LinkFlowEdge } from "../../src/canvas/LinkEdge.tsx";
import type { Model } from "../../src/model/schema.ts";
import { checkReferences } from "../../src/model/validate.ts";
import {
  deleteSelection,
  groupComponents,
  semanticKey,
  setGroupCollapsed,
  ungroup,
} from "../../src/store/edits.ts";

const reference = JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8")) as Model;

describe("groups", () => {
  it("grouping, collapsing and ungrouping leave what the analysis sees unchanged", () => {
    const { model: grouped, id } = groupComponents(reference, ["csms-a", "a01", "a02"], "Voltline");
    expect(grouped.groups).toEqual([{ id, name: "Voltline", members: ["csms-a", "a01", "a02"] }]);
    const collapsed = setGroupCollapsed(grouped, id, true);
    expect(collapsed.groups?.[0].collapsed).toBe(true);
    expect(semanticKey(collapsed)).toBe(semanticKey(reference));
    expect(ungroup(collapsed, id)).not.toHaveProperty("groups");
  });

  it("a component joins one group at most, and deleting members prunes the group", () => {
    const first = groupComponents(reference, ["a01", "a02"], "one");
    const second = groupComponents(first.model, ["a02", "a03"], "two");
    expect(second.model.groups?.map((g) => g.members)).toEqual([["a01"], ["a02", "a03"]]);
    const deleted = deleteSelection(second.model, { components: ["a01"], links: [] });
    expect(deleted.groups?.map((g) => g.id)).toEqual([second.id]);
    expect(checkReferences(deleted)).toEqual([]);
  });
});

describe("groups on the canvas", () => {
  const nodesOf = (model: Model): ComponentFlowNode[] =>
    model.components.map((c) => ({
      id: c.id,
      type: "component",
      position: { x: c.x, y: c.y },
      data: { component: c, orgName: undefined, orgColor: undefined, whatIf: undefined },
    }));
  const edgesOf = (model: Model): LinkFlowEdge[] =>
    model.links.map((l) => ({
      id: l.id,
      type: "link",
      source: l.from,
      target: l.to,
      data: { link: l, isSeam: false, overlay: undefined },
    }));

  it("a collapsed group is one node; its members' links go to it once per pair of ends, none inside", () => {
    const members = ["csms-a", "a01", "a02", "a03"];
    const { model, id } = groupComponents(reference, members, "Voltline");
    const nodes = nodesOf(model);
    const edges = edgesOf(model);
    const open = applyGroups(model.groups, nodes, edges, undefined);
    expect(open.nodes.length).toBe(nodes.length + 1);
    expect(open.edges).toBe(edges);

    const closed = applyGroups(setGroupCollapsed(model, id, true).groups, nodes, edges, undefined);
    const ids = closed.nodes.map((n) => n.id);
    expect(ids).toContain(`group:${id}`);
    for (const m of members) expect(ids).not.toContain(m);
    expect(closed.nodes.length).toBe(nodes.length - members.length + 1);
    const inside = reference.links.filter((l) => members.includes(l.from) && members.includes(l.to));
    expect(inside.length).toBeGreaterThan(0);
    const pairs = closed.edges.map((e) => `${e.source}>${e.target}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const e of closed.edges) {
      expect(members).not.toContain(e.source);
      expect(members).not.toContain(e.target);
    }
    // every link that leaves the group is still drawn, merged into one edge per pair of ends
    const leaving = reference.links.filter((l) => members.includes(l.from) !== members.includes(l.to));
    const merged = closed.edges.filter((e) => e.id.startsWith("grouped:"));
    expect(merged.reduce((n, e) => n + (e.data?.count ?? 0), 0)).toBe(leaving.length);
    // untouched links keep their edge objects (no re-render)
    const untouched = edges.filter((e) => !members.includes(e.source) && !members.includes(e.target));
    for (const e of untouched) expect(closed.edges).toContain(e);
  });

  it("a collapsed group is filled like its worst member (from the overlays it is given)", () => {
    const members = ["csms-a", "a01", "a02"];
    const { model, id } = groupComponents(reference, members, "Voltline");
    const collapsed = setGroupCollapsed(model, id, true).groups;
    const overlay = (p: number) => ({ fill: `p${p}`, p, label: `${p}`, badges: [] });
    const overlays = { "csms-a": overlay(0.01), a01: overlay(0.3), a02: overlay(0.2), a03: overlay(0.9) };
    const node = applyGroups(collapsed, nodesOf(model), edgesOf(model), overlays).nodes.find(
      (n) => n.id === `group:${id}`,
    );
    expect(node?.data.overlay).toBe(overlays.a01);
    const none = applyGroups(collapsed, nodesOf(model), edgesOf(model), undefined).nodes.find(
      (n) => n.id === `group:${id}`,
    );
    expect(none?.data.overlay).toBeUndefined();
  });
});
