/**
 * Issue 17's national-size figure: a synthetic 20,000-component model analysed (the reliability
 * Monte Carlo) to the app's default precision — every component's and charger's probability within
 * ± TARGET_HALF_WIDTH and the expected unusable kW within ± 2 %, or the model's trial budget — on a
 * Node pool of 2 workers (2 cores), against the < 1 minute target. A run still going at the time
 * cap is cancelled (batches already on a worker finish first) and its time to the end extrapolated
 * from the trials done and the precision reached (half-widths shrink as 1/√trials); the line says
 * so. CPU time (all threads) over the workers says what 2 idle cores would take.
 */

import { TARGET_HALF_WIDTH } from "../src/store/analysis.ts";
import { generateSyntheticModel } from "../test/fixtures/synthetic.ts";
import { createNodePool } from "../workers/node-pool.ts";
import { largestHalfWidth, type RunProgress, TARGET_RELATIVE_KW } from "../workers/schedule.ts";
import { fmt, loadText } from "./load.ts";

const TARGET_SECONDS = 60;
const WORKERS = 2;

/** Trials a run needs to reach the default precision, from where `p` stands (its budget at most). */
function trialsNeeded(p: RunProgress): number {
  const widest = largestHalfWidth(p.result) / TARGET_HALF_WIDTH;
  const kw = p.result.system?.unusableKw;
  const kwRatio = kw && kw.mean > 0 ? (kw.ci95[1] - kw.ci95[0]) / 2 / (TARGET_RELATIVE_KW * kw.mean) : 0;
  return Math.min(p.trialsTarget, Math.ceil(p.trialsDone * Math.max(widest, kwRatio, 1) ** 2));
}

/** Generate, then run to the default precision or `capSeconds`; print the figures. */
export async function scaleBench(components: number, capSeconds: number): Promise<void> {
  const g0 = performance.now();
  const model = generateSyntheticModel(components, 1);
  const generateSeconds = (performance.now() - g0) / 1000;
  console.log(
    `scale, synthetic ${fmt(model.components.length)} components, ${fmt(model.links.length)} links (generated in ${generateSeconds.toFixed(1)} s), reliability to the default precision (± ${TARGET_HALF_WIDTH}, kW ± ${TARGET_RELATIVE_KW * 100} %, budget ${fmt(model.settings.trials)} trials), pool of ${WORKERS} workers:`,
  );
  const loadBefore = loadText();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage(); // this process's threads, the workers among them
  const pool = createNodePool(WORKERS);
  let last: RunProgress | undefined;
  let firstMs = Number.NaN;
  let firstTrials = 0;
  let lastMs = 0;
  const cap = setTimeout(() => pool.cancel(), capSeconds * 1000);
  try {
    const final = await pool.runReliability(
      model,
      {
        revision: 1,
        trials: model.settings.trials,
        seed: model.settings.seed,
        targetHalfWidth: TARGET_HALF_WIDTH,
      },
      (p) => {
        lastMs = performance.now() - t0;
        if (Number.isNaN(firstMs)) [firstMs, firstTrials] = [lastMs, p.trialsDone];
        last = p;
      },
    );
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const cpuText = `CPU ${cpuSeconds.toFixed(0)} s over ${WORKERS} workers: ~${(cpuSeconds / WORKERS).toFixed(0)} s on ${WORKERS} idle cores`;
    const verdict = (s: number) => `target < ${TARGET_SECONDS} s: ${s < TARGET_SECONDS ? "met" : "not met"}`;
    console.log(`  start → first numbers:   ${(firstMs / 1000).toFixed(1).padStart(8)} s`);
    if (final !== undefined) {
      const how = final.converged ? "converged" : "trial budget used";
      console.log(
        `  start → done:            ${seconds.toFixed(1).padStart(8)} s (${how} at ${fmt(final.trialsDone)} trials, ${fmt(final.trialsDone / seconds)} trials/s; ${cpuText}) — ${verdict(seconds)} [${loadBefore} → ${loadText()}]`,
      );
      return;
    }
    if (last === undefined) {
      console.log(`  over ${capSeconds} s without a first result — ${verdict(Number.POSITIVE_INFINITY)}`);
      return;
    }
    const needed = trialsNeeded(last);
    // trials/s from the first numbers to the last (the start — workers, compile — counted once)
    const rate =
      lastMs > firstMs
        ? ((last.trialsDone - firstTrials) * 1000) / (lastMs - firstMs)
        : last.trialsDone / seconds;
    const estimate = firstMs / 1000 + (needed - firstTrials) / rate;
    console.log(
      `  cancelled at the ${capSeconds} s cap after ${fmt(last.trialsDone)} trials (${fmt(rate)} trials/s after the first numbers; ${cpuText}; widest half-width ${largestHalfWidth(last.result).toFixed(4)})`,
    );
    console.log(
      `  extrapolated start → done: ${estimate.toFixed(0).padStart(6)} s for ~${fmt(needed)} trials (precision ∝ 1/√trials) — ${verdict(estimate)} [${loadBefore} → ${loadText()}]`,
    );
  } finally {
    clearTimeout(cap);
    pool.dispose();
  }
}
