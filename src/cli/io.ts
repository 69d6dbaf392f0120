/** Where the CLI writes: the process's streams in `bin/seams.mjs`, buffers in the tests. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Write `lines`, each ended by a newline. */
export function printLines(write: (text: string) => void, lines: readonly string[]): void {
  if (lines.length > 0) write(`${lines.join("\n")}\n`);
}
