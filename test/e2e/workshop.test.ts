/**
 * Workshop mode, canvas pictures and the HTML report, driven in Chromium against the real app and
 * its real workers. The report is written to test/output/ and opened from disk in a separate,
 * offline browser, as someone would open a mailed file.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { referenceModel, templateText } from "../fixtures/templates.ts";
import {
  type AppPage,
  escapeRegExp,
  exportFile,
  headline,
  launchBrowser,
  modelRevision,
  nextFrames,
  nodeOf,
  openApp,
  openModel,
  openTab,
  type Session,
  selectComponent,
  waitForAnalysis,
  waitForCanvasAtRest,
  waitForText,
} from "./browser.ts";

const OUTPUT = new URL("../output/", import.meta.url).pathname;
const reference = referenceModel();
const hello = templateText("hello.seams.json");

const HEADLINES = ["unusable-kw", "systemic", "phantom", "seam-share", "seam-crossing"];

let session: Session;
let app: AppPage;
/** A second browser, offline, for opening downloaded reports from disk. */
let offline: Browser;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  session = await launchBrowser();
  app = await openApp(session.context, "", 40);
  offline = await chromium.launch({
    executablePath: inject("chromium"),
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
});
afterAll(async () => {
  await offline?.close();
  await session?.close();
});

/** Open the Results tab once the analysis of the model on the canvas is over (converged or its budget spent). */
async function settled(page: Page): Promise<void> {
  await openTab(page, "results");
  await waitForAnalysis(page);
}

/** The Results panel's headline figures: value and interval text per headline. */
async function panelFigures(page: Page): Promise<Record<string, [string, string]>> {
  const out: Record<string, [string, string]> = {};
  for (const id of HEADLINES) {
    const { value, interval } = await headline(page, id);
    out[id] = [value, interval];
  }
  return out;
}

/** The same figures from workshop mode or a report (`prefix` = its test id prefix). */
async function figuresIn(page: Page, prefix: string, kind: "workshop-figure" | "headline") {
  const out: Record<string, [string, string]> = {};
  for (const id of HEADLINES) {
    const box = page.getByTestId(`${prefix}-${id}`);
    out[id] = [
      (await box.locator(`.${kind}-value`).textContent()) ?? "",
      (await box.locator(`.${kind}-ci`).textContent()) ?? "",
    ];
  }
  return out;
}

