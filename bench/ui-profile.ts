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
import { clickToInspector } from "../test/fixtures/page.ts";
import { generateSyntheticModel } from "../test/fixtures/synthetic.ts";
import { within } from "./load.ts";
import { dragPane, waitForDrawn } from "./ui-size.ts";

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
    await profiled(cdp, "streaming 8 s", cap, () => new Promise((r) => setTimeout(r, 8000)));
    await profiled(cdp, "pan", cap, async () => {
      const box = await page.getByTestId("canvas").boundingBox();
      if (!box) return;
      await dragPane(page, box, 60);
    });
    await profiled(cdp, "click → inspector", cap, () => clickToInspector(page, model));
  } finally {
    await within(30, browser.close());
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

await main(Number(process.argv[2] ?? 5000), Number(process.argv[3] ?? 60));
