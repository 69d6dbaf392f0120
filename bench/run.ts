/**
 * `npm run bench`: speed of the reliability engine on one core (reference ecosystem and a synthetic
 * 1,000-component model) — its propagation (the boolean layer) alone and the whole analysis — next
 * to the plain one-trial-at-a-time oracle kept in the tests (a whole analysis), with the ratio; the
 * worker pool on all cores, and its time to first numbers after an edit ("engine"); issue 17's
 * figures, each printed with its target and the load average: the whole analysis against a
 * vectorised numpy baseline of the boolean layer on the synthetic 1,000-component model, same
 * trials, side by side ("numpy"), a 20,000-component model to the default precision on 2 workers
 * ("scale"), the CLI's start ("cli"); then the UI bench (edit → first numbers on the canvas; open,
 * pan and click at 1,000 / 5,000 / 20,000 components in Chromium, "ui"). Prints numbers; asserts
 * nothing.
 *
 * Options: --quick (shorter runs; the UI at 1,000 components only), --no-ui (skip the Chromium
 * part), --only PARTS (comma-separated: engine, numpy, scale, cli, ui), --pair-trials N (numpy
 * pairing, default 262,144; the issue quotes 1,000,000), --scale-components N (default 20,000),
 * --scale-cap S (seconds before the scale run is cancelled and extrapolated, default 180),
 * --ui-sizes LIST (default 1000,5000,20000), --ui-cap S (seconds per UI step, default 120).
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import {
  batchCount,
  compileModel,
  createReliabilityTally,
  runReliabilityBatch,
  runTimeline,
} from "../src/engine/index.ts";
import {
  compileSecurity,
  createSecurityTally,
  runSecurityBatch,
  SECURITY_BATCH_TRIALS,
} from "../src/engine/security/index.ts";
import type { Model } from "../src/model/index.ts";
import { simulateOracle } from "../test/fixtures/oracle.ts";
import { generateSyntheticModel } from "../test/fixtures/synthetic.ts";
import { referenceModel } from "../test/fixtures/templates.ts";
import { createNodePool, defaultNodePoolSize } from "../workers/node-pool.ts";
import { cliBench } from "./cli.ts";
import { numpyPairing, propagateBatch } from "./numpy.ts";
import { scaleBench } from "./scale.ts";
import { uiBench } from "./ui.ts";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    "no-ui": { type: "boolean", default: false },
    only: { type: "string" },
    "pair-trials": { type: "string" },
    "scale-components": { type: "string", default: "20000" },
    "scale-cap": { type: "string", default: "180" },
    "ui-sizes": { type: "string" },
    "ui-cap": { type: "string", default: "120" },
  },
});
const quick = flags.quick;
const seconds = quick ? 0.5 : 2;
const PARTS = ["engine", "numpy", "scale", "cli", "ui"];
const parts = new Set((flags.only ?? PARTS.join(",")).split(","));
for (const part of parts)
  if (!PARTS.includes(part)) throw new Error(`--only: no part "${part}" (${PARTS.join(", ")})`);
if (flags["no-ui"]) parts.delete("ui");

const reference = referenceModel();
const synthetic = generateSyntheticModel(1000, 1);

const fmt = (x: number) => Math.round(x).toLocaleString("en-US");

/**
 * Trials/s of `batch(b)` (8,192 trials each) on this thread after a warm-up: the median of eight
 * slices of whole batches over about `seconds` (this shared machine's speed drifts by ±25 %; the
 * median and the slices' range say more than one long run), with the slowest and fastest slice.
 */
