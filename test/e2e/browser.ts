/** Helpers for driving the real app in Debian's Chromium with playwright-core. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { inject } from "vitest";

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

/** A fresh Chromium profile (its own IndexedDB) per call. */
export async function launchBrowser(): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), "seams-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: inject("chromium"),
    headless: true,
    args: ARGS,
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const OPEN_TIMEOUT = 90_000;

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
  await page.goto(inject("appUrl") + hash);
  // generous: the unit project's engine tests share the two cores while a page first loads
  await page.getByTestId("canvas").waitFor({ timeout: OPEN_TIMEOUT });
  if (minNodes > 0)
    await page
      .locator(".react-flow__node")
      .nth(minNodes - 1)
      .waitFor({ timeout: OPEN_TIMEOUT });
  return { page, errors };
}

/** Names of the components drawn on the canvas, sorted. */
export async function nodeIds(page: Page): Promise<string[]> {
  const ids = await page
    .locator(".react-flow__node")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-id") ?? ""));
  return ids.sort();
}
