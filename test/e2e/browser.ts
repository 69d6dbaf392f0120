/**
 * The e2e harness: a fresh Chromium profile per session, the app opened in it, and the page helpers
 * of test/fixtures/page.ts (shared with the UI bench), re-exported so a test imports one module.
 * Every wait is on the app's state; none is a fixed sleep.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { STATE_TIMEOUT_MS, saveModel } from "../fixtures/page.ts";

export * from "../fixtures/page.ts";

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export interface Session {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile (its own IndexedDB) per call. The first-run card (src/app/Welcome.tsx)
 * is dismissed in advance unless `welcome` is set: it would stand over every test's canvas.
 */
export async function launchBrowser(options: { welcome?: boolean } = {}): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "seams-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject("chromium"),
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  // Playwright's 30 s default is too short for a page on a busy machine: every action and wait
  // without a timeout of its own gets the harness's
  context.setDefaultTimeout(STATE_TIMEOUT_MS);
  if (!options.welcome)
    await context.addInitScript(() => localStorage.setItem("seams.welcome.dismissed", "by the e2e harness"));
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh page loads (hundreds of modules from the dev server) and draws the model within this,
 * even with the unit tests holding both cores.
 */
export const OPEN_TIMEOUT_MS = 120_000;

export interface AppPage {
  page: Page;
  /** Console errors and uncaught page errors seen so far. */
  errors: string[];
}

/** Open the app (optionally with a URL hash) and wait until the canvas has drawn its nodes. */
export async function openApp(context: BrowserContext, hash = "", minNodes = 1): Promise<AppPage> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(inject("appUrl") + hash, { timeout: OPEN_TIMEOUT_MS });
  // generous: the unit project's engine tests share the two cores while a page first loads
  await page.getByTestId("canvas").waitFor({ timeout: OPEN_TIMEOUT_MS });
  await waitForNodes(page, minNodes, OPEN_TIMEOUT_MS);
  return { page, errors };
}

/** Reload the page (the app starts again from its autosave) and wait for `minNodes` nodes drawn. */
export async function reloadApp(page: Page, minNodes = 1): Promise<void> {
  await page.reload({ timeout: OPEN_TIMEOUT_MS });
  await waitForNodes(page, minNodes, OPEN_TIMEOUT_MS);
}

/** Wait until the canvas has drawn at least `count` nodes. */
async function waitForNodes(page: Page, count: number, timeoutMs: number): Promise<void> {
  if (count > 0)
    await page
      .locator(".react-flow__node")
      .nth(count - 1)
      .waitFor({ timeout: timeoutMs });
}

/**
 * The document in the app's autosave (IndexedDB, through idb-keyval's default database), parsed;
 * undefined while nothing is saved.
 */
export async function autosavedDocument(page: Page): Promise<unknown> {
  const text = await page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const open = indexedDB.open("keyval-store");
        // no database yet: do not create one without idb-keyval's store in it
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(undefined);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction("keyval").objectStore("keyval");
          const pointer = store.get("seams:autosave");
          pointer.onsuccess = () => {
            const slot = (pointer.result as { slot?: string } | undefined)?.slot;
            if (!slot) {
              db.close();
              resolve(undefined);
              return;
            }
            const saved = store.get(`seams:autosave:${slot}`);
            saved.onsuccess = () => {
              db.close();
              resolve(saved.result);
            };
          };
        };
      }),
  );
  return typeof text === "string" ? JSON.parse(text) : undefined;
}

/** Wait until the autosave holds the document Save downloads (the edits so far are saved). */
export async function waitForAutosave(page: Page): Promise<void> {
  const saved = await saveModel(page);
  await expect.poll(() => autosavedDocument(page), { timeout: STATE_TIMEOUT_MS }).toEqual(saved);
}

/** Names of the components drawn on the canvas, sorted. */
export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator(".react-flow__node")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-id") ?? ""));
  return ids.sort();
}
