/**
 * Protocol presets: which link(s) one protocol integration between two component types creates
 * (SPEC §2). E.g. OCPP between a charger and its CSMS: the charger needs auth, tariff and control
 * from the CSMS (cached: offline authorisation), the CSMS needs status from the charger (async push).
 * A preset is written for an ordered type pair (a, b); connecting b to a uses it mirrored.
 */
import type { ComponentType, FailMode, Flow, Link, LinkKind, Protocol } from "./schema.ts";

/** One link of a preset: `dependent` depends on the other end. */
export interface LinkTemplate {
  dependent: "a" | "b";
  flows: Flow[];
  kind: LinkKind;
  ttlMinutes?: number;
  failMode?: FailMode;
  pollSeconds?: number;
  commands?: boolean;
}

export interface Preset {
  a: ComponentType;
  b: ComponentType;
  protocol: Protocol;
  label: string;
  /** What sets this integration apart from its neighbours in the picker (e.g. OCPP 1.6 vs 2.0.1). */
  description?: string;
  links: LinkTemplate[];
}

const BACKENDS: ComponentType[] = [
  "csms",
  "emsp",
  "hub",
  "payment",
  "dso",
  "aggregator",
  "oem",
  "pki",
  "supplier",
  "registry",
  "custom",
];

const ocpp = (protocol: Protocol, label: string, description: string): Preset => ({
  a: "charger",
  b: "csms",
  protocol,
  label,
  description,
  links: [
    // offline authorisation: known IDs keep working, roaming / ad hoc are refused (AllowOfflineTxForUnknownId=false)
    {
      dependent: "a",
      flows: ["auth", "tariff", "control"],
      kind: "cached",
      ttlMinutes: 60,
      failMode: "closed",
      commands: true,
    },
    { dependent: "b", flows: ["status", "cdr"], kind: "async", pollSeconds: 0 },
  ],
});

const ocpi = (a: ComponentType, b: ComponentType, protocol: Protocol, label: string): Preset => ({
  a,
  b,
  protocol,
  label,
  links: [
    // a = the eMSP side: locations, tariffs and CDRs pushed by the CPO side; the last push stays
    { dependent: "a", flows: ["status", "tariff", "cdr"], kind: "async", pollSeconds: 0 },
    // b = the CPO side: OCPI token lists are synced ahead and kept, so an unreachable partner leaves
    // the CPO authorising on its last list (stale, fail open) — it does not stop the whole CSMS
    { dependent: "b", flows: ["auth"], kind: "cached", ttlMinutes: 1440, failMode: "open" },
  ],
});