describe("workshop mode", () => {
  it("the toolbar keeps one line with the Export menu and the workshop button", async () => {
    const { page } = app;
    const bar = page.locator(".toolbar");
    const fits = await bar.evaluate((el) => el.scrollWidth <= el.clientWidth && el.clientHeight <= 48);
    await page.screenshot({
      path: join(OUTPUT, "toolbar.png"),
      clip: { x: 0, y: 0, width: 1440, height: 48 },
    });
    expect(fits).toBe(true);
    const help = await page.getByTestId("help").boundingBox();
    expect((help?.x ?? 0) + (help?.width ?? 0)).toBeLessThanOrEqual(1440);
    await page.getByTestId("export").click();
    expect(await page.getByTestId("export-menu").locator("button").allTextContents()).toHaveLength(3);
    await page.keyboard.press("Escape");
    expect(await page.getByTestId("export-menu").count()).toBe(0);
  });

  it("W presents the canvas and the results panel's figures in large type; Delete edits nothing; Esc leaves", async () => {
    const { page, errors } = app;
    await settled(page);
    const figures = await panelFigures(page);
    const nodes = await page.locator(".react-flow__node").count();

    await page.keyboard.press("w");
    await page.locator('[data-testid="app"].workshop').waitFor();
    for (const chrome of [".toolbar", ".palette", ".side-panel", ".react-flow__minimap"]) {
      await page.locator(chrome).first().waitFor({ state: "hidden" });
    }
    expect(await page.locator(".react-flow__handle").first().isVisible()).toBe(false);
    expect(await page.getByTestId("canvas").isVisible()).toBe(true);
    expect(await page.getByTestId("workshop-exit").isVisible()).toBe(true);
    expect(await figuresIn(page, "workshop-headline", "workshop-figure")).toEqual(figures);
    const size = await page
      .getByTestId("workshop-headline-phantom")
      .locator(".workshop-figure-value")
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(26);
    // every component stays on the canvas, fitted into the larger stage
    const box = await page.getByTestId("canvas").boundingBox();
    expect(box?.width).toBeGreaterThan(1300);

    // the overlay keys work while presenting
    expect(await page.getByTestId("workshop-view").textContent()).toBe("What is true");
    await page.keyboard.press("d");
    await waitForText(page.getByTestId("workshop-view"), "What dashboards show");
    await waitForText(page.getByTestId("legend"), /dashboard/);
    await page.keyboard.press("c");
    await waitForText(page.getByTestId("workshop-view"), "Coupling");
    await page.keyboard.press("c");
    await waitForText(page.getByTestId("workshop-view"), "What is true");

    // presenting edits nothing: a selected component survives Delete (the model keeps its revision)
    await selectComponent(page, "csms-a");
    const revision = await modelRevision(page);
    await page.keyboard.press("Delete");
    await nextFrames(page);
    expect(await modelRevision(page)).toBe(revision);
    expect(await page.locator(".react-flow__node").count()).toBe(nodes);

    await page.keyboard.press("Escape");
    await page.locator('[data-testid="app"]:not(.workshop)').waitFor();
    expect(await page.getByTestId("app").getAttribute("class")).toBe("app");
    expect(await page.locator(".toolbar").isVisible()).toBe(true);
    expect(await page.locator(".side-panel").isVisible()).toBe(true);
    expect(await page.getByTestId("workshop-bar").count()).toBe(0);

    // the toolbar button enters, the exit control leaves, and W toggles both ways
    await page.getByTestId("workshop").click();
    await page.getByTestId("workshop-bar").waitFor();
    await waitForCanvasAtRest(page); // the fit animation
    await page.screenshot({ path: join(OUTPUT, "workshop.png") });
    await page.getByTestId("workshop-exit").click();
    await page.getByTestId("workshop-bar").waitFor({ state: "detached" });
    await page.keyboard.press("w");
    await page.getByTestId("workshop-bar").waitFor({ state: "attached" });
    await page.keyboard.press("w");
    await page.getByTestId("workshop-bar").waitFor({ state: "detached" });
    expect(await page.locator(".react-flow__node").count()).toBe(nodes);
    expect(errors).toEqual([]);
  });
});

describe("canvas pictures", () => {
  it("PNG: a real PNG of the whole canvas", async () => {
    const { name, bytes } = await exportFile(app.page, "export-png");
    expect(name).toMatch(/\.png$/);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(20_000);
    // IHDR: width and height, big-endian, after the 8-byte signature and the chunk header
    const width = bytes.readUInt32BE(16);
    const height = bytes.readUInt32BE(20);
    expect(width).toBeGreaterThan(800);
    expect(height).toBeGreaterThan(400);
    writeFileSync(join(OUTPUT, name), bytes);
  });

  it("SVG: vector shapes — a box per component, a coloured path per link, names as text, no HTML", async () => {
    const { page } = app;
    const { name, bytes } = await exportFile(page, "export-svg");
    expect(name).toMatch(/\.svg$/);
    const text = bytes.toString("utf8");
    writeFileSync(join(OUTPUT, name), text);
    const parsed = await page.evaluate((svg) => {
      const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
      const links = [...doc.querySelectorAll("g.links path, g.links line")];
      return {
        root: doc.documentElement.nodeName,
        errors: doc.getElementsByTagName("parsererror").length,
        foreignObjects: doc.getElementsByTagName("foreignObject").length,
        images: doc.getElementsByTagName("image").length,
        rects: doc.querySelectorAll("g.components g.component > rect:first-child").length,
        names: [...doc.querySelectorAll("g.components text")].map((t) => t.textContent ?? ""),
        links: links.length,
        strokes: [...new Set(links.map((l) => l.getAttribute("stroke")))],
        arrows: doc.querySelectorAll("marker#seams-arrow-hard").length,
      };
    }, text);
    expect(parsed.root).toBe("svg");
    expect(parsed.errors).toBe(0);
    expect(parsed.foreignObjects).toBe(0);
    expect(parsed.images).toBe(0);
    expect(parsed.rects).toBeGreaterThanOrEqual(reference.components.length);
    for (const c of reference.components) expect(parsed.names).toContain(c.name);
    expect(parsed.links).toBe(reference.links.length);
    // the links keep the colours of their kinds: not all one grey
    expect(parsed.strokes.length).toBeGreaterThan(1);
    expect(parsed.strokes).not.toContain(null);
    expect(parsed.arrows).toBe(1);
  });
});

