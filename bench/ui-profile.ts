/**
 * UI profile (a tool, not part of `npm run bench`): opens a generated model of one size in the
 * app built without minification, and records Chromium's CPU profile over each step the UI bench
 * measures (open → nodes drawn, a few seconds of streamed results, a pan, a click → inspector);
 * prints per step the functions with the most self time and the most total time.
 * `npx tsx bench/ui-profile.ts 5000 60` (size, cap seconds per step).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type CDPSession, chromium, type Page } from "playwright-core";
import { build, preview } from "vite";
import { modelToText } from "../src/io/file.ts";
import type { Model } from "../src/model/index.ts";
import { clickToInspector, componentsNearCentre, waitForCanvasAtRest } from "../test/fixtures/page.ts";
import { generateSyntheticModel } from "../test/fixtures/synthetic.ts";
import { within } from "./load.ts";
import { dragPane, keepEditedInRecent, waitForDrawn } from "./ui-size.ts";

const CHROMIUM = process.env.SEAMS_CHROMIUM ?? "/usr/bin/chromium";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

/** Self and total ms per function (name, file, line) of a CPU profile; the top `n` of each, printed. */
function summarise(label: string, profile: Profile, n = 25): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const keyOf = (node: ProfileNode) => {
    const f = node.callFrame;
    const file = f.url.split("/").pop() ?? "";
    return `${f.functionName || "(anonymous)"} ${file}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let wall = 0;
  for (let i = 0; i < samples.length; i++) {
    const ms = (deltas[i + 1] ?? deltas[i] ?? 0) / 1000;
    wall += ms;
    const leaf = byId.get(samples[i]);
    if (!leaf) continue;
    self.set(keyOf(leaf), (self.get(keyOf(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `    ${v.toFixed(0).padStart(7)} ms  ${k}`)
      .join("\n");
  console.log(`== ${label}: ${wall.toFixed(0)} ms sampled\n  self:\n${top(self)}\n  total:\n${top(total)}`);
}

async function profiled<T>(cdp: CDPSession, label: string, cap: number, step: () => Promise<T>) {
  await cdp.send("Profiler.start");
  const t0 = Date.now();
  const value = await within(
    cap,
    step().then((v) => v ?? true),
  );
  const ms = Date.now() - t0;
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: Profile };
  writeFileSync(join(tmpdir(), `seams-${label.replace(/\W+/g, "-")}.cpuprofile`), JSON.stringify(profile));
  console.log(`${label}: ${value === undefined ? `over ${cap} s` : `${ms} ms`}`);
  summarise(label, profile);
  return value;
}

/** Clicks on other components after the first, each profiled and traced. */
const CLICKS = Number(process.env.SEAMS_CLICKS ?? 4);

/** Main-thread trace events of `step` summed by name (ms): style, layout, paint beside the script. */
async function traced<T>(cdp: CDPSession, step: () => Promise<T>): Promise<T> {
  const events: {
    name: string;
    ph: string;
    dur?: number;
    tid: number;
    pid: number;
    args?: { name?: string };
  }[] = [];
  const collect = (data: unknown) => events.push(...(data as { value: typeof events }).value);
  // (the protocol's typings name each event's payload: these two are read loosely)
  const session = cdp as unknown as {
    on(event: string, f: (data: unknown) => void): void;
    off(event: string, f: (data: unknown) => void): void;
  };
  session.on("Tracing.dataCollected", collect);
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline,blink,cc,gpu,viz",
    transferMode: "ReportEvents",
  });
  const value = await step();
  const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
  await cdp.send("Tracing.end");
  await done;
  session.off("Tracing.dataCollected", collect);
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  const byName = new Map<string, number>();
  for (const e of events) {
    if (e.ph !== "X" || e.dur === undefined || !main || e.tid !== main.tid || e.pid !== main.pid) continue;
    byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  }
  const top = [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log(
    `  main-thread trace (ms, nested events overlap):\n${top.map(([k, v]) => `    ${v.toFixed(1).padStart(8)}  ${k}`).join("\n")}`,
  );
  return value;
}

/**
 * Click the component `rank`-th nearest the pane's centre (one no other covers) with the inspector
 * open, and time in the page from the click to the inspector naming it (ms).
 */
async function clickNth(page: Page, model: Model, rank: number): Promise<number> {
  await waitForCanvasAtRest(page);
  const { free, pointOf } = await componentsNearCentre(page, model);
  const chosen = free[Math.min(rank, free.length - 1)];
  const { x, y } = pointOf(chosen);
  // (a string: tsx would wrap a named inner function in a helper the page does not have)
  await page.evaluate(`(() => {
    const click = { t0: 0, ms: 0 };
    window.__click = click;
    document.addEventListener("pointerdown", () => { click.t0 = performance.now(); }, { capture: true, once: true });
    function tick() {
      const field = document.querySelector('[data-testid="inspector"] [data-testid="field-name"]');
      if (click.t0 > 0 && field && field.value === ${JSON.stringify(chosen.name)}) click.ms = performance.now() - click.t0;
      else requestAnimationFrame(tick);
    }
    requestAnimationFrame(tick);
  })()`);
  await page.mouse.click(x, y);
  await page.waitForFunction(() => (window as unknown as { __click: { ms: number } }).__click.ms > 0, null, {
    timeout: 0,
    polling: 16,
  });
  return page.evaluate(() => (window as unknown as { __click: { ms: number } }).__click.ms);
}

async function main(components: number, cap: number): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), "seams-dist-prof-"));
  await build({ logLevel: "error", build: { outDir, emptyOutDir: true, minify: false } });
  const server = await preview({ logLevel: "error", build: { outDir }, preview: { port: 0, open: false } });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  try {
    const page: Page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    page.on("pageerror", (e) => console.log(`page error: ${e.message}`));
    await page.goto(server.resolvedUrls?.local[0] ?? "");
    await page.locator(".react-flow__node").nth(39).waitFor({ timeout: 60_000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    const model = generateSyntheticModel(components, 1);
    const text = modelToText(model);
    const tab = process.env.SEAMS_TAB;
    if (tab) await page.getByTestId(`tab-${tab}`).click();
    await profiled(cdp, `open ${components}`, cap, async () => {
      await page
        .getByTestId("file-input")
        .setInputFiles(
          { name: "s.seams.json", mimeType: "application/json", buffer: Buffer.from(text) },
          { timeout: 0 },
        );
      await waitForDrawn(page, components);
    });
    // SEAMS_STREAM_S: seconds of streamed results profiled (8 by default; a whole 20,000-component run ~130)
    const streamS = Number(process.env.SEAMS_STREAM_S ?? 8);
    await profiled(
      cdp,
      `streaming ${streamS} s`,
      Math.max(cap, streamS + 30),
      () => new Promise((r) => setTimeout(r, streamS * 1000)),
    );
    await profiled(cdp, "pan", cap, async () => {
      const box = await page.getByTestId("canvas").boundingBox();
      if (!box) return;
      await dragPane(page, box, 60);
    });
    await profiled(cdp, "click → inspector", cap, () => clickToInspector(page, model));
    const times: number[] = [];
    for (let k = 1; k <= CLICKS; k++) {
      const ms = await profiled(cdp, `click ${k} (another component)`, cap, () =>
        traced(cdp, () => clickNth(page, model, k * 7)),
      );
      if (typeof ms === "number") times.push(ms);
    }
    times.sort((a, b) => a - b);
    console.log(`clicks → inspector (in the page): ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    const kept = await profiled(cdp, "edit, then New model (kept in Recent)", cap, () =>
      traced(cdp, () => keepEditedInRecent(page)),
    );
    console.log(`kept in Recent: ${JSON.stringify(kept)}`);
  } finally {
    await within(30, browser.close());
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main(Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 60));
