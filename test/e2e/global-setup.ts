/**
 * E2E global setup: make sure Debian's Chromium is there (install it with apt when we are root),
 * then serve the real app with Vite's dev server on a free port for the whole e2e run.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
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
  project.provide("appUrl", url);
  project.provide("chromium", CHROMIUM);
}

export async function teardown(): Promise<void> {
  await server?.close();
}
