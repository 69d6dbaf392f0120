/**
 * What each link kind means (SPEC §2, §3.3–3.6, §5), answered in one place: the engine, the
 * canvas, the panels and the report read these traits instead of comparing kind names. A new kind
 * fails to compile until every trait is given.
 */
import type { FailMode, LinkKind } from "./schema.ts";

export interface LinkKindTraits {
  /**
   * An unmet link can make its consumer non-functional (SPEC §3.4); with `usesTtl` only once the
   * cache has run out, and only when it fails closed (see `canFailConsumer`).
   */
  failsConsumer: boolean;
  /**
   * Nothing rides out the provider's outage (no cache, no fallback, no last known value): the
   * consumer fails with its provider at once — a tightly coupled link (SPEC §5).
   */
  failsAtOnce: boolean;
  /** An unmet link leaves its consumer working but degraded (SPEC §3.4). */
  degradesConsumer: boolean;
  /**
   * The consumer calls its provider and waits for the answer: the call can time out (SPEC §3.3),
   * and seam failures and dependency cycles follow the link (§3.6, §5).
   */
  callsProvider: boolean;
  /** Answers are cached for `ttlMinutes`, then served stale (`failMode: open`) or refused (`closed`). */
  usesTtl: boolean;
  /**
   * Data arrives pushed, or pulled every `pollSeconds`, instead of on request: it travels against
   * the dependency, and a signal waits up to a poll interval on it (SPEC §5).
   */
  usesPoll: boolean;
  /** How the canvas draws it: the SVG dash pattern (solid when undefined). */
  dash: string | undefined;
  /** How the canvas draws it without an overlay: the stroke width in px. */
  strokeWidthPx: number;
  /** The dependant's verb in a sentence: "Site A needs auth from CSMS". */
  verb: string;
}

export const LINK_KIND = {
  hard: {
    failsConsumer: true,
    failsAtOnce: true,
    degradesConsumer: false,
    callsProvider: true,
    usesTtl: false,
    usesPoll: false,
    dash: undefined,
    strokeWidthPx: 1.5,
    verb: "needs",
  },
  cached: {
    failsConsumer: true,
    failsAtOnce: false,
    degradesConsumer: false,
    callsProvider: true,
    usesTtl: true,
    usesPoll: false,
    dash: "8 4",
    strokeWidthPx: 1.5,
    verb: "needs (cached)",
  },
  soft: {
    failsConsumer: false,
    failsAtOnce: false,
    degradesConsumer: true,
    callsProvider: false,
    usesTtl: false,
    usesPoll: false,
    dash: "2 4",
    strokeWidthPx: 1.5,
    verb: "uses",
  },
  async: {
    failsConsumer: false,
    failsAtOnce: false,
    degradesConsumer: false,
    callsProvider: false,
    usesTtl: false,
    usesPoll: true,
    dash: "6 3 1 3",
    strokeWidthPx: 1,
    verb: "receives",
  },
} as const satisfies Record<LinkKind, LinkKindTraits>;

/**
 * Whether a link of this kind and (resolved) fail mode can make its consumer non-functional: a
 * breaking link, such as a hard one or a cache that fails closed (SPEC §3.4).
 */
export function canFailConsumer(kind: LinkKind, failMode: FailMode): boolean {
  const traits: LinkKindTraits = LINK_KIND[kind];
  return traits.failsConsumer && (!traits.usesTtl || failMode === "closed");
}
