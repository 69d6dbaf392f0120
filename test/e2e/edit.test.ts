import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openApp, type Session } from "./browser.ts";

let session: Session;
beforeAll(async () => {
  session = await launchBrowser();
});
afterAll(async () => {
  await session?.close();
});

interface SavedModel {
  components: { id: string; type: string; units?: number }[];
  links: { id: string; from: string; to: string; protocol?: string }[];
}

async function saved(page: Page): Promise<SavedModel> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("save-file").click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), "utf8"));
}

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

describe("editing", () => {
  it("adds from the palette, connects with a protocol, edits a parameter, undoes and redoes", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await page.getByTestId("templates").click();
    await page.getByTestId("template-hello").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(5);
    const before = await saved(page);

    // add a CSMS from the palette
    await page.getByTestId("palette-csms").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(6);
    const added = (await saved(page)).components.find((c) => !before.components.some((b) => b.id === c.id));
    expect(added?.type).toBe("csms");
    const newId = added?.id ?? "";

    // connect the charger site to it: drag from the site's connect dot onto the new CSMS
    await page.getByTestId("fit-view").click();
    await page.waitForTimeout(300);
    // (pointer moves in steps, as a hand does: the drop target appears once the drag has started)
    const from = await node(page, "site").locator(".seams-connect-handle").boundingBox();
    const to = await node(page, newId).boundingBox();
    if (!from || !to) throw new Error("the site's connect dot or the new CSMS is not on screen");
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 12 });
    await page.mouse.move(to.x + to.width / 2 + 3, to.y + to.height / 2 + 2, { steps: 3 });
    await page.mouse.up();
    await page.getByTestId("protocol-picker").waitFor();
    await page.getByTestId("protocol-option-ocpp201").click();
    await expect.poll(async () => (await saved(page)).links.length).toBe(before.links.length + 2);
    const links = (await saved(page)).links.filter(
      (l) => l.protocol === "ocpp201" && [l.from, l.to].includes(newId),
    );
    expect(links.map((l) => `${l.from}->${l.to}`).sort()).toEqual(
      [`${newId}->site`, `site->${newId}`].sort(),
    );

    // edit a parameter of the site in the inspector
    await node(page, "site").click();
    await page.getByTestId("tab-inspector").click();
    const units = page.getByTestId("inspector").getByTestId("field-units");
    await units.fill("12");
    await units.press("Enter");
    const unitsOf = async () => (await saved(page)).components.find((c) => c.id === "site")?.units;
    await expect.poll(unitsOf).toBe(12);

    // undo the edit, then redo it
    await page.getByTestId("undo").click();
    await expect.poll(unitsOf).toBe(before.components.find((c) => c.id === "site")?.units);
    await page.getByTestId("redo").click();
    await expect.poll(unitsOf).toBe(12);

    // undo everything back to the template
    for (let i = 0; i < 3; i++) await page.getByTestId("undo").click();
    await expect.poll(async () => JSON.stringify(await saved(page))).toBe(JSON.stringify(before));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("invalid input in a field is refused with a message and changes nothing", async () => {
    const { page } = await openApp(session.context, "", 1);
    await page.getByTestId("templates").click();
    await page.getByTestId("template-hello").click();
    await expect.poll(() => page.locator(".react-flow__node").count()).toBe(5);
    await node(page, "site").click();
    await page.getByTestId("tab-inspector").click();
    const before = (await saved(page)).components.find((c) => c.id === "site");
    const field = page.getByTestId("inspector").getByTestId("field-units");
    await field.fill("-3");
    await field.press("Enter");
    await expect.poll(() => page.getByTestId("field-error-units").count()).toBe(1);
    expect((await saved(page)).components.find((c) => c.id === "site")).toEqual(before);
    await page.close();
  });

  it("the time-to-compromise table is editable in the Assumptions panel and refuses nonsense", async () => {
    // whatever model the earlier tests left autosaved: the table belongs to every model
    const { page, errors } = await openApp(session.context, "", 1);
    await page.getByTestId("tab-assumptions").click();
    const token = page.getByTestId("ttc-token");
    await token.fill("-2");
    await token.press("Enter");
    await expect.poll(() => page.getByTestId("ttc-error-token").count()).toBe(1);
    const settingsOf = async () =>
      (
        JSON.parse(JSON.stringify(await saved(page))) as {
          settings: { ttcAuthDays?: Record<string, number> };
        }
      ).settings.ttcAuthDays;
    expect(await settingsOf()).toBeUndefined();
    await token.fill("40");
    await token.press("Enter");
    await expect.poll(settingsOf).toEqual({ token: 40 });
    // back to the estimate: the override is gone from the model
    await token.fill("");
    await token.press("Enter");
    await expect.poll(settingsOf).toBeUndefined();
    // the patch and maturity factors too
    const maturity = page.getByTestId("ttc-maturity-2");
    await maturity.fill("0.9");
    await maturity.press("Enter");
    await expect
      .poll(
        async () =>
          (JSON.parse(JSON.stringify(await saved(page))) as { settings: { ttcMaturityFactors?: unknown } })
            .settings.ttcMaturityFactors,
      )
      .toEqual({ "2": 0.9 });
    const patch = page.getByTestId("ttc-patch-slower");
    await patch.fill("zero");
    await patch.press("Enter");
    await expect.poll(() => page.getByTestId("ttc-error-patch-slower").count()).toBe(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
