/**
 * The numpy pairing of issue 17: the whole analysis on one core against a vectorised numpy script
 * of the boolean layer alone (bench/numpy_baseline.py), the same model and the same number of
 * trials, one after the other in one run; trials/s of each (CPU time and wall time) and the ratio.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CompiledModel, compileModel, simulateReliability } from "../src/engine/index.ts";
import { propagateWord, startBatch } from "../src/engine/reliability/index.ts";
import { batchCount, trialsInBatch } from "../src/engine/types.ts";
import type { Model } from "../src/model/index.ts";
import { fmt, loadText } from "./load.ts";

const BASELINE = new URL("./numpy_baseline.py", import.meta.url).pathname;
const TARGET_RATIO = 5;

/**
 * The model as the numpy baseline reads it: the engine's compiled requirements (breaking member
 * links only, with their providers and k), P(down) per component, the common causes and chargers.
 */
export function baselineInput(model: Model): object {
  const c = compileModel(model);
  const memProvider = Array.from(c.memLink, (link) => c.linkTo[link]);
  const ccMembers = c.ccIds.map((_, k) => Array.from(c.ccMember.subarray(c.ccStart[k], c.ccStart[k + 1])));
  // ccInvLog is 1 / ln(1 − p)
  const ccProbability = Array.from(c.ccInvLog, (inv) => 1 - Math.exp(1 / inv));
  return {
    n: c.n,
    pDown: Array.from(c.pDown),
    reqStart: Array.from(c.reqStart),
    memStart: Array.from(c.memStart),
    memProvider,
    reqK: Array.from(c.reqK),
    ccProbability,
    ccMembers,
    chargers: Array.from(c.chargers),
  };
}

/**
 * Steps 1–4 alone (the boolean layer) for batch b of a run of `trials` trials: every word's masks
 * left as the tallies would read them; returns a digest of them (callers keep it observable).
 */
export function propagateBatch(compiled: CompiledModel, seed: number, b: number, trials: number): number {
  const inBatch = trialsInBatch(trials, b);
  const s = startBatch(compiled, seed, b);
  let sink = 0;
  for (let w = 0; w < Math.ceil(inBatch / 32); w++) {
    propagateWord(compiled, s, w, inBatch);
    sink ^= s.functional[w % compiled.n];
  }
  return sink;
}

/** Whether python3 can import numpy here (and which version). */
function numpyVersion(): string | undefined {
  try {
    return execFileSync("python3", ["-c", "import numpy; print(numpy.__version__)"], {
      encoding: "utf8",
    }).trim();
  } catch {
    return undefined;
  }
}

/** Run the pairing on `model` with `trials` trials each and print it; asserts nothing. */
export function numpyPairing(model: Model, name: string, trials: number, seed: number): void {
  console.log(`numpy pairing, ${name}, ${fmt(trials)} trials each, one core:`);
  const version = numpyVersion();
  if (version === undefined) {
    console.log("  numpy baseline skipped: python3-numpy missing (apt-get install python3-numpy)");
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), "seams-numpy-"));
  try {
    const file = join(dir, "model.json");
    writeFileSync(file, JSON.stringify(baselineInput(model)));
    // numpy first, then the engine: each on one core of the same machine within a minute or two
    const env = { ...process.env, OMP_NUM_THREADS: "1", OPENBLAS_NUM_THREADS: "1" };
    const loadBefore = loadText();
    const run = spawnSync("python3", [BASELINE, file, String(trials), "8192", String(seed)], {
      encoding: "utf8",
      env,
    });
    if (run.status !== 0) {
      console.log(`  numpy baseline failed (exit ${run.status}): ${run.stderr.trim().split("\n").at(-1)}`);
      return;
    }
    const numpy = JSON.parse(run.stdout.trim().split("\n").at(-1) ?? "{}") as {
      wallSeconds: number;
      cpuSeconds: number;
      meanChargerFunctional: number;
    };
    const loadMiddle = loadText();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const result = simulateReliability(model, trials, seed);
    const wallSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    // like for like: the engine's boolean layer alone (steps 1–4: states, ages, common causes, call
    // timeouts, the fixed point) on the same trials, every word's masks left as the tallies read them
    const compiled = compileModel(model);
    let sink = 0;
    const layer0 = process.cpuUsage();
    const layerT0 = performance.now();
    for (let b = 0; b < batchCount(trials); b++) sink ^= propagateBatch(compiled, seed, b, trials);
    const layerWall = (performance.now() - layerT0) / 1000;
    const layerUsage = process.cpuUsage(layer0);
    const layerCpu = (layerUsage.user + layerUsage.system) / 1e6;
    if (sink === 0.5) console.log(sink); // never: keeps the masks observable
    const chargers = model.components.filter((x) => x.type === "charger");
    const engineFunctional =
      chargers.reduce((sum, x) => sum + result.components[x.id].functional.p, 0) / chargers.length;
    const row = (label: string, cpuS: number, wallS: number, extra: string) =>
      console.log(
        `  ${label}${fmt(trials / cpuS).padStart(12)} trials/s per core (CPU ${cpuS.toFixed(2)} s; wall ${wallS.toFixed(2)} s = ${fmt(trials / wallS)} trials/s) ${extra}`,
      );
    row(
      `numpy ${version}, boolean layer:`.padEnd(34),
      numpy.cpuSeconds,
      numpy.wallSeconds,
      `[${loadBefore}]`,
    );
    row("Seams, whole analysis:".padEnd(34), cpuSeconds, wallSeconds, `[${loadMiddle} → ${loadText()}]`);
    row("Seams, boolean layer alone:".padEnd(34), layerCpu, layerWall, `[→ ${loadText()}]`);
    const ratioCpu = numpy.cpuSeconds / cpuSeconds;
    const ratioWall = numpy.wallSeconds / wallSeconds;
    console.log(
      `  ratio Seams / numpy:              ${ratioCpu.toFixed(2).padStart(12)} × by CPU time (${ratioWall.toFixed(2)} × by wall) — target ≥ ${TARGET_RATIO} ×: ${ratioCpu >= TARGET_RATIO ? "met" : "not met"}`,
    );
    console.log(
      `  like for like, boolean layers:    ${(numpy.cpuSeconds / layerCpu).toFixed(2).padStart(12)} × by CPU time (${(numpy.wallSeconds / layerWall).toFixed(2)} × by wall); the whole analysis costs ${(cpuSeconds / layerCpu).toFixed(1)} × the boolean layer`,
    );
    console.log(
      `  mean P(charger functional): Seams ${engineFunctional.toFixed(5)}, numpy ${numpy.meanChargerFunctional.toFixed(5)} (numpy: cached links as hard, no call timeouts)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
