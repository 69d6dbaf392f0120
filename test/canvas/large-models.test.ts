/**
 * What keeps a large model's canvas and panels light (issue 17.3): the far view finds the component
 * under a click (nodeAt) and names it (nodeTitle), the key lists a few organisations, and an
 * organisation heat map draws a few rows.
 */
import { describe, expect, it } from "vitest";
import { keyOrganisations } from "../../src/canvas/CanvasLegend.tsx";
import type { ComponentFlowNode } from "../../src/canvas/ComponentNode.tsx";
import { isSameBoxDrawing, isSameLinkDrawing, nodeAt, nodeTitle } from "../../src/canvas/farView.ts";
import { selectIn } from "../../src/canvas/useFlowElements.ts";
import { cutOrgMatrix, heatmapRows } from "../../src/engine/index.ts";
import { firstInOrder } from "../../src/panels/results/topRows.ts";

const card = (id: string, name: string, x: number, y: number): ComponentFlowNode => ({
  id,
  type: "component",
  position: { x, y },
  width: 100,
  height: 40,
  data: {
    component: { id, name, type: "csms", x, y } as ComponentFlowNode["data"]["component"],
    orgName: "Voltline",
    orgColor: "#123456",
    whatIf: undefined,
  },
});

describe("the far view", () => {
  const nodes = [card("a", "Alpha", 0, 0), card("b", "Beta", 50, 20), card("c", "Gamma", 500, 500)];
  it("finds the box under a point, the one drawn last where boxes overlap", () => {
    expect(nodeAt(nodes, 10, 10)?.id).toBe("a");
    expect(nodeAt(nodes, 60, 30)?.id).toBe("b");
    expect(nodeAt(nodes, 550, 520)?.id).toBe("c");
    expect(nodeAt(nodes, 300, 300)).toBeUndefined();
  });
  it("names a component by its name, organisation and figure, never its id", () => {
    const overlay = { b: { fill: "#fff", label: "P = 2.0 %", p: 0.02, badges: [] } };
    expect(nodeTitle(nodes[1], overlay)).toBe("Beta · Voltline · P = 2.0 %");
  });
});

describe("the far view's redrawing", () => {
  const nodes = [card("a", "Alpha", 0, 0), card("b", "Beta", 300, 0)];
  const scene = { nodes, edges: [], overlay: undefined };
  it("draws nothing again for a selection (a node object changed, not what is drawn of it)", () => {
    const selected = { ...scene, nodes: [{ ...nodes[0], selected: true }, nodes[1]] };
    expect(isSameLinkDrawing(scene, selected)).toBe(true);
    expect(isSameBoxDrawing(scene, selected)).toBe(true);
  });
  it("draws links and boxes again when a component moved, boxes when its name changed", () => {
    const moved = { ...scene, nodes: [{ ...nodes[0], position: { x: 10, y: 0 } }, nodes[1]] };
    expect(isSameLinkDrawing(scene, moved)).toBe(false);
    const renamed = card("a", "Alpha 2", 0, 0);
    expect(isSameLinkDrawing(scene, { ...scene, nodes: [renamed, nodes[1]] })).toBe(true);
    expect(isSameBoxDrawing(scene, { ...scene, nodes: [renamed, nodes[1]] })).toBe(false);
  });
});

describe("the selection over the canvas's nodes", () => {
  const nodes = [card("a", "Alpha", 0, 0), card("b", "Beta", 300, 0), card("c", "Gamma", 600, 0)];
  it("is the same list when nothing is selected", () => {
    expect(selectIn(nodes, [], new WeakMap())).toBe(nodes);
  });
  it("swaps only the selected nodes, for one copy each while they stay selected", () => {
    const copies = new WeakMap<ComponentFlowNode, ComponentFlowNode>();
    const once = selectIn(nodes, ["b"], copies);
    expect(once.map((n) => n.selected ?? false)).toEqual([false, true, false]);
    expect(once[0]).toBe(nodes[0]);
    expect(once[2]).toBe(nodes[2]);
    expect(nodes[1].selected).toBeUndefined();
    const again = selectIn(nodes, ["c", "b"], copies);
    expect(again[1]).toBe(once[1]);
    expect(again[2].selected).toBe(true);
  });
});

