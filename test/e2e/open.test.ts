import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";
import { formatPercent } from "../../src/analysis/format.ts";
import { simulateReliability } from "../../src/engine/index.ts";
import { modelToText } from "../../src/io/file.ts";
import { launchBrowser, openApp, type Session } from "./browser.ts";

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
    await expect.poll(() => page.getByTestId("model-name").textContent()).toMatch(/reference|ecosystem/i);
    await expect.poll(() => page.getByTestId("assumptions-panel").count()).toBeGreaterThanOrEqual(0);
    await page.waitForTimeout(1500);
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
    await page.getByTestId("file-input").setInputFiles({
      name: "large.seams.json",
      mimeType: "application/json",
      buffer: Buffer.from(modelToText(model)),
    });
    await expect.poll(() => page.getByTestId("canvas").getAttribute("data-components")).toBe("200");
    await expect.poll(() => page.getByTestId("canvas").getAttribute("class")).toContain("overview");
    await expect.poll(() => page.getByTestId("edge-overview").count()).toBe(1);
    const node = page.locator(".react-flow__node").first();
    const id = (await node.getAttribute("data-id")) ?? "";
    const name = model.components.find((c) => c.id === id)?.name ?? "";
    // a tile: no laid-out name, icon or badges; the name is in its tooltip
    expect(await node.locator(".seams-node-name").isVisible()).toBe(false);
    expect(await node.locator(".seams-node").getAttribute("title")).toContain(name);
    // zoomed in, components are drawn in full and links as edges again
    for (let k = 0; k < 12; k++) await page.locator(".react-flow__controls-zoomin").click();
    await expect.poll(() => page.getByTestId("canvas").getAttribute("class")).not.toContain("overview");
    await expect.poll(() => page.getByTestId("edge-overview").count()).toBe(0);
    await expect
      .poll(() => page.locator(".react-flow__node .seams-node-name:visible").count())
      .toBeGreaterThan(0);
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("every component shows the finished run's figure, as the engine computes it in one thread", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    // more components than the canvas redraws in one frame while results stream in
    const model = generateSyntheticModel(300, 5);
    await page.getByTestId("tab-results").click();
    await page.getByTestId("file-input").setInputFiles({
      name: "large.seams.json",
      mimeType: "application/json",
      buffer: Buffer.from(modelToText(model)),
    });
    await expect.poll(() => page.getByTestId("canvas").getAttribute("data-components")).toBe("300");
    const convergence = page.getByTestId("convergence");
    await expect.poll(() => convergence.getAttribute("data-converged"), { timeout: 120_000 }).toBe("true");
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
