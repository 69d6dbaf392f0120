/**
 * Builds the reference ecosystem and its peer-to-peer mesh variant into public/templates/, plus the
 * templates menu (index.json). Run: `npx tsx scripts/make-templates.ts`.
 *
 * Every link comes from a protocol preset (src/model/presets.ts), so the templates create exactly
 * the links the editor would; a few fields are then set where the story needs them (CPO A's
 * fail-open cache, dual-SIM redundancy groups, security levels). All figures not in the catalogue
 * are workshop estimates written into the component's description.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { modelToText } from "../src/io/file.ts";
import { type Model, validateModel } from "../src/model/index.ts";
import { buildMesh } from "./templates/mesh.ts";
import { buildReference } from "./templates/reference.ts";

export { buildMesh, buildReference };

const TEMPLATES_DIR = fileURLToPath(new URL("../public/templates/", import.meta.url));

export const TEMPLATE_INDEX = [
  {
    file: "reference.seams.json",
    name: "Reference ecosystem",
    description:
      "Two CPOs (24 sites), a roaming hub, three eMSPs, payment, DSO and aggregator, OEM cloud, Plug & Charge PKI, two carriers and two clouds.",
  },
  {
    file: "p2p-mesh.seams.json",
    name: "Peer-to-peer OCPI mesh",
    description: "The reference ecosystem without the hub: every eMSP connects to every CSMS directly.",
  },
  {
    file: "hello.seams.json",
    name: "Hello, Seams",
    description: "Five components: one site, its CSMS, a cloud region, a carrier and a driver app.",
  },
];

function write(file: string, model: Model): void {
  const result = validateModel(model);
  if (!result.ok) {
    throw new Error(
      `${file} is invalid:\n${result.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`,
    );
  }
  writeFileSync(`${TEMPLATES_DIR}${file}`, modelToText(result.model));
  const kw = model.components.reduce((sum, c) => sum + (c.units ?? 0) * (c.kwPerUnit ?? 0), 0);
  console.log(
    `${file}: ${model.components.length} components, ${model.links.length} links, ${model.orgs.length} orgs, ${kw} kW`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const reference = buildReference();
  write("reference.seams.json", reference);
  write("p2p-mesh.seams.json", buildMesh(reference));
  writeFileSync(`${TEMPLATES_DIR}index.json`, `${JSON.stringify(TEMPLATE_INDEX, null, 2)}\n`);
}
