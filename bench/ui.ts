/**
 * UI bench: a generated 1,000-component model in the real app in Debian's Chromium. Measures the
 * time from opening the file to the nodes drawn, frame intervals while panning, the time from a
 * click on a node to the inspector showing it, and the longest main-thread task during the run.
 * Prints numbers; never asserts (speed is not a test).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { build, preview } from "vite";
import { modelToText } from "../src/io/file.ts";
import { generateSyntheticModel } from "./synthetic.ts";

const CHROMIUM = process.env.SEAMS_CHROMIUM ?? "/usr/bin/chromium";

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export async function uiBench(components = 1000): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`ui: skipped — no Chromium at ${CHROMIUM} (apt-get install chromium, or set SEAMS_CHROMIUM)`);
    return;
  }
  const model = generateSyntheticModel(components, 1);
  const text = modelToText(model);
  // the production build, as `npm start` serves it (React's development build is several times slower)
  const outDir = mkdtempSync(join(tmpdir(), "seams-dist-"));
  await build({ logLevel: "error", build: { outDir, emptyOutDir: true } });
  const server = await preview({ logLevel: "error", build: { outDir }, preview: { port: 0, open: false } });
  const url = server.resolvedUrls?.local[0] ?? "";
  const profile = mkdtempSync(join(tmpdir(), "seams-bench-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(".react-flow__node").nth(39).waitFor({ timeout: 60_000 });
    // long tasks on the main thread from here on
    await page.evaluate(() => {
      const w = window as unknown as { __longTasks: number[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push(e.duration);
      }).observe({ type: "longtask", buffered: false });
    });

    const t0 = Date.now();
    await page.getByTestId("file-input").setInputFiles({
      name: "synthetic.seams.json",
      mimeType: "application/json",
      buffer: Buffer.from(text),
    });
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll(".react-flow__node").length > 0 &&
        (document.querySelector('[data-testid="canvas"]') as HTMLElement | null)?.dataset.components ===
          String(n),
      components,
      { timeout: 120_000, polling: 16 },
    );
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const firstRender = Date.now() - t0;
    const drawn = await page.locator(".react-flow__node").count();

    // pan: drag the empty pane for ~2 s while recording frame intervals
    const box = await page.getByTestId("canvas").boundingBox();
    if (!box) throw new Error("no canvas");
    // (a string: tsx would wrap a named inner function in a helper the page does not have)
    await page.evaluate(`(() => {
      window.__frames = [];
      window.__stop = false;
      let last = performance.now();
      function tick(t) {
        window.__frames.push(t - last);
        last = t;
        if (!window.__stop) requestAnimationFrame(tick);
      }
      requestAnimationFrame(tick);
    })()`);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height - 30;
    await page.mouse.move(cx, cy);
    await page.keyboard.down("Space");
    await page.mouse.down();
    for (let i = 0; i < 120; i++)
      await page.mouse.move(cx + 300 * Math.sin(i / 12), cy - 200 * Math.cos(i / 15), { steps: 1 });
    await page.mouse.up();
    await page.keyboard.up("Space");
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __stop: boolean };
      w.__stop = true;
      return w.__frames.slice(1);
    });
    frames.sort((a, b) => a - b);

    // select: click a visible node and wait for the inspector to show its name
    await page.getByTestId("fit-view").click();
    await page.waitForTimeout(400);
    const target = page.locator(".react-flow__node").nth(Math.floor(drawn / 2));
    const id = (await target.getAttribute("data-id")) ?? "";
    await page.getByTestId("tab-inspector").click();
    const s0 = Date.now();
    await target.click({ force: true });
    await page.waitForFunction(
      (want) =>
        (
          document.querySelector(
            '[data-testid="inspector"] [data-testid="field-name"]',
          ) as HTMLInputElement | null
        )?.value === want,
      model.components.find((c) => c.id === id)?.name ?? "",
      { timeout: 30_000, polling: 8 },
    );
    const selectMs = Date.now() - s0;
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
    const maxLong = longTasks.length > 0 ? Math.max(...longTasks) : 0;

    console.log(
      `ui (${components} components, ${model.links.length} links, Chromium headless, software rendering):`,
    );
    console.log(
      `  open file → nodes drawn: ${firstRender} ms (${drawn} nodes in the DOM; only visible ones are drawn)`,
    );
    console.log(
      `  pan: ${frames.length} frames, median ${quantile(frames, 0.5).toFixed(1)} ms, p95 ${quantile(frames, 0.95).toFixed(1)} ms, worst ${frames.at(-1)?.toFixed(1)} ms`,
    );
    console.log(`  click node → inspector shows it: ${selectMs} ms`);
    console.log(
      `  main-thread long tasks during the run: ${longTasks.length}, longest ${maxLong.toFixed(0)} ms`,
    );
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await uiBench(Number(process.argv[2] ?? 1000));
}
