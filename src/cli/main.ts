/**
 * The `seams` command (SPEC §8): picks the command, runs it, and turns every failure into an exit
 * code — 0 ok, 1 the analysis failed, 2 invalid input — with the reason on stderr. It never calls
 * `process.exit`, so the tests run it in-process with captured output.
 */
import type { CliCommand } from "./args.ts";
import { couplingCommand } from "./coupling.ts";
import { CliError, EXIT_ANALYSIS, EXIT_INPUT, EXIT_OK } from "./errors.ts";
import { exportMefCommand } from "./export-mef.ts";
import { importanceCommand } from "./importance.ts";
import { type CliIo, printLines } from "./io.ts";
import { latencyCommand } from "./latency.ts";
import { mergeCommand } from "./merge.ts";
import { securityCommand } from "./security.ts";
import { simulateCommand } from "./simulate.ts";
import { sweepCommand } from "./sweep.ts";
import { timelineCommand } from "./timeline.ts";
import { USAGE } from "./usage.ts";
import { validateCommand } from "./validate.ts";
import { whatifCommand } from "./whatif.ts";
import { workerCommand } from "./worker.ts";

export type { CliIo } from "./io.ts";

/** Every command, each with its option table and usage (the tests check both against USAGE). */
export const COMMANDS: readonly CliCommand[] = [
  validateCommand,
  simulateCommand,
  couplingCommand,
  securityCommand,
  latencyCommand,
  sweepCommand,
  timelineCommand,
  importanceCommand,
  whatifCommand,
  exportMefCommand,
  mergeCommand,
  workerCommand,
];

const COMMAND_BY_NAME = new Map(COMMANDS.map((command) => [command.name, command]));

/** Run `seams` with `argv` (the arguments after the program name); resolves with the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) throw new CliError(["no command given"], EXIT_INPUT, "");
    if (command === "--help" || command === "-h" || command === "help") {
      return help(rest, io);
    }
    const found = COMMAND_BY_NAME.get(command);
    if (found === undefined) throw new CliError([`unknown command "${command}"`], EXIT_INPUT, "");
    if (rest.includes("--help")) {
      printLines(io.stdout, [found.usage]);
      return EXIT_OK;
    }
    await found.run(rest, io);
    return EXIT_OK;
  } catch (error) {
    if (!(error instanceof CliError)) {
      const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
      printLines(io.stderr, [`seams: unexpected error (a bug): ${reason}`]);
      return EXIT_ANALYSIS;
    }
    const lines = error.usageOf === undefined ? [...error.lines] : error.lines.map((l) => `seams: ${l}`);
    if (error.usageOf !== undefined) lines.push("", usageOf(error.usageOf) ?? USAGE);
    printLines(io.stderr, lines);
    return error.exitCode;
  }
}

/** `seams help [command]`: general or per-command usage on stdout. */
function help(rest: readonly string[], io: CliIo): number {
  const topic = rest.find((arg) => !arg.startsWith("-"));
  const usage = topic === undefined ? USAGE : usageOf(topic);
  if (usage === undefined)
    throw new CliError([`no help for "${topic}": it is not a command`], EXIT_INPUT, "");
  printLines(io.stdout, [usage]);
  return EXIT_OK;
}

/** A command's usage; "" (no command, or a wrong one) names the general usage. */
function usageOf(command: string): string | undefined {
  return command === "" ? USAGE : COMMAND_BY_NAME.get(command)?.usage;
}
