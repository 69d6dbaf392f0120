import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  chooseFile,
  escapeRegExp,
  launchBrowser,
  nodeIds,
  nodeOf,
  OPEN_TIMEOUT_MS,
  openApp,
  openTemplate,
  reloadApp,
  type Session,
  saveModelText,
  selectComponent,
  setField,
  waitForAutosave,
  waitForModel,
  waitForNodeCount,
  waitForText,
} from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

async function renameSelected(page: Page, nodeId: string, name: string) {
  await selectComponent(page, nodeId);
  await setField(page, "name", name);
  await waitForText(nodeOf(page, nodeId), new RegExp(escapeRegExp(name)));
}

describe("persistence", () => {
  it("reload restores the edited model from IndexedDB", async () => {
    const { page } = await openApp(session.context, "", 40);
    const [first] = await nodeIds(page);
    await renameSelected(page, first, "Renamed before reload");
    // autosave is debounced: wait until the saved copy holds the edit, then reload
    await waitForAutosave(page);
    await reloadApp(page, 40);
    expect(await nodeOf(page, first).textContent()).toContain("Renamed before reload");
    await page.close();
  });

  it("save then open a file round-trips the model identically", async () => {
    const { page } = await openApp(session.context, "", 40);
    const saved = await saveModelText(page);
    expect(JSON.parse(saved).components.length).toBeGreaterThanOrEqual(40);
    await openTemplate(page, "hello", 5);
    await waitForNodeCount(page, 5);
    await chooseFile(page, "saved.seams.json", saved);
    await waitForModel(page, JSON.parse(saved).components.length);
    await page.locator(".react-flow__node").nth(39).waitFor();
    expect(await saveModelText(page)).toBe(saved);
    // the next test opens the app where this one left it: the opened file, once autosaved (on a
    // loaded machine the page could close first, leaving the hello template's 5 components there)
    await waitForAutosave(page);
    await page.close();
  });

  it("a share link opens the same model in a fresh page", async () => {
    const { page } = await openApp(session.context, "", 40);
    const [first] = await nodeIds(page);
    await renameSelected(page, first, "Shared edit");
    const saved = await saveModelText(page);
    await page.getByTestId("share-link").click();
    const url = (await page.getByTestId("share-url").textContent()) ?? "";
    expect(url).toMatch(/#model=/);
    const other = await launchBrowser();
    try {
      const fresh = await other.context.newPage();
      await fresh.goto(url, { timeout: OPEN_TIMEOUT_MS });
      await fresh.locator(".react-flow__node").nth(39).waitFor({ timeout: OPEN_TIMEOUT_MS });
      expect(await saveModelText(fresh)).toBe(saved);
    } finally {
      await other.close();
    }
    await page.close();
  });
});
