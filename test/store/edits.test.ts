import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { presetsFor } from "../../src/model/presets.ts";
import type { Model } from "../../src/model/schema.ts";
import { checkReferences, parseModelText } from "../../src/model/validate.ts";
import * as edits from "../../src/store/edits.ts";

function hello(): Model {
  const parsed = parseModelText(
    readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8"),
  );
  if (!parsed.ok) throw new Error("hello template invalid");
  return parsed.model;
}

/** Every edit must leave a document that validates (no dangling references). */
function expectValid(model: Model) {
  expect(checkReferences(model)).toEqual([]);
}

describe("pure edits", () => {
  it("patching a component keeps untouched components identical and removes undefined keys", () => {
    const m = hello();
    const next = edits.patchComponent(m, "site", { units: 12, silentShare: undefined });
    expect(next.components.find((c) => c.id === "site")?.units).toBe(12);
    expect(next.components.find((c) => c.id === "site")).not.toHaveProperty("silentShare");
    for (let i = 1; i < m.components.length; i++) {
      if (m.components[i].id !== "site") expect(next.components[i]).toBe(m.components[i]);
    }
    expect(edits.patchComponent(m, "nope", { units: 1 })).toBe(m);
  });

  it("adding then connecting with a preset makes the preset's links", () => {
    const m = hello();
    const added = edits.addComponent(m, "csms", { x: 10.4, y: 20.6 });
    expect(added.id).toBe("csms-2");
    const c = added.model.components.at(-1);
    expect(c).toMatchObject({ id: "csms-2", type: "csms", x: 10, y: 21 });
    const preset = presetsFor("charger", "csms").find((p) => p.protocol === "ocpp201");
    if (!preset) throw new Error("no OCPP preset");
    const { model, ids } = edits.connect(added.model, preset, "site", "csms-2");
    expect(ids).toHaveLength(2);
    const [auth, status] = ids.map((id) => model.links.find((l) => l.id === id));
    expect(auth).toMatchObject({ from: "site", to: "csms-2", kind: "cached" });
    expect(status).toMatchObject({ from: "csms-2", to: "site", kind: "async" });
    expectValid(model);
  });

  it("deleting a component removes its links and leaves common causes and chains valid", () => {
    const m = hello();
    const gone = m.components[1].id;
    const withCc: Model = {
      ...m,
      commonCauses: [{ id: "cc", name: "both", members: [gone, m.components[2].id], probability: 0.01 }],
      chains: [{ id: "ch", name: "c", path: [m.components[0].id, gone], deadlineMs: 1000 }],
    };
    const next = edits.deleteSelection(withCc, { components: [gone], links: [] });
    expect(next.components.map((c) => c.id)).not.toContain(gone);
    expect(next.links.some((l) => l.from === gone || l.to === gone)).toBe(false);
    expect(next.commonCauses[0].members).toEqual([m.components[2].id]);
    expect(next.chains).toEqual([]);
    expectValid(next);
  });

  it("copy and paste duplicates components with fresh ids and rewires links among them", () => {
    const m = hello();
    const ids = m.components.map((c) => c.id);
    const clip = edits.copySelection(m, { components: ids, links: [] });
    if (!clip) throw new Error("nothing copied");
    const { model, selection } = edits.paste(m, clip);
    expect(model.components).toHaveLength(2 * m.components.length);
    expect(model.links).toHaveLength(2 * m.links.length);
    expect(new Set(model.components.map((c) => c.id)).size).toBe(model.components.length);
    const pasted = new Set(selection.components);
    for (const id of selection.links) {
      const l = model.links.find((x) => x.id === id);
      expect(pasted.has(l?.from ?? "")).toBe(true);
      expect(pasted.has(l?.to ?? "")).toBe(true);
    }
    expectValid(model);
  });

  it("removing an organisation clears it from its components", () => {
    const m: Model = { ...hello(), orgs: [{ id: "o", name: "O", color: "#112233" }] };
    m.components = m.components.map((c) => ({ ...c, org: "o" }));
    const next = edits.patchModel(m, { orgs: [] });
    expect(next.components.every((c) => c.org === undefined)).toBe(true);
    expectValid(next);
  });

  it("the semantic key ignores positions and names but not parameters", () => {
    const m = hello();
    const moved = edits.moveComponents(m, new Map([["site", { x: 999, y: 999 }]]));
    expect(moved).not.toBe(m);
    expect(edits.semanticKey(moved)).toBe(edits.semanticKey(m));
    expect(edits.semanticKey(edits.patchComponent(m, "site", { name: "x" }))).toBe(edits.semanticKey(m));
    expect(edits.semanticKey(edits.patchComponent(m, "site", { units: 99 }))).not.toBe(edits.semanticKey(m));
  });
});