describe("the canvas key's organisations", () => {
  const orgs = Array.from({ length: 30 }, (_, i) => ({ id: `o${i}`, name: `Org ${i}`, color: "#000" }));
  it("lists every organisation of a small model", () => {
    expect(keyOrganisations(orgs.slice(0, 5), [])).toEqual({ shown: orgs.slice(0, 5), more: 0 });
  });
  it("lists those with the most components of a large one, in the model's order", () => {
    const components = [
      ...Array.from({ length: 3 }, () => ({ org: "o20" })),
      ...Array.from({ length: 2 }, () => ({ org: "o7" })),
      { org: "o1" },
    ];
    const { shown, more } = keyOrganisations(orgs, components, 3);
    expect(shown.map((o) => o.id)).toEqual(["o1", "o7", "o20"]);
    expect(more).toBe(27);
  });
});

describe("an organisation heat map", () => {
  it("draws every row of a small matrix", () => {
    expect(
      heatmapRows(
        {
          orgs: ["a", "b"],
          values: [
            [1, 0],
            [0, 2],
          ],
        },
        24,
      ),
    ).toEqual([0, 1]);
  });
  it("draws the rows with the most in their row and column of a large one", () => {
    const values = [
      [0, 0, 0, 0],
      [0, 0, 5, 0],
      [0, 0, 0, 0],
      [1, 0, 0, 0],
    ];
    // weights: a 1 (column), b 5, c 5 (column), d 1: b and c, in the matrix's order
    expect(heatmapRows({ orgs: ["a", "b", "c", "d"], values }, 2)).toEqual([1, 2]);
  });
});

describe("an organisation matrix cut for the page", () => {
  it("keeps the drawn rows' cells, the whole's size and its largest value", () => {
    // 30 organisations; cell (r, c) = r·c mod 7, and one large cell between two light rows
    const orgs = Array.from({ length: 30 }, (_, i) => `o${i}`);
    const values = orgs.map((_, r) => orgs.map((_, c) => (r * c) % 7));
    values[0][1] = 9; // rows 0 and 1 are otherwise empty
    const cut = cutOrgMatrix({ orgs, values }, 24);
    const rows = heatmapRows({ orgs, values }, 24);
    expect(cut.of).toBe(30);
    expect(cut.max).toBe(9);
    expect(cut.orgs).toEqual(rows.map((r) => orgs[r]));
    expect(cut.orgs).toHaveLength(24);
    for (const [i, r] of rows.entries())
      for (const [j, c] of rows.entries()) expect(cut.values[i][j]).toBe(values[r][c]);
    // a small matrix stays whole
    expect(
      cutOrgMatrix(
        {
          orgs: ["a", "b"],
          values: [
            [0, 2],
            [1, 0],
          ],
        },
        24,
      ),
    ).toEqual({
      orgs: ["a", "b"],
      values: [
        [0, 2],
        [1, 0],
      ],
      of: 2,
      max: 2,
    });
  });
});

describe("the charger table's first rows", () => {
  const byP = (a: { p: number }, b: { p: number }) => a.p - b.p;
  // seeded (LCG): 2,000 sites with many ties among 50 values
  let seed = 7;
  const sites = Array.from({ length: 2000 }, (_, id) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return { id, p: seed % 50 };
  });
  it("are a stable sort's first rows, ties in the model's order", () => {
    for (const count of [0, 1, 25, 300]) {
      expect(firstInOrder(sites, count, byP)).toEqual([...sites].sort(byP).slice(0, count));
    }
  });
  it("are every row sorted when all are asked for, the input left as it was", () => {
    const before = sites.map((s) => s.id);
    expect(firstInOrder(sites, 5000, byP)).toEqual([...sites].sort(byP));
    expect(sites.map((s) => s.id)).toEqual(before);
  });
});
