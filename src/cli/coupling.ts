/** `seams coupling <file> [--json]`: the deterministic coupling metrics of SPEC §5. */
import { coupling as computeCoupling } from "../engine/index.ts";
import {
  type CliOptions,
  checkUnusedRunOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  UNUSED_RUN_OPTIONS,
} from "./args.ts";
import { analysed } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { loadModel } from "./load.ts";
import { componentLabel } from "./report.ts";

// deterministic: --trials and --seed are accepted (SPEC §8: every command takes them) and change nothing
const OPTIONS = { json: JSON_OPTION, ...UNUSED_RUN_OPTIONS } as const satisfies CliOptions;

const USAGE = `Usage: seams coupling <file> [--json]

Deterministic coupling metrics: per component fan-in, fan-out, betweenness (networkx's normalised
directed betweenness on links from → to), dependant kW, single-failure blast radius and single point
of failure; per model integrations, seams, seam ratio, dependency cycles and tight coupling.
  --json    print {components: {id: {fanIn, fanOut, betweenness, blastRadiusKw, spof, …}}, model: {…}}

Exit codes: 0 ok, 1 the analysis failed, 2 invalid input.`;

export const couplingCommand = defineCommand({
  name: "coupling",
  usage: USAGE,
  options: OPTIONS,
  run: coupling,
});

async function coupling(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  checkUnusedRunOptions(args);
  const file = onlyFile(args);
  const model = await loadModel(file);
  const result = await analysed(file, () => computeCoupling(model));
  if (args.values.json) {
    printJson(io, result);
    return;
  }
  const m = result.model;
  const label = componentLabel(model);
  const rows = Object.entries(result.components)
    .sort((a, b) => b[1].betweenness - a[1].betweenness || b[1].blastRadiusKw - a[1].blastRadiusKw)
    .slice(0, 8);
  const width = Math.max(...rows.map(([id]) => label(id).length));
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
        `    ${label(id).padEnd(width)}  ${c.betweenness.toFixed(3)}  ${c.fanIn}/${c.fanOut}  ${Math.round(c.blastRadiusKw)} kW${c.spof ? "  single point of failure" : ""}`,
    ),
  ]);
}
