import { describe, expect, it } from "vitest";
import {
  type Component,
  type ComponentType,
  DRIVER_DEFAULTS,
  type Driver,
  derivedPopulations,
  driverPopulations,
  emptyModel,
  type Link,
  type Model,
  paymentReachableFromSites,
  validateModel,
} from "../../src/model/index.ts";
import { referenceModel, templateModel } from "../fixtures/templates.ts";

const component = (id: string, type: ComponentType, org?: string): Component => ({
  id,
  type,
  name: `${id} name`,
  x: 0,
  y: 0,
  ...(org === undefined ? {} : { org }),
});
const link = (from: string, to: string, kind: Link["kind"], flows: Link["flows"]): Link => ({
  id: `${from}--${to}`,
  from,
  to,
  kind,
  flows,
});

/** A site, its CSMS (org "Voltline (CPO)"), two eMSPs, an OEM and a payment provider behind the site. */
function smallModel(): Model {
  const m = emptyModel("drivers");
  m.orgs = [
    { id: "volt", name: "Voltline (CPO)", color: "#000000" },
    { id: "amp", name: "Ampere Roads (CPO B)", color: "#000000" },
    { id: "cn", name: "ChargeNow (eMSP)", color: "#000000" },
  ];
  m.components = [
    component("site", "charger", "volt"),
    component("csms-a", "csms", "volt"),
    component("csms-b", "csms", "amp"),
    component("emsp-1", "emsp", "cn"),
    component("emsp-2", "emsp"),
    component("car", "oem"),
    component("pay", "payment"),
  ];
  m.links = [
    link("site", "csms-a", "cached", ["auth", "tariff"]),
    link("site", "pay", "hard", ["auth"]),
    link("csms-a", "emsp-1", "cached", ["auth"]),
  ];
  return m;
}

const drivers = (...list: Partial<Driver>[]): Driver[] =>
  list.map((d, i) => ({
    id: `d${i}`,
    name: `Population ${i}`,
    share: 0.5,
    app: "emsp-1",
    pays: "token",
    ...d,
  }));

function issuesOf(model: unknown) {
  const result = validateModel(model);
  if (result.ok) throw new Error("expected the model to be refused");
  return result.issues;
}

