import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANALYSIS_TIMEOUT_MS,
  chooseView,
  headline,
  inspectComponent,
  kwOf,
  launchBrowser,
  modelRevision,
  nodeOf,
  openApp,
  openTab,
  type Session,
  selectComponent,
  setField,
  waitForAnalysis,
  waitForText,
} from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

/** Fill colour of a node's box (the overlay colours it by risk once results arrive). */
const fillOf = (page: Page, id: string) =>
  nodeOf(page, id)
    .locator(".seams-node")
    .evaluate((el) => getComputedStyle(el).backgroundColor);

describe("live analysis", () => {
  it("analyses the reference ecosystem on load: headline figures with intervals, overlay, convergence", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    await waitForAnalysis(page, { until: "shown" });
    // the card's figure (its label names the total it is a rate of: "of all 14.9 MW")
    expect((await headline(page, "unusable-kw")).value).toMatch(/kW|MW/);
    // an interval is shown for every headline
    for (const id of [
      "headline-unusable-kw",
      "headline-systemic",
      "headline-phantom",
      "headline-seam-share",
    ]) {
      expect(await page.getByTestId(id).textContent()).toMatch(/–|\u2013|\[/);
    }
    // nodes are coloured by risk (white before any result; the canvas draws them a chunk a frame)
    await expect.poll(() => fillOf(page, "csms-a").catch(() => "")).not.toBe("rgb(255, 255, 255)");
    // the run converges or exhausts its budget
    await waitForAnalysis(page);
    expect(await page.getByTestId("convergence").getAttribute("data-converged")).toBe("true");
    // the per-charger table lists the sites
    expect(await page.getByTestId("charger-table").locator("tbody tr").count()).toBeGreaterThanOrEqual(6);
    // the reference's five signal chains, each with its latency, lateness and loss
    expect(await page.getByTestId("chain-table").locator("tbody tr").count()).toBe(5);
    expect(await page.getByTestId("chain-table").textContent()).toContain("OSCP");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an edit re-runs the analysis; the dashboards view recolours the canvas", async () => {
    const { page } = await openApp(session.context, "", 40);
    /** Set a component's availability to 50 % and wait for the first numbers of the edited model. */
    const halve = async (id: string) => {
      await inspectComponent(page, id);
      const field = page.getByTestId("inspector").getByTestId("field-availability");
      const revision = await modelRevision(page);
      await setField(
        page,
        "availability",
        await field.evaluate((el) => ((el as HTMLInputElement).placeholder.includes("%") ? "50" : "0.5")),
      );
      await openTab(page, "results");
      await waitForAnalysis(page, { until: "shown", newerThan: revision });
    };
    await openTab(page, "results");
    await waitForAnalysis(page, { until: "shown" });
    const before = (await headline(page, "unusable-kw")).value;
    // take a CSMS down to 50 % availability: unusable kW must rise. Ampere's: Voltline's chargers
    // accept any ID from cache while their CSMS is away (fail-open), so csms-a alone moves no kW
    await halve("csms-b");
    const after = (await headline(page, "unusable-kw")).value;
    expect(after).not.toBe(before);
    expect(kwOf(after)).toBeGreaterThan(kwOf(before));
    // selecting a node shows its numbers
    await halve("csms-a");
    await inspectComponent(page, "csms-a");
    await page.getByTestId("selection-stats").waitFor();
    // dashboards view: a different colouring of the same node
    const trueFill = await fillOf(page, "csms-a");
    await chooseView(page, "What dashboards show");
    await expect.poll(() => fillOf(page, "csms-a")).not.toBe(trueFill);
    await page.close();
  });

  it("the coupling view colours by blast radius and labels betweenness; the model's coupling is summarised", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    // the coupling metrics come from a worker of their own
    const summary = page.getByTestId("coupling-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Integrations");
    // the reference: 120 integrations of which 96 are seams (networkx-checked in the unit tests)
    expect(await summary.textContent()).toContain("96 (80.0 %)");
    // who loses charging when whose component fails: Voltline's own failures cost Voltline charging
    const matrix = page.getByTestId("responsibility-matrix");
    expect(await matrix.textContent()).toContain("Voltline");
    expect(await matrix.locator("td[style]").count()).toBeGreaterThan(0);
    // the component × component matrix: one mark per depending pair (the reference has 41 components)
    expect(await page.getByTestId("component-dsm").locator("rect[fill='#1e3a8a']").count()).toBeGreaterThan(
      20,
    );
    await chooseView(page, "Coupling");
    expect(await page.getByTestId("legend").textContent()).toContain("lost if it alone fails");
    // the hub's label carries its betweenness; TapPay (a single point of failure) is badged
    // (the canvas redraws its nodes a chunk a frame: each node is waited for, not read at once)
    await waitForText(nodeOf(page, "hub"), /b 0\.\d\d/);
    await nodeOf(page, "tappay").getByTestId("badge-spof").waitFor();
    expect(await nodeOf(page, "tappay").getByTestId("badge-spof").count()).toBe(1);
    // a charger's own blast radius is small, a shared payment provider's is most of the network
    await waitForText(nodeOf(page, "a01"), /b 0\.\d\d/);
    await expect.poll(async () => (await fillOf(page, "tappay")) !== (await fillOf(page, "a01"))).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the security view names the weakest entry; hardening it shows the change against before", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    // the attack run starts once the reliability run has shown its first numbers
    const entries = page.getByTestId("security-entries");
    await waitForText(entries, /Voltline CSMS/);
    // streamed batch by batch from the worker (8,192 trials a batch): the first batch or the budget
    const trials = Number(
      (await page.getByTestId("security-trials").textContent())?.replace(/[^\d]/g, "").trim() || Number.NaN,
    );
    expect(trials).toBeGreaterThanOrEqual(1000);
    await chooseView(page, "Security");
    expect(await page.getByTestId("legend").textContent()).toContain("compromised");
    await waitForText(nodeOf(page, "csms-a"), /entry/);
    // the most frequent attack path to a selected charger is named and drawn on the canvas
    await selectComponent(page, "a04");
    await waitForText(page.getByTestId("attack-path"), /Most frequent attack path/);
    await page.getByTestId("attack-path-link").first().waitFor({ state: "attached" });
    await openTab(page, "results");
    const before = kwOf(await page.getByTestId("controllable-kw").locator("strong").textContent());
    await page.getByTestId("harden-entry").click();
    const delta = page.getByTestId("harden-delta");
    await waitForText(delta, /controllable .+ → .+;/);
    const after = kwOf(await page.getByTestId("controllable-kw").locator("strong").textContent());
    expect(Number.isFinite(before) && Number.isFinite(after)).toBe(true);
    // fewer chargers fall within the horizon once the way in is hardened
    expect(after).toBeLessThan(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the interoperability sweep plots the figures against the number of roaming hubs", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTab(page, "results");
    const panel = page.getByTestId("sweep-panel");
    await panel.getByTestId("sweep-component").selectOption("hub");
    await panel.getByTestId("sweep-max").fill("3");
    await panel.getByTestId("sweep-run").click();
    // one analysis per N: the whole budget of a run for the three
    await panel.getByTestId("sweep-charts").waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    // one point per N on every chart
    expect(await panel.getByTestId("sweep-chart-unusable").locator("circle").count()).toBe(3);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: "docs/sweep.png" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
