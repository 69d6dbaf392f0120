/**
 * The sources behind catalogue defaults (../shared/DOMAIN.md). A default cites one of these by id,
 * or is an `estimate`. The Assumptions panel shows the citation next to every default in use.
 */
export interface Source {
  id: string;
  short: string;
  citation: string;
}

export const SOURCES = {
  chargerhelp2025: {
    id: "chargerhelp2025",
    short: "ChargerHelp 2025",
    citation:
      "ChargerHelp 2025 reliability report (with Plug In America and Paren; >100,000 sessions, 2,400 chargers): reported uptime 98.7–99.9 % but first-time charge success 71 %; more than a third of failures on chargers that appear operational.",
  },
  rempel2022: {
    id: "rempel2022",
    short: "Rempel et al. 2022",
    citation:
      "Rempel et al. (2022), Reliability of Open Public Electric Vehicle Direct Current Fast Chargers (SSRN): 72.5 % of 657 CCS connectors functional; a re-check ~8 days later showed no change.",
  },
  nevi: {
    id: "nevi",
    short: "NEVI 23 CFR 680.116(b)",
    citation: "US NEVI rule, 23 CFR 680.116(b): each port > 97 % average annual uptime.",
  },
  awsSla: {
    id: "awsSla",
    short: "AWS SLAs",
    citation:
      "AWS SLAs: region-level compute 99.99 % (≥ 2 AZs), single instance 99.5 %, API Gateway 99.95 %; 0.9995 taken between SLA and observed regional outages.",
  },
  ocppOffline: {
    id: "ocppOffline",
    short: "OCPP offline authorisation",
    citation:
      "OCPP 1.6/2.0.1 LocalAuthorizeOffline, authorisation cache and Local Authorization List: known IDs accepted while the CSMS is unreachable; unknown IDs refused unless AllowOfflineTxForUnknownId (default false, Beckhoff TF6771).",
  },
  ocppHeartbeat: {
    id: "ocppHeartbeat",
    short: "OCPP heartbeat",
    citation:
      "OCPP HeartbeatInterval set by the CSMS at boot (SAP e-Mobility recommends 3600 s, WebSocket ping 30 s, meter values 60 s).",
  },
  ocppSecurity: {
    id: "ocppSecurity",
    short: "OCPP security profiles",
    citation:
      "OCPP 1.6 security whitepaper ed. 2 / 2.0.1 part 2: profile 1 plain WebSocket + HTTP Basic, 2 TLS + Basic, 3 mutual TLS.",
  },
  sandia2022: {
    id: "sandia2022",
    short: "Johnson et al. 2022 (Sandia)",
    citation:
      "Johnson, Berg, Anderson, Wright, Review of EV Charger Cybersecurity Vulnerabilities, Energies 15:3931 (2022): practices range from none to mature; systems not isolated from the internet.",
  },
  sayed2022: {
    id: "sayed2022",
    short: "Sayed et al. 2022",
    citation:
      "Sayed et al., Int. J. Electrical Power & Energy Systems 2022: a 30 MW EV-load attack destabilised a grid that survived 48 MW of household load.",
  },
  malTtc: {
    id: "malTtc",
    short: "securiCAD / MAL TTC presets",
    citation:
      "MAL presets EasyAndCertain = Exp(rate 1), HardAndCertain = Exp(0.1), VeryHardAndCertain = Exp(0.01): means 1, 10, 100 days; a TTC belongs to an attack step on the target asset (one sample per step and simulation).",
  },
  dbir2024: {
    id: "dbir2024",
    short: "Verizon DBIR 2024",
    citation:
      "Verizon Data Breach Investigations Report 2024: about 55 days to remediate 50 % of critical CISA KEV vulnerabilities once patches are available; median 5 days from publication to the first mass scanning for them.",
  },
  mandiantTte2023: {
    id: "mandiantTte2023",
    short: "Mandiant time-to-exploit 2023",
    citation:
      "Mandiant (Google Cloud), How Low Can You Go? An Analysis of 2023 Time-to-Exploit Trends (2024): 138 vulnerabilities exploited in the wild, 70 % as zero-days; average time to exploit 5 days (32 in 2021–22, 63 in 2018–19).",
  },
  penTestPartners2021: {
    id: "penTestPartners2021",
    short: "Pen Test Partners 2021",
    citation:
      "Pen Test Partners (2021): on one home-charger platform an attacker could become admin and push firmware to all chargers; a mass on/off switch was flagged as a grid risk.",
  },
  mttrEstimate: {
    id: "mttrEstimate",
    short: "DOMAIN MTTR estimate",
    citation:
      "No authoritative public MTTR figure; estimate: charger hardware 72 h (days to weeks per Rempel's re-check), remote-resettable faults 2 h, backends 2–4 h.",
  },
  backendEstimate: {
    id: "backendEstimate",
    short: "Backend availability estimate",
    citation:
      "CSMS, hub, eMSP, OEM cloud availability: no public figures; estimate 0.998–0.9995, MTTR 2–4 h.",
  },
  evgo2023: {
    id: "evgo2023",
    short: "EVgo telecom incident 2023",
    citation:
      "EVgo, June 2023: a third-party telecom fault took hundreds of chargers offline across the US, fixed within hours.",
  },
  ocpiLocations: {
    id: "ocpiLocations",
    short: "OCPI 2.2.1 locations",
    citation:
      "OCPI 2.2.1 locations module: the CPO pushes (PUT, PATCH) to the eMSP; pull is 'regularly … but not too often'; a missed push leaves the partner with the last status.",
  },
} as const satisfies Record<string, Source>;

export type SourceId = keyof typeof SOURCES;
