import { assertFinite } from "./errors.ts";

/** Where the CLI writes: the process's streams in `bin/seams.mjs`, buffers in the tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Write `lines`, each ended by a newline. */
export function printLines(write: (text: string) => void, lines: readonly string[]): void {
  if (lines.length > 0) write(`${lines.join("\n")}\n`);
}

/**
 * Write `value` as indented JSON on stdout: every command's `--json`. A NaN or ±Infinity in it
 * (JSON would print null) is an analysis error (exit 1) instead, naming its path.
 */
export function printJson(io: CliIo, value: unknown): void {
  assertFinite(value);
  printLines(io.stdout, [JSON.stringify(value, null, 2)]);
}
