/**
 * Signal chains compiled (SPEC §5): each chain's hops (provider, link, poll wait) and each hop's
 * processing and transit latencies as quantile tables, so a latency draw is one table lookup.
 */
import {
  LINK_DEFAULTS,
  LINK_KIND,
  type Model,
  type ResolvedComponent,
  type ResolvedLink,
} from "../../model/index.ts";
import { logNormalOf, normalQuantile } from "../latency.ts";
import type { LinkArrays } from "./links.ts";

/** Latency draws per hop come from this many equiprobable quantiles of its lognormal. */
export const LATENCY_QUANTILES = 1024;

/** The chains whose components all exist, hop by hop; `onChain` marks the components on one. */
export interface CompiledChains {
  chainIds: string[];
  chainDeadline: Float64Array;
  hopStart: Int32Array;
  hopProvider: Int32Array;
  hopProcQ: Float64Array;
  hopLinkQ: Float64Array;
  hopFactor: Float64Array;
  hopPollMs: Float64Array;
  onChain: Uint8Array;
}

/** Hop i of a chain goes from path[i] (the provider) to path[i + 1], over the link between them. */
export function compileChains(
  model: Model,
  index: Map<string, number>,
  arrays: LinkArrays,
  comps: ResolvedComponent[],
): CompiledChains {
  const { links, resolved, linkFrom, linkTo } = arrays;
  const onChain = new Uint8Array(comps.length);
  const hops: { provider: number; link: ResolvedLink | undefined; polls: boolean }[][] = [];
  const chains = model.chains.filter((ch) => ch.path.every((id) => index.has(id)));
  for (const ch of chains) {
    const list = [];
    for (let h = 0; h + 1 < ch.path.length; h++) {
      const a = index.get(ch.path[h]) as number;
      const b = index.get(ch.path[h + 1]) as number;
      onChain[a] = 1;
      // the link b depends on a through (the signal's direction), else one the other way
      const forward = links.findIndex((_, jj) => linkFrom[jj] === b && linkTo[jj] === a);
      const j = forward >= 0 ? forward : links.findIndex((_, jj) => linkFrom[jj] === a && linkTo[jj] === b);
      list.push({
        provider: a,
        link: j >= 0 ? resolved[j] : undefined,
        polls: j >= 0 && LINK_KIND[links[j].kind].usesPoll,
      });
    }
    hops.push(list);
  }
  const flatHops = hops.flat();
  const hopStart = new Int32Array(hops.length + 1);
  hops.forEach((list, k) => {
    hopStart[k + 1] = hopStart[k] + list.length;
  });
  const proc = flatHops.map((h) => logNormalOf(comps[h.provider].latencyMs));
  const transit = flatHops.map((h) => logNormalOf(h.link?.latencyMs ?? LINK_DEFAULTS.latencyMs.value));
  return {
    chainIds: chains.map((ch) => ch.id),
    chainDeadline: Float64Array.from(chains, (ch) => ch.deadlineMs),
    hopStart,
    hopProvider: Int32Array.from(flatHops, (h) => h.provider),
    hopProcQ: quantileTable(proc),
    hopLinkQ: quantileTable(transit),
    hopFactor: Float64Array.from(flatHops, (h) => comps[h.provider].degradedFactor),
    hopPollMs: Float64Array.from(flatHops, (h) => (h.polls && h.link ? h.link.pollSeconds * 1000 : 0)),
    onChain,
  };
}

/** LATENCY_QUANTILES midpoint quantiles of each lognormal, one block per distribution. */
function quantileTable(dists: { mu: number; sigma: number }[]): Float64Array {
  const z = Array.from({ length: LATENCY_QUANTILES }, (_, i) =>
    normalQuantile((i + 0.5) / LATENCY_QUANTILES),
  );
  const out = new Float64Array(dists.length * LATENCY_QUANTILES);
  dists.forEach((d, h) => {
    for (let i = 0; i < LATENCY_QUANTILES; i++)
      out[h * LATENCY_QUANTILES + i] = Math.exp(d.mu + d.sigma * z[i]);
  });
  return out;
}
