/** The reference ecosystem's organisations and charger sites, with workshop estimates in their descriptions. */
import type { Org } from "../../src/model/index.ts";
import type { Site } from "./builder.ts";

export const ORGS: Org[] = [
  { id: "voltline", name: "Voltline Charging (CPO A)", color: "#2a9d8f" },
  { id: "ampere", name: "Ampere Roads (CPO B)", color: "#f4a261" },
  { id: "interroam", name: "Interroam (roaming hub operator)", color: "#8e44ad" },
  { id: "plugfinder", name: "PlugFinder (eMSP)", color: "#e63946" },
  { id: "greenpower", name: "Greenpower Mobility (eMSP)", color: "#ff70a6" },
  { id: "fleetcharge", name: "FleetCharge (eMSP)", color: "#9d0208" },
  { id: "tappay", name: "TapPay (payment provider)", color: "#ffb703" },
  { id: "rivermark", name: "Rivermark Grid (DSO)", color: "#1d3557" },
  { id: "flexpool", name: "FlexPool (aggregator)", color: "#457b9d" },
  { id: "novacar", name: "Novacar (vehicle OEM)", color: "#6d597a" },
  { id: "trustroot", name: "TrustRoot (V2G PKI operator)", color: "#b5838d" },
  { id: "telnova", name: "Telnova (mobile carrier)", color: "#6c757d" },
  { id: "meshlink", name: "Meshlink (mobile carrier)", color: "#343a40" },
  { id: "nimbus", name: "Nimbus Cloud", color: "#0077b6" },
  { id: "stratus", name: "Stratus Cloud", color: "#00b4d8" },
];

/** Carrier of a site's modem: one carrier, or both with failover (a 1-of-2 redundancy group). */
export type Carrier = "telnova" | "meshlink" | "dual";

export interface SiteSpec extends Site {
  carrier: Carrier;
  /** AFIR art. 5 ad-hoc card payment at DC sites: the terminal authorises through the acquirer. */
  hasCardTerminal?: boolean;
  /** ISO 15118 Plug & Charge: the site's trust store needs the V2G root. */
  hasPlugAndCharge?: boolean;
  /** Large load under direct DSO curtailment (IEEE 2030.5). */
  hasDirectCurtailment?: boolean;
}

// CPO A: urban and destination AC with some DC; OCPP 1.6J, offline cache fail-open.
export const VOLTLINE_SITES: SiteSpec[] = [
  { id: "a01", name: "Harbour Street car park", units: 2, kwPerUnit: 22, carrier: "telnova" },
  { id: "a02", name: "Central Station P+R", units: 6, kwPerUnit: 22, carrier: "telnova" },
  {
    id: "a03",
    name: "Northgate retail park",
    units: 4,
    kwPerUnit: 50,
    carrier: "telnova",
    hasCardTerminal: true,
  },
  {
    id: "a04",
    name: "Elmfield services motorway hub",
    units: 8,
    kwPerUnit: 150,
    carrier: "meshlink",
    hasCardTerminal: true,
  },
  { id: "a05", name: "Voltline city van depot", units: 10, kwPerUnit: 11, carrier: "telnova" },
  { id: "a06", name: "Riverside hotel", units: 4, kwPerUnit: 11, carrier: "meshlink" },
  { id: "a07", name: "University campus", units: 8, kwPerUnit: 22, carrier: "telnova" },
  {
    id: "a08",
    name: "Westfield supermarket",
    units: 2,
    kwPerUnit: 50,
    carrier: "meshlink",
    hasCardTerminal: true,
  },
  { id: "a09", name: "St Mary's hospital car park", units: 6, kwPerUnit: 11, carrier: "telnova" },
  { id: "a10", name: "Old Mill leisure centre", units: 4, kwPerUnit: 22, carrier: "meshlink" },
  {
    id: "a11",
    name: "Market Square rapid hub",
    units: 6,
    kwPerUnit: 100,
    carrier: "telnova",
    hasCardTerminal: true,
  },
  { id: "a12", name: "Kingsway lamp-post chargers", units: 12, kwPerUnit: 7, carrier: "telnova" },
];

// CPO B: motorway and HPC corridor; OCPP 2.0.1 security profile 3, fail-closed, Plug & Charge.
export const HPC = { hasCardTerminal: true, hasPlugAndCharge: true } as const;
export const AMPERE_SITES: SiteSpec[] = [
  { id: "b01", name: "Junction 12 HPC", units: 4, kwPerUnit: 350, carrier: "meshlink", ...HPC },
  {
    id: "b02",
    name: "Lakeside services motorway hub",
    units: 8,
    kwPerUnit: 150,
    carrier: "meshlink",
    ...HPC,
  },
  { id: "b03", name: "Ring Road energy hub", units: 12, kwPerUnit: 150, carrier: "dual", ...HPC },
  {
    id: "b04",
    name: "Eastport truck stop",
    units: 6,
    kwPerUnit: 400,
    carrier: "dual",
    ...HPC,
    hasDirectCurtailment: true,
  },
  { id: "b05", name: "Airport long-stay car park", units: 10, kwPerUnit: 22, carrier: "meshlink" },
  { id: "b06", name: "Hillside retail park", units: 6, kwPerUnit: 150, carrier: "telnova", ...HPC },
  { id: "b07", name: "Coastal Road HPC", units: 6, kwPerUnit: 300, carrier: "meshlink", ...HPC },
  { id: "b08", name: "Southbridge P+R", units: 4, kwPerUnit: 22, carrier: "telnova" },
  { id: "b09", name: "Forest Gate services", units: 4, kwPerUnit: 150, carrier: "meshlink", ...HPC },
  { id: "b10", name: "Canal Street car park", units: 8, kwPerUnit: 22, carrier: "telnova" },
  { id: "b11", name: "Westbrook bus depot", units: 10, kwPerUnit: 11, carrier: "meshlink" },
  { id: "b12", name: "Greenfield HPC", units: 4, kwPerUnit: 350, carrier: "meshlink", ...HPC },
];

export const SITE_ROW_Y = [-560, -300, -40, 220, 480, 740];

export function describeSite(s: SiteSpec): string {
  const parts = [`${s.units} × ${s.kwPerUnit} kW ${s.kwPerUnit >= 50 ? "DC" : "AC"}`];
  if (s.carrier === "dual") parts.push("dual-SIM router (Telnova + Meshlink, failover)");
  if (s.hasCardTerminal) parts.push("ad-hoc card terminal (AFIR art. 5)");
  if (s.hasPlugAndCharge) parts.push("Plug & Charge (ISO 15118)");
  if (s.hasDirectCurtailment) parts.push("direct DSO curtailment (IEEE 2030.5)");
  return `${parts.join("; ")}.`;
}
