/**
 * UI bench: the time from an edit to its first numbers on the canvas (reference model), then
 * generated models of each size (1,000 / 5,000 / 20,000 components) in the real app in Debian's
 * Chromium, each in a fresh browser context. Measures the time from opening the file to the nodes
 * drawn, frame intervals while panning, the time from a click on a node to the inspector showing
 * it, and the longest main-thread task; each step has a cap and prints "over N s" when the page
 * does not answer in time (the rest of that size is skipped). For the first size, it then opens
 * the model again with another seed and, with no input at all from the nodes drawn to the end of
 * both analyses, counts the main-thread long tasks (SPEC §7: none over 50 ms).
 * Prints numbers with issue 17's targets; never asserts (speed is not a test).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { build, preview } from "vite";
import { DEBOUNCE_MS } from "../src/store/analysis.ts";
import { modelRevision, waitForAnalysis } from "../test/fixtures/page.ts";
import { generateSyntheticModel } from "../test/fixtures/synthetic.ts";
import { loadText, quantile, within } from "./load.ts";
import { idleRun } from "./ui-idle.ts";
import { measureSize, type SizeTargets } from "./ui-size.ts";

const CHROMIUM = process.env.SEAMS_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Edit → first numbers on the canvas, on the reference model the app opens with: the availability
 * of a CSMS is typed and committed with Enter, and the time runs in the page from that key to the
 * node drawn in a colour of the new run (a new revision first clears the old colours). Several
 * edits, each after the last has settled.
 */
async function editToFirstNumbers(page: Page): Promise<number[]> {
  const id = "csms-a";
  await page.getByTestId("tab-results").click();
  await waitForAnalysis(page);
  const times: number[] = [];
  for (const availability of [0.5, 0.9, 0.6, 0.95, 0.7, 0.99]) {
    await page.locator(`.react-flow__node[data-id="${id}"]`).click();
    await page.getByTestId("tab-inspector").click();
    const field = page.getByTestId("inspector").getByTestId("field-availability");
    const percent = await field.evaluate((el) => (el as HTMLInputElement).placeholder.includes("%"));
    const revision = await modelRevision(page);
    await field.fill(String(percent ? availability * 100 : availability));
    // (a string: tsx would wrap a named inner function in a helper the page does not have)
    await page.evaluate(`(() => {
      const fill = () => getComputedStyle(document.querySelector('.react-flow__node[data-id="${id}"] .seams-node')).backgroundColor;
      const before = fill();
      const edit = { t0: 0, ms: 0 };
      window.__edit = edit;
      document.addEventListener("keydown", (e) => { if (e.key === "Enter") edit.t0 = performance.now(); }, { capture: true, once: true });
      function tick() {
        const now = fill();
        if (edit.t0 > 0 && now !== before && now !== "rgb(255, 255, 255)") {
          edit.ms = performance.now() - edit.t0;
          return;
        }
        requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    })()`);
    await field.press("Enter");
    await page.waitForFunction(() => (window as unknown as { __edit: { ms: number } }).__edit.ms > 0, null, {
      timeout: 30_000,
      polling: 16,
    });
    times.push(await page.evaluate(() => (window as unknown as { __edit: { ms: number } }).__edit.ms));
    await page.getByTestId("tab-results").click();
    // converged, or its trial budget used
    await waitForAnalysis(page, { newerThan: revision });
  }
  return times;
}

/** Targets of issue 17 per size (ms), printed beside each figure; undefined: none stated. */
const TARGETS: Record<number, SizeTargets> = {
  5000: { panMs: 33 },
  20000: { openMs: 5000, clickMs: 200, pauseMs: 100 },
};

const VIEWPORT = { width: 1440, height: 900 };

/**
 * The reference edit figures, then each size in `sizes` with every step capped at `capSeconds`
 * (the idle run of the first size at four times that).
 */
export async function uiBench(sizes: number[] = [1000], capSeconds = 120): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`ui: skipped — no Chromium at ${CHROMIUM} (apt-get install chromium, or set SEAMS_CHROMIUM)`);
    return;
  }
  // the production build, as `npm start` serves it (React's development build is several times slower)
  const outDir = mkdtempSync(join(tmpdir(), "seams-dist-"));
  await build({ logLevel: "error", build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: "error", build: { outDir }, preview: { port: 0, open: false } });
  const url = server.resolvedUrls?.local[0] ?? "";
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page = await openApp(browser, url);
    const edits = await editToFirstNumbers(page);
    edits.sort((a, b) => a - b);
    console.log("ui (reference ecosystem, Chromium headless, software rendering):");
    console.log(
      `  edit → first numbers on the canvas: median ${quantile(edits, 0.5).toFixed(0)} ms of ${edits.length} edits (${edits[0].toFixed(0)} – ${edits.at(-1)?.toFixed(0)} ms; the edit waits ${DEBOUNCE_MS} ms for more typing) [${loadText()}]`,
    );
    await page.context().close();
    for (const [i, components] of sizes.entries()) {
      const model = generateSyntheticModel(components, 1);
      console.log(
        `ui (${components.toLocaleString("en-US")} components, ${model.links.length.toLocaleString("en-US")} links, Chromium headless, software rendering; each step capped at ${capSeconds} s):`,
      );
      const sizePage = await openApp(browser, url);
      let crashed = false;
      const pageErrors: string[] = [];
      sizePage.on("crash", () => {
        crashed = true;
      });
      sizePage.on("pageerror", (error) => pageErrors.push(error.stack ?? error.message));
      try {
        const finished = await measureSize(sizePage, model, capSeconds, TARGETS[components] ?? {});
        if (finished && i === 0) await idleRun(sizePage, model, capSeconds * 4);
      } catch (error) {
        // a step that failed (not one over its cap): what the page showed, for a look
        const shot = join(tmpdir(), `seams-bench-ui-${components}.png`);
        const took = await within(
          20,
          sizePage.screenshot({ path: shot }).then(
            () => true,
            () => false,
          ),
        );
        console.log(
          `  failed${crashed ? " (the page crashed)" : ""}: ${String(error).split("\n")[0]}${took ? ` — screenshot ${shot}` : ""} [${loadText()}]`,
        );
        if (pageErrors.length > 0)
          console.log(`  the page's first error: ${pageErrors[0].split("\n").slice(0, 4).join(" ← ")}`);
      }
      // a page still busy (frozen) is closed from the browser's side
      await within(30, sizePage.context().close());
    }
  } finally {
    await within(30, browser.close());
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

/** A fresh browser context with the app open on its reference model. */
async function openApp(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator(".react-flow__node").nth(39).waitFor({ timeout: 60_000 });
  return page;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = (process.argv[2] ?? "1000").split(",").map(Number);
  await uiBench(sizes, Number(process.argv[3] ?? 120));
}
