/** Group edits: a subsystem drawn as one node; deleting members keeps the document valid. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
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
