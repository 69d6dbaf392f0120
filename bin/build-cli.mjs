#!/usr/bin/env node
// Compiles the `seams` CLI (src/cli) to JavaScript in dist-cli/ with esbuild, so a start loads
// plain JavaScript instead of transpiling TypeScript (issue 17). `npm ci` / `npm install` run it as
// the `prepare` script; bin/seams.mjs runs it again when a source file is newer than the build.
//
// Layout: dist-cli/main.mjs (the CLI), dist-cli/usage.mjs (`seams --help` alone: bin/seams.mjs
// prints it without loading the engine, whose 1.4 MB of JavaScript Node must compile at each
// start — Node 20 has no compile cache), dist-cli/node-worker.mjs (the engine's worker_threads entry,
// found by workers/node-pool.ts as `new URL("./node-worker.mjs", import.meta.url)` — so every chunk
// stays in dist-cli/ itself), dist-cli/job-thread.mjs (the thread a `seams worker` computes on),
// shared chunks, and build.json listing the sources that went in.
// Packages are bundled (one file to read instead of zod's hundreds: about half the start time),
// except BullMQ and ioredis, which stay in node_modules; code only some commands need (the engine
// pool, the queue) is a dynamic import and so a chunk of its own, loaded only when used.
import { mkdirSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root and the build's folder. */
export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const OUT_DIR = join(ROOT, "dist-cli");
/** What the build lists: when it started, and the sources that went in, relative to the root. */
export const MANIFEST = join(OUT_DIR, "build.json");

/** The entry files other than main.mjs: bin/seams.mjs and the thread starts name them. */
const ENTRIES = new Set(["usage.mjs", "node-thread.mjs", "node-worker.mjs", "job-thread.mjs"]);

/** Chunks of older builds are removed once this old (a process started before may still load one). */
const OLD_CHUNK_MS = 10 * 60 * 1000;

/** Build dist-cli/ from src/cli; resolves with the number of source files that went in. */
export async function buildCli() {
  // a source saved while the build reads the sources is newer than this, so the next start builds again
  const startedMs = Date.now();
  const esbuild = await import("esbuild");
  const shared = {
    absWorkingDir: ROOT,
    outdir: OUT_DIR,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    external: ["bullmq", "ioredis"],
    mainFields: ["module", "main"],
    // a fifth less for Node to parse and compile at each start (measured: about 55 of 250 ms of
    // CPU for main's chunks); stack traces map back with `node --enable-source-maps bin/seams.mjs`
    minify: true,
    sourcemap: "linked",
    metafile: true,
    write: false,
    logLevel: "warning",
  };
  // both builds settle before either's error is thrown: exiting while the other still waits on a
  // plugin's answer leaves esbuild's service deadlocked, and its goroutine dump buries the error
  const builds = await Promise.allSettled([
    esbuild.build({
      ...shared,
      entryPoints: {
        main: "src/cli/main.ts",
        usage: "src/cli/usage.ts",
        "node-thread": "workers/node-thread.ts",
        "job-thread": "src/cli/worker-job-thread.ts",
      },
      splitting: true,
      plugins: [layersWithoutEffects, zodInEnglishOnly],
    }),
    // the engine thread on its own, without the chunks it would share with main: it never
    // validates a model, so zod (three quarters of the shared chunk) stays out of it
    esbuild.build({
      ...shared,
      entryPoints: { "node-worker": "src/cli/worker-thread.ts" },
      plugins: [layersWithoutEffects],
    }),
  ]);
  const failed = builds.find((build) => build.status === "rejected");
  if (failed !== undefined) throw failed.reason;
  const [commands, engineThread] = builds.map((build) => build.value);
  const result = {
    outputFiles: [...commands.outputFiles, ...engineThread.outputFiles],
    metafile: { inputs: { ...commands.metafile.inputs, ...engineThread.metafile.inputs } },
  };
  mkdirSync(OUT_DIR, { recursive: true });
  // each file written under a temporary name and renamed: a process starting meanwhile (or a
  // second build running at once) sees either the old file or the new one, never half of one;
  // main.mjs last, so it never names a file not yet there
  const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path));
  for (const file of files) writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs).filter((path) => !path.includes("node_modules"));
  inputs.push(relative(ROOT, fileURLToPath(import.meta.url)));
  writeAtomically(MANIFEST, JSON.stringify({ startedMs, inputs: inputs.sort() }, null, 1));
  removeOldChunks(new Set(files.map((f) => basename(f.path))));
  return inputs.length;
}

/** The layers whose modules only declare: no module-level effects (test/cli/compiled.test.ts). */
const DECLARING_LAYERS = ["src/model/", "src/engine/", "src/analysis/"].map((folder) => join(ROOT, folder));

/**
 * Marks the model, engine and analysis layers free of module-level effects, as they are. Then a
 * module a bundle does not use is left out, with its module-level work and what only it needs: zod
 * for the schema (the engine thread), the timeline engine's tables (every command but timeline).
 */
const layersWithoutEffects = {
  name: "layers-without-effects",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData?.isInner) return undefined;
      const { kind, importer, resolveDir, with: attributes } = args;
      const resolved = await build.resolve(args.path, {
        kind,
        importer,
        resolveDir,
        with: attributes,
        pluginData: { isInner: true },
      });
      const isDeclaring = DECLARING_LAYERS.some((folder) => resolved.path.startsWith(folder));
      if (resolved.errors.length > 0 || !isDeclaring) return undefined;
      return { ...resolved, sideEffects: false };
    });
  },
};

/**
 * zod's languages other than English (`z.locales`, 265 of main's 730 kB minified): Seams reports in
 * English and never selects one, and every start would parse them. zod's default stays English.
 */
const zodInEnglishOnly = {
  name: "zod-in-english-only",
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, (args) => ({
      contents: 'export { default as en } from "./en.js";\n',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/** Write order: chunks, then the entries that import them, main.mjs last. */
function rank(path) {
  const name = basename(path);
  if (name === "main.mjs") return 2;
  return ENTRIES.has(name) ? 1 : 0;
}

function writeAtomically(path, contents) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, contents);
  renameSync(temporary, path);
}

function removeOldChunks(current) {
  const now = Date.now();
  for (const name of readdirSync(OUT_DIR)) {
    if (current.has(name) || name === basename(MANIFEST)) continue;
    const path = join(OUT_DIR, name);
    try {
      if (now - statSync(path).mtimeMs > OLD_CHUNK_MS) unlinkSync(path);
    } catch {
      // removed by a build running at the same time
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const count = await buildCli();
  const ms = Math.round(performance.now() - started);
  console.log(`seams: built ${relative(ROOT, OUT_DIR)}/ from ${count} source files in ${ms} ms`);
}
