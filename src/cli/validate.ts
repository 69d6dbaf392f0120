/** `seams validate <file> [--json]`: the restore path's verdict on a model file (SPEC §9). */
import {
  type CliOptions,
  checkUnusedRunOptions,
  defineCommand,
  JSON_OPTION,
  onlyFile,
  type ParsedArgs,
  UNUSED_RUN_OPTIONS,
} from "./args.ts";
import { fileError } from "./errors.ts";
import { type CliIo, printJson, printLines } from "./io.ts";
import { readModelFile } from "./load.ts";

// nothing runs: --trials and --seed are accepted (SPEC §8: every command takes them) and checked
const OPTIONS = { json: JSON_OPTION, ...UNUSED_RUN_OPTIONS } as const satisfies CliOptions;

const USAGE = `Usage: seams validate <file> [--json]

Checks a model file (schema, references, limits) without running anything.
  --json    print {"valid": true, …} or {"valid": false, "issues": [{path, message}]}

Exit codes: 0 valid, 2 invalid (each problem on stderr as <file>: <path>: <message>).`;

export const validateCommand = defineCommand({
  name: "validate",
  usage: USAGE,
  options: OPTIONS,
  run: validate,
});

/** Print the verdict; an invalid file is a CliError (exit 2) after the JSON verdict, if asked for. */
async function validate(args: ParsedArgs<typeof OPTIONS>, io: CliIo): Promise<void> {
  checkUnusedRunOptions(args);
  const file = onlyFile(args);
  const isJson = args.values.json === true;
  const result = await readModelFile(file);
  if (!result.ok) {
    if (isJson) printJson(io, { valid: false, file, issues: result.issues });
    throw fileError(file, result.issues);
  }
  const components = result.model.components.length;
  const links = result.model.links.length;
  if (isJson) printJson(io, { valid: true, file, components, links });
  else printLines(io.stdout, [`${file}: valid (${components} components, ${links} links)`]);
}
