import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppPage, launchBrowser, nodeIds, openApp, type Session } from "./browser.ts";

const hello = readFileSync(new URL("../../public/templates/hello.seams.json", import.meta.url), "utf8");
const helloDoc = () => JSON.parse(hello);
const asText = (doc: unknown) => JSON.stringify(doc, null, 2);

/** Each bad-input class of SPEC §9, the path its message must name, and the file. */
const CASES: { name: string; path: string; says?: string; text: () => string | Buffer }[] = [
  { name: "bad JSON", path: "(file)", says: "not valid JSON", text: () => '{ "schema": "seams/1", "name": ' },
  { name: "wrong schema", path: "schema", text: () => asText({ ...helloDoc(), schema: "seams/7" }) },
  {
    name: "dangling link",
    path: "links[2].to",
    text: () => {
      const doc = helloDoc();
      doc.links[2].to = "nowhere";
      return asText(doc);
    },
  },
  {
    name: "duplicate id",
    path: "components[3].id",
    text: () => {
      const doc = helloDoc();
      doc.components[3].id = "site";
      return asText(doc);
    },
  },
  {
    name: "probability 1.5",
    path: "components[1].silentShare",
    text: () => {
      const doc = helloDoc();
      doc.components[1].silentShare = 1.5;
      return asText(doc);
    },
  },
  { name: "NaN", path: "components[0].units", text: () => hello.replace('"units": 6', '"units": NaN') },
  {
    name: "__proto__ key",
    path: "components[0].__proto__",
    text: () => hello.replace('"units": 6', '"__proto__": { "polluted": true }, "units": 6'),
  },
  { name: "oversized file", path: "(file)", says: "20 MB", text: () => Buffer.alloc(21 * 1024 * 1024, 32) },
];

let session: Session;
let app: AppPage;
let before: string[];

beforeAll(async () => {
  session = await launchBrowser();
  app = await openApp(session.context, "", 40);
  before = await nodeIds(app.page);
});
afterAll(async () => {
  await session?.close();
});

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

async function importFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId("file-input").setInputFiles({ name, mimeType: "application/json", buffer });
}

describe("bad input leaves the model as it was", () => {
  for (const c of CASES) {
    it(`${c.name}: names ${c.path}`, async () => {
      const { page } = app;
      const text = c.text();
      await importFile(
        page,
        `${c.name.replace(/\W+/g, "-")}.seams.json`,
        Buffer.isBuffer(text) ? text : Buffer.from(text),
      );
      const panel = page.getByTestId("error-panel");
      await expect
        .poll(() => panel.getByTestId("error-issue").allTextContents())
        .toEqual(
          expect.arrayContaining([
            expect.stringMatching(new RegExp(`${escapeRegExp(c.path)}.*${escapeRegExp(c.says ?? "")}`)),
          ]),
        );
      expect(await nodeIds(page)).toEqual(before);
      expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty("polluted");
    });
  }

  it("a corrupted share link names the link and opens the last model", async () => {
    const { page, errors } = await openApp(session.context, "#model=this-is-not-a-model", 40);
    await expect
      .poll(() => page.getByTestId("error-issue").allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining("(share link)")]));
    expect(await nodeIds(page)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("names are text, never markup", () => {
  it("a component named <img src=x onerror=alert(1)> shows that text and runs nothing", async () => {
    const { page } = app;
    const name = "<img src=x onerror=alert(1)>";
    const doc = helloDoc();
    doc.components[0].name = name;
    let dialogs = 0;
    page.on("dialog", async (d) => {
      dialogs += 1;
      await d.dismiss();
    });
    await importFile(page, "xss.seams.json", Buffer.from(asText(doc)));
    const node = page.locator('.react-flow__node[data-id="site"]');
    await expect.poll(() => node.textContent()).toContain(name);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
  });
});
