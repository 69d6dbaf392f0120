/** Scenarios: applying, diffing and validating them; comparing them with the baseline. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../../src/engine/compare.ts";
import {
  applyScenario,
  diffModels,
  type Model,
  scenarioChanges,
  validateModel,
} from "../../src/model/index.ts";

const reference = (): Model => JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8"));

/** "Two hubs mandated": a second roaming hub, every link to the first one mirrored to it, 1 of 2. */
function twoHubs(m: Model): Model {
  const hub = m.components.find((c) => c.type === "hub");
  if (!hub) throw new Error("no hub");
  const second = { ...hub, id: "hub-2", name: "Second roaming hub", x: hub.x + 80, y: hub.y + 80 };
  const links = m.links.flatMap((l) => {
    if (l.to === hub.id) {
      const g = l.group ?? `two-hubs-${l.id}`;
      return [
        { ...l, group: g, k: 1 },
        { ...l, id: `${l.id}-2`, to: second.id, group: g, k: 1 },
      ];
    }
    if (l.from === hub.id) return [l, { ...l, id: `${l.id}-2`, from: second.id }];
    return [l];
  });
  return { ...m, components: [...m.components, second], links };
}

describe("scenarios", () => {
  it("a diff applied to the baseline gives the edited model back", () => {
    const base = reference();
    const edited = twoHubs(base);
    edited.components = edited.components
      .filter((c) => c.id !== "a12")
      .map((c) => (c.id === "a01" ? { ...c, availability: 0.999 } : c));
    edited.links = edited.links.filter((l) => l.from !== "a12" && l.to !== "a12");
    edited.settings = { ...edited.settings, horizonDays: 7 };
    const s = diffModels(base, edited, "two-hubs", "Two hubs mandated");
    const back = applyScenario(base, s);
    const norm = (m: Model) =>
      JSON.stringify({
        ...m,
        components: [...m.components].sort((a, b) => (a.id < b.id ? -1 : 1)),
        links: [...m.links].sort((a, b) => (a.id < b.id ? -1 : 1)),
      });
    expect(norm(back)).toBe(norm({ ...edited, commonCauses: back.commonCauses }));
    expect(back.commonCauses.every((cc) => !cc.members.includes("a12"))).toBe(true);
    const ch = scenarioChanges(s);
    expect(ch.added.has("hub-2")).toBe(true);
    expect(ch.removed.has("a12")).toBe(true);
    expect(ch.changed.has("a01")).toBe(true);
    // a model holding the scenario is valid and round-trips
    const doc = { ...base, scenarios: [s] };
    const v = validateModel(JSON.parse(JSON.stringify(doc)));
    expect(v.ok).toBe(true);
  });

  it("a scenario that points at nothing, or makes an invalid model, is refused with its path", () => {
    const base = reference();
    const bad1 = validateModel({
      ...base,
      scenarios: [{ id: "s", name: "S", remove: { components: ["nope"] } }],
    });
    expect(bad1.ok).toBe(false);
    if (!bad1.ok) expect(bad1.issues[0].path).toBe("scenarios[0].remove.components[0]");
    const bad2 = validateModel({
      ...base,
      scenarios: [{ id: "s", name: "Broken", set: { components: { a01: { availability: 2 } } } }],
    });
    expect(bad2.ok).toBe(false);
    if (!bad2.ok) {
      expect(bad2.issues[0].path).toBe("scenarios[0]");
      expect(bad2.issues[0].message).toMatch(/Broken.*availability/);
    }
  });

  it("compares a scenario with the baseline: two roaming hubs leave charging as it was and change what drivers see", () => {
    const base = reference();
    const s = diffModels(base, twoHubs(base), "two-hubs", "Two hubs mandated");
    const cmp = compareScenarios({ ...base, scenarios: [s] }, ["two-hubs"], {
      trials: 50_000,
      seed: 3,
      securityTrials: 500,
    });
    const two = cmp.scenarios[0];
    expect(two.integrations).toBeGreaterThan(cmp.baseline.integrations);
    // charging does not depend on the hub: the same trials give the same unusable kW
    expect(two.delta.unusableKw.mean).toBe(0);
    expect(two.delta.unusableKw.significant).toBe(false);
    // the baseline of the comparison is the plain run of the baseline
    expect(cmp.baseline.reliability.system.unusableKw.mean).toBeGreaterThan(0);
  });
});
