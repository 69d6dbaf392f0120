/**
 * Issue 18's three journeys in Chromium, the way a first-time user walks them: an architect draws
 * six components from blank with organisations and protocols and reads which sites show phantom
 * availability; a policymaker compares a hub outage with the baseline; a consultant presents in
 * workshop mode and exports the report. At each step that matters the page is checked at 1440×900,
 * 1920×1080 and 1280×720: no toolbar or table clipped (it fits, or it scrolls in a container that
 * keeps its first column in view), no id shown where a name exists, no control overlapping another.
 * Screenshots of every check are kept in test/output/journeys/.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceModel } from "../fixtures/templates.ts";
import {
  ANALYSIS_TIMEOUT_MS,
  editModel,
  exportFile,
  inspectComponent,
  launchBrowser,
  nextFrames,
  nodeOf,
  openApp,
  openTab,
  openTemplate,
  type Session,
  saveModel,
  setField,
  waitForAnalysis,
  waitForCanvasAtRest,
  waitForNodeCount,
} from "./browser.ts";

const OUTPUT = new URL("../output/journeys/", import.meta.url).pathname;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;

interface SavedModel {
  components: { id: string; name: string; type: string; org?: string }[];
  orgs: { id: string; name: string }[];
  links: { id: string; from: string; to: string; protocol?: string }[];
}

let session: Session;

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true });
  session = await launchBrowser();
});

afterAll(async () => {
  await session?.close();
});

/**
 * What a person would see wrong in the page as drawn: a toolbar, tab row or table that is clipped
 * (wider than its box, and not a scroll container whose first column stays put), an id shown where
 * the model has a name, controls of the chrome overlapping each other.
 */
async function layoutProblems(page: Page, ids: string[]): Promise<string[]> {
  return page.evaluate((ids) => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none";
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[${el.getAttribute("data-testid")}]` : ""}${el.className && typeof el.className === "string" ? `.${el.className.split(" ")[0]}` : ""}`;
    // the toolbar and the tab row fit in one line, every control inside the window
    const bar = document.querySelector(".toolbar");
    if (bar && bar.scrollWidth > bar.clientWidth + 1)
      problems.push(`toolbar clipped: ${bar.scrollWidth} > ${bar.clientWidth}`);
    for (const el of document.querySelectorAll(".toolbar button, .tabs button")) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.right > window.innerWidth + 0.5)
        problems.push(`${describe(el)} off-screen at x ${Math.round(r.right)}`);
    }
    const tabs = document.querySelector(".tabs");
    if (tabs && tabs.scrollWidth > tabs.clientWidth + 1)
      problems.push(`tabs clipped: ${tabs.scrollWidth} > ${tabs.clientWidth}`);
    const name = document.querySelector('[data-testid="model-name"]');
    // (what a person sees: workshop mode hides the toolbar and the side panel)
    if (name && visible(name) && name.getBoundingClientRect().width < 80)
      problems.push("the model's name is not readable");
    // tables: fit their box, or scroll in a deliberate container with a sticky first column
    for (const table of document.querySelectorAll(".side-panel table, .workshop-figures table")) {
      if (!visible(table)) continue;
      let box = table.parentElement;
      while (box && !["auto", "scroll"].includes(getComputedStyle(box).overflowX)) box = box.parentElement;
      const panel = table.closest(".tab-body") ?? document.body;
      const limit = panel.getBoundingClientRect().right;
      const isScroller = box !== null && box !== panel && panel.contains(box);
      if (isScroller && box) {
        if (box.scrollWidth > box.clientWidth + 1) {
          const first = table.querySelector("tbody tr > :first-child");
          if (!first || getComputedStyle(first).position !== "sticky")
            problems.push(`${describe(table)} scrolls without a sticky first column`);
        }
      } else if (table.getBoundingClientRect().right > limit + 1) {
        problems.push(
          `${describe(table)} clipped: right ${Math.round(table.getBoundingClientRect().right)} > ${Math.round(limit)}`,
        );
      }
    }
    // ids where names exist: whole words of the visible text of the chrome and the panel
    const texts: string[] = [];
    // (innerText of an element not drawn, as the side panel in workshop mode, is its whole textContent)
    for (const root of document.querySelectorAll(".toolbar, .side-panel, .workshop-figures, .workshop-bar"))
      if (visible(root)) texts.push((root as HTMLElement).innerText);
    for (const select of document.querySelectorAll(".side-panel select"))
      if (visible(select))
        for (const option of select.querySelectorAll("option")) texts.push(option.textContent ?? "");
    const words = new Set(texts.join("\n").split(/[\s,;:()·→"“”]+/));
    for (const id of ids) if (words.has(id)) problems.push(`id "${id}" shown where a name exists`);
    // controls of the chrome do not overlap
    const controls = [
      ...document.querySelectorAll(
        ".toolbar button, .toolbar select, .tabs button, .jump-list button, .workshop-bar button",
      ),
    ].filter(visible);
    const boxes = controls.map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const dx = Math.min(a.r.right, b.r.right) - Math.max(a.r.left, b.r.left);
        const dy = Math.min(a.r.bottom, b.r.bottom) - Math.max(a.r.top, b.r.top);
        if (dx > 1 && dy > 1) problems.push(`${describe(a.el)} overlaps ${describe(b.el)}`);
      }
    }
    return problems;
  }, ids);
}

