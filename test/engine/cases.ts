/** Small models with exact answers, shared by the reliability, fault-tree and importance tests. */
import { type Component, emptyModel, type Link, type Model } from "../../src/model/index.ts";

export const comp = (id: string, type: Component["type"], extra: Partial<Component> = {}): Component => ({
  id,
  type,
  name: id,
  x: 0,
  y: 0,
  degradedProbability: 0,
  silentShare: 0,
  ...extra,
});
export const charger = (id: string, extra: Partial<Component> = {}) =>
  comp(id, "charger", { units: 2, kwPerUnit: 50, ...extra });
export const link = (from: string, to: string, extra: Partial<Link> = {}): Link => ({
  id: `${from}--${to}${extra.group ? `.${extra.group}` : ""}`,
  from,
  to,
  flows: ["auth"],
  kind: "hard",
  ...extra,
});
/** A CSMS that is slow when degraded (20× a 200 / 800 ms latency): calls into it time out then. */
export const slowCsms = (degradedProbability: number, availability = 1) =>
  comp("csms", "csms", {
    availability,
    degradedProbability,
    degradedFactor: 20,
    latencyMs: { p50: 200, p95: 800 },
  });
export const model = (components: Component[], links: Link[], extra: Partial<Model> = {}): Model => ({
  ...emptyModel(),
  components,
  links,
  ...extra,
});

export const cases: [string, Model][] = [
  [
    "series: charger → CSMS → cloud",
    model(
      [
        charger("c", { availability: 0.97 }),
        comp("csms", "csms", { availability: 0.95 }),
        comp("cloud", "cloud", { availability: 0.9 }),
      ],
      [link("c", "csms"), link("csms", "cloud", { flows: ["hosting"] })],
    ),
  ],
  [
    "parallel: 1-of-2 CSMSs",
    model(
      [
        charger("c", { availability: 0.98 }),
        comp("a", "csms", { availability: 0.8 }),
        comp("b", "csms", { availability: 0.7 }),
      ],
      [link("c", "a", { group: "g", k: 1 }), link("c", "b", { group: "g", k: 1 })],
    ),
  ],
  [
    "2-of-3 group",
    model(
      [
        charger("c", { availability: 0.99 }),
        comp("a", "cloud", { availability: 0.8 }),
        comp("b", "cloud", { availability: 0.85 }),
        comp("d", "cloud", { availability: 0.9 }),
      ],
      [
        link("c", "a", { group: "g", k: 2 }),
        link("c", "b", { group: "g", k: 2 }),
        link("c", "d", { group: "g", k: 2 }),
      ],
    ),
  ],
  [
    "a dependency cycle",
    model(
      [
        charger("c", { availability: 0.99 }),
        comp("a", "csms", { availability: 0.9 }),
        comp("b", "payment", { availability: 0.85 }),
      ],
      [link("c", "a"), link("a", "b"), link("b", "a", { flows: ["status"] })],
    ),
  ],
  [
    "common causes",
    model(
      [
        charger("c1", { availability: 0.99 }),
        charger("c2", { availability: 0.99 }),
        comp("t", "telecom", { availability: 0.95 }),
      ],
      [link("c1", "t", { flows: ["connectivity"] }), link("c2", "t", { flows: ["connectivity"] })],
      { commonCauses: [{ id: "storm", name: "storm", members: ["c1", "c2"], probability: 0.05 }] },
    ),
  ],
  [
    "cached links with TTL, fail closed, soft and async links",
    model(
      [
        charger("c", { availability: 0.99, silentShare: 0.3 }),
        comp("csms", "csms", { availability: 0.8, mttrHours: 4 }),
        comp("pay", "payment", { availability: 0.9, mttrHours: 2 }),
        comp("oem", "oem", { availability: 0.7 }),
      ],
      [
        link("c", "csms", { kind: "cached", ttlMinutes: 60, failMode: "closed", flows: ["auth", "tariff"] }),
        link("csms", "c", { kind: "async", flows: ["status"] }),
        link("csms", "pay", { kind: "cached", ttlMinutes: 90, failMode: "closed", flows: ["auth"] }),
        link("c", "oem", { kind: "soft", flows: ["certs"] }),
      ],
    ),
  ],
  [
    "silent failures and phantom/hidden per viewer through a hub",
    model(
      [
        charger("c", { availability: 0.95, silentShare: 0.4 }),
        comp("csms", "csms", { availability: 0.9, mttrHours: 3 }),
        comp("hub", "hub", { availability: 0.85, mttrHours: 6 }),
        comp("emsp", "emsp", { availability: 0.9 }),
      ],
      [
        link("c", "csms", { kind: "hard", flows: ["auth", "tariff"] }),
        link("csms", "c", { kind: "async", flows: ["status"] }),
        link("hub", "csms", {
          kind: "cached",
          ttlMinutes: 120,
          failMode: "closed",
          flows: ["status", "tariff"],
        }),
        link("emsp", "hub", {
          kind: "cached",
          ttlMinutes: 30,
          failMode: "open",
          flows: ["status", "tariff"],
        }),
      ],
    ),
  ],
  [
    "a down component that also lost a requirement: its consumers' caches expire from the older outage",
    model(
      [
        charger("c", { availability: 0.99 }),
        comp("hub", "hub", { availability: 0.8, mttrHours: 1 }),
        comp("csms", "csms", { availability: 0.7, mttrHours: 8 }),
      ],
      [
        link("c", "hub", { kind: "cached", ttlMinutes: 120, failMode: "closed", flows: ["auth"] }),
        link("hub", "csms", { flows: ["auth"] }),
      ],
    ),
  ],
];
