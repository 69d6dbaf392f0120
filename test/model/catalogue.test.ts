import { describe, expect, it } from "vitest";
import {
  CATALOGUE,
  COMPONENT_TYPES,
  type Default,
  DRIVER_DEFAULTS,
  LINK_DEFAULTS,
  linksFromPreset,
  presetsFor,
  SETTINGS_SOURCES,
  SOURCES,
} from "../../src/model/index.ts";

const SPEC_TYPES = [
  "charger",
  "csms",
  "emsp",
  "hub",
  "payment",
  "dso",
  "aggregator",
  "oem",
  "pki",
  "telecom",
  "cloud",
  "supplier",
  "registry",
  "custom",
];

function everyDefault(): [string, Default<unknown>][] {
  const all: [string, Default<unknown>][] = [];
  for (const type of COMPONENT_TYPES) {
    for (const [param, d] of Object.entries(CATALOGUE[type].defaults)) all.push([`${type}.${param}`, d]);
  }
  for (const [param, d] of Object.entries(LINK_DEFAULTS)) all.push([`link.${param}`, d]);
  for (const [param, d] of Object.entries(SETTINGS_SOURCES)) all.push([`settings.${param}`, d]);
  return all;
}

describe("catalogue", () => {
  it("has every component type of SPEC §2", () => {
    expect([...COMPONENT_TYPES].sort()).toEqual([...SPEC_TYPES].sort());
    for (const type of SPEC_TYPES) expect(CATALOGUE[type as keyof typeof CATALOGUE].type).toBe(type);
  });

  it("cites an existing source for every default, or marks it an estimate by leaving the source out", () => {
    for (const [where, d] of everyDefault()) {
      expect(d.value, where).toBeDefined();
      if (d.source !== undefined) expect(Object.keys(SOURCES), where).toContain(d.source);
    }
  });

  it("keeps every source's id, short name and citation consistent", () => {
    for (const [key, source] of Object.entries(SOURCES)) {
      expect(source.id).toBe(key);
      expect(source.short.length).toBeGreaterThan(0);
      expect(source.citation.length).toBeGreaterThan(source.short.length);
    }
  });

  it("keeps ranges ordered and around the value", () => {
    for (const [where, d] of everyDefault()) {
      if (!d.range) continue;
      expect(d.range[0], where).toBeLessThanOrEqual(d.range[1]);
      expect(d.value as number, where).toBeGreaterThanOrEqual(d.range[0]);
      expect(d.value as number, where).toBeLessThanOrEqual(d.range[1]);
    }
  });

  it("uses the ChargerHelp 2025 silent share for chargers", () => {
    expect(CATALOGUE.charger.defaults.silentShare).toMatchObject({ value: 0.35, source: "chargerhelp2025" });
  });

  it("calibrates a charger site as SPEC §10's worked example (unit silent share 0.85): reported uptime ≥ 98 %, start success 70–85 %", () => {
    const d = CATALOGUE.charger.defaults;
    expect([d.unitAvailability.value, d.unitSilentShare.value, d.startFailure.value]).toEqual([
      0.97, 0.85, 0.2,
    ]);
    // one site alone (no backends): a unit reports available unless it or its site is loudly down
    const site = d.availability.value;
    const siteReports = 1 - (1 - site) * (1 - d.silentShare.value);
    const unit = d.unitAvailability.value;
    const unitReports = 1 - (1 - unit) * (1 - d.unitSilentShare.value);
    expect(siteReports * unitReports).toBeCloseTo(0.98256, 5); // 0.987 · 0.9955
    // a driver seeing the site fresh picks among units reporting available: P(up | reports) = a / (a + (1 − a)·s)
    const startSuccess = (site / siteReports) * (unit / unitReports) * (1 - d.startFailure.value);
    expect(startSuccess).toBeCloseTo(0.77398, 5); // (0.98 / 0.987) · (0.97 / 0.9955) · 0.8
    // every new per-point default is an estimate (DOMAIN.md: calibrate the split, mark it estimate)
    for (const param of ["unitAvailability", "unitSilentShare", "startFailure", "sessionsPerDay"] as const) {
      expect(d[param].source, param).toBeUndefined();
      expect(d[param].note, param).toBeDefined();
    }
  });

  it("marks the driver defaults as estimates, patience 60 s, derived shares summing to 1", () => {
    expect(DRIVER_DEFAULTS.patienceSeconds.value).toBe(60);
    for (const [param, d] of Object.entries(DRIVER_DEFAULTS)) expect(d.source, param).toBeUndefined();
    const { shareOwnCustomers, shareRoaming, shareAdhoc } = DRIVER_DEFAULTS;
    expect(shareOwnCustomers.value + shareRoaming.value + shareAdhoc.value).toBeCloseTo(1, 12);
  });
});

describe("presets", () => {
  it.each(["ocpp16", "ocpp201"])(
    "%s between a charger and its CSMS creates the cached auth/tariff/control link and the status link back",
    (protocol) => {
      const preset = presetsFor("charger", "csms").find((p) => p.protocol === protocol)!;
      const links = linksFromPreset(preset, "site", "csms", new Set());
      expect(links).toHaveLength(2);
      const toCsms = links.find((l) => l.from === "site")!;
      expect(toCsms).toMatchObject({ to: "csms", protocol, kind: "cached", commands: true });
      expect(toCsms.flows).toEqual(expect.arrayContaining(["auth", "tariff", "control"]));
      expect(toCsms.ttlMinutes).toBeGreaterThan(0);
      expect(toCsms.failMode).toBe("closed");
      const back = links.find((l) => l.from === "csms")!;
      expect(back).toMatchObject({ to: "site", protocol });
      expect(back.flows).toContain("status");
    },
  );

  it("gives the same pair when drawn from the CSMS to the charger", () => {
    const preset = presetsFor("csms", "charger").find((p) => p.protocol === "ocpp201")!;
    const links = linksFromPreset(preset, "csms", "site", new Set());
    expect(links.find((l) => l.from === "site")?.kind).toBe("cached");
    expect(links.find((l) => l.from === "csms")?.flows).toContain("status");
  });

  it("never reuses a taken link id", () => {
    const preset = presetsFor("charger", "csms")[0];
    const links = linksFromPreset(preset, "site", "csms", new Set(["site--csms", "csms--site"]));
    expect(links.map((l) => l.id)).toEqual(["site--csms.2", "csms--site.2"]);
  });

  it("always offers a generic dependency", () => {
    expect(presetsFor("custom", "registry").at(-1)?.label).toBe("Generic dependency (REST)");
  });
});
