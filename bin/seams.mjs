#!/usr/bin/env node
// The `seams` command (SPEC §8): lets Node load the TypeScript sources (tsx), then runs the CLI.
// Paths are resolved from this file, so it works from any working directory.
import { register } from "tsx/esm/api";

register();
const { main } = await import(new URL("../src/cli/main.ts", import.meta.url).href);
process.exitCode = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
