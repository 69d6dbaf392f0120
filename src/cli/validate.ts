/** `seams validate <file> [--json]`: the restore path's verdict on a model file (SPEC §9). */
import { integerFlag, onlyFile, parseArgs } from "./args.ts";
import { fileError } from "./errors.ts";
import { type CliIo, printLines } from "./io.ts";
import { readModelFile } from "./load.ts";

/** Print the verdict; an invalid file is a CliError (exit 2) after the JSON verdict, if asked for. */
export async function validate(argv: readonly string[], io: CliIo): Promise<void> {
  // nothing runs: --trials and --seed are accepted (SPEC §8: every command takes them) and checked
  const args = parseArgs(argv, { json: "boolean", trials: "string", seed: "string" }, "validate");
  integerFlag(args, "trials", 1, 100_000_000);
  integerFlag(args, "seed", 0, 0xffff_ffff);
  const file = onlyFile(args.positionals, "validate");
  const isJson = args.flags.has("json");
  const result = await readModelFile(file);
  if (!result.ok) {
    if (isJson)
      printLines(io.stdout, [JSON.stringify({ valid: false, file, issues: result.issues }, null, 2)]);
    throw fileError(file, result.issues);
  }
  const components = result.model.components.length;
  const links = result.model.links.length;
  printLines(io.stdout, [
    isJson
      ? JSON.stringify({ valid: true, file, components, links }, null, 2)
      : `${file}: valid (${components} components, ${links} links)`,
  ]);
}
