/**
 * Scenarios (issue 8) in Chromium on the reference ecosystem with the real workers: draft a
 * scenario from an edit, compare it with the baseline on the same random numbers, see its diff and
 * the figures that moved on the canvas, and find it again after a reload (autosave). The tests run
 * in order on one browser profile, as one person would work through them.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANALYSIS_TIMEOUT_MS,
  type AppPage,
  inspectComponent,
  kwOf,
  launchBrowser,
  nodeOf,
  openApp,
  openTab,
  reloadApp,
  type Session,
  saveModel,
  setField,
  waitForAutosave,
  waitForText,
} from "./browser.ts";

let session: Session;
let app: AppPage;
beforeAll(async () => {
  session = await launchBrowser();
  app = await openApp(session.context, "", 40);
});
afterAll(async () => {
  await session?.close();
});

const node = nodeOf;
const item = (page: Page, id: string) => page.locator(`[data-testid="scenario-item"][data-id="${id}"]`);

/** Select telnova and read its availability field in the inspector. */
async function telnovaAvailability(page: Page): Promise<string> {
  await inspectComponent(page, "telnova");
  return page.getByTestId("inspector").getByTestId("field-availability").inputValue();
}

const savedDocument = (page: Page) => saveModel<{ scenarios?: { id: string; name: string }[] }>(page);

/** The node's drawn box carries a scenario diff (`data-diff`). */
const diffOf = (page: Page, id: string) => node(page, id).locator(".seams-node[data-diff]");

