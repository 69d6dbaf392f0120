import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  downloadModel,
  modelFileName,
  modelToText,
  readModelFile,
  slugOf,
  startReadingFile,
} from "../../src/io/file.ts";
import { MAX_FILE_BYTES, type Model, parseModelText } from "../../src/model/index.ts";
import type { ReadProgress } from "../../workers/parse-client.ts";

const read = (file: string) =>
  readFileSync(new URL(`../../public/templates/${file}`, import.meta.url), "utf8");

function model(file: string): Model {
  const result = parseModelText(read(file));
  if (!result.ok) throw new Error(`${file} is invalid`);
  return result.model;
}

describe("modelToText", () => {
  it.each(["hello.seams.json", "reference.seams.json", "p2p-mesh.seams.json"])(
    "round-trips %s through parseModelText identically",
    (file) => {
      const m = model(file);
      expect(parseModelText(modelToText(m))).toEqual({ ok: true, model: m });
    },
  );

  it("writes keys in schema order whatever order they came in", () => {
    const m = model("hello.seams.json");
    const reversed = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reversed);
      if (typeof value !== "object" || value === null) return value;
      return Object.fromEntries(
        Object.entries(value)
          .reverse()
          .map(([k, v]) => [k, reversed(v)]),
      );
    };
    const reordered = reversed(m) as Model;
    expect(Object.keys(reordered)[0]).toBe("settings");
    const text = modelToText(reordered);
    expect(text).toBe(modelToText(m));
    expect(text.indexOf('"schema"')).toBeLessThan(text.indexOf('"name"'));
    expect(text).toContain('{ "id": "site", "type": "charger", "name": "Motorway services"');
  });

  it("is stable: the generated templates are exactly modelToText of themselves", () => {
    for (const file of ["reference.seams.json", "p2p-mesh.seams.json"]) {
      expect(modelToText(model(file))).toBe(read(file));
    }
  });
});

describe("file names", () => {
  it("slugs the model's name", () => {
    expect(slugOf("Reference ecosystem: two operators, one roaming hub")).toBe(
      "reference-ecosystem-two-operators-one-roaming-hub",
    );
    expect(slugOf("Ströme & Säulen")).toBe("strome-saulen");
    expect(slugOf("***")).toBe("model");
    expect(modelFileName(model("hello.seams.json"))).toBe("hello-seams.seams.json");
  });
});

describe("readModelFile", () => {
  it("reads and validates a model file", async () => {
    const file = new File([read("hello.seams.json")], "hello.seams.json");
    const result = await readModelFile(file);
    expect(result.ok).toBe(true);
  });

  it("refuses a file over 20 MB before reading it", async () => {
    const file = new File([new Uint8Array(MAX_FILE_BYTES + 1)], "huge.seams.json");
    const result = await readModelFile(file);
    expect(result).toEqual({
      ok: false,
      issues: [{ path: "(file)", message: '"huge.seams.json" is 20.0 MB; the limit is 20 MB' }],
    });
  });

  it("names the problem in a broken file", async () => {
    const result = await readModelFile(new File(['{"schema": "seams/1",'], "broken.json"));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues[0].message).toMatch(/not valid JSON/);
  });
});

describe("startReadingFile (the page reads in a worker; here, without workers, in this thread)", () => {
  it("reports reading, parsing and validating with the counts, then the model", async () => {
    const reference = model("reference.seams.json");
    const phases: ReadProgress[] = [];
    const job = startReadingFile(new File([read("reference.seams.json")], "ref.seams.json"), (p) =>
      phases.push(p),
    );
    expect(await job.done).toEqual({ ok: true, model: reference });
    expect(phases.map((p) => p.phase)).toEqual(["reading", "parsing", "validating"]);
    expect(phases[2].counts).toEqual({
      components: reference.components.length,
      links: reference.links.length,
      scenarios: reference.scenarios?.length ?? 0,
    });
  });

  it("refuses a file over 20 MB before reading it, naming the file", async () => {
    const phases: string[] = [];
    const job = startReadingFile(new File([new Uint8Array(MAX_FILE_BYTES + 1)], "huge.seams.json"), (p) =>
      phases.push(p.phase),
    );
    expect(await job.done).toEqual({
      ok: false,
      issues: [{ path: "(file)", message: '"huge.seams.json" is 20.0 MB; the limit is 20 MB' }],
    });
    expect(phases).toEqual([]);
  });

  it("validates without counts when the text is not JSON, with parseModelText's message", async () => {
    const phases: ReadProgress[] = [];
    const job = startReadingFile(new File(['{"schema": "seams/1",'], "broken.json"), (p) => phases.push(p));
    const result = await job.done;
    expect(result !== "cancelled" && !result.ok && result.issues[0].message).toMatch(/not valid JSON/);
    expect(phases.at(-1)).toEqual({ phase: "validating", bytes: 21, counts: undefined });
  });
});

describe("downloadModel", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it("downloads the model's text as <slug>.seams.json", async () => {
    const anchor = {
      href: "",
      download: "",
      rel: "",
      style: { display: "" },
      click: vi.fn(),
      remove: vi.fn(),
    };
    const append = vi.fn();
    vi.stubGlobal("document", { createElement: () => anchor, body: { append } });
    let blob: Blob | undefined;
    vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      blob = b as Blob;
      return "blob:seams-test";
    });
    const m = model("hello.seams.json");
    downloadModel(m);
    expect(anchor).toMatchObject({ href: "blob:seams-test", download: "hello-seams.seams.json" });
    expect(append).toHaveBeenCalledWith(anchor);
    expect(anchor.click).toHaveBeenCalledOnce();
    expect(await blob?.text()).toBe(modelToText(m));
  });
});
