/**
 * E2E global setup: make sure Debian's Chromium is there (install it with apt when we are root),
 * then serve the real app with Vite's dev server on a free port for the whole e2e run, warmed up
 * by one page that opens the app before any test does.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import type { TestProject } from "vitest/node";

export const CHROMIUM = process.env.SEAMS_CHROMIUM ?? "/usr/bin/chromium";

declare module "vitest" {
  export interface ProvidedContext {
    appUrl: string;
    chromium: string;
  }
}

function ensureChromium(): void {
  if (existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it with: sudo apt-get update && sudo apt-get install -y chromium (or set SEAMS_CHROMIUM to a Chromium binary).`,
    );
  }
  console.log("[e2e] installing Debian chromium with apt-get …");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-q"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-q", "chromium"], { stdio: "inherit", env });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium but ${CHROMIUM} is still missing`);
}

let server: ViteDevServer | undefined;

/**
 * The dev server transforms the app's modules (and the workers') on their first request: hundreds of
 * files, minutes on a busy machine. One page that opens the app and waits for its first numbers
 * pays that once, here, instead of the first test of the run.
 */
const WARM_UP_TIMEOUT_MS = 600_000;

async function warmUp(url: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  const errors: string[] = [];
  try {
    const page = await browser.newPage();
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (error) => errors.push(error.message));
    page.setDefaultTimeout(WARM_UP_TIMEOUT_MS);
    await page.goto(url, { timeout: WARM_UP_TIMEOUT_MS });
    // an error thrown in the page (a module that does not load) ends the wait at once
    const thrown = new Promise<never>((_, reject) => page.once("pageerror", reject));
    await Promise.race([page.locator(".react-flow__node").first().waitFor(), thrown]);
    // the workers' modules too: the analysis has shown numbers for the model on the canvas
    await page.waitForFunction(
      () => {
        const panel = document.querySelector('[data-testid="side-panel"]');
        return (
          panel !== null &&
          panel.getAttribute("data-analysis-revision") === panel.getAttribute("data-revision")
        );
      },
      null,
      { polling: 250 },
    );
  } catch (error) {
    // a module that does not load (an edit half-way) leaves the page blank: say what the page said
    throw new Error(`the app did not open in the warm-up page; its errors: ${errors.join(" | ") || "none"}`, {
      cause: error,
    });
  } finally {
    await browser.close();
  }
}

export async function setup(project: TestProject): Promise<void> {
  ensureChromium();
  // no hot reload or file watching: an edit saved while the suite runs must not reload its pages
  server = await createServer({
    logLevel: "error",
    server: { port: 0, strictPort: false, open: false, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error("the Vite dev server did not report a local URL");
  await warmUp(url);
  project.provide("appUrl", url);
  project.provide("chromium", CHROMIUM);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
