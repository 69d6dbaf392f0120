import { readFileSync } from "node:fs";
import { deflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeShare, encodeShare, hasShare, shareUrl } from "../../src/io/share.ts";
import { type Model, parseModelText } from "../../src/model/index.ts";

function template(file: string): Model {
  const result = parseModelText(
    readFileSync(new URL(`../../public/templates/${file}`, import.meta.url), "utf8"),
  );
  if (!result.ok) throw new Error(`${file} is invalid`);
  return result.model;
}

const toBase64Url = (bytes: Uint8Array) =>
  Buffer.from(bytes).toString("base64").replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

function issuesOf(link: string) {
  const result = decodeShare(link);
  if (result.ok) throw new Error("expected the link to be refused");
  return result.issues;
}

describe("share links", () => {
  const reference = template("reference.seams.json");

  it("round-trips the reference ecosystem identically", () => {
    const result = decodeShare(encodeShare(reference));
    expect(result).toEqual({ ok: true, model: reference });
  });

  it("reads the model from a full URL, a fragment or the bare data", () => {
    const url = shareUrl(reference, "https://seams.example/app/?x=1#old");
    expect(url).toMatch(/^https:\/\/seams\.example\/app\/\?x=1#model=[A-Za-z0-9_-]+$/);
    expect(hasShare(url)).toBe(true);
    const data = encodeShare(reference);
    for (const form of [url, `#model=${data}`, `model=${data}`, data]) {
      expect(decodeShare(form)).toEqual({ ok: true, model: reference });
    }
  });

  it("keeps a large reference link short enough for a URL", () => {
    expect(encodeShare(reference).length).toBeLessThan(16_000);
  });

  it("refuses a link cut short when copied, with a clear message", () => {
    const data = encodeShare(reference);
    const [issue] = issuesOf(`https://seams.example/#model=${data.slice(0, data.length - 40)}`);
    expect(issue.path).toBe("(share link)");
    expect(issue.message).toMatch(/the link is damaged/);
  });

  it("refuses characters that are not base64url", () => {
    expect(issuesOf("#model=abc$def!")[0]).toEqual({
      path: "(share link)",
      message: "the link is damaged: its data is not valid base64url (was it cut short when copied?)",
    });
  });

  it("refuses data that does not decompress", () => {
    expect(issuesOf("#model=AAAAAAAAAAAAAAAA")[0].message).toMatch(/does not decompress/);
  });

  it("refuses decompressed data that is not JSON", () => {
    const data = toBase64Url(deflateSync(new TextEncoder().encode("{ not json")));
    expect(issuesOf(`#model=${data}`)[0]).toEqual({
      path: "(share link)",
      message: "the link is damaged: its data is not valid JSON",
    });
  });

  it("refuses a link that decompresses beyond 20 MB", () => {
    const bomb = toBase64Url(deflateSync(new Uint8Array(21 * 1024 * 1024).fill(32), { level: 9 }));
    expect(bomb.length).toBeLessThan(100_000);
    expect(issuesOf(`#model=${bomb}`)[0].message).toMatch(/larger than 20 MB once decompressed/);
  });

  it("says when a URL carries no model", () => {
    expect(hasShare("https://seams.example/#view=canvas")).toBe(false);
    expect(hasShare("https://seams.example/#model=")).toBe(false);
    expect(issuesOf("https://seams.example/#model=")[0].message).toMatch(/no model in this link/);
    expect(issuesOf("https://seams.example/#view=canvas")[0].message).toMatch(/no model in this link/);
  });

  it("reports an invalid model at its own path", () => {
    const doc = structuredClone(reference) as { components: { availability?: number }[] };
    doc.components[0].availability = 2;
    const data = toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(doc))));
    expect(issuesOf(`#model=${data}`)[0].path).toBe("components[0].availability");
  });
});
