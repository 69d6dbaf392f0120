/**
 * "What to fix first" in the app (SPEC §6, issue 7): the ranked fixes and Apply/undo, a what-if
 * against the baseline on the same random numbers, and the Open-PSA MEF download — real workers.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { launchBrowser, openApp, type Session } from "./browser.ts";

// a fresh profile per test: each starts from the reference ecosystem, whatever the others edited
let session: Session;
beforeEach(async () => {
  session = await launchBrowser();
});
afterEach(async () => {
  await session?.close();
});

/** "+2.52 MW" / "−850 kW" / "8.5 kW" → signed kW. */
const kwOf = (text: string | null) => {
  const m = /([+\-−±]?)\s*([\d.,]+)\s*(MW|kW)/.exec(text ?? "");
  if (!m) return Number.NaN;
  const size = Number.parseFloat(m[2].replace(/,/g, "")) * (m[3] === "MW" ? 1000 : 1);
  return m[1] === "-" || m[1] === "−" ? -size : size;
};
/** Both ends of "95 % CI +2.51 MW – +2.53 MW" in kW. */
const intervalOf = (text: string | null) => (text ?? "").replace(/^.*CI/, "").split(" – ").map(kwOf);

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

describe("what to fix first", () => {
  it("ranks the fixes by kW saved, exact where it can; Apply adds the twin and undo removes it", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    await page.getByTestId("fixfirst-toggle").click();
    await expect.poll(() => page.getByTestId("fixfirst-status").textContent()).toContain("Ranking");
    const rows = page.getByTestId("fixfirst-row");
    await rows.first().waitFor({ timeout: 120_000 });
    await expect
      .poll(() => page.getByTestId("fixfirst-baseline").textContent())
      .toMatch(/unusable charging now: [\d.]+ (kW|MW)/);
    // the head of the ranking first, all of it on request
    const head = await rows.count();
    await page.getByTestId("fixfirst-more").click();
    expect(await rows.count()).toBeGreaterThan(head);

    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        kind: tr.getAttribute("data-kind") ?? "",
        target: tr.getAttribute("data-target") ?? "",
        saved: tr.querySelector('[data-testid="fixfirst-saved"]')?.textContent ?? "",
        method: tr.querySelector('[data-testid="fixfirst-method"]')?.textContent ?? "",
      })),
    );
    expect(shown.length).toBeGreaterThan(3);
    const saved = shown.map((r) => kwOf(r.saved));
    expect(saved.every(Number.isFinite)).toBe(true);
    for (let i = 1; i < saved.length; i++) expect(saved[i]).toBeLessThanOrEqual(saved[i - 1]);
    const redundant = shown.filter((r) => r.kind === "redundant");
    expect(redundant.some((r) => r.method === "exact")).toBe(true);
    // the importance behind the ranking, with its method: exact on the (acyclic) reference
    expect(await page.getByTestId("importance-method").textContent()).toMatch(/^Exact: .*BDD/);
    const importance = page.getByTestId("importance-row");
    expect(await importance.count()).toBe(10);
    const kwSaved = await importance.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll("td")[1]?.textContent ?? ""),
    );
    const kws = kwSaved.map(kwOf);
    for (let i = 1; i < kws.length; i++) expect(kws[i]).toBeLessThanOrEqual(kws[i - 1]);
    // the report carries the ranking of the model as it is
    await page.getByTestId("export").click();
    const [file] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-report").click(),
    ]);
    const html = readFileSync(await file.path(), "utf8");
    expect(html).toContain("What to fix first");
    const topLabel = await rows.first().locator(".decide-label").textContent();
    expect(html).toContain((topLabel ?? "").replace(/^1\. /, "").replace(/&/g, "&amp;"));

    // the top redundancy, applied: its twin is on the canvas; undo takes it away again
    const top = redundant[0];
    const twin = `${top.target}-twin`;
    const before = await page.locator(".react-flow__node").count();
    const baseline = page.getByTestId("fixfirst-baseline");
    const oldText = await baseline.textContent();
    expect(await node(page, twin).count()).toBe(0);
    await page
      .locator(`[data-testid="fixfirst-row"][data-target="${top.target}"][data-kind="redundant"]`)
      .getByTestId("fixfirst-apply")
      .click();
    await node(page, twin).waitFor();
    expect(await page.locator(".react-flow__node").count()).toBe(before + 1);
    // the ranking follows the edit: the new baseline is the old one less the exact saving
    await expect
      .poll(() => baseline.textContent({ timeout: 1000 }).catch(() => oldText), { timeout: 120_000 })
      .not.toBe(oldText);
    const oldKw = kwOf(oldText);
    const newKw = kwOf(await baseline.textContent());
    expect(newKw).toBeLessThan(oldKw);
    if (top.method === "exact") expect(Math.abs(oldKw - kwOf(top.saved) - newKw)).toBeLessThan(1.5);
    await page.getByTestId("undo").click();
    await expect.poll(() => node(page, twin).count()).toBe(0);
    expect(await page.locator(".react-flow__node").count()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a row selects the component it changes", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    await page.getByTestId("fixfirst-toggle").click();
    const row = page.locator('[data-testid="fixfirst-row"][data-kind="redundant"]').first();
    await row.waitFor({ timeout: 120_000 });
    const target = (await row.getAttribute("data-target")) ?? "";
    await row.locator("td").first().click();
    await expect
      .poll(() => node(page, target).locator(".seams-node").getAttribute("class"))
      .toContain("selected");
    await expect.poll(() => page.getByTestId("inspector").textContent()).toContain(target);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("what if", () => {
  it("forcing the telecom down raises unusable charging, with a paired interval; clear removes it", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await node(page, "telnova").click();
    await page.getByTestId("tab-inspector").click();
    await page.getByTestId("whatif-down").click();
    const panel = page.getByTestId("whatif-panel");
    await panel.waitFor();
    expect(await page.getByTestId("whatif-spec").textContent()).toContain("down");
    // the forced component is marked on the canvas at once
    await expect.poll(() => node(page, "telnova").getByTestId("badge-whatif").textContent()).toBe("down");

    const unusable = page.getByTestId("whatif-unusable-kw");
    await unusable.waitFor({ timeout: 120_000 });
    const change = kwOf(await unusable.getByTestId("whatif-change").textContent());
    expect(change).toBeGreaterThan(0);
    const [low, high] = intervalOf(await unusable.getByTestId("whatif-change-ci").textContent());
    expect(low).toBeGreaterThan(0);
    expect(high).toBeGreaterThanOrEqual(low);
    expect(low).toBeLessThanOrEqual(change);
    expect(high).toBeGreaterThanOrEqual(change);
    expect(await unusable.textContent()).not.toContain("within the noise");

    // the sites that lose their connectivity are listed, worse, and ringed red on the canvas
    const sites = page.getByTestId("whatif-charger");
    expect(await sites.count()).toBeGreaterThan(0);
    expect(await sites.count()).toBeLessThanOrEqual(10);
    const worst = (await sites.first().getAttribute("data-id")) ?? "";
    expect(await sites.first().locator("td").last().textContent()).toMatch(/^−[\d.]+ pp$/);
    await expect
      .poll(() => node(page, worst).locator(".seams-node").getAttribute("class"))
      .toContain("whatif-worse");

    await page.getByTestId("whatif-clear").click();
    await expect.poll(() => panel.count()).toBe(0);
    expect(await node(page, "telnova").getByTestId("badge-whatif").count()).toBe(0);
    expect(await node(page, worst).locator(".seams-node").getAttribute("class")).not.toContain("whatif");
    expect(errors).toEqual([]);
    await page.close();
  });
  it("an organisation offline is a what-if too; removing the organisation ends it", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-orgs").click();
    await page.getByTestId("whatif-org-voltline").click();
    expect(await page.getByTestId("whatif-spec").textContent()).toMatch(/offline$/);
    // every Voltline component is forced down on the canvas
    await expect.poll(() => node(page, "csms-a").getByTestId("badge-whatif").count()).toBe(1);
    const unusable = page.getByTestId("whatif-unusable-kw");
    await unusable.waitFor({ timeout: 120_000 });
    expect(kwOf(await unusable.getByTestId("whatif-change").textContent())).toBeGreaterThan(0);
    // the edit leaves nothing to force: the what-if is cleared, not run on a model without it
    await page.getByTestId("remove-org-voltline").click();
    await expect.poll(() => page.getByTestId("whatif-panel").count()).toBe(0);
    expect(await page.locator('[data-testid="badge-whatif"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("Open-PSA export", () => {
  it("downloads a charger site's fault tree as MEF XML", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await node(page, "b04").click();
    await page.getByTestId("tab-inspector").click();
    const button = page.getByTestId("export-mef");
    expect(await button.textContent()).toContain("Open-PSA MEF");
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 60_000 }),
      button.click(),
    ]);
    expect(download.suggestedFilename()).toBe("unusable_b04.xml");
    const xml = readFileSync(await download.path(), "utf8");
    expect(xml).toContain("<opsa-mef>");
    expect(xml).toContain("<define-fault-tree");
    expect(xml).toContain("</opsa-mef>");
    // a component that is not a charger site has no fault tree to export
    await node(page, "telnova").click();
    await expect.poll(() => page.getByTestId("whatif-down").count()).toBe(1);
    expect(await page.getByTestId("export-mef").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