describe("driver validation", () => {
  it("accepts populations whose shares sum to 1 within 1e-6, and models without drivers", () => {
    expect(validateModel(smallModel()).ok).toBe(true);
    const m = smallModel();
    m.drivers = drivers(
      { share: 1 / 3 },
      { share: 1 / 3, app: "csms-a" },
      { share: 1 / 3 + 5e-7, app: "car" },
    );
    expect(validateModel(m).ok).toBe(true);
  });

  it("names the sum when shares do not add up to 1", () => {
    const m = smallModel();
    m.drivers = drivers({ share: 0.5 }, { share: 0.4, app: "csms-a" });
    expect(issuesOf(m)).toEqual([
      {
        path: "drivers",
        message: "driver shares sum to 0.9 (0.5 + 0.4); they are shares of intended visits and must sum to 1",
      },
    ]);
    m.drivers = drivers({ share: 1 / 3 }, { share: 1 / 3 }, { share: 1 / 3 + 2e-6 });
    m.drivers[1].id = "d1";
    expect(issuesOf(m)[0].message).toMatch(/^driver shares sum to 1 \(/);
  });

  it("refuses an app of another type, naming the type it is, and an unknown app", () => {
    const m = smallModel();
    m.drivers = drivers(
      { share: 0.25, app: "pay" },
      { share: 0.25, app: "site" },
      { share: 0.5, app: "nope" },
    );
    expect(issuesOf(m)).toEqual([
      {
        path: "drivers[0].app",
        message: '"pay" is a payment (Payment provider); a driver\'s app is an emsp, csms or oem',
      },
      {
        path: "drivers[1].app",
        message: '"site" is a charger (Charger site); a driver\'s app is an emsp, csms or oem',
      },
      { path: "drivers[2].app", message: 'unknown component "nope"' },
    ]);
  });

  it("refuses an unknown or missing way to pay with the ones it knows", () => {
    const m = smallModel() as unknown as { drivers: unknown[] };
    m.drivers = [
      { id: "a", name: "A", share: 0.5, app: "emsp-1", pays: "cash" },
      { id: "b", name: "B", share: 0.5, app: "emsp-1" },
    ];
    expect(issuesOf(m)).toEqual([
      {
        path: "drivers[0].pays",
        message:
          'unknown way to pay "cash": use "token" (app or RFID), "adhoc" (card at the site) or "pnc" (Plug & Charge)',
      },
      {
        path: "drivers[1].pays",
        message:
          'how the driver pays is missing: use "token" (app or RFID), "adhoc" (card at the site) or "pnc" (Plug & Charge)',
      },
    ]);
  });

  it("refuses negative shares and patience and a real-time share outside [0, 1], each at its path", () => {
    const m = smallModel();
    m.drivers = drivers(
      { share: -0.5, patienceSeconds: -1 },
      { share: 1.5, realtimeShare: 1.2 },
      { share: 0, realtimeShare: -0.1 },
    );
    expect(issuesOf(m)).toEqual([
      { path: "drivers[0].share", message: "a share cannot be negative" },
      { path: "drivers[0].patienceSeconds", message: "patience cannot be negative" },
      { path: "drivers[1].share", message: "a share is at most 1" },
      { path: "drivers[1].realtimeShare", message: "realtimeShare is a share: at most 1" },
      { path: "drivers[2].realtimeShare", message: "realtimeShare is a share: at least 0" },
    ]);
  });

  it("refuses duplicate driver ids and an empty list", () => {
    const m = smallModel();
    m.drivers = drivers({ share: 0.5 }, { share: 0.5 });
    m.drivers[1].id = "d0";
    expect(issuesOf(m)).toEqual([{ path: "drivers[1].id", message: 'duplicate id "d0" (also drivers[0])' }]);
    m.drivers = [];
    expect(issuesOf(m)[0]).toMatchObject({
      path: "drivers",
      message: expect.stringMatching(/leave drivers out/),
    });
  });

  it("checks the new charger and settings fields", () => {
    const m = smallModel() as unknown as { components: Record<string, unknown>[]; settings: object };
    Object.assign(m.components[0], {
      unitAvailability: 1.2,
      unitSilentShare: -0.1,
      startFailure: 0.2,
      sessionsPerDay: -3,
    });
    m.settings = { ...m.settings, uptimeExclusions: ["grid", "weather"] };
    expect(issuesOf(m)).toEqual([
      { path: "components[0].unitAvailability", message: "a probability is at most 1" },
      { path: "components[0].unitSilentShare", message: "a probability is at least 0" },
      { path: "components[0].sessionsPerDay", message: "cannot be negative" },
      {
        path: "settings.uptimeExclusions[1]",
        message: 'unknown uptime exclusion "weather": use "grid" or "telecom"',
      },
    ]);
  });
});

describe("driver populations", () => {
  it("derives own customers per CSMS, roaming per eMSP and ad hoc: 50 / 40 / 10 split evenly", () => {
    const populations = derivedPopulations(smallModel());
    expect(populations.map((p) => [p.id, p.name, p.app, p.pays, p.share])).toEqual([
      ["own-csms-a", "Voltline's own customers", "csms-a", "token", 0.25],
      ["own-csms-b", "Ampere Roads' own customers", "csms-b", "token", 0.25],
      ["roaming-emsp-1", "ChargeNow roaming drivers", "emsp-1", "token", 0.2],
      ["roaming-emsp-2", "emsp-2 name roaming drivers", "emsp-2", "token", 0.2],
      ["adhoc", "Ad hoc (card at the site)", "car", "adhoc", 0.1],
    ]);
    for (const p of populations) {
      expect(p.derived).toBe(true);
      expect(p.patienceSeconds).toBe(60);
      expect(p.defaulted).toEqual(["share", "realtimeShare", "patienceSeconds"]);
    }
    expect(populations.map((p) => p.realtimeShare)).toEqual([0.05, 0.05, 0.2, 0.2, 1]);
    expect(populations.reduce((sum, p) => sum + p.share, 0)).toBeCloseTo(1, 12);
  });

  it("gives an empty group's share to the others in proportion", () => {
    const noEmsp = smallModel();
    noEmsp.components = noEmsp.components.filter((c) => c.type !== "emsp");
    noEmsp.links = noEmsp.links.filter((l) => l.to !== "emsp-1");
    const shares = (m: Model) => derivedPopulations(m).map((p) => Number(p.share.toFixed(12)));
    expect(shares(noEmsp)).toEqual([0.416666666667, 0.416666666667, 0.166666666667]);

    const noPayment = smallModel();
    noPayment.links = noPayment.links.filter((l) => l.to !== "pay");
    // 0.5 / 0.9 / 2 and 0.4 / 0.9 / 2
    expect(shares(noPayment)).toEqual([0.277777777778, 0.277777777778, 0.222222222222, 0.222222222222]);
  });

  it("takes the ad hoc drivers' map from the first OEM, else eMSP, else CSMS", () => {
    const m = smallModel();
    m.components = m.components.filter((c) => c.type !== "oem");
    expect(derivedPopulations(m).at(-1)?.app).toBe("emsp-1");
    m.components = m.components.filter((c) => c.type !== "emsp");
    expect(derivedPopulations(m).at(-1)?.app).toBe("csms-a");
    m.components = m.components.filter((c) => c.type !== "csms");
    expect(derivedPopulations(m)).toEqual([]);
  });

  it("finds a payment provider only along auth links that are not async, over several hops", () => {
    const m = smallModel();
    expect(paymentReachableFromSites(m)).toBe(true);
    m.links = [link("site", "csms-a", "cached", ["auth"]), link("csms-a", "pay", "soft", ["auth", "cdr"])];
    expect(paymentReachableFromSites(m)).toBe(true);
    m.links = [link("site", "csms-a", "cached", ["auth"]), link("csms-a", "pay", "async", ["auth"])];
    expect(paymentReachableFromSites(m)).toBe(false);
    m.links = [link("site", "csms-a", "cached", ["auth"]), link("csms-a", "pay", "hard", ["cdr"])];
    expect(paymentReachableFromSites(m)).toBe(false);
  });

  it("uses the model's drivers when present, filling unset parameters by how they pay and their app", () => {
    const m = smallModel();
    m.drivers = drivers(
      { share: 0.4, app: "csms-a" },
      { share: 0.3, app: "car", pays: "pnc", patienceSeconds: 30 },
      { share: 0.3, pays: "adhoc", realtimeShare: 0.5 },
    );
    const populations = driverPopulations(m);
    expect(
      populations.map((p) => [p.id, p.realtimeShare, p.patienceSeconds, p.derived, p.defaulted]),
    ).toEqual([
      ["d0", DRIVER_DEFAULTS.realtimeShareOwn.value, 60, false, ["realtimeShare", "patienceSeconds"]],
      ["d1", DRIVER_DEFAULTS.realtimeSharePnc.value, 30, false, ["realtimeShare"]],
      ["d2", 0.5, 60, false, ["patienceSeconds"]],
    ]);
  });

  it("derives the reference's populations: two operators' customers, three eMSPs' roaming drivers, ad hoc in Novacar's map", () => {
    const populations = driverPopulations(referenceModel());
    expect(populations.map((p) => [p.name, p.app, Number(p.share.toFixed(6))])).toEqual([
      ["Voltline Charging's own customers", "csms-a", 0.25],
      ["Ampere Roads' own customers", "csms-b", 0.25],
      ["PlugFinder roaming drivers", "emsp-plugfinder", 0.133333],
      ["Greenpower Mobility roaming drivers", "emsp-greenpower", 0.133333],
      ["FleetCharge roaming drivers", "emsp-fleetcharge", 0.133333],
      ["Ad hoc (card at the site)", "novacar", 0.1],
    ]);
    const m = referenceModel();
    m.drivers = populations.map(({ id, name, share, app, pays }) => ({ id, name, share, app, pays }));
    expect(validateModel(m).ok).toBe(true);
  });

  it("authorises roaming in real time over soft links in the reference and the mesh (SPEC §10), the operators' caches left as they were", () => {
    const kindsOf = (m: Model, from: string, to: string) =>
      m.links.filter((l) => l.flows.includes("auth") && l.from === from && l.to === to).map((l) => l.kind);
    const reference = referenceModel();
    for (const csms of ["csms-a", "csms-b"]) expect(kindsOf(reference, csms, "hub"), csms).toEqual(["soft"]);
    for (const emsp of ["emsp-plugfinder", "emsp-greenpower", "emsp-fleetcharge"]) {
      expect(kindsOf(reference, "hub", emsp), emsp).toEqual(["soft"]);
      expect(
        reference.links.find((l) => l.from === "hub" && l.to === emsp && l.flows.includes("auth")),
      ).not.toHaveProperty("ttlMinutes");
    }
    expect(kindsOf(reference, "a01", "csms-a")).toEqual(["cached"]);
    const mesh = templateModel("p2p-mesh.seams.json");
    expect(kindsOf(mesh, "csms-b", "emsp-fleetcharge")).toEqual(["soft"]);
  });
});