function sliceRate(batch: (b: number) => void): { median: number; low: number; high: number } {
  for (let b = 0; b < 4; b++) batch(b); // warm-up (JIT)
  let next = 4;
  const rates: number[] = [];
  for (let slice = 0; slice < 8; slice++) {
    let batches = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < (seconds * 1000) / 8) {
      batch(next++);
      batches++;
    }
    rates.push((batches * 8192) / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return { median: (rates[3] + rates[4]) / 2, low: rates[0], high: rates[7] };
}

/** The whole analysis: every step of SPEC §3 and every tally. */
function engineRate(model: Model) {
  const compiled = compileModel(model);
  const tally = createReliabilityTally(compiled);
  return sliceRate((b) => runReliabilityBatch(compiled, 1, b, 1 << 30, tally));
}

/**
 * The propagation alone — the boolean layer, steps 1–4 of SPEC §3: intrinsic states and outage
 * ages, common causes, call timeouts, the fixed point — leaving every component's functional mask
 * per word (what runWord tallies next; a test checks the masks are the same).
 */
function propagationRate(model: Model) {
  const compiled = compileModel(model);
  let sink = 0;
  // batch b of an endless run: 8,192 trials, 256 words
  const rate = sliceRate((b) => {
    sink ^= propagateBatch(compiled, 1, b, 1 << 30);
  });
  if (sink === 0.5) console.log(sink); // never: keeps the masks observable
  return rate;
}

/** Oracle trials/s: the plain implementation, one trial at a time (its plan built once per run). */
function oracleRate(model: Model): number {
  let trials = 50;
  for (;;) {
    const t0 = performance.now();
    simulateOracle(model, trials, 2);
    const dt = (performance.now() - t0) / 1000;
    if (dt > seconds / 2 || trials > 1e7) return trials / dt;
    trials *= 4;
  }
}

async function poolRates(
  model: Model,
): Promise<{ rate: number; size: number; firstMs: number; totalMs: number }> {
  const pool = createNodePool(defaultNodePoolSize());
  try {
    const trials = quick ? 500_000 : 2_000_000;
    await pool.runReliability(model, { revision: 1, trials: 8192 * pool.size, seed: 1 }, () => {}); // warm-up
    const t0 = performance.now();
    await pool.runReliability(model, { revision: 2, trials, seed: 1 }, () => {});
    const dt = (performance.now() - t0) / 1000;
    // an edit: a new revision, timed to its first progressive result
    const edited = structuredClone(model);
    edited.components[0].availability = 0.9;
    const e0 = performance.now();
    let firstMs = Number.NaN;
    await pool.runReliability(
      edited,
      { revision: 3, trials: 200_000, seed: 1, targetHalfWidth: 0.002 },
      () => {
        if (Number.isNaN(firstMs)) firstMs = performance.now() - e0;
      },
    );
    return { rate: trials / dt, size: pool.size, firstMs, totalMs: performance.now() - e0 };
  } finally {
    pool.dispose();
  }
}

console.log(
  `Seams bench — Node ${process.version}, ${availableParallelism()} cores${quick ? " (quick)" : ""}\n`,
);
if (parts.has("engine")) await engineSections();
if (parts.has("numpy"))
  numpyPairing(
    synthetic,
    `synthetic (${synthetic.components.length} components, ${synthetic.links.length} links)`,
    Number(flags["pair-trials"] ?? (quick ? 65_536 : 262_144)),
    1,
  );
if (parts.has("scale")) await scaleBench(Number(flags["scale-components"]), Number(flags["scale-cap"]));
if (parts.has("cli")) cliBench(quick ? 3 : 7);
if (parts.has("ui"))
  await uiBench(
    (flags["ui-sizes"] ?? (quick ? "1000" : "1000,5000,20000")).split(",").map(Number),
    Number(flags["ui-cap"]),
  );

/** The engine's own figures: reliability, security and timeline on one core, the worker pool. */
async function engineSections(): Promise<void> {
  const rows: [string, Model][] = [
    [
      `reference ecosystem (${reference.components.length} components, ${reference.links.length} links)`,
      reference,
    ],
    [`synthetic (${synthetic.components.length} components, ${synthetic.links.length} links)`, synthetic],
  ];
  for (const [name, model] of rows) {
    const engine = engineRate(model);
    const propagation = propagationRate(model);
    const oracle = oracleRate(model);
    const slices = (r: { median: number; low: number; high: number }) =>
      `${fmt(r.median).padStart(12)} trials/s (median of 8 slices: ${fmt(r.low)} – ${fmt(r.high)})`;
    console.log(`reliability, ${name}:`);
    console.log(`  propagation, one core:   ${slices(propagation)}`);
    console.log(`  whole analysis, one core:${slices(engine)}`);
    console.log(`  plain oracle, one core:  ${fmt(oracle).padStart(12)} trials/s`);
    console.log(`  ratio analysis / oracle: ${(engine.median / oracle).toFixed(1).padStart(12)} ×`);
  }
  for (const [name, model] of rows) {
    const c = compileSecurity(model, { horizonDays: model.settings.horizonDays });
    const t = createSecurityTally(c);
    runSecurityBatch(c, 1, 0, 1 << 30, t); // warm-up
    let batches = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) runSecurityBatch(c, 1, 1 + batches++, 1 << 30, t);
    const rate = (batches * SECURITY_BATCH_TRIALS) / ((performance.now() - t0) / 1000);
    console.log(`security (attack trials, Dijkstra per trial), ${name}:`);
    console.log(`  engine, one core:        ${fmt(rate).padStart(12)} trials/s`);
  }

  // time domain (SPEC §11): a day of the reference with its default traffic and incidents, and
  // 30 days (--quick: 3) of the synthetic 1,000-component model; events/s on one core (CPU time)
  for (const [name, model, hours] of [
    ["reference ecosystem, 24 h", reference, 24],
    [`synthetic 1,000 components, ${quick ? 3 : 30} days`, synthetic, (quick ? 3 : 30) * 24],
  ] as const) {
    runTimeline(model, { hours: 1, seed: 1 }); // warm-up
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const run = runTimeline(model, { hours, seed: 1 });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(`timeline, ${name}:`);
    console.log(`  events:                  ${fmt(run.events).padStart(12)}`);
    console.log(
      `  events/s, one core:      ${fmt(run.events / cpuSeconds).padStart(12)} (CPU ${cpuSeconds.toFixed(2)} s, wall ${(wallMs / 1000).toFixed(2)} s)`,
    );
  }

  const pool = await poolRates(reference);
  console.log(`\nworker pool (${pool.size} workers), reference ecosystem:`);
  console.log(`  throughput:              ${fmt(pool.rate).padStart(12)} trials/s`);
  console.log(`  edit → first numbers:    ${pool.firstMs.toFixed(0).padStart(12)} ms`);
  console.log(`  edit → converged:        ${pool.totalMs.toFixed(0).padStart(12)} ms`);
  console.log(`  (batches of 8,192 trials; ${batchCount(2_000_000)} batches for 2M trials)\n`);
}