const PRESETS: Preset[] = [
  ocpp(
    "ocpp201",
    "OCPP 2.0.1",
    "Current version: device model and monitoring events (the CSMS sees a faulty connector or module), security profiles and certificate management built in, ISO 15118 Plug & Charge messages.",
  ),
  ocpp(
    "ocpp16",
    "OCPP 1.6",
    "Most installed chargers today (1.6J, JSON over WebSocket): status by StatusNotification only (no device model), security only with the 2020 whitepaper's profiles, Plug & Charge only through an extension.",
  ),
  {
    a: "charger",
    b: "telecom",
    protocol: "other",
    label: "Connectivity",
    links: [{ dependent: "a", flows: ["connectivity"], kind: "hard" }],
  },
  {
    a: "charger",
    b: "payment",
    protocol: "rest",
    label: "Ad-hoc payment",
    links: [{ dependent: "a", flows: ["auth"], kind: "hard" }],
  },
  {
    a: "charger",
    b: "pki",
    protocol: "iso15118",
    label: "ISO 15118 Plug & Charge",
    links: [{ dependent: "a", flows: ["certs"], kind: "cached", ttlMinutes: 1440, failMode: "open" }],
  },
  {
    a: "charger",
    b: "dso",
    protocol: "other",
    label: "Grid supply",
    links: [{ dependent: "a", flows: ["power"], kind: "hard" }],
  },
  {
    a: "charger",
    b: "dso",
    protocol: "ieee2030_5",
    label: "IEEE 2030.5 curtailment",
    links: [{ dependent: "a", flows: ["control"], kind: "async", pollSeconds: 300, commands: true }],
  },
  ocpi("emsp", "hub", "ocpi221", "OCPI 2.2.1 via hub"),
  ocpi("emsp", "hub", "oicp", "OICP (Hubject)"),
  ocpi("hub", "csms", "ocpi221", "OCPI 2.2.1 via hub"),
  ocpi("hub", "csms", "oicp", "OICP (Hubject)"),
  ocpi("emsp", "csms", "ocpi221", "OCPI 2.2.1 peer-to-peer"),
  {
    a: "csms",
    b: "aggregator",
    protocol: "oscp",
    label: "OSCP capacity",
    links: [{ dependent: "a", flows: ["control"], kind: "async", pollSeconds: 900, commands: true }],
  },
  {
    a: "csms",
    b: "aggregator",
    protocol: "openadr",
    label: "OpenADR 2.0b (VEN polls)",
    links: [{ dependent: "a", flows: ["control"], kind: "async", pollSeconds: 60, commands: true }],
  },
  {
    a: "aggregator",
    b: "dso",
    protocol: "openadr",
    label: "OpenADR 2.0b (VEN polls)",
    links: [{ dependent: "a", flows: ["control"], kind: "async", pollSeconds: 60, commands: true }],
  },
  {
    a: "csms",
    b: "dso",
    protocol: "oscp",
    label: "OSCP capacity",
    links: [{ dependent: "a", flows: ["control"], kind: "async", pollSeconds: 900, commands: true }],
  },
  {
    a: "csms",
    b: "payment",
    protocol: "rest",
    label: "Payment API",
    links: [{ dependent: "a", flows: ["auth", "cdr"], kind: "soft" }],
  },
  {
    a: "emsp",
    b: "payment",
    protocol: "rest",
    label: "Payment API",
    links: [{ dependent: "a", flows: ["auth"], kind: "hard" }],
  },
  {
    a: "csms",
    b: "pki",
    protocol: "iso15118",
    label: "Contract certificates",
    links: [{ dependent: "a", flows: ["certs"], kind: "cached", ttlMinutes: 1440, failMode: "open" }],
  },
  {
    a: "oem",
    b: "pki",
    protocol: "iso15118",
    label: "Contract certificates",
    links: [{ dependent: "a", flows: ["certs"], kind: "cached", ttlMinutes: 1440, failMode: "open" }],
  },
  {
    a: "oem",
    b: "hub",
    protocol: "ocpi221",
    label: "Locations for in-car maps",
    links: [{ dependent: "a", flows: ["status", "tariff"], kind: "async", pollSeconds: 300 }],
  },
  {
    a: "oem",
    b: "emsp",
    protocol: "rest",
    label: "In-car charging app",
    links: [{ dependent: "a", flows: ["auth", "status"], kind: "soft" }],
  },
  ...BACKENDS.map<Preset>((t) => ({
    a: t,
    b: "cloud",
    protocol: "other",
    label: "Hosting",
    links: [{ dependent: "a", flows: ["hosting"], kind: "hard" }],
  })),
  ...BACKENDS.map<Preset>((t) => ({
    a: t,
    b: "telecom",
    protocol: "other",
    label: "Connectivity",
    links: [{ dependent: "a", flows: ["connectivity"], kind: "hard" }],
  })),
];

/** Flows a generic dependency on a component of this type carries. */
const GENERIC_FLOWS: Partial<Record<ComponentType, Flow[]>> = {
  cloud: ["hosting"],
  telecom: ["connectivity"],
  payment: ["auth"],
  pki: ["certs"],
  dso: ["power"],
  supplier: ["power"],
};

/** A preset as seen from the connection a → b (mirrored when it is written for b → a). */
export function presetsFor(a: ComponentType, b: ComponentType): Preset[] {
  const found: Preset[] = [];
  for (const p of PRESETS) {
    if (p.a === a && p.b === b) found.push(p);
    else if (p.a === b && p.b === a) {
      found.push({
        ...p,
        a,
        b,
        links: p.links.map((l) => ({ ...l, dependent: l.dependent === "a" ? "b" : "a" })),
      });
    }
  }
  found.push({
    a,
    b,
    protocol: "rest",
    label: "Generic dependency (REST)",
    links: [{ dependent: "a", flows: GENERIC_FLOWS[b] ?? ["status"], kind: "hard" }],
  });
  return found;
}

/** The links a preset creates between components `aId` and `bId`, with fresh ids. */
export function linksFromPreset(
  preset: Preset,
  aId: string,
  bId: string,
  takenIds: ReadonlySet<string>,
): Link[] {
  const links: Link[] = [];
  const taken = new Set(takenIds);
  for (const t of preset.links) {
    const from = t.dependent === "a" ? aId : bId;
    const to = t.dependent === "a" ? bId : aId;
    let id = `${from}--${to}`;
    for (let n = 2; taken.has(id); n++) id = `${from}--${to}.${n}`;
    taken.add(id);
    const link: Link = { id, from, to, protocol: preset.protocol, flows: [...t.flows], kind: t.kind };
    if (t.ttlMinutes !== undefined) link.ttlMinutes = t.ttlMinutes;
    if (t.failMode !== undefined) link.failMode = t.failMode;
    if (t.pollSeconds !== undefined) link.pollSeconds = t.pollSeconds;
    if (t.commands !== undefined) link.commands = t.commands;
    links.push(link);
  }
  return links;
}
