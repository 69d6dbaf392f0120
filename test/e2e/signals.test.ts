/**
 * Signals and decisions in the app (issue 6): derived chains added and charted, a chain lit up on
 * the canvas, decision points with the staleness of their inputs, and Perrow's chart placing the
 * model among its templates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  launchBrowser,
  modelRevision,
  openApp,
  openTab,
  type Session,
  selectComponent,
  waitForAnalysis,
} from "./browser.ts";

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
    await openTab(page, "results");
    await waitForAnalysis(page, { until: "shown" });
    expect(await page.getByTestId("chain-table").locator("tbody tr").count()).toBe(5);
    const revision = await modelRevision(page);
    await page.getByTestId("derive-chains").click();
    // up to 24 derived status chains join the reference's five (the drawn ones are not repeated)
    await waitForAnalysis(page, { until: "shown", newerThan: revision });
    expect(await page.getByTestId("chain-table").locator("tbody tr").count()).toBeGreaterThan(5);
    const row = page.locator('[data-testid^="chain-row-derived-status-"]').first();
    await row.waitFor();
    await row.click();
    await page.getByTestId("chain-chart").waitFor();
    expect(await page.getByTestId("chain-chart").locator("rect").count()).toBeGreaterThan(1);
    // the chain's components are selected on the canvas (lit up), every one on its path
    const path = ((await row.locator("td").first().getAttribute("title")) ?? "").split(" → ");
    expect(path.length).toBeGreaterThanOrEqual(2);
    await page.locator(`.react-flow__node.selected[data-id="${path[0]}"]`).waitFor();
    await expect.poll(() => page.locator(".react-flow__node.selected").count()).toBe(path.length);
    for (const id of path)
      expect(await page.locator(`.react-flow__node.selected[data-id="${id}"]`).count()).toBe(1);
    // decision points: the CSMSs decide authorisation and pricing on inputs that can go stale
    const decisions = page.getByTestId("decision-table");
    await decisions.waitFor();
    expect(await decisions.textContent()).toContain("auth");
    await page.getByTestId("decision-csms-a").locator("td").nth(1).click();
    await decisions.locator("tr.decision-input").nth(3).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it("makes a chain from components clicked on the canvas, in whatever order", async () => {
    const { page } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    await waitForAnalysis(page, { until: "shown" });
    expect(await page.getByTestId("chain-table").locator("tbody tr").count()).toBeGreaterThan(0);
    const before = await page.getByTestId("chain-table").locator("tbody tr").count();
    // nothing selected: a clear message, nothing added
    await page.getByTestId("chain-from-selection").click();
    await page.getByTestId("chain-problem").waitFor();
    for (const id of ["emsp-greenpower", "hub", "b02", "csms-b"]) await selectComponent(page, id, ["Shift"]);
    await openTab(page, "results");
    expect(await page.getByTestId("chain-from-selection").textContent()).toContain("(4)");
    const revision = await modelRevision(page);
    await page.getByTestId("chain-from-selection").click();
    // the new chain's row comes with the first numbers of the run that includes it
    await waitForAnalysis(page, { until: "shown", newerThan: revision });
    expect(await page.getByTestId("chain-table").locator("tbody tr").count()).toBe(before + 1);
    const row = page.locator('[data-testid="chain-row-chain-b02-emsp-greenpower"]');
    await row.waitFor();
    expect(await row.locator("td").first().getAttribute("title")).toBe(
      "b02 → csms-b → hub → emsp-greenpower",
    );
    await page.close();
  });

  it("places the model on the complexity/coupling chart next to its templates", async () => {
    const { page } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    const chart = page.getByTestId("complexity-chart");
    await chart.waitFor();
    // the model and its three templates, each placed once its coupling is computed
    await chart.locator("g[data-label]").nth(3).waitFor();
    expect(await chart.locator("g[data-label]").count()).toBe(4);
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
