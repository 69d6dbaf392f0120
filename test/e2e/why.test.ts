/**
 * Why, cascade replay and nested subsystems (issue 8) in the app, with its real workers: the why
 * panel names the worst site's top minimal cut sets exactly; a replayed phantom ends on the viewer
 * that showed the site available while it could not charge; grouping changes no figure.
 */
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cutSets } from "../../src/engine/cutsets.ts";
import type { Model } from "../../src/model/schema.ts";
import { parseModelText } from "../../src/model/validate.ts";
import { templateText } from "../fixtures/templates.ts";
import {
  ANALYSIS_TIMEOUT_MS,
  exportFile,
  inspectComponent,
  launchBrowser,
  nodeOf,
  openApp,
  openTab,
  type Session,
  selectComponent,
  waitForAnalysis,
  waitForText,
} from "./browser.ts";

let session: Session;
beforeEach(async () => {
  session = await launchBrowser();
});
afterEach(async () => {
  await session?.close();
});

function reference(): Model {
  const parsed = parseModelText(templateText("reference.seams.json"));
  if (!parsed.ok) throw new Error("the reference template does not validate");
  return parsed.model;
}

/** A component, common cause or link as a person reads it (links: "from → to" by name). */
function nameOf(model: Model, id: string): string {
  const name = (c: string) => model.components.find((x) => x.id === c)?.name ?? c;
  if (model.components.some((c) => c.id === id)) return name(id);
  const cause = model.commonCauses.find((cc) => cc.id === id);
  if (cause) return cause.name;
  const link = model.links.find((l) => l.id === id);
  return link ? `${name(link.from)} → ${name(link.to)}` : id;
}

const node = nodeOf;

/** Open the Results tab and wait until the analysis of the model on the canvas has converged. */
async function converged(page: Page): Promise<void> {
  await openTab(page, "results");
  await waitForAnalysis(page);
  expect(await page.getByTestId("convergence").getAttribute("data-converged")).toBe("true");
}

/** The node of component `id` carries the why mark `mark` (`data-why`). */
const markedAs = (page: Page, id: string, mark: string) =>
  node(page, id).locator(`.seams-node[data-why="${mark}"]`).waitFor();

const headlines = (page: Page) =>
  page
    .locator('[data-testid^="headline-"]')
    .evaluateAll((els) => els.map((e) => `${e.getAttribute("data-testid")}: ${e.textContent}`));

