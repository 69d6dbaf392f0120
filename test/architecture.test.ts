/**
 * The layering checks itself (STYLE.md "Layout shows the architecture"): every import of every
 * source file is read with TypeScript's own pre-processor and checked against the layers —
 * model → engine → workers → analysis → UI, and the CLI beside the UI — so an upward import, a
 * side door into the engine or an import cycle fails `npm test`, not a review.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

/** Layers from the bottom up; a file may import its own layer and the layers below it. */
const LAYERS: { name: string; folders: string[]; below: string[] }[] = [
  { name: "model", folders: ["src/model"], below: [] },
  { name: "engine", folders: ["src/engine"], below: ["model"] },
  { name: "workers", folders: ["workers"], below: ["engine", "model"] },
  { name: "analysis", folders: ["src/analysis"], below: ["engine", "model"] },
  {
    name: "ui",
    folders: [
      "src/app",
      "src/canvas",
      "src/panels",
      "src/charts",
      "src/store",
      "src/io",
      "src/report",
      "src/main.tsx",
    ],
    below: ["analysis", "workers", "engine", "model"],
  },
  { name: "cli", folders: ["src/cli"], below: ["analysis", "workers", "engine", "model"] },
];

/** The engine's one door: what lies outside the engine imports src/engine/index.ts and nothing else of it. */
const ENGINE_DOOR = "src/engine/index.ts";

function sourceFiles(folder: string): string[] {
  const at = join(root, folder);
  if (statSync(at).isFile()) return [folder];
  return readdirSync(at).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [path] : [];
  });
}

function layerOf(file: string): string | undefined {
  return LAYERS.find((l) => l.folders.some((f) => file === f || file.startsWith(`${f}/`)))?.name;
}

/** Relative imports of a file (also `export … from` and dynamic `import()`), as repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), "utf8");
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) =>
      relative(root, resolve(root, dirname(file), name))
        .split("\\")
        .join("/"),
    )
    .filter((path) => /\.tsx?$/.test(path));
}

const files = LAYERS.flatMap((l) => l.folders.flatMap(sourceFiles));
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe("architecture: imports point down the layers", () => {
  it("finds the source files", () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain(ENGINE_DOOR);
  });

  it("no file imports a layer above its own (model → engine → workers → analysis → UI; CLI)", () => {
    const upward: string[] = [];
    for (const [file, imports] of graph) {
      const own = layerOf(file) as string;
      const allowed = new Set([own, ...(LAYERS.find((l) => l.name === own)?.below ?? [])]);
      for (const target of imports) {
        const layer = layerOf(target);
        if (layer === undefined || allowed.has(layer)) continue;
        upward.push(`${file} (${own}) imports ${target} (${layer})`);
      }
    }
    expect(upward).toEqual([]);
  });

  it(`outside the engine, ${ENGINE_DOOR} is the only door into it`, () => {
    const sideDoors: string[] = [];
    for (const [file, imports] of graph) {
      if (layerOf(file) === "engine") continue;
      for (const target of imports) {
        if (target.startsWith("src/engine/") && target !== ENGINE_DOOR)
          sideDoors.push(`${file} imports ${target}`);
      }
    }
    expect(sideDoors).toEqual([]);
  });

  it("no import cycle between source files", () => {
    // Tarjan's strongly connected components over the import graph: every one must be a single file
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    let counter = 0;
    const visit = (v: string) => {
      index.set(v, counter);
      low.set(v, counter++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
        }
      }
      if (low.get(v) === index.get(v)) {
        const members: string[] = [];
        let w: string;
        do {
          w = stack.pop() as string;
          onStack.delete(w);
          members.push(w);
        } while (w !== v);
        if (members.length > 1) cycles.push(members.sort());
      }
    };
    for (const f of files) if (!index.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it("tests and benchmarks share fixtures from test/fixtures, and bench/ is imported by nothing", () => {
    const bench = [...sourcesUnder("test"), ...sourcesUnder("bench")].flatMap((file) =>
      importsOf(file)
        .filter((target) =>
          file.startsWith("test/")
            ? target.startsWith("bench/")
            : target.startsWith("test/") && !target.startsWith("test/fixtures/"),
        )
        .map((target) => `${file} imports ${target}`),
    );
    expect(bench).toEqual([]);
  });
});

function sourcesUnder(folder: string): string[] {
  return sourceFiles(folder);
}