/**
 * Check the page at the three sizes (screenshots `<step>-<w>x<h>.png`), then put the journey's own
 * size back.
 */
async function checkAtEverySize(page: Page, step: string, ids: string[], back = SIZES[0]): Promise<void> {
  const seen: Record<string, string[]> = {};
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await nextFrames(page, 3);
    await page.screenshot({ path: join(OUTPUT, `${step}-${size.width}x${size.height}.png`) });
    const problems = await layoutProblems(page, ids);
    if (problems.length > 0) seen[`${size.width}x${size.height}`] = problems;
  }
  await page.setViewportSize(back);
  await nextFrames(page, 2);
  expect(seen, step).toEqual({});
}

/** Ids that differ from their names and could be mistaken for words: with a digit, '-' or '_'. */
function idsOf(model: SavedModel): string[] {
  const ids = [
    ...model.components.filter((c) => c.id !== c.name).map((c) => c.id),
    ...model.orgs.filter((o) => o.id !== o.name).map((o) => o.id),
    ...model.links.map((l) => l.id),
    ...new Set(model.links.map((l) => l.protocol ?? "other")),
  ];
  return ids.filter((id) => /[\d_-]/.test(id));
}

/** Drag from `from`'s connect dot onto `to` and pick `protocol` in the picker. */
async function connect(page: Page, from: string, to: string, protocol: string): Promise<void> {
  const start = await nodeOf(page, from).locator(".seams-connect-handle").first().boundingBox();
  const end = await nodeOf(page, to).boundingBox();
  if (!start || !end) throw new Error(`${from}'s connect dot or ${to} is not on screen`);
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.move(end.x + end.width / 2 + 3, end.y + end.height / 2 + 2, { steps: 3 });
  await page.mouse.up();
  await page.getByTestId("protocol-picker").waitFor();
  await editModel(page, () => page.getByTestId(`protocol-option-${protocol}`).first().click());
}

