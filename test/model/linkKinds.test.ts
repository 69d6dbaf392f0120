import { describe, expect, it } from "vitest";
import { canFailConsumer, LINK_KIND, LINK_KINDS } from "../../src/model/index.ts";

describe("link kinds", () => {
  it("has traits for every kind of the schema", () => {
    expect(Object.keys(LINK_KIND).sort()).toEqual([...LINK_KINDS].sort());
  });

  it("fails the consumer through hard links and caches that fail closed, never through soft or async (SPEC §3.4)", () => {
    expect(canFailConsumer("hard", "open")).toBe(true);
    expect(canFailConsumer("hard", "closed")).toBe(true);
    expect(canFailConsumer("cached", "closed")).toBe(true);
    expect(canFailConsumer("cached", "open")).toBe(false);
    expect(canFailConsumer("soft", "closed")).toBe(false);
    expect(canFailConsumer("async", "closed")).toBe(false);
  });

  it("times out calls on hard and cached links only (SPEC §3.3)", () => {
    expect(LINK_KINDS.filter((k) => LINK_KIND[k].callsProvider).sort()).toEqual(["cached", "hard"]);
  });
});
