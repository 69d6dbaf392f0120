import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
