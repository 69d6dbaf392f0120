/** The reference's peer-to-peer variant (see scripts/make-templates.ts). */
import { linksFromPreset, type Model, presetsFor } from "../../src/model/index.ts";
import { Builder, softAuth } from "./builder.ts";

/** The same ecosystem without the hub: every eMSP connects to every CSMS over OCPI peer-to-peer. */
export function buildMesh(reference: Model): Model {
  const hubId = "hub";
  const m = new Builder();
  for (const c of reference.components) if (c.id !== hubId) m.add(structuredClone(c));
  for (const l of reference.links) {
    if (l.from === hubId || l.to === hubId) continue;
    m.links.push(structuredClone(l));
  }
  const taken = new Set(m.links.map((l) => l.id));
  const csmsIds = reference.components.filter((c) => c.type === "csms").map((c) => c.id);
  const emspIds = reference.components.filter((c) => c.type === "emsp").map((c) => c.id);
  for (const emsp of emspIds) {
    for (const csms of csmsIds) {
      const preset = presetsFor("emsp", "csms").find((p) => p.label === "OCPI 2.2.1 peer-to-peer");
      if (!preset) throw new Error("no OCPI peer-to-peer preset");
      // real-time authorisation CSMS → eMSP is soft, as through the hub in the reference (SPEC §10)
      for (const link of softAuth(linksFromPreset(preset, emsp, csms, taken))) {
        taken.add(link.id);
        m.links.push(link);
      }
    }
  }
  return {
    ...structuredClone(reference),
    name: "Peer-to-peer OCPI mesh: two operators, no hub",
    description:
      "The reference ecosystem without the roaming hub: each of the three eMSPs connects directly to each operator's CSMS over OCPI 2.2.1 (six bilateral integrations instead of five hub connections). Novacar's in-car map now comes only through PlugFinder. Compare phantom availability, seam crossings and coupling with the hub version.",
    orgs: reference.orgs.filter((o) => o.id !== "interroam"),
    components: [...m.components.values()],
    links: m.links,
    commonCauses: reference.commonCauses.map((cc) => ({
      ...cc,
      members: cc.members.filter((id) => id !== hubId),
    })),
    chains: reference.chains.map((ch) => ({
      ...ch,
      name: ch.name.replace("through the hub", "peer-to-peer"),
      path: ch.path.filter((id) => id !== hubId),
    })),
  };
}
