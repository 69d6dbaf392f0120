/**
 * The first run (issue 18.1) in a fresh Chromium profile that has not dismissed the first-run card:
 * the reference opens analysed with a small card over the canvas that names what is on screen in
 * words, a tour of the colours, Start blank (the reference offered for Restore), and a dismissal
 * that holds across a reload.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceModel } from "../fixtures/templates.ts";
import {
  escapeRegExp,
  launchBrowser,
  openApp,
  reloadApp,
  type Session,
  STATE_TIMEOUT_MS,
} from "./browser.ts";

const REFERENCE = referenceModel();
const OUTPUT = new URL("../output/", import.meta.url).pathname;

let session: Session;
beforeAll(async () => {
  session = await launchBrowser({ welcome: true });
});
afterAll(async () => {
  await session?.close();
});

type Box = { x: number; y: number; width: number; height: number } | null;
const overlaps = (a: Box, b: Box) =>
  a !== null &&
  b !== null &&
  a.x < b.x + b.width &&
  b.x < a.x + a.width &&
  a.y < b.y + b.height &&
  b.y < a.y + a.height;

describe("the first-run card", () => {
  it("says what is on screen in words, tours the colours, starts blank with Restore, and stays dismissed", async () => {
    const { page, errors } = await openApp(session.context, "", REFERENCE.components.length);
    const card = page.getByTestId("welcome-card");
    await card.waitFor({ timeout: STATE_TIMEOUT_MS });

    // names in words: the model's name, counts; no component or organisation id
    const text = (await page.getByTestId("welcome-text").textContent()) ?? "";
    expect(text).toContain(REFERENCE.name);
    expect(text).toContain(`${REFERENCE.components.length} components`);
    const words = text.replace(REFERENCE.name, ""); // (the name may hold a word that is also an id)
    for (const id of [...REFERENCE.components.map((c) => c.id), ...REFERENCE.orgs.map((o) => o.id)])
      expect(words).not.toMatch(new RegExp(`\\b${escapeRegExp(id)}\\b`));
    expect(await card.getByRole("button").allTextContents()).toEqual([
      "×",
      "Start blank",
      "Keep the reference",
      "Open a file…",
      "What the colours mean",
    ]);
    // a card, not a modal: clear of the toolbar and the canvas's zoom controls
    const cardBox = await card.boundingBox();
    expect(cardBox?.width).toBeLessThanOrEqual(340);
    expect(overlaps(cardBox, await page.locator(".toolbar").boundingBox())).toBe(false);
    expect(overlaps(cardBox, await page.locator(".react-flow__controls").boundingBox())).toBe(false);
    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: join(OUTPUT, "welcome-card.png") });

    // the tour: the risk scale, the organisations by name, the four link kinds, the phantom badge, the two views
    await page.getByTestId("welcome-tour").click();
    const tour = page.getByTestId("tour-dialog");
    await tour.waitFor();
    expect(await tour.getByTestId("legend").locator(".legend-swatch").count()).toBeGreaterThanOrEqual(5);
    const orgs = (await tour.getByTestId("tour-orgs").textContent()) ?? "";
    expect(orgs).toContain(REFERENCE.orgs[0].name);
    expect(await tour.getByTestId("tour-links").locator("li").count()).toBe(4);
    expect(await tour.locator(".badge-phantom").count()).toBe(1);
    expect(await tour.textContent()).toMatch(/What is true.*What dashboards show/s);
    await page.screenshot({ path: join(OUTPUT, "welcome-tour.png") });
    await tour.getByTestId("tour-close").click();
    await tour.waitFor({ state: "detached" });
    expect(await card.isVisible()).toBe(true);

    // Start blank: an empty canvas, the reference offered for Restore, the card gone
    await page.getByTestId("welcome-blank").click();
    await page.locator('[data-testid="canvas"][data-components="0"]').waitFor();
    expect(await page.locator(".react-flow__node").count()).toBe(0);
    const notice = page.locator('[data-testid="notice"][data-notice="replaced"]').filter({
      hasText: new RegExp(`Your previous model “${escapeRegExp(REFERENCE.name)}” is in Recent models`),
    });
    await notice.waitFor();
    expect(await notice.getByTestId("notice-restore").isVisible()).toBe(true);
    expect(await card.count()).toBe(0);

    // the dismissal is remembered: a reload does not bring the card back
    expect(await page.evaluate(() => localStorage.getItem("seams.welcome.dismissed"))).not.toBeNull();
    await reloadApp(page, 0);
    await page.getByTestId("canvas").waitFor();
    await page.getByTestId("side-panel").waitFor();
    expect(await card.count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
