/** Scenarios: applying, diffing and validating them; comparing them with the baseline. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareScenarios } from "../../src/engine/compare.ts";
import {
  applyScenario,
  diffModels,
  type Model,
  type Scenario,
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

  it("a scenario's errors name its own paths: a changed value, an added link's end, a group a removal breaks", () => {
    const base = reference();
    const messages = (s: Scenario) => {
      const v = validateModel({ ...base, scenarios: [s] });
      return v.ok ? [] : v.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(messages({ id: "s", name: "Broken", set: { components: { a01: { availability: 2 } } } })).toEqual([
      'scenarios[0]: scenario "Broken" makes an invalid model: set.components.a01.availability: availability is at most 1',
    ]);
    const link = { id: "x", from: "a01", to: "gone", flows: ["auth" as const], kind: "hard" as const };
    expect(messages({ id: "s", name: "S", add: { links: [link] } })).toEqual([
      'scenarios[0]: scenario "S" makes an invalid model: add.links[0].to: link "x" points to unknown component "gone"',
    ]);
    expect(
      messages({
        id: "s",
        name: "S",
        remove: { components: ["meshlink"] },
        set: { links: { "b03--telnova": { k: 2 } } },
      }),
    ).toEqual([
      'scenarios[0]: scenario "S" makes an invalid model: set.links.b03--telnova: group "wan" of "b03" needs 2 of 1 links: it can never be met',
    ]);
    expect(messages({ id: "s", name: "S", set: { components: { a01: { kwPerUnit: 1e308 } } } })).toEqual([
      'scenarios[0]: scenario "S" makes an invalid model: set.components.a01.kwPerUnit: 1e308 kW is more than the limit 10000 kW (a megawatt charger is 3,750 kW; keeps total kW far below 2^53)',
    ]);
  });

  it("checking only what a scenario changes accepts exactly the scenarios whose model is valid", () => {
    const base = reference();
    const hub = base.components.find((c) => c.id === "hub");
    const link = (id: string, from: string, to: string, extra = {}) => ({
      id,
      from,
      to,
      flows: ["auth" as const],
      kind: "hard" as const,
      ...extra,
    });
    const cases: [string, Omit<Scenario, "id" | "name">][] = [
      [
        "a second hub with a link",
        { add: { components: [{ ...hub, id: "hub-2" } as never], links: [link("n", "a01", "hub-2")] } },
      ],
      [
        "an added component in an unknown org",
        { add: { components: [{ ...hub, id: "hub-2", org: "nobody" } as never] } },
      ],
      [
        "an added component in a removed org",
        { remove: { orgs: ["interroam"] }, add: { components: [{ ...hub, id: "hub-2" } as never] } },
      ],
      [
        "a changed component in a removed org (cleared)",
        { remove: { orgs: ["interroam"] }, set: { components: { hub: { org: "interroam" } } } },
      ],
      ["a component removed with its links", { remove: { components: ["hub"] } }],
      [
        "a link added to a removed component",
        { remove: { components: ["hub"] }, add: { links: [link("n", "a01", "hub")] } },
      ],
      ["an added id the baseline has", { add: { links: [link("b03--telnova", "a01", "hub")] } }],
      [
        "an added id the scenario removed",
        { remove: { links: ["b03--telnova"] }, add: { links: [link("b03--telnova", "b03", "hub")] } },
      ],
      ["the same id added twice", { add: { links: [link("n", "a01", "hub"), link("n", "a02", "hub")] } }],
      ["a link to itself", { add: { links: [link("n", "a01", "a01")] } }],
      ["k without a group", { add: { links: [link("n", "a01", "hub", { k: 1 })] } }],
      [
        "a group emptied below its k",
        { set: { links: { "b03--telnova": { k: 2 } } }, remove: { links: ["b03--meshlink"] } },
      ],
      ["a group of two with k 2", { set: { links: { "b03--telnova": { k: 2 } } } }],
      [
        "a group's member removed with its component",
        { set: { links: { "b03--telnova": { k: 2 } } }, remove: { components: ["meshlink"] } },
      ],
      ["a link moved into a group", { set: { links: { "b04--telnova": { from: "b03", k: 3 } } } }],
      [
        "a link moved out of a group",
        { set: { links: { "b03--meshlink": { group: null, k: null }, "b03--telnova": { k: 2 } } } },
      ],
      ["a changed link end that does not exist", { set: { links: { "b03--telnova": { to: "nowhere" } } } }],
      [
        "a changed link end that was removed",
        { remove: { components: ["hub"] }, set: { links: { "b03--telnova": { to: "hub" } } } },
      ],
      [
        "a changed link whose component is removed",
        { remove: { components: ["telnova"] }, set: { links: { "b03--telnova": { to: "nowhere" } } } },
      ],
      [
        "a common cause of an added component",
        { add: { commonCauses: [{ id: "cc", name: "C", members: ["hub-2"], probability: 0.1 }] } },
      ],
      [
        "a common cause of a removed component",
        {
          remove: { components: ["hub"] },
          add: { commonCauses: [{ id: "cc", name: "C", members: ["hub"], probability: 0.1 }] },
        },
      ],
      [
        "a changed common cause with a removed member",
        {
          remove: { components: ["a01"] },
          set: { commonCauses: { "cc-telnova-apn": { members: ["a01", "a02"] } } },
        },
      ],
      [
        "a changed common cause with an unknown member",
        { set: { commonCauses: { "cc-telnova-apn": { members: ["zz"] } } } },
      ],
      ["a changed value out of range", { set: { components: { a01: { silentShare: 3 } } } }],
      ["a changed value beyond its bound", { set: { links: { "b03--telnova": { timeoutMs: 1e12 } } } }],
      ["a required key set to null", { set: { components: { a01: { name: null } } } }],
      ["a misspelt key", { set: { components: { a01: { availabilty: 0.9 } } } }],
      ["settings beyond a bound", { set: { settings: { horizonDays: 1e6 } } }],
      ["settings in range", { set: { settings: { horizonDays: 7 } } }],
    ];
    const outcomes = cases.map(([what, edits]) => {
      const s = { id: "s", name: what, ...edits } as Scenario;
      const incremental = validateModel({ ...base, scenarios: [s] }).ok;
      const whole = validateModel(applyScenario(base, s)).ok;
      return `${what}: ${incremental === whole ? (whole ? "valid" : "invalid") : `incremental ${incremental}, whole ${whole}`}`;
    });
    expect(outcomes.filter((o) => o.includes("incremental"))).toEqual([]);
    // the cases cover both outcomes
    expect(outcomes.filter((o) => o.endsWith(": valid")).map((o) => o.split(":")[0])).toEqual([
      "a second hub with a link",
      "a changed component in a removed org (cleared)",
      "a component removed with its links",
      "an added id the scenario removed",
      "a group of two with k 2",
      "a link moved into a group",
      "a changed link whose component is removed",
      "a changed common cause with a removed member",
      "settings in range",
    ]);
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
