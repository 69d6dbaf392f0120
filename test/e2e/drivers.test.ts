/**
 * The driver's view in the app (SPEC §10, issue 15 point 5), in Chromium with the real worker: the
 * reference ecosystem's Results tab puts start success beside reported uptime with the gap in words,
 * lists the driver populations by name, and the "Drivers" view colours the charger sites by
 * start success with a legend saying what the colour is a rate of.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { driverPopulations } from "../../src/model/drivers.ts";
import { referenceModel } from "../fixtures/templates.ts";
import {
  chooseView,
  headline,
  launchBrowser,
  nodeOf,
  openApp,
  openTab,
  type Session,
  waitForAnalysis,
  waitForText,
} from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

/** "77.3 %" → 0.773. */
const shareOf = (text: string) => {
  const match = /([\d.]+) %/.exec(text);
  if (!match) throw new Error(`no percentage in "${text}"`);
  return Number(match[1]) / 100;
};

describe("the driver's view", () => {
  it("shows the reference's start success beside its reported uptime, the gap in words and the populations by name", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    await waitForAnalysis(page);

    const start = await headline(page, "start-success");
    const reported = await headline(page, "reported-uptime");
    const demand = await headline(page, "demand-success");
    const startShare = shareOf(start.value);
    expect(startShare).toBeGreaterThan(0.6);
    expect(startShare).toBeLessThan(0.9);
    expect(shareOf(reported.value)).toBeGreaterThan(startShare);
    expect(shareOf(demand.value)).toBeLessThanOrEqual(startShare);
    for (const figure of [start, reported, demand])
      expect(figure.interval).toMatch(/^95 % CI [\d.]+ % – [\d.]+ %$/);
    // each card says what it is a rate of
    expect(await page.getByTestId("headline-start-success").textContent()).toContain("of drivers' attempts");
    expect(await page.getByTestId("headline-reported-uptime").textContent()).toContain("of units");
    expect(await page.getByTestId("headline-demand-success").textContent()).toContain("of intended visits");
    const gap = (await page.getByTestId("headline-gap").textContent()) ?? "";
    expect(gap).toBe(
      `Regulators see ${reported.value}, drivers start ${start.value} — a gap of ${(
        (shareOf(reported.value) - startShare) * 100
      ).toFixed(1)} percentage points`,
    );

    // one row per population, by the names the Assumptions panel gives them
    const table = page.getByTestId("driver-table");
    const names = await table.locator("td.driver-name").allTextContents();
    expect(names).toEqual(driverPopulations(referenceModel()).map((d) => d.name));
    expect(names.length).toBeGreaterThanOrEqual(3);
    const causes = await table.locator("td.driver-causes").first().textContent();
    expect(causes).toContain("start failed");
    // the charger table has each site's start success
    const siteStart = await page.getByTestId("charger-start-success").first().textContent();
    expect(shareOf(siteStart ?? "")).toBeGreaterThan(0.5);
    await page.screenshot({ path: "/tmp/drivers-results.png" });

    // the canvas view: charger sites coloured and labelled by start success, the legend says of what
    await chooseView(page, "Drivers");
    await waitForText(
      page.getByTestId("legend").locator(".legend-title"),
      "Start success at the site, of drivers' attempts",
    );
    expect(await page.getByTestId("legend").getAttribute("data-mode")).toBe("drivers");
    // from afar a card shows its name alone and the figure is in its tooltip; close up, on the card
    const card = nodeOf(page, "a01").locator(".seams-node");
    await expect.poll(() => card.getAttribute("title")).toMatch(/ · starts [\d.]+ %/);
    for (let k = 0; k < 12 && (await page.getByTestId("canvas").getAttribute("data-detail")) !== "full"; k++)
      await page.locator(".react-flow__controls-zoomin").click();
    const label = nodeOf(page, "a01").locator(".seams-node-p");
    await waitForText(label, /^starts [\d.]+ %$/);
    expect(shareOf((await label.textContent()) ?? "")).toBeGreaterThan(0.5);
    // a component that is not a charger site has no start success to show
    expect(await nodeOf(page, "csms-a").locator(".seams-node-p").count()).toBe(0);
    await page.screenshot({ path: "/tmp/drivers-canvas.png" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
