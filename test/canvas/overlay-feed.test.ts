/**
 * The canvas's overlay feed: each node hears only changes of its own drawing; results of one source
 * (view and revision) are drawn a chunk at a time, another source at once, and a node never shows
 * an overlay of a source that has been replaced.
 */
import { describe, expect, it } from "vitest";
import type { NodeOverlay } from "../../src/analysis/overlay.ts";
import { OverlayFeed } from "../../src/canvas/overlayFeed.ts";

const overlay = (label: string, p = 0.1): NodeOverlay => ({ fill: "#fff", p, label, badges: [] });
const overlays = (labels: string[]): Record<string, NodeOverlay> =>
  Object.fromEntries(labels.map((label, i) => [`c${i}`, overlay(label)]));
/** Let the feed's pending chunks run (no animation frames in Node: a timer each). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("overlay feed", () => {
  it("a node hears only changes of its own drawing; an unchanged drawing keeps its object", () => {
    const feed = new OverlayFeed();
    feed.show({ a: overlay("1 %"), b: overlay("2 %") }, "true@1");
    const heard: string[] = [];
    feed.subscribe("a", () => heard.push("a"));
    feed.subscribe("b", () => heard.push("b"));
    const b = feed.get("b");
    // a new source: drawn at once; b's drawing is the same (another p, same label and fill)
    feed.show({ a: overlay("3 %"), b: overlay("2 %", 0.2) }, "true@2");
    expect(heard).toEqual(["a"]);
    expect(feed.get("a")?.label).toBe("3 %");
    expect(feed.get("b")).toBe(b);
  });

  it("results of the same source are drawn a chunk at a time, another source at once", async () => {
    const feed = new OverlayFeed(2);
    feed.show(overlays(["0", "0", "0", "0", "0"]), "true@1");
    expect(feed.get("c4")?.label).toBe("0");
    feed.show(overlays(["1", "1", "1", "1", "1"]), "true@1");
    const drawn = () => ["c0", "c1", "c2", "c3", "c4"].filter((id) => feed.get(id)?.label === "1").length;
    expect(drawn()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(drawn()).toBe(2);
    await settle();
    expect(drawn()).toBe(5);
    feed.show(overlays(["2", "2", "2", "2", "2"]), "dashboards@1");
    expect(["c0", "c1", "c2", "c3", "c4"].map((id) => feed.get(id)?.label)).toEqual([
      "2",
      "2",
      "2",
      "2",
      "2",
    ]);
  });

  it("the first numbers after an edit: their first chunk at once, the rest a chunk at a time", async () => {
    const feed = new OverlayFeed(2);
    feed.show(overlays(["0", "0", "0", "0", "0"]), "true@1");
    // an edit: the next revision has no result yet, then its first one arrives
    feed.show(undefined, "true@2");
    feed.show(overlays(["1", "1", "1", "1", "1"]), "true@2");
    const drawn = () => ["c0", "c1", "c2", "c3", "c4"].filter((id) => feed.get(id)?.label === "1").length;
    expect(drawn()).toBe(2);
    await settle();
    expect(drawn()).toBe(5);
  });

  it("tiles (only the fill drawn): a new label alone redraws nothing; labels drawn again bring it", async () => {
    const feed = new OverlayFeed(10);
    feed.show({ a: overlay("1 %") }, "true@1", "fill");
    const heard: string[] = [];
    feed.subscribe("a", () => heard.push("a"));
    feed.show({ a: overlay("2 %") }, "true@1", "fill");
    await settle();
    expect(heard).toEqual([]);
    expect(feed.get("a")?.label).toBe("1 %");
    // zoomed in: labels are drawn, the newer one comes
    feed.show({ a: overlay("2 %") }, "true@1", "all");
    await settle();
    expect(heard).toEqual(["a"]);
    expect(feed.get("a")?.label).toBe("2 %");
    // another revision with the same fill: its label is drawn at once, even as a tile
    feed.show({ a: overlay("3 %") }, "true@2", "fill");
    expect(feed.get("a")?.label).toBe("3 %");
  });

  it("a replaced source's pending drawings are never shown", async () => {
    const feed = new OverlayFeed(1);
    feed.show(overlays(["0", "0", "0"]), "true@1");
    feed.show(overlays(["1", "1", "1"]), "true@1");
    // an edit: the next revision has no result yet
    feed.show(undefined, "true@2");
    expect(["c0", "c1", "c2"].map((id) => feed.get(id))).toEqual([undefined, undefined, undefined]);
    await settle();
    expect(["c0", "c1", "c2"].map((id) => feed.get(id))).toEqual([undefined, undefined, undefined]);
  });
});
