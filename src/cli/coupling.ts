/** `seams coupling <file> [--json]`: the deterministic coupling metrics of SPEC §5. */
import { coupling as computeCoupling } from "../engine/coupling.ts";
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { analysed } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { loadModel } from "./load.ts";

export async function coupling(argv: readonly string[], io: CliIo): Promise<void> {
  // deterministic: --trials and --seed are accepted (SPEC §8: every command takes them) and change nothing
  const args = parseArgs(argv, { json: "boolean", trials: "string", seed: "string" }, "coupling");
  integerFlag(args, "trials", 1, 100_000_000);
  integerFlag(args, "seed", 0, 0xffff_ffff);
  const file = onlyFile(args.positionals, "coupling");
  const model = await loadModel(file);
  const result = await analysed(file, () => computeCoupling(model));
  if (args.flags.has("json")) {
    printLines(io.stdout, [JSON.stringify(result, null, 2)]);
    return;
  }
  const m = result.model;
  const names = new Map(model.components.map((c) => [c.id, c.name]));
  const rows = Object.entries(result.components)
    .sort((a, b) => b[1].betweenness - a[1].betweenness || b[1].blastRadiusKw - a[1].blastRadiusKw)
    .slice(0, 8);
  const width = Math.max(...rows.map(([id]) => `${id} (${names.get(id)})`.length));
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  printLines(io.stdout, [
    `${file}: ${m.components} components, ${m.links} links`,
    `  integrations      ${m.integrations}, of which seams ${m.seams} (${pct(m.seamRatio)})`,
    `  tight coupling    ${pct(m.tightCoupling)} of links hard, uncached and without redundancy`,
    `  dependency cycles ${m.cycles.length === 0 ? "none" : m.cycles.map((c) => c.join(" ↔ ")).join("; ")}`,
    "",
    `  most between (betweenness, fan-in/out, blast radius)`,
    ...rows.map(
      ([id, c]) =>
        `    ${`${id} (${names.get(id)})`.padEnd(width)}  ${c.betweenness.toFixed(3)}  ${c.fanIn}/${c.fanOut}  ${Math.round(c.blastRadiusKw)} kW${c.spof ? "  single point of failure" : ""}`,
    ),
  ]);
}
