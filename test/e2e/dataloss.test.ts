/**
 * Nothing a person made is lost without asking (issue 19), in real Chromium: a share link keeps the
 * model it replaces in Recent models with Restore; two tabs of one profile never overwrite each
 * other's model without a word (one writes the autosave, the other keeps its edits in Recent and
 * may take over); a damaged newest autosave opens the older copy and says so; a link's model is
 * autosaved at once, so a reload before any edit keeps it; a large autosave is read in a worker
 * while the page answers. Every wait is on the page's own state (a notice, a node's text, the
 * IndexedDB contents), none is a sleep.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { encodeShare } from "../../src/io/share.ts";
import { flatModel } from "../fixtures/hostile.ts";
import { referenceModel, templateModel } from "../fixtures/templates.ts";
import {
  autosavedDocument,
  escapeRegExp,
  launchBrowser,
  nodeIds,
  nodeOf,
  OPEN_TIMEOUT_MS,
  openApp,
  reloadApp,
  type Session,
  STATE_TIMEOUT_MS,
  selectComponent,
  setField,
  waitForAutosave,
  waitForModel,
  waitForText,
} from "./browser.ts";

let session: Session;
beforeEach(async () => {
  // a fresh profile per journey: its own IndexedDB (autosave and Recent models)
  session = await launchBrowser();
});
afterEach(async () => {
  await session?.close();
});

async function rename(page: Page, nodeId: string, name: string): Promise<void> {
  await selectComponent(page, nodeId);
  await setField(page, "name", name);
  await waitForText(nodeOf(page, nodeId), new RegExp(escapeRegExp(name)));
}

/** The notice `id` on the page once its text matches `text`. */
async function noticeOf(page: Page, id: string, text: RegExp) {
  const notice = page.locator(`[data-testid="notice"][data-notice="${id}"]`).filter({ hasText: text });
  await notice.waitFor({ timeout: STATE_TIMEOUT_MS });
  return notice;
}

/** Recent models as the page's IndexedDB holds them: each entry's name, source and model text. */
async function recentModels(page: Page): Promise<{ name: string; source: string; text: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ name: string; source: string; text: string }[]>((resolve) => {
        const open = indexedDB.open("keyval-store");
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve([]);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction("keyval").objectStore("keyval");
          const index = store.get("seams:recent");
          index.onsuccess = () => {
            const entries = (index.result ?? []) as { id: string; name: string; source: string }[];
            const found: { name: string; source: string; text: string }[] = [];
            if (entries.length === 0) resolve(found);
            for (const entry of entries) {
              const text = store.get(`seams:recent:${entry.id}`);
              text.onsuccess = () => {
                found.push({ name: entry.name, source: entry.source, text: String(text.result) });
                if (found.length === entries.length) {
                  db.close();
                  resolve(found);
                }
              };
            }
          };
        };
      }),
  );
}

/** Open the toolbar's Recent menu and wait until it has read its list. */
async function openRecentMenu(page: Page): Promise<void> {
  await page.getByTestId("recent").click();
  await page.locator('[data-testid="recent-menu"][data-loaded="true"]').waitFor();
}

const REFERENCE = referenceModel();

describe("a share link never silently replaces the user's model", () => {
  it("keeps the edited model in Recent models; Restore brings it back with the edit", async () => {
    const first = await openApp(session.context, "", REFERENCE.components.length);
    const [id] = await nodeIds(first.page);
    await rename(first.page, id, "My own edit");
    await waitForAutosave(first.page);
    await first.page.close();

    const shared = { ...templateModel("hello.seams.json"), name: "Shared hello" };
    const { page, errors } = await openApp(session.context, `#model=${encodeShare(shared)}`, 1);
    await waitForModel(page, shared.components.length);
    const notice = await noticeOf(
      page,
      "replaced",
      new RegExp(
        `^Opened “Shared hello” from a link\\. Your previous model “${escapeRegExp(REFERENCE.name)}” is in Recent models\\.`,
      ),
    );
    // the toolbar's Recent menu lists it: name, component count and why it is there
    await openRecentMenu(page);
    const entry = page.getByTestId("recent-entry").filter({ hasText: REFERENCE.name });
    expect(await entry.textContent()).toMatch(
      new RegExp(`\\d\\d:\\d\\d · ${REFERENCE.components.length} components · replaced by a link`),
    );
    await page.getByTestId("recent").click();

    await notice.getByTestId("notice-restore").click();
    await waitForModel(page, REFERENCE.components.length);
    await waitForText(nodeOf(page, id), /My own edit/);
    // the model Restore replaced is in Recent models in its turn, restorable the same way
    await noticeOf(page, "replaced", /Your previous model “Shared hello” is in Recent models/);
    await openRecentMenu(page);
    await page.getByTestId("recent-entry").filter({ hasText: "Shared hello" }).click();
    await waitForModel(page, shared.components.length);
    expect(errors).toEqual([]);
  });
});