describe("scenarios", () => {
  it("drafts a scenario from an edit and saves it; the canvas is back on the baseline", async () => {
    const { page } = app;
    const before = await telnovaAvailability(page);
    expect(before).not.toBe("0.5");
    await openTab(page, "scenarios");
    expect(await page.locator('[data-testid="scenario-item"]').count()).toBe(1);
    await page.getByTestId("scenario-new").click();
    await waitForText(page.getByTestId("scenario-draft-banner"), /Drafting a scenario/);

    await inspectComponent(page, "telnova");
    await setField(page, "availability", "0.5");
    // the draft's edit is drawn as a change at once
    await node(page, "telnova").locator('.seams-node[data-diff="changed"]').waitFor();

    await openTab(page, "scenarios");
    await page.getByTestId("scenario-name").fill("Telecom outage");
    await page.getByTestId("scenario-save").click();
    await page.getByTestId("scenario-draft-banner").waitFor({ state: "detached" });
    expect(await item(page, "telecom-outage").textContent()).toContain("Telecom outage");
    expect(await item(page, "baseline").getAttribute("aria-current")).toBe("true");
    // the baseline again: the old value, no diff on the canvas
    await expect.poll(() => page.locator(".seams-node[data-diff]").count()).toBe(0);
    expect(await telnovaAvailability(page)).toBe(before);
    // the saved document is the baseline with the scenario in it
    const saved = await savedDocument(page);
    expect(saved.scenarios?.map((s) => s.name)).toEqual(["Telecom outage"]);
    expect(app.errors).toEqual([]);
  });

  it("compares the scenario with the baseline: more unusable charging, beyond the noise", async () => {
    const { page } = app;
    await openTab(page, "scenarios");
    await page.getByTestId("scenario-compare").waitFor();
    expect(await page.getByTestId("scenario-compare").isDisabled()).toBe(true);
    await item(page, "telecom-outage").getByTestId("scenario-compare-check").check();
    await page.getByTestId("scenario-compare").click();
    const table = page.getByTestId("comparison-table");
    await table.waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    const columns = page.getByTestId("comparison-column-name");
    expect(await columns.allTextContents()).toEqual(["Baseline", "Telecom outage"]);
    expect(await page.getByTestId("comparison").getAttribute("data-current")).toBe("true");

    const unusable = page.getByTestId("comparison-unusable-kw");
    const base = unusable.locator('[data-column="baseline"]');
    const scenario = unusable.locator('[data-column="telecom-outage"]');
    // the baseline has figures with intervals and no change of its own
    expect(await base.textContent()).toMatch(/95 % CI [\d.]+ (kW|MW) – [\d.]+ (kW|MW)/);
    expect(await base.getByTestId("comparison-change").count()).toBe(0);
    const change = scenario.getByTestId("comparison-change");
    const delta = kwOf(await change.getByTestId("comparison-change-value").textContent());
    expect(delta).toBeGreaterThan(0);
    expect(kwOf(await scenario.getByTestId("comparison-value").textContent())).toBeGreaterThan(
      kwOf(await base.getByTestId("comparison-value").textContent()),
    );
    const ci = ((await change.getByTestId("comparison-change-ci").textContent()) ?? "")
      .replace(/^.*CI/, "")
      .split(" – ")
      .map(kwOf);
    expect(ci[0]).toBeGreaterThan(0);
    expect(ci[0]).toBeLessThanOrEqual(delta);
    expect(ci[1]).toBeGreaterThanOrEqual(delta);
    expect(await change.getAttribute("data-moved")).toBe("true");
    expect(await change.textContent()).toContain("moved");
    // an availability changes no integration: that count stays put
    const integrations = page
      .getByTestId("comparison-integrations")
      .locator('[data-column="telecom-outage"]');
    expect(await integrations.getByTestId("comparison-change").getAttribute("data-moved")).toBe("false");
    expect(await integrations.textContent()).toContain("unchanged");
    const phantom = page.getByTestId("comparison-phantom").locator('[data-column="telecom-outage"]');
    expect(await phantom.getByTestId("comparison-change-value").textContent()).toMatch(/^[+−±][\d.]+ pp$/);

    // compared alone from the baseline, the scenario's diff is drawn on the baseline canvas
    const focus = page.getByTestId("comparison-focus");
    expect(await focus.isChecked()).toBe(true);
    const telnova = node(page, "telnova");
    await telnova.locator('.seams-node[data-diff="changed"]').waitFor();
    expect(await telnova.getByTestId("badge-moved").getAttribute("data-direction")).toBe("down");
    await focus.uncheck();
    await diffOf(page, "telnova").waitFor({ state: "detached" });
    await expect.poll(() => page.locator(".seams-node[data-diff]").count()).toBe(0);
    await expect.poll(() => page.getByTestId("badge-moved").count()).toBe(0);
    expect(app.errors).toEqual([]);
  });

  it("entering the scenario draws its diff and the figures that moved; the baseline removes them", async () => {
    const { page } = app;
    await openTab(page, "scenarios");
    await item(page, "telecom-outage").getByTestId("scenario-enter").click();
    await waitForText(page.getByTestId("scenario-banner"), /Scenario: Telecom outage/);
    expect(await item(page, "telecom-outage").getAttribute("aria-current")).toBe("true");
    expect(await page.getByTestId("diff-changed").textContent()).toContain("Telnova LTE-M (availability)");

    const telnova = node(page, "telnova");
    await telnova.locator('.seams-node[data-diff="changed"]').waitFor();
    expect(await page.locator(".seams-node[data-diff]").count()).toBe(1);
    // the comparison is still of this document: its significant changes are badged
    expect(await telnova.getByTestId("badge-moved").getAttribute("data-direction")).toBe("down");
    expect(await telnova.getByTestId("badge-moved").textContent()).toBe("▼");
    const moved = page.getByTestId("badge-moved");
    await expect.poll(() => moved.count()).toBeGreaterThan(1);
    expect(await page.locator('[data-testid="badge-moved"][data-direction="up"]').count()).toBe(0);
    expect(await telnovaAvailability(page)).toBe("0.5");

    // the separate flag hides the diff and brings it back
    await openTab(page, "scenarios");
    await page.getByTestId("scenario-diff-flag").uncheck();
    await diffOf(page, "telnova").waitFor({ state: "detached" });
    await expect.poll(() => page.locator(".seams-node[data-diff]").count()).toBe(0);
    await expect.poll(() => moved.count()).toBe(0);
    await page.getByTestId("scenario-diff-flag").check();
    await moved.nth(1).waitFor();

    await page.getByTestId("scenario-back").click();
    await page.getByTestId("scenario-banner").waitFor({ state: "detached" });
    await expect.poll(() => page.locator(".seams-node[data-diff]").count()).toBe(0);
    expect(await telnovaAvailability(page)).not.toBe("0.5");
    expect(app.errors).toEqual([]);
  });

  it("an edit of the baseline makes the comparison stale", async () => {
    const { page } = app;
    await telnovaAvailability(page);
    await setField(page, "availability", "0.9");
    await openTab(page, "scenarios");
    await page.locator('[data-testid="comparison"][data-current="false"]').waitFor();
    expect(await page.getByTestId("comparison-stale").textContent()).toContain("changed since");
    await page.getByTestId("undo").click();
    await page.locator('[data-testid="comparison"][data-current="true"]').waitFor();
    expect(app.errors).toEqual([]);
  });

  it("the scenario survives a reload (autosave) and switches with the keyboard in workshop mode", async () => {
    const { page } = app;
    // autosave waits for edits to settle: reload once the saved copy holds them
    await waitForAutosave(page);
    await reloadApp(page, 40);
    await openTab(page, "scenarios");
    expect(await item(page, "telecom-outage").textContent()).toContain("Telecom outage");
    expect(await telnovaAvailability(page)).not.toBe("0.5");

    await page.keyboard.press("w");
    await page.getByTestId("workshop-bar").waitFor();
    await page.keyboard.press("1");
    await node(page, "telnova").locator('.seams-node[data-diff="changed"]').waitFor();
    expect(await page.getByRole("tab", { name: "1 Telecom outage" }).getAttribute("aria-selected")).toBe(
      "true",
    );
    await page.keyboard.press("0");
    await diffOf(page, "telnova").waitFor({ state: "detached" });
    await expect.poll(() => page.locator(".seams-node[data-diff]").count()).toBe(0);
    expect(await page.getByRole("tab", { name: "0 Baseline" }).getAttribute("aria-selected")).toBe("true");
    await page.keyboard.press("]");
    await diffOf(page, "telnova").waitFor();
    expect(await page.locator(".seams-node[data-diff]").count()).toBe(1);
    await page.keyboard.press("Escape");
    await page.getByTestId("workshop-bar").waitFor({ state: "detached" });
    expect(app.errors).toEqual([]);
  });
});
