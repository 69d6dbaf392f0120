/**
 * The synthetic models of the bench, kept on disk (node_modules/.cache/seams-bench/) from the
 * second use on: generating 20,000 components takes minutes (each link added copies the set of
 * every link id so far, in linksFromPreset), the file a fraction of a second. The cache key
 * hashes the generator's and the presets' sources with the size and seed, so an edit to either
 * makes a fresh model.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Model } from "../src/model/index.ts";
import { generateSyntheticModel } from "../test/fixtures/synthetic.ts";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SOURCES = ["test/fixtures/synthetic.ts", "src/model/presets.ts"];
const CACHE = `${ROOT}node_modules/.cache/seams-bench`;

/** generateSyntheticModel(n, seed), from the cache when it holds this size, seed and sources. */
export function syntheticModel(n: number, seed = 1): Model {
  if (n <= 2000) return generateSyntheticModel(n, seed);
  const hash = createHash("sha256");
  for (const source of SOURCES) hash.update(readFileSync(`${ROOT}${source}`));
  const file = `${CACHE}/synthetic-${n}-${seed}-${hash.digest("hex").slice(0, 16)}.json`;
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as Model;
  const model = generateSyntheticModel(n, seed);
  mkdirSync(CACHE, { recursive: true });
  writeFileSync(file, JSON.stringify(model));
  return model;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t0 = performance.now();
  const model = syntheticModel(Number(process.argv[2] ?? 20000), Number(process.argv[3] ?? 1));
  console.log(`${model.components.length} components in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
