import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  editModel,
  inspectComponent,
  launchBrowser,
  nodeOf,
  openApp,
  openTab,
  openTemplate,
  type Session,
  saveModel,
  setField,
  waitForCanvasAtRest,
  waitForNodeCount,
} from "./browser.ts";

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

const saved = (page: Page) => saveModel<SavedModel>(page);
const node = nodeOf;
/** Type `value` into a field and commit it with Enter. */
const commit = async (field: Locator, value: string) => {
  await field.fill(value);
  await field.press("Enter");
};

describe("editing", () => {
  it("adds from the palette, connects with a protocol, edits a parameter, undoes and redoes", async () => {
    const { page, errors } = await openApp(session.context, "", 40);
    await openTemplate(page, "hello", 5);
    await waitForNodeCount(page, 5);
    const before = await saved(page);

    // add a CSMS from the palette
    await editModel(page, () => page.getByTestId("palette-csms").click());
    await waitForNodeCount(page, 6);
    const added = (await saved(page)).components.find((c) => !before.components.some((b) => b.id === c.id));
    expect(added?.type).toBe("csms");
    const newId = added?.id ?? "";

    // connect the charger site to it: drag from the site's connect dot onto the new CSMS
    await page.getByTestId("fit-view").click();
    await waitForCanvasAtRest(page);
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
    await editModel(page, () => page.getByTestId("protocol-option-ocpp201").click());
    const withLinks = await saved(page);
    expect(withLinks.links.length).toBe(before.links.length + 2);
    const links = withLinks.links.filter((l) => l.protocol === "ocpp201" && [l.from, l.to].includes(newId));
    expect(links.map((l) => `${l.from}->${l.to}`).sort()).toEqual(
      [`${newId}->site`, `site->${newId}`].sort(),
    );

    // edit a parameter of the site in the inspector
    await inspectComponent(page, "site");
    await editModel(page, () => setField(page, "units", "12"));
    const unitsOf = async () => (await saved(page)).components.find((c) => c.id === "site")?.units;
    expect(await unitsOf()).toBe(12);

    // undo the edit, then redo it
    await editModel(page, () => page.getByTestId("undo").click());
    expect(await unitsOf()).toBe(before.components.find((c) => c.id === "site")?.units);
    await editModel(page, () => page.getByTestId("redo").click());
    expect(await unitsOf()).toBe(12);

    // undo everything back to the template
    for (let i = 0; i < 3; i++) await editModel(page, () => page.getByTestId("undo").click());
    expect(JSON.stringify(await saved(page))).toBe(JSON.stringify(before));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("invalid input in a field is refused with a message and changes nothing", async () => {
    const { page } = await openApp(session.context, "", 1);
    await openTemplate(page, "hello", 5);
    await inspectComponent(page, "site");
    const before = (await saved(page)).components.find((c) => c.id === "site");
    const field = page.getByTestId("inspector").getByTestId("field-units");
    await field.fill("-3");
    await field.press("Enter");
    await page.getByTestId("field-error-units").waitFor();
    expect((await saved(page)).components.find((c) => c.id === "site")).toEqual(before);
    await page.close();
  });

  it("the time-to-compromise table is editable in the Assumptions panel and refuses nonsense", async () => {
    // whatever model the earlier tests left autosaved: the table belongs to every model
    const { page, errors } = await openApp(session.context, "", 1);
    await openTab(page, "assumptions");
    const token = page.getByTestId("ttc-token");
    await token.fill("-2");
    await token.press("Enter");
    await page.getByTestId("ttc-error-token").waitFor();
    const settingsOf = async () =>
      (
        JSON.parse(JSON.stringify(await saved(page))) as {
          settings: { ttcAuthDays?: Record<string, number> };
        }
      ).settings.ttcAuthDays;
    expect(await settingsOf()).toBeUndefined();
    await editModel(page, () => commit(token, "40"));
    expect(await settingsOf()).toEqual({ token: 40 });
    // back to the estimate: the override is gone from the model
    await editModel(page, () => commit(token, ""));
    expect(await settingsOf()).toBeUndefined();
    // the patch and maturity factors too
    const maturity = page.getByTestId("ttc-maturity-2");
    await editModel(page, () => commit(maturity, "0.9"));
    expect(
      (JSON.parse(JSON.stringify(await saved(page))) as { settings: { ttcMaturityFactors?: unknown } })
        .settings.ttcMaturityFactors,
    ).toEqual({ "2": 0.9 });
    const patch = page.getByTestId("ttc-patch-slower");
    await patch.fill("zero");
    await patch.press("Enter");
    await page.getByTestId("ttc-error-patch-slower").waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });
});
