/**
 * The timeline (SPEC §11, issue 16) in Chromium with the real timeline worker, on the reference
 * ecosystem: add an incident by name in the editor, run the timeline, see its charts with the
 * incident windows shaded, move the player into the hub's slow window and see the canvas drawn as
 * at that bin; an edit cancels the run and puts the canvas back.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANALYSIS_TIMEOUT_MS,
  type AppPage,
  editModel,
  launchBrowser,
  nodeOf,
  openApp,
  type Session,
  STATE_TIMEOUT_MS,
  waitForAnalysis,
  waitForText,
} from "./browser.ts";

let session: Session;
let app: AppPage;
beforeAll(async () => {
  session = await launchBrowser();
  app = await openApp(session.context, "", 40);
});
afterAll(async () => {
  await session?.close();
});

/** The hub node's drawn box: its background colour and its overlay label. */
async function hubDrawing(): Promise<{ background: string; label: string }> {
  const box = nodeOf(app.page, "hub").locator(".seams-node");
  const background = await box.evaluate((el) => getComputedStyle(el).backgroundColor);
  const label = (await box.locator(".seams-node-p").textContent()) ?? "";
  return { background, label };
}

describe("timeline", () => {
  it("adds an incident by name, runs the timeline and draws the hub's slow window on the canvas", async () => {
    const { page } = app;
    await page.getByTestId("tab-timeline").click();
    const rows = page.getByTestId("incident-row");
    await waitForText(rows.first(), /Roaming hub slow ×20 for 2 h from 17:00/);
    expect(await rows.count()).toBe(2);

    await editModel(page, async () => {
      await page.getByTestId("incident-effect").selectOption("down");
      await page.getByTestId("incident-target").selectOption({ label: "TapPay ad-hoc payment" });
      await page.getByTestId("incident-start").fill("12:00");
      await page.getByTestId("incident-duration").fill("60");
      await page.getByTestId("incident-name").fill("TapPay down at noon");
      await page.getByTestId("incident-add").click();
    });
    await waitForText(rows.nth(2), /TapPay down at noon/);
    await waitForText(rows.nth(2), /TapPay ad-hoc payment down, day 1, 12:00 for 1 h/);

    await waitForAnalysis(page);
    const before = await hubDrawing();
    await page.getByTestId("timeline-run").click();
    await page.getByTestId("timeline-summary").waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    // the run is done once Run is offered again
    await page.getByTestId("timeline-run").waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    for (const chart of ["success", "load", "latency"]) {
      const svg = page.getByTestId(`timeline-chart-${chart}`);
      await svg.waitFor({ timeout: STATE_TIMEOUT_MS });
      expect(await svg.locator("path").count()).toBeGreaterThan(0);
      // the three incidents' windows are shaded
      expect(await svg.locator(".incident-window").count()).toBe(3);
    }
    const summary = page.getByTestId("timeline-summary");
    await waitForText(summary, /of drivers' attempts/);
    expect(await summary.locator("tbody tr").count()).toBe(3);

    // the hub's incident: the player moves to 18:00, the canvas draws the hub slow with its queue
    await summary.getByTestId("timeline-show-incident").first().click();
    await waitForText(page.getByTestId("timeline-clock"), "day 1, 18:00");
    await expect
      .poll(async () => (await hubDrawing()).label, { timeout: STATE_TIMEOUT_MS })
      .toMatch(/^slow · queue [\d,]+ · [\d.,]+ req\/s offered/);
    const during = await hubDrawing();
    expect(during.background).not.toBe(before.background);
    await page.screenshot({ path: "docs/timeline.png" });

    // an edit cancels the run and forgets its result: the canvas is back on the snapshot analysis
    await editModel(page, () => page.getByRole("button", { name: "Remove TapPay down at noon" }).click());
    await expect.poll(() => summary.count(), { timeout: STATE_TIMEOUT_MS }).toBe(0);
    await waitForAnalysis(page);
    await expect
      .poll(async () => (await hubDrawing()).label, { timeout: STATE_TIMEOUT_MS })
      .toBe(before.label);
    expect(app.errors).toEqual([]);
  });
});
