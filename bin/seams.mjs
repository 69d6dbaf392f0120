#!/usr/bin/env node
// The `seams` command (SPEC §8): runs the compiled CLI in dist-cli/ (bin/build-cli.mjs, run by
// `npm install` as the `prepare` script). When the build is missing, or a source file that went
// into it has changed since, it is built again first (esbuild, a dev dependency, takes about a
// second); without esbuild a missing build is an error saying how to build it.
// Paths are resolved from this file, so it works from any working directory.
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

// Node 22.1+ keeps compiled code between starts; Node 20 has no such cache, and skips even loading
// node:module (about 10 ms of a start)
if (Number(process.versions.node.split(".")[0]) >= 22) {
  (await import("node:module")).enableCompileCache?.();
}

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const MAIN = join(ROOT, "dist-cli/main.mjs");
const MANIFEST = join(ROOT, "dist-cli/build.json");

/** Whether dist-cli/ is missing, or older than a source file that went into it. */
function isBuildOutdated() {
  let builtMs;
  let inputs;
  try {
    ({ startedMs: builtMs, inputs } = JSON.parse(readFileSync(MANIFEST, "utf8")));
    statSync(MAIN);
  } catch {
    return true;
  }
  if (typeof builtMs !== "number" || !Array.isArray(inputs)) return true;
  for (const input of inputs) {
    try {
      if (statSync(join(ROOT, input)).mtimeMs > builtMs) return true;
    } catch {
      return true; // a source file removed since: build again
    }
  }
  return false;
}

if (isBuildOutdated()) {
  let build;
  try {
    ({ buildCli: build } = await import("./build-cli.mjs"));
    await import("esbuild");
  } catch {
    build = undefined;
  }
  if (build !== undefined) await build();
  else if (!statSafe(MAIN)) {
    process.stderr.write(
      "seams: the CLI is not built (dist-cli/main.mjs is missing) and esbuild is not installed to build it:\n" +
        `  cd ${ROOT} && npm install && npm run build:cli\n`,
    );
    process.exit(1);
  }
}

function statSafe(path) {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Commands that compute on the engine's worker threads, unless sharded or queued. */
const POOL_COMMANDS = new Set(["simulate", "latency", "sweep"]);
/** BATCH_TRIALS of src/engine/types.ts (test/cli/compiled.test.ts checks they agree). */
const BATCH_TRIALS = 8192;

/**
 * How many engine threads the command will start, as far as its arguments tell: 0 for none, 1 for
 * a pool of one, which computes on the main thread (src/cli/simulate.ts, runOnPool).
 */
function expectedThreads(command, args) {
  if (!POOL_COMMANDS.has(command) || args.some((arg) => /^--(help|shard|queue)(=|$)/.test(arg))) return 0;
  const value = (name) => {
    const at = args.findIndex((arg) => arg === `--${name}` || arg.startsWith(`--${name}=`));
    if (at < 0) return undefined;
    const number = Number(args[at].includes("=") ? args[at].slice(name.length + 3) : args[at + 1]);
    return Number.isSafeInteger(number) && number > 0 ? number : Number.NaN;
  };
  const workers = value("workers") ?? Math.max(1, availableParallelism() - 1);
  const trials = value("trials");
  const threads = trials === undefined ? workers : Math.min(workers, Math.ceil(trials / BATCH_TRIALS));
  return Number.isNaN(threads) ? 0 : threads;
}

const argv = process.argv.slice(2);
const [command, ...rest] = argv;
if (expectedThreads(command, rest) >= 2) {
  // the first engine thread boots and loads the engine while this thread loads the commands and
  // reads and validates the model
  const { startEngineThreadEarly } = await import(new URL("node-thread.mjs", pathToFileURL(MAIN)).href);
  startEngineThreadEarly();
}
if (["--help", "-h", "help"].includes(command) && rest.every((arg) => arg.startsWith("-"))) {
  // the general usage, as main's own `help` prints it, without loading the commands and the engine
  const { USAGE } = await import(new URL("usage.mjs", pathToFileURL(MAIN)).href);
  process.stdout.write(`${USAGE}\n`);
} else {
  const { main } = await import(pathToFileURL(MAIN).href);
  process.exitCode = await main(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}
