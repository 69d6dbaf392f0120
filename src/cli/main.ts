/**
 * The `seams` command (SPEC §8): picks the command, runs it, and turns every failure into an exit
 * code — 0 ok, 1 the analysis failed, 2 invalid input — with the reason on stderr. It never calls
 * `process.exit`, so the tests run it in-process with captured output.
 */
import { coupling } from "./coupling.ts";
import { CliError, EXIT_ANALYSIS, EXIT_INPUT, EXIT_OK } from "./errors.ts";
import { exportMefCommand } from "./export-mef.ts";
import { importance } from "./importance.ts";
import { type CliIo, printLines } from "./io.ts";
import { latency } from "./latency.ts";
import { merge } from "./merge.ts";
import { security } from "./security.ts";
import { simulate } from "./simulate.ts";
import { sweep } from "./sweep.ts";
import { COMMAND_USAGE, USAGE } from "./usage.ts";
import { validate } from "./validate.ts";
import { whatif } from "./whatif.ts";

export type { CliIo } from "./io.ts";

const COMMANDS: Record<string, (argv: readonly string[], io: CliIo) => Promise<void>> = {
  validate,
  simulate,
  coupling,
  security,
  latency,
  sweep,
  importance,
  whatif,
  "export-mef": exportMefCommand,
  merge,
};

/** Run `seams` with `argv` (the arguments after the program name); resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new CliError(["no command given"], EXIT_INPUT, "");
    if (command === "--help" || command === "-h" || command === "help") {
      return help(rest, io);
    }
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (run === undefined) throw new CliError([`unknown command "${command}"`], EXIT_INPUT, "");
    if (rest.includes("--help")) {
      printLines(io.stdout, [COMMAND_USAGE[command]]);
      return EXIT_OK;
    }
    await run(rest, io);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof CliError)) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      printLines(io.stderr, [`seams: unexpected error (a bug): ${reason}`]);
      return EXIT_ANALYSIS;
    }
    const lines = error.usageOf === undefined ? [...error.lines] : error.lines.map((l) => `seams: ${l}`);
    if (error.usageOf !== undefined) lines.push("", COMMAND_USAGE[error.usageOf] ?? USAGE);
    printLines(io.stderr, lines);
    return error.exitCode;
  }
}

/** `seams help [command]`: general or per-command usage on stdout. */
function help(rest: readonly string[], io: CliIo): number {
  const topic = rest.find((arg) => !arg.startsWith("-"));
  if (topic !== undefined && !Object.hasOwn(COMMAND_USAGE, topic)) {
    throw new CliError([`no help for "${topic}": it is not a command`], EXIT_INPUT, "");
  }
  printLines(io.stdout, [topic === undefined ? USAGE : COMMAND_USAGE[topic]]);
  return EXIT_OK;
}