describe("two tabs never overwrite each other's model without a word", () => {
  it("the second tab keeps its edits in Recent; taking over keeps the first tab's model in Recent", async () => {
    const one = await openApp(session.context, "", REFERENCE.components.length);
    const [a, b] = await nodeIds(one.page);
    await rename(one.page, a, "Tab one's edit");
    await waitForAutosave(one.page);

    // the second tab opens the same autosave, is told another tab keeps it, and the first hears of it
    const two = await openApp(session.context, "", REFERENCE.components.length);
    const follower = await noticeOf(
      two.page,
      "tab-role",
      /Seams is open in another tab, which keeps the autosave/,
    );
    await noticeOf(one.page, "tab-role", /Seams is open in another tab too/);
    await waitForText(nodeOf(two.page, a), /Tab one's edit/);

    // both edit: the first tab's edits go to the autosave, the second's to Recent models
    await rename(two.page, b, "Tab two's edit");
    await expect
      .poll(async () => (await recentModels(two.page)).some((m) => m.text.includes("Tab two's edit")))
      .toBe(true);
    await rename(one.page, a, "Tab one's second edit");
    await waitForAutosave(one.page);
    expect(JSON.stringify(await autosavedDocument(one.page))).not.toContain("Tab two's edit");

    // Take over here: the second tab writes the autosave; the first tab's model is kept and both are told
    await follower.getByTestId("notice-take-over").click();
    const displaced = await noticeOf(
      two.page,
      "tab-displaced",
      /Another tab had autosaved a different model, “.+”; it is kept in Recent models/,
    );
    await noticeOf(one.page, "tab-role", /Another tab took over the autosave/);
    await waitForAutosave(two.page);
    const kept = await recentModels(two.page);
    expect(kept.some((m) => m.text.includes("Tab one's second edit"))).toBe(true);
    expect(kept.some((m) => m.text.includes("Tab two's edit"))).toBe(true);

    // the first tab's model comes back with Restore, and the second tab's goes to Recent in its place
    await displaced.getByTestId("notice-restore").click();
    await waitForText(nodeOf(two.page, a), /Tab one's second edit/);
    expect(await nodeOf(two.page, b).textContent()).not.toContain("Tab two's edit");
    expect((await recentModels(two.page)).some((m) => m.text.includes("Tab two's edit"))).toBe(true);
    expect(one.errors).toEqual([]);
    expect(two.errors).toEqual([]);
  });
});

describe("a damaged newest autosave", () => {
  it("opens the older copy and the notice says so", async () => {
    const { page, errors } = await openApp(session.context, "", REFERENCE.components.length);
    const [id] = await nodeIds(page);
    await rename(page, id, "First save");
    await waitForAutosave(page);
    await rename(page, id, "Second save");
    await waitForAutosave(page);
    // damage the newest copy the way a torn write would: JSON cut short
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open("keyval-store");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction("keyval", "readwrite").objectStore("keyval");
            const pointer = store.get("seams:autosave");
            pointer.onsuccess = () => {
              const slot = (pointer.result as { slot: string }).slot;
              const put = store.put('{"schema": "seams/1", "name": ', `seams:autosave:${slot}`);
              put.onsuccess = () => {
                db.close();
                resolve();
              };
              put.onerror = () => reject(put.error);
            };
          };
        }),
    );
    await reloadApp(page, REFERENCE.components.length);
    await noticeOf(
      page,
      "autosave-fallback",
      /^The last autosave could not be read \(\(file\): not valid JSON: .+\); opened the copy from \d\d:\d\d instead\.$/,
    );
    await waitForText(nodeOf(page, id), /First save/);
    expect(errors).toEqual([]);
  });
});

