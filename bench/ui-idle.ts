/**
 * UI bench, the idle run: the same model again with another seed (both analyses run again) and no
 * input at all from the nodes drawn to the end of both analyses; counts the main-thread long tasks
 * meanwhile (SPEC §7: none over 50 ms). Capped: a run still going prints "over N s".
 */
import type { Page } from "playwright-core";
import { securityTrials } from "../src/engine/security/index.ts";
import { modelToText } from "../src/io/file.ts";
import type { Model } from "../src/model/index.ts";
import { waitForAnalysis } from "../test/fixtures/page.ts";
import { loadText, within } from "./load.ts";

/** Open `model` reseeded, wait for both analyses with no input; print the long tasks meanwhile. */
export async function idleRun(page: Page, model: Model, capSeconds: number): Promise<void> {
  const measured = await within(capSeconds, measureIdle(page, model));
  if (measured === undefined) {
    console.log(`  idle run (both analyses, no input): over ${capSeconds} s [${loadText()}]`);
    return;
  }
  const { idleMs, idleTasks } = measured;
  const maxIdle = idleTasks.length > 0 ? Math.max(...idleTasks) : 0;
  console.log(
    `  main-thread long tasks while the analyses run with no input (nodes drawn → both done, ${(idleMs / 1000).toFixed(1)} s): ${idleTasks.length}, longest ${maxIdle.toFixed(0)} ms [${loadText()}]`,
  );
}

async function measureIdle(page: Page, model: Model): Promise<{ idleMs: number; idleTasks: number[] }> {
  // idle run: the same model with another seed (both analyses run again); no input once it is
  // drawn (as nodes, or as the far view of a large model)
  await page.getByTestId("tab-results").click();
  const reseeded = {
    ...model,
    name: `${model.name} (seed ${model.settings.seed + 1})`,
    settings: { ...model.settings, seed: model.settings.seed + 1 },
  };
  await page.getByTestId("file-input").setInputFiles({
    name: "synthetic-reseeded.seams.json",
    mimeType: "application/json",
    buffer: Buffer.from(modelToText(reseeded)),
  });
  await page.waitForFunction(
    (name) =>
      document.querySelector('[data-testid="model-name"]')?.textContent?.includes(name) &&
      (document.querySelector(".react-flow__node") !== null ||
        document.querySelector('[data-testid="far-view"][data-drawn]') !== null),
    reseeded.name,
    { timeout: 120_000, polling: 16 },
  );
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const idleStart = Date.now();
  await page.evaluate(() => {
    const w = window as unknown as { __idleTasks: number[] };
    w.__idleTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__idleTasks.push(e.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  // until the reliability run has converged (or used its budget) and this model's attack run is in
  await waitForAnalysis(page);
  await page.waitForFunction(
    (attackTrials) => document.querySelector('[data-testid="security-trials"]')?.textContent === attackTrials,
    `${securityTrials(reseeded).toLocaleString("en")} attack trials`,
    { timeout: 240_000, polling: 100 },
  );
  // the window goes on for one more second, the same for every run: the drawing of the last
  // results falls in it (a measuring window, not a wait for the page)
  await page.waitForTimeout(1000);
  const idleMs = Date.now() - idleStart;
  const idleTasks = await page.evaluate(() => (window as unknown as { __idleTasks: number[] }).__idleTasks);
  return { idleMs, idleTasks };
}