describe("the report", () => {
  it("opens from disk offline and without JavaScript, with the app's figures, charts, sites and sources", async () => {
    const { page } = app;
    await settled(page);
    const figures = await panelFigures(page);
    const { name, bytes } = await exportFile(page, "export-report");
    expect(name).toBe("reference-ecosystem-two-operators-one-roaming-hub-report.html");
    const file = join(OUTPUT, name);
    writeFileSync(file, bytes);
    const html = bytes.toString("utf8");
    expect(html).not.toMatch(/<script|<link|https?:\/\/(?!www\.w3\.org)/i);

    const context = await offline.newContext({ offline: true, javaScriptEnabled: false });
    const report = await context.newPage();
    const requests: string[] = [];
    report.on("request", (r) => requests.push(r.url()));
    await report.goto(`file://${file}`);
    expect(await figuresIn(report, "report-headline", "headline")).toEqual(figures);
    expect(await report.getByTestId("report-model-name").textContent()).toBe(reference.name);
    // the canvas picture loaded from the file itself
    const image = report.locator(".report-canvas img");
    expect(await image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(800);
    // both result charts, with bars
    expect(await report.getByTestId("report-charts").locator("svg").count()).toBe(2);
    expect(await report.getByTestId("report-charts").locator(".chart-bar").count()).toBeGreaterThan(3);
    // the sites the app lists, the security headline, and sourced and estimated defaults
    const sites = await report.getByTestId("report-charger-table").locator("tbody tr").count();
    expect(sites).toBeGreaterThanOrEqual(6);
    expect(await report.getByTestId("report-security").textContent()).toMatch(/Attacker-controllable/);
    const assumptions = (await report.getByTestId("report-assumptions").textContent()) ?? "";
    expect(assumptions).toContain("estimate");
    // the whole time-to-compromise table: authentication days, patch and maturity factors
    expect(assumptions).toMatch(/patches within 14 days\s*× 1\.7/);
    expect(assumptions).toMatch(/maturity 5\s*× 2\.5/);
    expect(await report.getByTestId("report-assumption-row").count()).toBeGreaterThan(10);
    // nothing to fix first or compare yet: those sections stay out
    expect(await report.getByTestId("report-fix-first").count()).toBe(0);
    expect(await report.getByTestId("report-scenarios").count()).toBe(0);
    await report.screenshot({ path: join(OUTPUT, "report.png"), fullPage: true });
    expect(requests.every((u) => u.startsWith("file:") || u.startsWith("data:"))).toBe(true);
    await context.close();
  });

  it("names are text in the report: a component named <script> shows that name and runs nothing", async () => {
    const { page } = app;
    const evil = "<script>window.__xss = 1</script><img src=x onerror=alert(1)>";
    const doc = JSON.parse(hello);
    doc.name = "Hello </title><script>alert(2)</script>";
    doc.description = "<b>bold</b> & friends";
    doc.components[0].name = evil;
    await openModel(page, doc);
    await waitForText(nodeOf(page, "site"), new RegExp(escapeRegExp(evil)));
    await settled(page);
    const figures = await panelFigures(page);
    const { name, bytes } = await exportFile(page, "export-report");
    const file = join(OUTPUT, name);
    writeFileSync(file, bytes);
    expect(bytes.toString("utf8")).not.toContain("<script");

    // JavaScript on this time: had anything been injected, it would run
    const context = await offline.newContext({ offline: true });
    const report = await context.newPage();
    let dialogs = 0;
    report.on("dialog", async (d) => {
      dialogs += 1;
      await d.dismiss();
    });
    await report.goto(`file://${file}`);
    expect(await report.title()).toBe(`${doc.name} — Seams report`);
    expect(await report.getByTestId("report-model-name").textContent()).toBe(doc.name);
    expect(await report.locator(".report-description").textContent()).toBe(doc.description);
    expect(await report.getByTestId("report-charger-table").textContent()).toContain(evil);
    expect(await report.locator("script, b, img[src='x']").count()).toBe(0);
    expect(await figuresIn(report, "report-headline", "headline")).toEqual(figures);
    // a dialog opened while the report loaded would have been reported before these frames
    await nextFrames(report);
    expect(dialogs).toBe(0);
    expect(await report.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await context.close();
  });
});
