import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatPercent } from "../../src/analysis/format.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { modelToText } from "../../src/io/file.ts";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";
import {
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
});
