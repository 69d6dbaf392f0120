/**
 * Signals and decisions in the app (issue 6): derived chains added and charted, a chain lit up on
 * the canvas, decision points with the staleness of their inputs, and Perrow's chart placing the
 * model among its templates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openApp, type Session } from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

describe("signal chains and decision points", () => {
  it("derives status chains, charts one and lights it up on the canvas; lists decision points", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    await expect
      .poll(() => page.getByTestId("chain-table").locator("tbody tr").count(), { timeout: 60_000 })
      .toBe(5);
    await page.getByTestId("derive-chains").click();
    // up to 24 derived status chains join the reference's five (the drawn ones are not repeated)
    await expect
      .poll(() => page.getByTestId("chain-table").locator("tbody tr").count(), { timeout: 60_000 })
      .toBeGreaterThan(5);
    const row = page.locator('[data-testid^="chain-row-derived-status-"]').first();
    await row.waitFor();
    await row.click();
    await page.getByTestId("chain-chart").waitFor();
    expect(await page.getByTestId("chain-chart").locator("rect").count()).toBeGreaterThan(1);
    // the chain's components are selected on the canvas (lit up), every one on its path
    const path = ((await row.locator("td").first().getAttribute("title")) ?? "").split(" → ");
    expect(path.length).toBeGreaterThanOrEqual(2);
    await expect.poll(() => page.locator(".react-flow__node.selected").count()).toBe(path.length);
    for (const id of path)
      expect(await page.locator(`.react-flow__node.selected[data-id="${id}"]`).count()).toBe(1);
    // decision points: the CSMSs decide authorisation and pricing on inputs that can go stale
    const decisions = page.getByTestId("decision-table");
    await decisions.waitFor();
    expect(await decisions.textContent()).toContain("auth");
    await page.getByTestId("decision-csms-a").locator("td").nth(1).click();
    await expect.poll(() => decisions.locator("tr.decision-input").count()).toBeGreaterThan(3);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("makes a chain from components clicked on the canvas, in whatever order", async () => {
    const { page } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    await expect
      .poll(() => page.getByTestId("chain-table").locator("tbody tr").count(), { timeout: 60_000 })
      .toBeGreaterThan(0);
    const before = await page.getByTestId("chain-table").locator("tbody tr").count();
    // nothing selected: a clear message, nothing added
    await page.getByTestId("chain-from-selection").click();
    await page.getByTestId("chain-problem").waitFor();
    for (const id of ["emsp-greenpower", "hub", "b02", "csms-b"]) {
      await page.locator(`.react-flow__node[data-id="${id}"]`).click({ modifiers: ["Shift"] });
    }
    await page.getByTestId("tab-results").click();
    await expect.poll(() => page.getByTestId("chain-from-selection").textContent()).toContain("(4)");
    await page.getByTestId("chain-from-selection").click();
    await expect
      .poll(() => page.getByTestId("chain-table").locator("tbody tr").count(), { timeout: 60_000 })
      .toBe(before + 1);
    const row = page.locator('[data-testid="chain-row-chain-b02-emsp-greenpower"]');
    await row.waitFor({ timeout: 60_000 });
    expect(await row.locator("td").first().getAttribute("title")).toBe(
      "b02 → csms-b → hub → emsp-greenpower",
    );
    await page.close();
  });

  it("places the model on the complexity/coupling chart next to its templates", async () => {
    const { page } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    const chart = page.getByTestId("complexity-chart");
    await chart.waitFor({ timeout: 60_000 });
    await expect.poll(() => chart.locator("g[data-label]").count(), { timeout: 30_000 }).toBe(4);
    const x = async (label: string) =>
      Number(
        /translate\(([\d.]+)/.exec(
          (await chart.locator(`g[data-label="${label}"]`).getAttribute("transform")) ?? "",
        )?.[1],
      );
    // the peer-to-peer mesh has more ways for failures to interact than the hub model
    expect(await x("Peer-to-peer OCPI mesh")).toBeGreaterThan(await x("Reference ecosystem"));
    expect(await page.getByTestId("paths-per-site").textContent()).toMatch(/\d+ per site/);
    await page.close();
  });
});
