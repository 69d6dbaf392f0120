import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, nodeIds, openApp, type Session } from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

/** Click "save" and return the text of the downloaded model file. */
async function saveFile(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("save-file").click(),
  ]);
  const path = await download.path();
  return readFileSync(path, "utf8");
}

async function renameSelected(page: Page, nodeId: string, name: string) {
  await page.locator(`.react-flow__node[data-id="${nodeId}"]`).click();
  const field = page.getByTestId("inspector").getByTestId("field-name");
  await field.fill(name);
  await field.press("Enter");
  await expect
    .poll(() => page.locator(`.react-flow__node[data-id="${nodeId}"]`).textContent())
    .toContain(name);
}

describe("persistence", () => {
  it("reload restores the edited model from IndexedDB", async () => {
    const { page } = await openApp(session.context, "", 40);
    const [first] = await nodeIds(page);
    await renameSelected(page, first, "Renamed before reload");
    // autosave is debounced: wait until the saved copy holds the edit, then reload
    await page.waitForTimeout(2000);
    await page.reload();
    await page.locator(".react-flow__node").nth(39).waitFor();
    await expect
      .poll(() => page.locator(`.react-flow__node[data-id="${first}"]`).textContent())
      .toContain("Renamed before reload");
    await page.close();
  });

  it("save then open a file round-trips the model identically", async () => {
    const { page } = await openApp(session.context, "", 40);
    const saved = await saveFile(page);
    expect(JSON.parse(saved).components.length).toBeGreaterThanOrEqual(40);
    await page.getByTestId("templates").click();
    await page.getByTestId("template-hello").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(5);
    await page.getByTestId("file-input").setInputFiles({
      name: "saved.seams.json",
      mimeType: "application/json",
      buffer: Buffer.from(saved),
    });
    await expect.poll(() => page.locator(".react-flow__node").count()).toBeGreaterThanOrEqual(40);
    expect(await saveFile(page)).toBe(saved);
    await page.close();
  });

  it("a share link opens the same model in a fresh page", async () => {
    const { page } = await openApp(session.context, "", 40);
    const [first] = await nodeIds(page);
    await renameSelected(page, first, "Shared edit");
    const saved = await saveFile(page);
    await page.getByTestId("share-link").click();
    const url = (await page.getByTestId("share-url").textContent()) ?? "";
    expect(url).toMatch(/#model=/);
    const other = await launchBrowser();
    try {
      const fresh = await other.context.newPage();
      await fresh.goto(url);
      await fresh.locator(".react-flow__node").nth(39).waitFor();
      expect(await saveFile(fresh)).toBe(saved);
    } finally {
      await other.close();
    }
    await page.close();
  });
});
