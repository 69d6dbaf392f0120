import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPercent } from "../../src/analysis/format.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { modelToText } from "../../src/io/file.ts";
import { clickToInspector } from "../fixtures/page.ts";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";
import {
  exportFile,
  launchBrowser,
  openApp,
  openModel,
  openTab,
  type Session,
  waitForAnalysis,
  waitForCanvasAtRest,
} from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

describe("first run", () => {
  it("opens with the reference ecosystem drawn and no console errors", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    expect(await page.locator(".react-flow__node").count()).toBeGreaterThanOrEqual(40);
    expect(await page.getByTestId("model-name").textContent()).toMatch(/reference|ecosystem/i);
    // the picture shows the finished analysis: the canvas coloured by risk, the view fitted
    await waitForAnalysis(page);
    await waitForCanvasAtRest(page);
    mkdirSync("docs", { recursive: true });
    await page.screenshot({ path: "docs/screenshot.png" });
    expect(errors).toEqual([]);
  });
});

describe("a large model", () => {
  it("seen from afar draws tiles and one layer of links; zooming in brings names and edges back", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    const model = generateSyntheticModel(200, 3);
    expect(model.links.length).toBeGreaterThan(600); // enough links for the overview
    await openModel(page, model, modelToText(model));
    await page.locator('[data-testid="canvas"].overview').waitFor();
    await page.getByTestId("edge-overview").waitFor({ state: "attached" });
    const node = page.locator(".react-flow__node").first();
    const id = (await node.getAttribute("data-id")) ?? "";
    const name = model.components.find((c) => c.id === id)?.name ?? "";
    // a tile: no laid-out name, icon or badges; the name is in its tooltip
    expect(await node.locator(".seams-node-name").isVisible()).toBe(false);
    expect(await node.locator(".seams-node").getAttribute("title")).toContain(name);
    // zoomed in, components are drawn in full and links as edges again
    for (let k = 0; k < 12; k++) await page.locator(".react-flow__controls-zoomin").click();
    await page.locator('[data-testid="canvas"]:not(.overview)').waitFor();
    await page.getByTestId("edge-overview").waitFor({ state: "detached" });
    await page.locator(".react-flow__node .seams-node-name:visible").first().waitFor();
    await page.locator(".react-flow__edge").first().waitFor({ state: "attached" });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("every component shows the finished run's figure, as the engine computes it in one thread", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    // more components than the canvas redraws in one frame while results stream in
    const model = generateSyntheticModel(300, 5);
    await openTab(page, "results");
    await openModel(page, model, modelToText(model));
    await waitForAnalysis(page);
    const convergence = page.getByTestId("convergence");
    expect(await convergence.getAttribute("data-converged")).toBe("true");
    const trials = Number(
      (/^([\d,]+) trials/.exec((await convergence.textContent()) ?? "")?.[1] ?? "").replace(/,/g, ""),
    );
    const result = simulateReliability(model, trials, model.settings.seed);
    const expected = Object.fromEntries(
      model.components.map((c) => [c.id, formatPercent(1 - result.components[c.id].functional.p)]),
    );
    const shown = () =>
      page
        .locator(".react-flow__node")
        .evaluateAll((nodes) =>
          Object.fromEntries(
            nodes.map((n) => [n.getAttribute("data-id"), n.querySelector(".seams-node-p")?.textContent]),
          ),
        );
    await expect.poll(shown).toEqual(expected);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("above 800 components, from afar, is drawn on canvas layers: a click inspects the component under it, a PNG shows them all", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    const model = generateSyntheticModel(1000, 2);
    await openModel(page, model, modelToText(model));
    await page.locator(`[data-testid="far-view"][data-drawn="${model.components.length}"]`).waitFor();
    // React Flow holds no card from afar (only a selection's)
    expect(await page.locator(".react-flow__node").count()).toBe(0);
    await clickToInspector(page, model);
    // the picture is the fitted far view: a real PNG with the components and links drawn on white
    const { name, bytes } = await exportFile(page, "export-png");
    expect(name).toMatch(/\.png$/);
    const inked = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement("canvas");
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext("2d") as CanvasRenderingContext2D;
      context.drawImage(image, 0, 0);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      // in how many cells of a 10 × 10 grid something is drawn (the components fill the fitted width)
      const cells = new Set<number>();
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] + data[i + 1] + data[i + 2] >= 3 * 240) continue;
        const x = (i / 4) % canvas.width;
        const y = Math.floor(i / 4 / canvas.width);
        cells.add(Math.floor((10 * y) / canvas.height) * 10 + Math.floor((10 * x) / canvas.width));
      }
      return { cells: cells.size, width: image.width };
    }, bytes.toString("base64"));
    expect(inked.width).toBeGreaterThan(500);
    expect(inked.cells).toBeGreaterThan(25); // one card (the old picture from afar) inks about 6
    expect(errors).toEqual([]);
    await page.close();
  });
});
