/** Incidents in the model (SPEC §11): validation with paths, edits, scenarios that add, remove and change them. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  addIncident,
  applyScenario,
  diffModels,
  freshIncidentId,
  type Incident,
  type Model,
  removeIncident,
  replaceIncident,
  resolveTimelineComponent,
  resolveTimelineLink,
  validateModel,
} from "../../src/model/index.ts";
import { deleteSelection } from "../../src/store/edits.ts";

const reference = (): Model => JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8"));
const baseline = (): Model => {
  const { incidents: _incidents, scenarios: _scenarios, ...m } = reference();
  return m;
};

const hubSlow: Incident = {
  id: "hub-slow",
  name: "Hub slow",
  target: "hub",
  effect: "slow",
  factor: 20,
  atMinutes: 1020,
  durationMinutes: 120,
};

function issuesOf(doc: unknown) {
  const r = validateModel(doc);
  return r.ok ? [] : r.issues;
}

describe("incident validation", () => {
  it("accepts an incident on a component and a partition of a link", () => {
    const m = addIncident(addIncident(baseline(), hubSlow), {
      id: "cut",
      name: "Voltline to hub cut",
      target: "hub--csms-a",
      effect: "partition",
      atMinutes: 0,
      durationMinutes: 30,
    });
    expect(issuesOf(m)).toEqual([]);
  });

  it("names the target of an incident on an unknown component", () => {
    const m = addIncident(baseline(), { ...hubSlow, target: "nowhere" });
    expect(issuesOf(m)).toEqual([
      { path: "incidents[0].target", message: 'incident "Hub slow" targets unknown component "nowhere"' },
    ]);
  });

  it("a partition must target a link, other effects a component", () => {
    const m = addIncident(addIncident(baseline(), { ...hubSlow, effect: "partition" }), {
      ...hubSlow,
      id: "second",
      effect: "down",
      target: "hub--csms-a",
    });
    expect(issuesOf(m)).toEqual([
      {
        path: "incidents[0].target",
        message: 'a partition cuts a link: "hub" is a component (pick one of its links)',
      },
      {
        path: "incidents[1].target",
        message: '"down" acts on a component: "hub--csms-a" is a link (use "partition" to cut a link)',
      },
    ]);
  });

  it("slow and capacity need a factor; slow's is at least 1", () => {
    const { factor: _f, ...noFactor } = hubSlow;
    const m = addIncident(addIncident(baseline(), noFactor), { ...hubSlow, id: "fast", factor: 0.5 });
    expect(issuesOf(m)).toEqual([
      { path: "incidents[0].factor", message: '"slow" needs a factor (×N)' },
      { path: "incidents[1].factor", message: "slow ×0.5 would speed it up: the factor is at least 1" },
    ]);
  });

  it("refuses a negative duration, a window past a year and a duplicate id, each at its path", () => {
    const negative = issuesOf(addIncident(baseline(), { ...hubSlow, durationMinutes: -5 }));
    expect(negative.map((i) => i.path)).toEqual(["incidents[0].durationMinutes"]);
    const late = issuesOf(addIncident(baseline(), { ...hubSlow, atMinutes: 525_000, durationMinutes: 1000 }));
    expect(late).toEqual([
      {
        path: "incidents[0].durationMinutes",
        message:
          "the incident ends at minute 526000, after the limit 525600 (a year: no timeline runs longer)",
      },
    ]);
    const twice = issuesOf(addIncident(addIncident(baseline(), hubSlow), hubSlow));
    expect(twice).toEqual([
      { path: "incidents[1].id", message: 'duplicate id "hub-slow" (also incidents[0])' },
    ]);
  });

  it("refuses an unknown effect with the list of effects", () => {
    const doc = { ...baseline(), incidents: [{ ...hubSlow, effect: "melted" }] };
    expect(issuesOf(doc)).toEqual([
      {
        path: "incidents[0].effect",
        message: 'unknown incident effect "melted": use "down", "degraded", "slow", "capacity", "partition"',
      },
    ]);
  });

  it("refuses more than 1,000 incidents before the schema, naming the limit", () => {
    const incidents = Array.from({ length: 1001 }, (_, i) => ({ ...hubSlow, id: `i${i}` }));
    const issues = issuesOf({ ...baseline(), incidents });
    expect(issues).toHaveLength(1);
    expect(issues[0].path).toBe("incidents");
    expect(issues[0].message).toMatch(/^1001 incidents; the limit is 1000/);
  });

  it("bounds the time-domain parameters of components", () => {
    const m = baseline();
    m.components = m.components.map((c) =>
      c.id === "hub" ? { ...c, capacityPerSecond: 2e6, baseLoad: { perSecond: 5, timeoutMs: 4e6 } } : c,
    );
    const at = m.components.findIndex((c) => c.id === "hub");
    expect(issuesOf(m).map((i) => i.path)).toEqual([
      `components[${at}].capacityPerSecond`,
      `components[${at}].baseLoad.timeoutMs`,
    ]);
  });
});

describe("incident edits", () => {
  it("adds, replaces and removes an incident; ids come from the name", () => {
    let m = addIncident(baseline(), hubSlow);
    expect(freshIncidentId(m, "Hub slow!")).toBe("hub-slow-2");
    m = replaceIncident(m, "hub-slow", { ...hubSlow, id: "ignored", factor: 5 });
    expect(m.incidents).toEqual([{ ...hubSlow, factor: 5 }]);
    m = removeIncident(m, "hub-slow");
    expect("incidents" in m).toBe(false);
  });

  it("deleting a component deletes the incidents on it and on its links", () => {
    let m = addIncident(baseline(), hubSlow);
    m = addIncident(m, { ...hubSlow, id: "cut", effect: "partition", target: "hub--csms-a" });
    m = addIncident(m, { ...hubSlow, id: "csms", effect: "down", target: "csms-a" });
    const next = deleteSelection(m, { components: ["hub"], links: [] });
    expect(next.incidents?.map((x) => x.id)).toEqual(["csms"]);
    expect(issuesOf(next)).toEqual([]);
  });
});

describe("scenario incidents", () => {
  it("a scenario adds, changes and removes incidents", () => {
    const m = addIncident(addIncident(baseline(), hubSlow), { ...hubSlow, id: "csms", target: "csms-a" });
    const variant = applyScenario(m, {
      id: "s",
      name: "s",
      add: { incidents: [{ ...hubSlow, id: "pay", target: "tappay", effect: "down" }] },
      remove: { incidents: ["csms"] },
      set: { incidents: { "hub-slow": { factor: 50 } } },
    });
    expect(variant.incidents).toEqual([
      { ...hubSlow, factor: 50 },
      { ...hubSlow, id: "pay", target: "tappay", effect: "down" },
    ]);
    const diff = diffModels(m, variant, "d", "d");
    expect(diff.add?.incidents?.map((x) => x.id)).toEqual(["pay"]);
    expect(diff.remove?.incidents).toEqual(["csms"]);
    expect(diff.set?.incidents).toEqual({ "hub-slow": { factor: 50 } });
    expect(issuesOf({ ...m, scenarios: [diff] })).toEqual([]);
  });

  it("removing a component in a scenario takes its incidents along", () => {
    const m = addIncident(baseline(), hubSlow);
    const variant = applyScenario(m, { id: "s", name: "s", remove: { components: ["hub"] } });
    expect(variant.incidents).toEqual([]);
  });

  it("names the path of a scenario's bad incident and of an unknown one it removes", () => {
    const m = addIncident(baseline(), hubSlow);
    const bad = {
      ...m,
      scenarios: [
        {
          id: "a",
          name: "Partition a component",
          add: { incidents: [{ ...hubSlow, id: "p", effect: "partition" }] },
        },
        { id: "b", name: "Slower", set: { incidents: { "hub-slow": { factor: null } } } },
        { id: "c", name: "Gone", remove: { incidents: ["nope"] } },
        {
          id: "d",
          name: "On a removed link",
          remove: { components: ["csms-a"] },
          add: { incidents: [{ ...hubSlow, id: "q", effect: "partition", target: "hub--csms-a" }] },
        },
      ],
    };
    expect(issuesOf(bad)).toEqual([
      {
        path: "scenarios[0]",
        message:
          'scenario "Partition a component" makes an invalid model: add.incidents[0].target: a partition cuts a link: "hub" is a component (pick one of its links)',
      },
      {
        path: "scenarios[1]",
        message:
          'scenario "Slower" makes an invalid model: set.incidents.hub-slow.factor: "slow" needs a factor (×N)',
      },
      { path: "scenarios[2].remove.incidents[0]", message: 'no incident "nope" to remove' },
      {
        path: "scenarios[3]",
        message:
          'scenario "On a removed link" makes an invalid model: add.incidents[0].target: incident "Hub slow" targets unknown link "hub--csms-a"',
      },
    ]);
  });
});

describe("time-domain defaults", () => {
  it("fill in what a component or link leaves unset, and keep what it sets", () => {
    const hub = baseline().components.find((c) => c.id === "a01");
    if (!hub) throw new Error("no a01");
    const p = resolveTimelineComponent(hub);
    expect(p.heartbeatSeconds).toBe(300);
    expect(p.concurrency).toBe(1);
    expect(p.baseLoad.retryBudget).toBeUndefined();
    expect(
      resolveTimelineComponent({ ...hub, capacityPerSecond: 8, baseLoad: { perSecond: 3, retries: 3 } }),
    ).toMatchObject({
      capacityPerSecond: 8,
      baseLoad: { perSecond: 3, retries: 3, timeoutMs: 5000 },
    });
    expect(
      resolveTimelineLink({ id: "l", from: "a", to: "b", flows: ["status"], kind: "async", jitter: true }),
    ).toEqual({
      retryBackoffMs: 0,
      jitter: true,
      retryBudget: undefined,
      pushOnChange: true,
    });
  });
});
