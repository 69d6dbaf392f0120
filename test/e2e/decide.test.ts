/**
 * "What to fix first" in the app (SPEC §6, issue 7): the ranked fixes and Apply/undo, a what-if
 * against the baseline on the same random numbers, and the Open-PSA MEF download — real workers.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ANALYSIS_TIMEOUT_MS,
  downloadOf,
  exportFile,
  inspectComponent,
  kwOf,
  launchBrowser,
  nodeOf,
  openApp,
  openTab,
  type Session,
  selectComponent,
  waitForText,
} from "./browser.ts";

// a fresh profile per test: each starts from the reference ecosystem, whatever the others edited
let session: Session;
beforeEach(async () => {
  session = await launchBrowser();
});
afterEach(async () => {
  await session?.close();
});

/** Both ends of "95 % CI +2.51 MW – +2.53 MW" in kW. */
const intervalOf = (text: string | null) => (text ?? "").replace(/^.*CI/, "").split(" – ").map(kwOf);

const node = nodeOf;

describe("what to fix first", () => {
  it("ranks the fixes by kW saved, exact where it can; Apply adds the twin and undo removes it", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    await page.getByTestId("fixfirst-toggle").click();
    await waitForText(page.getByTestId("fixfirst-status"), /Ranking/);
    const rows = page.getByTestId("fixfirst-row");
    await rows.first().waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    await waitForText(page.getByTestId("fixfirst-baseline"), /unusable charging now: [\d.]+ (kW|MW)/);
    // the head of the ranking first, all of it on request
    const head = await rows.count();
    await page.getByTestId("fixfirst-more").click();
    await expect.poll(() => rows.count()).toBeGreaterThan(head);

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
    // what drivers gain: its own table, in percentage points of demand success, ranked
    const driverGains = await page
      .getByTestId("fixfirst-driver-row")
      .evaluateAll((trs) =>
        trs.map((tr) => tr.querySelectorAll("td")[1]?.firstElementChild?.textContent ?? ""),
      );
    expect(driverGains.length).toBeGreaterThan(0);
    expect(driverGains.every((text) => / pp$/.test(text))).toBe(true);
    // the importance behind the ranking, with its method: exact on the (acyclic) reference
    expect(await page.getByTestId("importance-method").textContent()).toMatch(/^Exact: .*BDD/);
    const importance = page.getByTestId("importance-row");
    await expect.poll(() => importance.count()).toBe(10);
    const kwSaved = await importance.evaluateAll((trs) =>
      trs.map((tr) => tr.querySelectorAll("td")[1]?.textContent ?? ""),
    );
    const kws = kwSaved.map(kwOf);
    for (let i = 1; i < kws.length; i++) expect(kws[i]).toBeLessThanOrEqual(kws[i - 1]);
    // the report carries the ranking of the model as it is
    const html = (await exportFile(page, "export-report")).bytes.toString("utf8");
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
      .poll(() => baseline.textContent({ timeout: 1000 }).catch(() => oldText), {
        timeout: ANALYSIS_TIMEOUT_MS,
      })
      .not.toBe(oldText);
    const oldKw = kwOf(oldText);
    const newKw = kwOf(await baseline.textContent());
    expect(newKw).toBeLessThan(oldKw);
    // the baseline shown is the live analysis's Monte-Carlo figure (one baseline across panels,
    // issue 18), within a few kW of the exact one at convergence
    if (top.method === "exact") expect(Math.abs(oldKw - kwOf(top.saved) - newKw)).toBeLessThan(5);
    await page.getByTestId("undo").click();
    await node(page, twin).waitFor({ state: "detached" });
    expect(await page.locator(".react-flow__node").count()).toBe(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("a row selects the component it changes", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    await page.getByTestId("fixfirst-toggle").click();
    const row = page.locator('[data-testid="fixfirst-row"][data-kind="redundant"]').first();
    await row.waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    const target = (await row.getAttribute("data-target")) ?? "";
    await row.locator("td").first().click();
    await node(page, target).locator(".seams-node.selected").waitFor();
    // the inspector shows it (by name: its id is only in the header's tooltip since issue 18)
    await page.getByTestId("inspector").locator(`[title*="${target}"]`).first().waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("what if", () => {
  it("forcing the telecom down raises unusable charging, with a paired interval; clear removes it", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await inspectComponent(page, "telnova");
    await page.getByTestId("whatif-down").click();
    const panel = page.getByTestId("whatif-panel");
    await panel.waitFor();
    expect(await page.getByTestId("whatif-spec").textContent()).toContain("down");
    // the forced component is marked on the canvas at once
    await waitForText(node(page, "telnova").getByTestId("badge-whatif"), "down");

    const unusable = page.getByTestId("whatif-unusable-kw");
    await unusable.waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
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
    await node(page, worst).locator(".seams-node.whatif-worse").waitFor();

    await page.getByTestId("whatif-clear").click();
    await panel.waitFor({ state: "detached" });
    await node(page, "telnova").getByTestId("badge-whatif").waitFor({ state: "detached" });
    await expect
      .poll(() => node(page, worst).locator(".seams-node").getAttribute("class"))
      .not.toContain("whatif");
    expect(errors).toEqual([]);
    await page.close();
  });
  it("an organisation offline is a what-if too; removing the organisation ends it", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "orgs");
    await page.getByTestId("whatif-org-voltline").click();
    expect(await page.getByTestId("whatif-spec").textContent()).toMatch(/offline$/);
    // every Voltline component is forced down on the canvas
    await node(page, "csms-a").getByTestId("badge-whatif").waitFor();
    const unusable = page.getByTestId("whatif-unusable-kw");
    await unusable.waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    expect(kwOf(await unusable.getByTestId("whatif-change").textContent())).toBeGreaterThan(0);
    // the edit leaves nothing to force: the what-if is cleared, not run on a model without it
    await page.getByTestId("remove-org-voltline").click();
    await page.getByTestId("whatif-panel").waitFor({ state: "detached" });
    await expect.poll(() => page.locator('[data-testid="badge-whatif"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("Open-PSA export", () => {
  it("downloads a charger site's fault tree as MEF XML", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await inspectComponent(page, "b04");
    const button = page.getByTestId("export-mef");
    expect(await button.textContent()).toContain("Open-PSA MEF");
    const download = await downloadOf(page, () => button.click());
    expect(download.name).toBe("unusable_b04.xml");
    const xml = download.bytes.toString("utf8");
    expect(xml).toContain("<opsa-mef>");
    expect(xml).toContain("<define-fault-tree");
    expect(xml).toContain("</opsa-mef>");
    // a component that is not a charger site has no fault tree to export
    await selectComponent(page, "telnova");
    await page.getByTestId("whatif-down").waitFor();
    expect(await page.getByTestId("export-mef").count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
