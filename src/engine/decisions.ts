/**
 * Decision points (SPEC §5): components that decide (`decides`: auth, pricing, loadControl, …) and
 * how stale their inputs are. For each link a decider takes data over, from the reliability result:
 * - lost: P(the input fails the decider) — the link's failure crossings (provider down and the
 *   decider down through it: hard links, caches past their TTL);
 * - stale: P(the decider decides on an old value) — the provider is not working but the link keeps
 *   serving what it last had (a cache within its TTL or failing open, an async or soft link):
 *   P(provider non-functional) − P(lost);
 * - delay when fresh: the median transit and processing, plus half the poll interval on an async
 *   pull (the mean age of a polled value).
 */
import { LINK_KIND, type Model, resolveComponent, resolveLink } from "../model/index.ts";
import type { ReliabilityResult } from "./types.ts";

export interface DecisionInput {
  link: string;
  provider: string;
  flows: string[];
  kind: string;
  lost: number;
  stale: number;
  delayMs: number;
}

export interface DecisionPoint {
  id: string;
  decides: string[];
  inputs: DecisionInput[];
  /** The largest P(stale) among its inputs. */
  worstStale: number;
}

export function decisionPoints(model: Model, result: ReliabilityResult | undefined): DecisionPoint[] {
  const byId = new Map(model.components.map((c) => [c.id, c]));
  const linksFrom = new Map<string, Model["links"]>();
  for (const l of model.links) {
    const list = linksFrom.get(l.from);
    if (list) list.push(l);
    else linksFrom.set(l.from, [l]);
  }
  const out: DecisionPoint[] = [];
  for (const c of model.components) {
    const decides = resolveComponent(c).decides;
    if (decides.length === 0) continue;
    const inputs: DecisionInput[] = [];
    for (const l of linksFrom.get(c.id) ?? []) {
      if (!byId.has(l.to)) continue;
      const r = resolveLink(l);
      const provider = resolveComponent(byId.get(l.to) as Model["components"][number]);
      const down = result ? 1 - (result.components[l.to]?.functional.p ?? 1) : 0;
      const lost = result ? Math.min(down, result.links[l.id]?.crossing.p ?? 0) : 0;
      const traits = LINK_KIND[l.kind];
      const serves = !traits.failsAtOnce;
      const poll = traits.usesPoll ? (r.pollSeconds * 1000) / 2 : 0;
      inputs.push({
        link: l.id,
        provider: l.to,
        flows: l.flows,
        kind: traits.usesTtl
          ? `${l.kind} (${r.failMode === "open" ? "fails open" : `${r.ttlMinutes} min`})`
          : l.kind,
        lost,
        stale: serves ? Math.max(0, down - lost) : 0,
        delayMs: r.latencyMs.p50 + provider.latencyMs.p50 + poll,
      });
    }
    out.push({ id: c.id, decides, inputs, worstStale: Math.max(0, ...inputs.map((i) => i.stale)) });
  }
  return out;
}