describe("issue 18's journeys at 1440×900, 1920×1080 and 1280×720", () => {
  it("architect: six components from blank with organisations and protocols, then the sites with phantom availability", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("templates").click();
    await editModel(page, () => page.getByTestId("template-new").click());
    await waitForNodeCount(page, 0);

    // two organisations, named
    await openTab(page, "orgs");
    for (const name of ["Volt CPO", "Roam Hub Ltd"]) {
      await editModel(page, () => page.getByTestId("add-org").click());
      const field = page.getByTestId("orgs-panel").locator('input[data-testid^="field-org-name-"]').last();
      await editModel(page, async () => {
        await field.fill(name);
        await field.press("Enter");
      });
    }
    // six components from the palette, laid out
    for (const type of ["charger", "charger", "csms", "hub", "emsp", "payment"])
      await editModel(page, () => page.getByTestId(`palette-${type}`).click());
    await waitForNodeCount(page, 6);
    await editModel(page, () => page.getByTestId("layout").click());
    await page.getByTestId("fit-view").click();
    await waitForCanvasAtRest(page);
    let model = await saveModel<SavedModel>(page);
    const id = (type: string, n = 0) => model.components.filter((c) => c.type === type)[n]?.id ?? "";
    const [cpo, hubOrg] = model.orgs;

    // organisations by name in the inspector's dropdown
    for (const [component, org] of [
      [id("charger"), cpo],
      [id("charger", 1), cpo],
      [id("csms"), cpo],
      [id("hub"), hubOrg],
    ] as const) {
      await inspectComponent(page, component);
      const select = page.getByTestId("inspector").getByTestId("field-org");
      expect(await select.locator("option").allTextContents()).toEqual(["none", "Volt CPO", "Roam Hub Ltd"]);
      await editModel(page, () => select.selectOption({ label: org.name }));
    }
    // protocols: OCPP 2.0.1 and 1.6 to the CSMS, OCPI through the hub
    await connect(page, id("charger"), id("csms"), "ocpp201");
    await connect(page, id("charger", 1), id("csms"), "ocpp16");
    await connect(page, id("hub"), id("csms"), "ocpi221");
    await connect(page, id("emsp"), id("hub"), "ocpi221");
    model = await saveModel<SavedModel>(page);
    expect(new Set(model.links.map((l) => l.protocol))).toEqual(new Set(["ocpp201", "ocpp16", "ocpi221"]));

    // a link's protocol reads as its standard's name
    const middle = await page.evaluate(() => {
      const path = document.querySelector<SVGPathElement>(".react-flow__edge path");
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) return undefined;
      const p = path.getPointAtLength(path.getTotalLength() / 2).matrixTransform(matrix);
      return { x: p.x, y: p.y };
    });
    if (!middle) throw new Error("no link drawn to click");
    await page.mouse.click(middle.x, middle.y);
    const protocol = page.getByTestId("inspector").getByTestId("field-protocol");
    await protocol.waitFor();
    const options = await protocol.locator("option").allTextContents();
    expect(options).toContain("OCPP 1.6");
    expect(options).toContain("IEEE 2030.5");
    expect(options).not.toContain("ieee2030_5");
    await checkAtEverySize(page, "architect-inspector", idsOf(model));

    // which sites show phantom availability: the Sites section, names in rows and viewer columns
    await waitForAnalysis(page, { timeoutMs: ANALYSIS_TIMEOUT_MS });
    await openTab(page, "results");
    await page.getByTestId("jump-sites").click();
    const table = page.getByTestId("charger-table");
    await table.waitFor();
    const sites = await table.locator("tbody tr td:first-child").allInnerTexts();
    const chargerNames = model.components.filter((c) => c.type === "charger").map((c) => c.name);
    expect(sites.map((s) => s.split("\n")[0].trim()).sort()).toEqual([...chargerNames].sort());
    const viewers = await table.locator("thead th.viewer").allInnerTexts();
    expect(viewers.length).toBeGreaterThan(0);
    for (const v of viewers) expect(model.components.map((c) => c.name)).toContain(v.trim());
    await checkAtEverySize(page, "architect-sites", idsOf(model));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("policymaker: a hub outage against the baseline, its changes coloured by meaning", async () => {
    const { page, errors } = await openApp(session.context, "", 1);
    await openTemplate(page, "reference", referenceModel().components.length);
    await waitForAnalysis(page, { until: "shown" });
    const model = await saveModel<SavedModel>(page);
    await openTab(page, "scenarios");
    await page.getByTestId("scenario-new").click();
    await inspectComponent(page, "hub");
    await editModel(page, () => setField(page, "availability", "0.5"));
    await openTab(page, "scenarios");
    await page.getByTestId("scenario-name").fill("Hub outage");
    await page.getByTestId("scenario-save").click();
    await page.getByTestId("scenario-draft-banner").waitFor({ state: "detached" });
    await page
      .locator('[data-testid="scenario-item"][data-id="hub-outage"]')
      .getByTestId("scenario-compare-check")
      .check();
    await page.getByTestId("scenario-compare").click();
    await page
      .locator('[data-testid="comparison"][data-current="true"]')
      .waitFor({ timeout: ANALYSIS_TIMEOUT_MS });

    const cell = (row: string) =>
      page
        .getByTestId(`comparison-${row}`)
        .locator('[data-column="hub-outage"]')
        .getByTestId("comparison-change");
    // no scientific notation, one format: percentages in pp with two decimals
    const table = (await page.getByTestId("comparison-table").innerText()).replace(/\s+/g, " ");
    expect(table).not.toMatch(/\de[+-]?\d/);
    for (const row of ["phantom", "systemic"])
      expect(await cell(row).getByTestId("comparison-change-value").textContent()).toMatch(
        /^([+−]<?[\d.]+|±0) pp$/,
      );
    // hidden failures falling while unusable charging rises are "now visible", never "better"
    const unusable = await cell("unusable-kw").getAttribute("data-tone");
    const hidden = await cell("seam-kw").getAttribute("data-tone");
    const hiddenText = (await cell("seam-kw").textContent()) ?? "";
    if (hiddenText.startsWith("−") && unusable === "worse") expect(hidden).not.toBe("better");
    if (hidden === "visible") expect(hiddenText).toContain("now visible");
    // "moved" only when it shows at the display's precision
    for (const row of ["phantom", "systemic"]) {
      const value = (await cell(row).getByTestId("comparison-change-value").textContent()) ?? "";
      if (/<0\.01|±0/.test(value)) expect(await cell(row).getAttribute("data-moved")).toBe("false");
    }
    await checkAtEverySize(page, "policymaker-comparison", idsOf(model));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("consultant: presents in workshop mode and exports the report", async () => {
    const { page, errors } = await openApp(session.context, "", 1);
    await openTemplate(page, "reference", referenceModel().components.length);
    await waitForAnalysis(page, { until: "shown" });
    const model = await saveModel<SavedModel>(page);
    // the Results tab at every size, then its headline cards each say what they are a rate of
    await openTab(page, "results");
    await checkAtEverySize(page, "consultant-results", idsOf(model));
    const labels = await page.locator(".headline-label").allInnerTexts();
    for (const label of labels) expect(label).toMatch(/, of /);
    const value = page.getByTestId("headline-unusable-kw").locator(".headline-value");
    // "342 kW (2.29 %)" on one line: its box no taller than one line of its type
    const isOneLine = await value.evaluate(
      (el) => el.getBoundingClientRect().height < Number.parseFloat(getComputedStyle(el).fontSize) * 1.8,
    );
    expect(isOneLine).toBe(true);

    await page.getByTestId("workshop").click();
    await page.getByTestId("workshop-figures").waitFor();
    await checkAtEverySize(page, "consultant-workshop", idsOf(model));
    await page.getByTestId("workshop-exit").click();
    await page.getByTestId("workshop-figures").waitFor({ state: "detached" });

    const report = await exportFile(page, "export-report");
    const html = report.bytes.toString("utf8");
    expect(html).toContain(model.components.find((c) => c.id === "hub")?.name ?? "(no hub)");
    expect(html).not.toMatch(/\d\.\de-\d/);
    await page.screenshot({ path: join(OUTPUT, "consultant-after-export-1440x900.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
