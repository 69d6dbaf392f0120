/**
 * How the `seams` command fails (SPEC §8): exit 2 for invalid input (a file, a flag), exit 1 when
 * the analysis itself fails. Commands throw a `CliError` to unwind to `main`, which prints its
 * lines on stderr and returns its exit code; anything else thrown is a bug, reported as exit 1.
 */
import type { Issue } from "../model/schema.ts";

export const EXIT_OK = 0;
export const EXIT_ANALYSIS = 1;
export const EXIT_INPUT = 2;

/** Issues listed in full before the rest are counted. */
const MAX_ISSUES_SHOWN = 20;

export class CliError extends Error {
  constructor(
    readonly lines: string[],
    readonly exitCode: typeof EXIT_ANALYSIS | typeof EXIT_INPUT,
    /** Print the usage of this command after the message. */
    readonly usageOf?: string,
  ) {
    super(lines.join("\n"));
    this.name = "CliError";
  }
}

/** Invalid input: a bad flag or argument. */
export function usageError(message: string, command?: string): CliError {
  return new CliError([message], EXIT_INPUT, command);
}

/** Invalid input in `file`: one line per issue, `file: path: message` (file-level issues have no path). */
export function fileError(file: string, issues: readonly Issue[]): CliError {
  const lines = issues.slice(0, MAX_ISSUES_SHOWN).map((i) => issueLine(file, i));
  if (issues.length > MAX_ISSUES_SHOWN)
    lines.push(`${file}: … and ${issues.length - MAX_ISSUES_SHOWN} more problems`);
  return new CliError(lines, EXIT_INPUT);
}

/** `model.json: components[1].silentShare: a probability is at most 1`. */
export function issueLine(file: string, issue: Issue): string {
  return issue.path === "(file)" ? `${file}: ${issue.message}` : `${file}: ${issue.path}: ${issue.message}`;
}

/** The analysis failed (exit 1). */
export function analysisError(file: string, error: unknown): CliError {
  const reason = error instanceof Error ? error.message : String(error);
  return new CliError([`${file}: the analysis failed: ${reason}`], EXIT_ANALYSIS);
}

/** Run the analysis of `file`: whatever it throws becomes an analysisError (exit 1). */
export async function analysed<T>(file: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw analysisError(file, error);
  }
}