describe("a share link's model is kept before any edit", () => {
  it("survives a reload with no edit, and the autosave it replaced is in Recent models", async () => {
    const first = await openApp(session.context, "", REFERENCE.components.length);
    const [id] = await nodeIds(first.page);
    await rename(first.page, id, "My own edit");
    await waitForAutosave(first.page);
    await first.page.close();

    const shared = { ...templateModel("hello.seams.json"), name: "Shared hello" };
    const { page, errors } = await openApp(session.context, `#model=${encodeShare(shared)}`, 1);
    await waitForModel(page, shared.components.length);
    // no edit: the link's model is the autosave already, and the model it replaced is in Recent
    await expect
      .poll(async () => ((await autosavedDocument(page)) as { name?: string })?.name)
      .toBe("Shared hello");
    const kept = await recentModels(page);
    expect(kept.find((m) => m.text.includes("My own edit"))?.source).toBe("link");
    expect(await page.evaluate(() => location.hash)).toBe("");

    await reloadApp(page, shared.components.length);
    await waitForModel(page, shared.components.length);
    await page
      .getByTestId("model-name")
      .filter({ hasText: /^Shared hello$/ })
      .waitFor();
    expect((await recentModels(page)).some((m) => m.text.includes("My own edit"))).toBe(true);
    expect(errors).toEqual([]);
  });
});

/** Put `text` in the autosave (both slots), from a page of the app's origin that is not the app. */
async function seedAutosave(context: BrowserContext, text: string): Promise<void> {
  const page = await context.newPage();
  await page.goto(`${inject("appUrl")}templates/hello.seams.json`);
  await page.evaluate(
    (text) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("keyval-store");
        // a fresh profile: the store idb-keyval would create
        open.onupgradeneeded = () => open.result.createObjectStore("keyval");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("keyval", "readwrite");
          const store = tx.objectStore("keyval");
          store.put(text, "seams:autosave:a");
          store.put(text, "seams:autosave:b");
          store.put({ slot: "a", savedAt: Date.now() }, "seams:autosave");
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    text,
  );
  await page.close();
}

/** Issue 19's limit with SEAMS_E2E_STRICT=1 (a quiet machine); otherwise a lenient bound under load. */
const isStrict = process.env.SEAMS_E2E_STRICT === "1";

describe("a large autosave", () => {
  it("opens on the canvas, read in a worker while the page answers", async () => {
    // 5,000 components and 4,980 links (1.7 MB): validating it took the main thread ~0.5 s
    const big = flatModel(4980, 20, 1);
    const components = (big.components as unknown[]).length;
    await seedAutosave(session.context, JSON.stringify(big));
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(inject("appUrl"), { timeout: OPEN_TIMEOUT_MS });
    // the boot screen is up while the autosave is read: ping the page until the canvas replaces it
    await page.locator(".boot").waitFor({ timeout: OPEN_TIMEOUT_MS });
    const pingsMs: number[] = [];
    const hasCanvas = () =>
      page
        .getByTestId("canvas")
        .count()
        .then((n) => n > 0);
    while (!(await hasCanvas())) {
      const sentAt = performance.now();
      await page.evaluate(() => 0);
      pingsMs.push(performance.now() - sentAt);
    }
    await waitForModel(page, components);
    await page
      .getByTestId("model-name")
      .filter({ hasText: /^Hostile corpus$/ })
      .waitFor();
    console.log(
      `large autosave: ${pingsMs.length} pings while it was read, slowest ${Math.round(Math.max(0, ...pingsMs))} ms`,
    );
    expect(pingsMs.length).toBeGreaterThan(0);
    // under load a round trip alone can take long: the page must answer fast at least once meanwhile
    expect(Math.min(...pingsMs)).toBeLessThan(100);
    if (isStrict) expect(Math.max(...pingsMs)).toBeLessThan(200);
    expect(await page.getByTestId("error-panel").count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
