import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listTemplates, loadTemplate, REFERENCE_TEMPLATE } from "../../src/io/templates.ts";

/** Serve public/ the way the dev server does, at the app's base URL. */
function servePublic() {
  const fetchMock = vi.fn(async (url: string) => {
    const path = url.replace(import.meta.env.BASE_URL, "");
    try {
      return new Response(readFileSync(new URL(`../../public/${path}`, import.meta.url), "utf8"));
    } catch {
      return new Response("not found", { status: 404, statusText: "Not Found" });
    }
  });
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe("templates", () => {
  it("lists every template of the menu, each of which loads and validates", async () => {
    const fetchMock = servePublic();
    const list = await listTemplates();
    if (!list.ok) throw new Error(list.issues[0].message);
    expect(list.templates.map((t) => t.file)).toEqual([
      "reference.seams.json",
      "p2p-mesh.seams.json",
      "hello.seams.json",
    ]);
    for (const t of list.templates) expect((await loadTemplate(t.file)).ok).toBe(true);
    expect(fetchMock).toHaveBeenCalledWith(`${import.meta.env.BASE_URL}templates/index.json`);
  });

  it("loads the reference ecosystem for the first run", async () => {
    servePublic();
    const result = await loadTemplate(REFERENCE_TEMPLATE);
    expect(result.ok && result.model.components.length).toBeGreaterThanOrEqual(40);
  });

  it("refuses a file name with a path in it", async () => {
    const fetchMock = servePublic();
    const result = await loadTemplate("../secrets.json");
    expect(result.ok).toBe(false);
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("reports a missing template with its URL", async () => {
    servePublic();
    const result = await loadTemplate("missing.seams.json");
    expect(result).toEqual({
      ok: false,
      issues: [{ path: "(template)", message: expect.stringMatching(/missing\.seams\.json answered 404/) }],
    });
  });
});