describe("why", () => {
  it("names the worst charger site's top minimal cut sets, exactly, and marks them on the canvas", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await converged(page);
    // the table is sorted by P(unusable): its first row is the worst site
    const first = page.locator('[data-testid="charger-table"] tbody tr').first();
    const worst = (await first.getAttribute("data-id")) ?? "";
    expect(worst).toMatch(/^[ab]\d\d$/);
    await first.getByTestId("charger-why").click();
    const panel = page.getByTestId("why-panel");
    await panel.waitFor();
    const model = reference();
    expect(await page.getByTestId("why-subject").textContent()).toBe(nameOf(model, worst));
    const rows = page.getByTestId("why-cutset");
    await rows.nth(2).waitFor();
    expect(await page.getByTestId("why-method").textContent()).toMatch(/^Exact/);

    const expected = cutSets(model, worst).cutSets.slice(0, 3);
    expect(expected.length).toBe(3);
    for (let i = 0; i < 3; i++) {
      const row = rows.nth(i);
      expect(await row.getAttribute("data-events")).toBe(expected[i].events.map((e) => e.name).join(","));
      const words = expected[i].phrases.map((p) => p.text.replace(p.of, nameOf(model, p.of))).join(" and ");
      expect(await row.getByTestId("why-words").textContent()).toBe(words);
      // names, not ids
      expect(words).not.toContain(`${expected[i].phrases[0].of} `);
    }
    // the top one is chosen: its components are marked on the canvas
    const topComponents = expected[0].events
      .map((e) => e.of)
      .filter((of) => model.components.some((c) => c.id === of));
    expect(topComponents.length).toBeGreaterThan(0);
    for (const id of topComponents) await markedAs(page, id, "cause");
    // choosing the second moves the marks
    await rows.nth(1).click();
    const second = expected[1].events
      .map((e) => e.of)
      .filter((of) => model.components.some((c) => c.id === of));
    for (const id of second) await markedAs(page, id, "cause");
    await page.getByTestId("why-close").click();
    await panel.waitFor({ state: "detached" });
    await expect.poll(() => page.locator('.seams-node[data-why="cause"]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("replays a phantom step by step, ending on the viewer that showed the site available", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await converged(page);
    const cells = await page.getByTestId("phantom-cell").evaluateAll((els) =>
      els.map((e, i) => ({
        i,
        viewer: e.getAttribute("data-viewer") ?? "",
        charger: e.closest("tr")?.getAttribute("data-id") ?? "",
        p: Number.parseFloat(e.textContent ?? "0"),
      })),
    );
    expect(cells.length).toBeGreaterThan(0);
    const pick = cells.reduce((a, b) => (b.p > a.p ? b : a));
    expect(pick.p).toBeGreaterThan(0);
    await page.getByTestId("phantom-cell").nth(pick.i).click();
    const model = reference();
    const replay = page.getByTestId("replay");
    await replay.waitFor();
    expect(await replay.textContent()).toContain(nameOf(model, pick.viewer));
    const position = page.getByTestId("replay-position");
    await position.waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    const [, step, last] =
      /Step (\d+) of (\d+)/.exec((await position.textContent()) ?? "")?.map(Number) ?? [];
    expect(step).toBe(0);
    expect(last).toBeGreaterThanOrEqual(1);
    // step 0: what failed by itself is marked on the canvas
    expect(await page.locator('.seams-node[data-why="intrinsic"]').count()).toBeGreaterThan(0);
    // → steps forward, ← back
    await page.keyboard.press("ArrowRight");
    await waitForText(position, `Step 1 of ${last}`);
    await page.keyboard.press("ArrowLeft");
    await waitForText(position, `Step 0 of ${last}`);
    for (let s = 1; s <= last; s++) {
      await page.getByTestId("replay-next").click();
      await waitForText(position, `Step ${s} of ${last}`);
      // each wave marks what failed through a link, and the links that carried it
      if (s < last) expect(await page.locator(".seams-edge[data-why]").count()).toBeGreaterThan(0);
    }
    expect(await page.getByTestId("replay-next").isDisabled()).toBe(true);
    const lastStep = page.locator('[data-testid="replay-step"].current');
    expect(await lastStep.textContent()).toContain(
      `${nameOf(model, pick.viewer)} showed it available while it could not charge`,
    );
    await markedAs(page, pick.viewer, "shows-available");
    // the replay's rings and carried links are marks of the moment: a picture leaves them out
    const svg = (await exportFile(page, "export-svg")).bytes.toString("utf8");
    expect(svg).toContain(nameOf(model, pick.viewer));
    expect(svg).not.toMatch(
      /data-why|\bwhy-(?:intrinsic|failed|carried|seam|shows-available|outcome)\b|seams-why-link/,
    );
    expect(await page.locator(".seams-node[data-why]").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("why compromised", () => {
  it("gives the most frequent attack path to a site as steps from the internet", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByRole("button", { name: "Security" }).click();
    await inspectComponent(page, "b04");
    await page.getByTestId("why-compromised").click();
    const steps = page.getByTestId("why-attack-steps").locator("li");
    await steps.first().waitFor({ timeout: ANALYSIS_TIMEOUT_MS });
    expect(await steps.first().textContent()).toMatch(/^The attacker enters .+ from the internet$/);
    const model = reference();
    // the last step reaches the site, and the path is drawn on the canvas
    const last = (await steps.last().textContent()) ?? "";
    if ((await steps.count()) > 1) expect(last).toContain(`to ${nameOf(model, "b04")} over`);
    await expect.poll(() => page.getByTestId("attack-path-link").count()).toBe((await steps.count()) - 1);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("nested subsystems", () => {
  it("grouping a CSMS and three of its sites, closing and opening it again leaves every figure unchanged", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await converged(page);
    const before = await headlines(page);
    // the headline cards (the driver's view and the site figures): every one of them must come back
    expect(before.length).toBeGreaterThanOrEqual(5);
    const members = ["csms-a", "a01", "a02", "a03"];
    const total = await page.locator(".react-flow__node").count();

    await selectComponent(page, members[0]);
    for (const id of members.slice(1)) await selectComponent(page, id, ["Control"]);
    await openTab(page, "inspector");
    await page.getByTestId("group-create").click();
    const frame = page.getByTestId("group-frame");
    await frame.waitFor();
    expect(await frame.textContent()).toContain("Voltline Charging (CPO A)");

    // closed: one node instead of four, the links to its members drawn to it, none inside it
    await page.getByTestId("group-close").click();
    const groupNode = page.getByTestId("group-node");
    await groupNode.waitFor();
    expect(await frame.count()).toBe(0);
    for (const id of members) expect(await node(page, id).count()).toBe(0);
    expect(await page.locator(".react-flow__node").count()).toBe(total - members.length + 1);
    const groupId = `group:${(await groupNode.getAttribute("data-group")) ?? ""}`;
    const touching = await page
      .locator(`.react-flow__edge[data-id^="grouped:"]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute("data-id") ?? ""));
    expect(touching.length).toBeGreaterThan(0);
    for (const id of touching) expect(id.includes(groupId)).toBe(true);
    expect(new Set(touching).size).toBe(touching.length);
    // (the figures of the model as it is now: a regrouping keeps the result, a new run would match)
    await converged(page);
    expect(await headlines(page)).toEqual(before);

    // open again: the members are back, framed; still the same figures
    await groupNode.getByTestId("group-open").click();
    await frame.waitFor();
    for (const id of members) await node(page, id).waitFor();
    expect(await page.locator(".react-flow__node").count()).toBe(total + 1);
    await converged(page);
    expect(await headlines(page)).toEqual(before);

    // undo: open → closed → ungrouped
    await page.getByTestId("undo").click();
    await groupNode.waitFor();
    await page.getByTestId("undo").click();
    await frame.waitFor();
    await page.getByTestId("undo").click();
    await frame.waitFor({ state: "detached" });
    expect(await groupNode.count()).toBe(0);
    expect(await page.locator(".react-flow__node").count()).toBe(total);
    await converged(page);
    expect(await headlines(page)).toEqual(before);
    expect(errors).toEqual([]);
    await page.close();
  });
});
