/**
 * The analysis overlay handed to each component node by id. A progressive result moves the colour
 * and label of most nodes about ten times a second; carried in React Flow's node objects, every
 * result would rebuild every node (React Flow adopts, re-renders and re-measures each one: ~300 ms
 * for a 1,000-component model). Here each node subscribes to its own entry, and only the nodes
 * whose drawing changed (fill, label or badges) re-render — at most `chunkNodes` of them a frame
 * while one analysis streams its results, so a large model's main thread never blocks for long.
 * A change of source (another revision, another view) is drawn at once, in full: a node never
 * shows a result of another revision next to one of this; and so is the first chunk of a source's
 * first overlay (the first numbers after an edit wait for no frame). The overlay itself stays derived data
 * (`nodeOverlays` in src/analysis/overlay.ts); this only delivers it.
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";
import type { NodeOverlay } from "../analysis/overlay.ts";

/** Nodes re-drawn per frame while results of one source stream in. */
export const CHUNK_NODES = 150;

/** What a node draws of its overlay: everything, or only its fill (a tile, seen from afar). */
export type Drawn = "all" | "fill";

/** Same drawing: what a node shows of its overlay. */
function isSameDrawing(a: NodeOverlay, b: NodeOverlay, drawn: Drawn): boolean {
  if (a.fill !== b.fill) return false;
  return drawn === "fill" || (a.label === b.label && a.badges.join() === b.badges.join());
}

/**
 * Run `work` once the next frame has been drawn, in a task of its own: a chunk's rendering and the
 * drawing of the frame before it are two tasks, not one long one.
 */
function afterNextFrame(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (typeof requestAnimationFrame !== "function") {
    timer = setTimeout(work, 0);
    return () => clearTimeout(timer);
  }
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/** The overlay every node shows, the one it is to show, and a listener list per node. */
export class OverlayFeed {
  private shown = new Map<string, NodeOverlay>();
  private target = new Map<string, NodeOverlay>();
  private source: string | undefined;
  /** Nodes whose shown drawing is not the target's yet, in the order they are to be drawn. */
  private pending = new Set<string>();
  private cancelChunk: (() => void) | undefined;
  private readonly listeners = new Map<string, Set<() => void>>();

  constructor(private readonly chunkNodes = CHUNK_NODES) {}

  /** The overlay node `id` shows now. */
  get(id: string): NodeOverlay | undefined {
    return this.shown.get(id);
  }

  /** Hear changes of node `id`'s overlay; returns the function that stops listening. */
  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  /**
   * Show `next` (none: no overlay) from `source` (e.g. view and revision). The same source: changed
   * nodes are redrawn over the next frames, a chunk a frame; another source: all of them now.
   * `drawn`: what the nodes draw of it — with "fill" a new label alone redraws nothing (the node
   * keeps the older overlay of the same source until its fill changes or labels are drawn again).
   */
  show(next: Record<string, NodeOverlay> | undefined, source: string, drawn: Drawn = "all"): void {
    const target = new Map<string, NodeOverlay>();
    for (const [id, overlay] of Object.entries(next ?? {})) {
      const old = this.shown.get(id);
      // the same drawing keeps its object: that node has nothing to redraw (across sources only
      // when the same in full: a hidden label of another revision must not surface later)
      const isKept = old !== undefined && isSameDrawing(old, overlay, source === this.source ? drawn : "all");
      target.set(id, isKept ? old : overlay);
    }
    this.target = target;
    this.pending = new Set();
    for (const [id, overlay] of target) if (this.shown.get(id) !== overlay) this.pending.add(id);
    for (const id of this.shown.keys()) if (!target.has(id)) this.pending.add(id);
    if (source !== this.source) {
      this.source = source;
      this.drawPending(Number.POSITIVE_INFINITY);
    } else {
      // the first numbers of a run (nothing shown yet: an edit cleared the canvas) are not held
      // back a frame: their first chunk is drawn at once
      if (this.shown.size === 0 && !this.cancelChunk) this.drawPending(this.chunkNodes);
      this.drawSoon();
    }
  }

  /** Stop drawing what is pending (the canvas is gone). */
  stop(): void {
    this.cancelChunk?.();
    this.cancelChunk = undefined;
  }

  private drawSoon(): void {
    if (this.cancelChunk || this.pending.size === 0) return;
    this.cancelChunk = afterNextFrame(() => {
      this.cancelChunk = undefined;
      this.drawPending(this.chunkNodes);
      this.drawSoon();
    });
  }

  /** Bring up to `count` pending nodes to their target drawing and tell them. */
  private drawPending(count: number): void {
    const drawn: string[] = [];
    for (const id of this.pending) {
      if (drawn.length >= count) break;
      drawn.push(id);
    }
    for (const id of drawn) {
      this.pending.delete(id);
      const overlay = this.target.get(id);
      if (overlay) this.shown.set(id, overlay);
      else this.shown.delete(id);
    }
    for (const id of drawn) for (const listener of this.listeners.get(id) ?? []) listener();
  }
}

export const OverlayFeedContext = createContext<OverlayFeed | undefined>(undefined);

/** The overlay component `id` shows (re-renders only when its drawing changes). */
export function useNodeOverlay(id: string): NodeOverlay | undefined {
  const feed = useContext(OverlayFeedContext);
  const subscribe = useCallback(
    (listener: () => void) => (feed ? feed.subscribe(id, listener) : () => undefined),
    [feed, id],
  );
  return useSyncExternalStore(subscribe, () => feed?.get(id));
}
