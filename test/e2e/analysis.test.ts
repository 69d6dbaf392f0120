import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openApp, type Session } from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

/** Fill colour of a node's box (the overlay colours it by risk once results arrive). */
/** "12.5 MW" / "900 kW" → kW. */
const kwOf = (text: string | null) => {
  const m = /([\d.,]+)\s*(MW|kW)/.exec(text ?? "");
  return m ? Number.parseFloat(m[1].replace(/,/g, "")) * (m[2] === "MW" ? 1000 : 1) : Number.NaN;
};
const fillOf = (page: import("playwright-core").Page, id: string) =>
  page
    .locator(`.react-flow__node[data-id="${id}"] .seams-node`)
    .evaluate((el) => getComputedStyle(el).backgroundColor);

describe("live analysis", () => {
  it("analyses the reference ecosystem on load: headline figures with intervals, overlay, convergence", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    const headline = page.getByTestId("headline-unusable-kw");
    await headline.waitFor({ timeout: 60_000 });
    await expect.poll(() => headline.textContent()).toMatch(/kW/);
    // an interval is shown for every headline
    for (const id of [
      "headline-unusable-kw",
      "headline-systemic",
      "headline-phantom",
      "headline-seam-share",
    ]) {
      await expect.poll(() => page.getByTestId(id).textContent()).toMatch(/–|\u2013|\[/);
    }
    // nodes are coloured by risk (white before any result)
    await expect.poll(() => fillOf(page, "csms-a").catch(() => "")).not.toBe("rgb(255, 255, 255)");
    // the run converges or exhausts its budget
    await expect
      .poll(() => page.getByTestId("convergence").getAttribute("data-converged"), { timeout: 120_000 })
      .toBe("true");
    // the per-charger table lists the sites
    expect(await page.getByTestId("charger-table").locator("tbody tr").count()).toBeGreaterThanOrEqual(6);
    // the reference's five signal chains, each with its latency, lateness and loss
    await expect.poll(() => page.getByTestId("chain-table").locator("tbody tr").count()).toBe(5);
    expect(await page.getByTestId("chain-table").textContent()).toContain("OSCP");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("an edit re-runs the analysis; the dashboards view recolours the canvas", async () => {
    const { page } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    await page.getByTestId("headline-unusable-kw").waitFor({ timeout: 60_000 });
    const before = await page.getByTestId("headline-unusable-kw").textContent();
    // take the first CSMS down to 50 % availability: unusable kW must rise
    await page.locator('.react-flow__node[data-id="csms-a"]').click();
    await page.getByTestId("tab-inspector").click();
    const field = page.getByTestId("inspector").getByTestId("field-availability");
    await field.fill(
      await field.evaluate((el) => ((el as HTMLInputElement).placeholder.includes("%") ? "50" : "0.5")),
    );
    await field.press("Enter");
    await page.getByTestId("tab-results").click();
    await expect
      .poll(() => page.getByTestId("headline-unusable-kw").textContent(), { timeout: 60_000 })
      .not.toBe(before);
    // selecting a node shows its numbers
    await page.locator('.react-flow__node[data-id="csms-a"]').click();
    await page.getByTestId("tab-inspector").click();
    await expect.poll(() => page.getByTestId("selection-stats").count()).toBe(1);
    // dashboards view: a different colouring of the same node
    const trueFill = await fillOf(page, "csms-a");
    await page.getByTestId("mode-toggle").getByText("What dashboards show").click();
    await expect.poll(() => fillOf(page, "csms-a")).not.toBe(trueFill);
    await page.close();
  });

  it("the coupling view colours by blast radius and labels betweenness; the model's coupling is summarised", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    await expect.poll(() => page.getByTestId("coupling-summary").textContent()).toContain("Integrations");
    // the reference: 120 integrations of which 96 are seams (networkx-checked in the unit tests)
    await expect.poll(() => page.getByTestId("coupling-summary").textContent()).toContain("96 (80.0 %)");
    // who loses charging when whose component fails: Voltline's own failures cost Voltline charging
    const matrix = page.getByTestId("responsibility-matrix");
    await expect.poll(() => matrix.textContent()).toContain("Voltline");
    expect(await matrix.locator("td[style]").count()).toBeGreaterThan(0);
    // the component × component matrix: one mark per depending pair (the reference has 41 components)
    expect(await page.getByTestId("component-dsm").locator("rect[fill='#1e3a8a']").count()).toBeGreaterThan(
      20,
    );
    await page.getByTestId("mode-toggle").getByText("Coupling").click();
    await expect.poll(() => page.getByTestId("legend").textContent()).toContain("lost if it alone fails");
    // the hub's label carries its betweenness; TapPay (a single point of failure) is badged
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="hub"]').textContent())
      .toMatch(/b 0\.\d\d/);
    expect(await page.locator('.react-flow__node[data-id="tappay"] [data-testid="badge-spof"]').count()).toBe(
      1,
    );
    // a charger's own blast radius is small, a shared payment provider's is most of the network
    const chargerFill = await fillOf(page, "a01");
    expect(await fillOf(page, "tappay")).not.toBe(chargerFill);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the security view names the weakest entry; hardening it shows the change against before", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    const entries = page.getByTestId("security-entries");
    await expect.poll(() => entries.textContent(), { timeout: 60_000 }).toContain("Voltline CSMS");
    // streamed batch by batch from the worker (8,192 trials a batch): the first batch or the budget
    const trials = Number(
      (await page.getByTestId("security-trials").textContent())?.replace(/[^\d]/g, "").trim() || Number.NaN,
    );
    expect(trials).toBeGreaterThanOrEqual(1000);
    await page.getByTestId("mode-toggle").getByText("Security").click();
    await expect.poll(() => page.getByTestId("legend").textContent()).toContain("compromised");
    await expect
      .poll(() => page.locator('.react-flow__node[data-id="csms-a"]').textContent())
      .toContain("entry");
    // the most frequent attack path to a selected charger is named and drawn on the canvas
    await page.locator('.react-flow__node[data-id="a04"]').click();
    await expect
      .poll(() => page.getByTestId("attack-path").textContent(), { timeout: 60_000 })
      .toContain("Most frequent attack path");
    await expect.poll(() => page.getByTestId("attack-path-link").count()).toBeGreaterThan(0);
    await page.getByTestId("tab-results").click();
    const before = kwOf(await page.getByTestId("controllable-kw").locator("strong").textContent());
    await page.getByTestId("harden-entry").click();
    const delta = page.getByTestId("harden-delta");
    await expect.poll(() => delta.textContent(), { timeout: 60_000 }).toMatch(/controllable .+ → .+;/);
    const after = kwOf(await page.getByTestId("controllable-kw").locator("strong").textContent());
    expect(Number.isFinite(before) && Number.isFinite(after)).toBe(true);
    // fewer chargers fall within the horizon once the way in is hardened
    expect(after).toBeLessThan(before);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("the interoperability sweep plots the figures against the number of roaming hubs", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("tab-results").click();
    const panel = page.getByTestId("sweep-panel");
    await panel.getByTestId("sweep-component").selectOption("hub");
    await panel.getByTestId("sweep-max").fill("3");
    await panel.getByTestId("sweep-run").click();
    await panel.getByTestId("sweep-charts").waitFor({ timeout: 120_000 });
    // one point per N on every chart
    expect(await panel.getByTestId("sweep-chart-unusable").locator("circle").count()).toBe(3);
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: "docs/sweep.png" });
    expect(errors).toEqual([]);
    await page.close();
  });
});
