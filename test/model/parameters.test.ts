import { describe, expect, it } from "vitest";
import {
  CATALOGUE,
  COMPONENT_PARAMETERS,
  COMPONENT_TYPES,
  componentParameterApplies,
  DRIVER_PARAMETERS,
  defaultsInUse,
  fieldLabelOf,
  formatParameter,
  LINK_DEFAULTS,
  LINK_KINDS,
  LINK_PARAMETERS,
  linkParameterApplies,
} from "../../src/model/index.ts";

describe("parameter table", () => {
  it("describes every parameter with a catalogue or link default", () => {
    for (const type of COMPONENT_TYPES) {
      for (const param of Object.keys(CATALOGUE[type].defaults))
        expect(COMPONENT_PARAMETERS).toHaveProperty(param);
    }
    for (const param of Object.keys(LINK_DEFAULTS)) expect(LINK_PARAMETERS).toHaveProperty(param);
  });

  it("writes values with their units as the panels show them", () => {
    expect(formatParameter("availability", 0.9995)).toBe("99.95 %");
    expect(formatParameter("mttrHours", 72)).toBe("72 h");
    expect(formatParameter("tariffChangesPerDay", 0.2)).toBe("0.2 per day");
    expect(formatParameter("degradedFactor", 8)).toBe("× 8");
    expect(formatParameter("maturity", 3)).toBe("3 / 5");
    expect(formatParameter("pollSeconds", 0)).toBe("push (0 s)");
    expect(formatParameter("pollSeconds", 60)).toBe("60 s");
    expect(formatParameter("latencyMs", { p50: 120, p95: 500 })).toBe("p50 120 ms · p95 500 ms");
    expect(formatParameter("decides", [])).toBe("nothing");
    expect(formatParameter("commands", false)).toBe("no");
    expect(formatParameter("units", 4)).toBe("4");
  });

  it("labels input fields with their unit or range", () => {
    expect(fieldLabelOf(COMPONENT_PARAMETERS.availability)).toBe("Availability (0–1)");
    expect(fieldLabelOf(COMPONENT_PARAMETERS.tariffChangesPerDay)).toBe("Tariff changes (/day)");
    expect(fieldLabelOf(LINK_PARAMETERS.ttlMinutes)).toBe("Cache lifetime (min)");
    expect(fieldLabelOf(LINK_PARAMETERS.commands)).toBe("The dependency can command the dependant");
  });

  it("applies a cache's lifetime and fail mode to cached links only, the poll interval to async links only", () => {
    const kindsOf = (param: "ttlMinutes" | "failMode" | "pollSeconds" | "timeoutMs") =>
      LINK_KINDS.filter((k) => linkParameterApplies(param, k));
    expect(kindsOf("ttlMinutes")).toEqual(["cached"]);
    expect(kindsOf("failMode")).toEqual(["cached"]);
    expect(kindsOf("pollSeconds")).toEqual(["async"]);
    expect(kindsOf("timeoutMs")).toEqual([...LINK_KINDS]);
    const link = { id: "l", from: "a", to: "b", flows: [] };
    const params = (kind: (typeof LINK_KINDS)[number]) =>
      defaultsInUse([], [{ ...link, kind }]).map((row) => row.param);
    expect(params("hard")).not.toContain("ttlMinutes");
    expect(params("cached")).toEqual(expect.arrayContaining(["ttlMinutes", "failMode"]));
    expect(params("async")).toContain("pollSeconds");
  });

  it("writes the driver's-view parameters with their units (SPEC §10)", () => {
    expect(formatParameter("unitAvailability", 0.97)).toBe("97 %");
    expect(formatParameter("unitSilentShare", 0.8)).toBe("80 %");
    expect(formatParameter("startFailure", 0.2)).toBe("20 %");
    expect(formatParameter("sessionsPerDay", 5)).toBe("5 per day");
    expect(fieldLabelOf(COMPONENT_PARAMETERS.unitAvailability)).toBe("Point availability (0–1)");
    expect(DRIVER_PARAMETERS.patienceSeconds.format(60)).toBe("60 s");
    expect(DRIVER_PARAMETERS.share.format(0.25)).toBe("25 %");
    expect(DRIVER_PARAMETERS.realtimeShare.format(0.2)).toBe("20 %");
  });

  it("applies charging points, unit faults, start failure and sessions to charger sites only", () => {
    const perPoint = [
      "units",
      "kwPerUnit",
      "unitAvailability",
      "unitSilentShare",
      "startFailure",
      "sessionsPerDay",
    ] as const;
    for (const type of COMPONENT_TYPES) {
      for (const param of perPoint)
        expect(componentParameterApplies(param, type), `${type}.${param}`).toBe(type === "charger");
    }
    const at = (type: "charger" | "csms") =>
      defaultsInUse([{ id: "x", type, name: "x", x: 0, y: 0 }], []).map((row) => row.param);
    expect(at("charger")).toEqual(expect.arrayContaining([...perPoint]));
    for (const param of perPoint) expect(at("csms")).not.toContain(param);
  });
});
