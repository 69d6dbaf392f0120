/** The reference ecosystem (see scripts/make-templates.ts). */
import {
  type Chain,
  type CommonCause,
  type Component,
  DEFAULT_SETTINGS,
  type Model,
  SCHEMA_VERSION,
} from "../../src/model/index.ts";
import { Builder, type LinkPatch, softAuth } from "./builder.ts";
import { AMPERE_SITES, describeSite, ORGS, SITE_ROW_Y, type SiteSpec, VOLTLINE_SITES } from "./sites.ts";

/** The reference ecosystem: two CPOs, one roaming hub, three eMSPs and the services around them. */
export function buildReference(): Model {
  const m = new Builder();
  const backend = (c: Omit<Component, "org"> & { org: string }) => m.add(c);

  // Infrastructure (bottom row).
  backend({
    id: "nimbus-euw1",
    type: "cloud",
    name: "Nimbus eu-west-1",
    org: "nimbus",
    x: -650,
    y: 520,
    description: "Cloud region hosting Voltline's CSMS, the roaming hub and PlugFinder.",
  });
  backend({
    id: "nimbus-eun1",
    type: "cloud",
    name: "Nimbus eu-north-1",
    org: "nimbus",
    x: -250,
    y: 520,
    description: "Cloud region hosting FleetCharge and Novacar's connected services.",
  });
  backend({
    id: "stratus-euc2",
    type: "cloud",
    name: "Stratus eu-central-2",
    org: "stratus",
    x: 450,
    y: 520,
    description:
      "Cloud region hosting Ampere Roads' CSMS, Greenpower, TapPay and FlexPool — another provider than Voltline's.",
  });
  backend({ id: "telnova", type: "telecom", name: "Telnova LTE-M", org: "telnova", x: -750, y: 760 });
  backend({ id: "meshlink", type: "telecom", name: "Meshlink 4G", org: "meshlink", x: 750, y: 760 });
  backend({
    id: "dso-grid",
    type: "dso",
    name: "Rivermark distribution grid",
    org: "rivermark",
    x: 0,
    y: 760,
    availability: 0.9999,
    mttrHours: 2,
    silentShare: 0,
    degradedProbability: 0,
    description:
      "Power to every site: up or down, never slow, and an outage is always seen. Availability 0.9999 (≈ 50 min a year, SAIDI-class) and 2 h repair are workshop estimates.",
  });
  backend({
    id: "dso-flex",
    type: "dso",
    name: "Rivermark flexibility platform",
    org: "rivermark",
    x: 250,
    y: 300,
    description:
      "Congestion management: OpenADR events to FlexPool, OSCP capacity to Ampere Roads, IEEE 2030.5 to Eastport.",
  });
  backend({
    id: "flexpool",
    type: "aggregator",
    name: "FlexPool VTN",
    org: "flexpool",
    x: -250,
    y: 300,
    description: "Aggregator relaying the DSO's curtailment to Voltline over OpenADR 2.0b.",
  });

  // Backends (centre).
  backend({
    id: "csms-a",
    type: "csms",
    name: "Voltline CSMS (OCPP 1.6J)",
    org: "voltline",
    x: -500,
    y: -40,
    monitoring: "liveness",
    auth: "basic",
    patchCadenceDays: 90,
    maturity: 2,
    description:
      "OCPP 1.6J, security profile 2 (TLS + Basic). Chargers run AllowOfflineTxForUnknownId = true: when this CSMS is unreachable they keep accepting any ID from cache (fail-open).",
  });
  backend({
    id: "csms-b",
    type: "csms",
    name: "Ampere Roads CSMS (OCPP 2.0.1)",
    org: "ampere",
    x: 500,
    y: -40,
    monitoring: "synthetic",
    auth: "mtls",
    patchCadenceDays: 14,
    maturity: 4,
    description:
      "OCPP 2.0.1, security profile 3 (mutual TLS), synthetic monitoring. Chargers refuse unknown IDs offline (fail-closed) once the cache expires.",
  });
  backend({
    id: "hub",
    type: "hub",
    name: "Interroam roaming hub",
    org: "interroam",
    x: 0,
    y: -300,
    description:
      "OCPI 2.2.1 hub: the eMSPs see both operators' sites only through it. Hosted in the same region as Voltline's CSMS.",
  });
  backend({
    id: "emsp-plugfinder",
    type: "emsp",
    name: "PlugFinder app",
    org: "plugfinder",
    x: -350,
    y: -560,
    description: "Driver app; also the white-label charging app in Novacar's vehicles.",
  });
  backend({
    id: "emsp-greenpower",
    type: "emsp",
    name: "Greenpower Mobility app",
    org: "greenpower",
    x: 0,
    y: -560,
    description: "Utility's charging card and app.",
  });
  backend({
    id: "emsp-fleetcharge",
    type: "emsp",
    name: "FleetCharge app",
    org: "fleetcharge",
    x: 350,
    y: -560,
    description: "Fleet charging cards, invoiced monthly (no card payment).",
  });
  backend({
    id: "tappay",
    type: "payment",
    name: "TapPay ad-hoc payment",
    org: "tappay",
    x: 0,
    y: 120,
    description: "Card acquiring for the DC sites' contactless terminals and for two eMSPs.",
  });
  backend({
    id: "novacar",
    type: "oem",
    name: "Novacar connected services",
    org: "novacar",
    x: 700,
    y: -560,
    description: "Vehicle cloud: in-car charger map (from the hub), Plug & Charge contracts, in-car app.",
  });
  backend({
    id: "pki",
    type: "pki",
    name: "TrustRoot V2G root PKI",
    org: "trustroot",
    x: 600,
    y: -300,
    description:
      "ISO 15118 V2G root and contract certificates; a stale root fails every Plug & Charge start.",
  });

  // Charger sites: CPO A on the left, CPO B on the right, two columns each.
  const addSites = (sites: SiteSpec[], org: string, columns: [number, number], cpoAuth: "basic" | "mtls") => {
    sites.forEach((s, i) => {
      const { carrier, hasCardTerminal, hasPlugAndCharge, hasDirectCurtailment, ...site } = s;
      m.add({
        ...site,
        type: "charger",
        org,
        x: columns[i % 2],
        y: SITE_ROW_Y[Math.floor(i / 2)],
        auth: cpoAuth,
        description: describeSite(s),
      });
    });
  };
  addSites(VOLTLINE_SITES, "voltline", [-1300, -1050], "basic");
  addSites(AMPERE_SITES, "ampere", [1050, 1300], "mtls");

  // Sites: OCPP to their CSMS, modem to the carrier(s), grid supply, payment, Plug & Charge.
  const siteLinks = (s: SiteSpec, csms: string, ocpp: string, cache: LinkPatch) => {
    m.connect(s.id, csms, ocpp, { a: cache });
    if (s.carrier === "dual") {
      for (const carrier of ["telnova", "meshlink"]) {
        m.connect(s.id, carrier, "Connectivity", { a: { group: "wan", k: 1 } });
      }
    } else m.connect(s.id, s.carrier, "Connectivity");
    m.connect(s.id, "dso-grid", "Grid supply");
    if (s.hasCardTerminal) m.connect(s.id, "tappay", "Ad-hoc payment");
    if (s.hasPlugAndCharge) m.connect(s.id, "pki", "ISO 15118 Plug & Charge");
    if (s.hasDirectCurtailment) m.connect(s.id, "dso-flex", "IEEE 2030.5 curtailment");
  };
  // AllowOfflineTxForUnknownId = true: after the cache lifetime chargers still accept (fail-open).
  for (const s of VOLTLINE_SITES) siteLinks(s, "csms-a", "OCPP 1.6", { failMode: "open", auth: "basic" });
  for (const s of AMPERE_SITES) siteLinks(s, "csms-b", "OCPP 2.0.1", { auth: "mtls" });

  // Hosting.
  for (const [id, region] of [
    ["csms-a", "nimbus-euw1"],
    ["hub", "nimbus-euw1"],
    ["emsp-plugfinder", "nimbus-euw1"],
    ["emsp-fleetcharge", "nimbus-eun1"],
    ["novacar", "nimbus-eun1"],
    ["csms-b", "stratus-euc2"],
    ["emsp-greenpower", "stratus-euc2"],
    ["tappay", "stratus-euc2"],
    ["flexpool", "stratus-euc2"],
  ]) {
    m.connect(id, region, "Hosting");
  }

  // Roaming through the hub. Real-time authorisation (CSMS → hub → eMSP) is soft (SPEC §10): a
  // hub outage never stops an operator's sites (§3); it refuses the roaming tokens the operator
  // cannot authorise from its own token cache (OCPI whitelist NEVER, new tokens) and freezes the
  // roaming apps' maps, while the operator's own customers charge on.
  for (const csms of ["csms-a", "csms-b"]) softAuth(m.connect("hub", csms, "OCPI 2.2.1 via hub"));
  for (const emsp of ["emsp-plugfinder", "emsp-greenpower", "emsp-fleetcharge"]) {
    softAuth(m.connect(emsp, "hub", "OCPI 2.2.1 via hub"));
  }

  // Payment, certificates, OEM, curtailment.
  for (const csms of ["csms-a", "csms-b"]) m.connect(csms, "tappay", "Payment API");
  m.connect("emsp-plugfinder", "tappay", "Payment API");
  m.connect("emsp-greenpower", "tappay", "Payment API");
  m.connect("csms-b", "pki", "Contract certificates");
  m.connect("novacar", "pki", "Contract certificates");
  m.connect("novacar", "hub", "Locations for in-car maps");
  m.connect("novacar", "emsp-plugfinder", "In-car charging app");
  m.connect("flexpool", "dso-flex", "OpenADR 2.0b (VEN polls)");
  m.connect("csms-a", "flexpool", "OpenADR 2.0b (VEN polls)");
  m.connect("csms-b", "dso-flex", "OSCP capacity");

  const singleTelnova = [...VOLTLINE_SITES, ...AMPERE_SITES].filter((s) => s.carrier === "telnova");
  const commonCauses: CommonCause[] = [
    {
      id: "cc-telnova-apn",
      name: "Telnova IoT APN fault drops every single-SIM site on Telnova (EVgo 2023 pattern)",
      members: singleTelnova.map((s) => s.id),
      probability: 0.0005,
    },
    {
      id: "cc-nimbus-provider",
      name: "Nimbus control-plane outage takes both of its regions down",
      members: ["nimbus-euw1", "nimbus-eun1"],
      probability: 0.0002,
    },
    {
      id: "cc-voltline-release",
      name: "Voltline CSMS release pushes a bad configuration to every charger (Electrify America 2020 pattern)",
      members: ["csms-a", ...VOLTLINE_SITES.map((s) => s.id)],
      probability: 0.001,
    },
    {
      id: "cc-ampere-firmware",
      name: "Ampere Roads HPC firmware regression on every Plug & Charge site",
      members: AMPERE_SITES.filter((s) => s.hasPlugAndCharge).map((s) => s.id),
      probability: 0.0005,
    },
  ];

  const chains: Chain[] = [
    {
      id: "status-a04-plugfinder",
      name: "Elmfield status reaches PlugFinder through the hub",
      path: ["a04", "csms-a", "hub", "emsp-plugfinder"],
      deadlineMs: 60_000,
    },
    {
      id: "status-b01-fleetcharge",
      name: "Junction 12 status reaches FleetCharge through the hub",
      path: ["b01", "csms-b", "hub", "emsp-fleetcharge"],
      deadlineMs: 60_000,
    },
    {
      id: "curtail-a05-openadr",
      name: "DSO curtailment reaches Voltline's van depot via FlexPool (OpenADR)",
      path: ["dso-flex", "flexpool", "csms-a", "a05"],
      deadlineMs: 300_000,
    },
    {
      id: "curtail-b03-oscp",
      name: "DSO curtailment reaches Ring Road energy hub via OSCP",
      path: ["dso-flex", "csms-b", "b03"],
      deadlineMs: 300_000,
    },
    {
      id: "curtail-b04-direct",
      name: "DSO curtailment reaches Eastport truck stop directly (IEEE 2030.5)",
      path: ["dso-flex", "b04"],
      deadlineMs: 300_000,
    },
  ];

  return {
    schema: SCHEMA_VERSION,
    name: "Reference ecosystem: two operators, one roaming hub",
    description:
      "Two charge point operators with 12 sites each. Voltline (OCPP 1.6J, fail-open offline cache) runs in Nimbus eu-west-1 next to the roaming hub; Ampere Roads (OCPP 2.0.1, fail-closed, Plug & Charge) runs in Stratus eu-central-2. Three eMSPs see the sites only through the hub. DC sites take card payments through TapPay; the DSO curtails through an aggregator (OpenADR), OSCP and IEEE 2030.5; sites are split between two mobile carriers. Watch for phantom availability at the eMSPs when a CSMS or the hub fails, and for seam failures behind green dashboards. Figures are workshop starting points, not measurements.",
    orgs: ORGS,
    components: [...m.components.values()],
    links: m.links,
    commonCauses,
    chains,
    // The largest site (Eastport, 2.4 MW) is 16 % of the 14.9 MW total: at the default 10 % one
    // busy truck stop failing alone would count as systemic, so a systemic event here needs ≥ 20 %.
    settings: { ...DEFAULT_SETTINGS, systemicThreshold: 0.2 },
  };
}
