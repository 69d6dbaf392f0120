/**
 * Tabs coordinate so that two never overwrite each other's model without a word (issue 19).
 *
 * One tab holds the Web Lock `seams:autosave-writer` and is the writer: it alone saves into the
 * autosave. Any other tab is a follower: it waits in the lock's queue, saves its edits into an
 * entry of its own in Recent models, and may take the lock over ("Take over here", a steal). The
 * tab that loses the lock to a steal becomes a follower and is told so. When the writer closes, the
 * first follower in the queue becomes the writer. A follower that opens says so on a
 * BroadcastChannel, so the writer can tell its user that the model is open twice.
 * Without Web Locks (an old browser) every tab is a writer; the autosave's guard then keeps another
 * tab's model in Recent before overwriting it.
 */

/** The writer saves into the autosave; a follower into its own Recent entry. */
export type TabRole = "writer" | "follower";

/**
 * Why the role is what it is: the tab just opened; it took the lock over; another tab took it
 * from this one; the writer closed and this tab was next in the queue.
 */
export type RoleCause = "opened" | "took-over" | "taken" | "handed-on";

/** The part of `navigator.locks` used here (a fake in tests). */
export interface LockRequester {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/** The part of BroadcastChannel used here. */
export interface Channel {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

export interface TabCoordination {
  /** This tab's role now (undefined until the lock manager answered). */
  role(): TabRole | undefined;
  /** Take the writer's lock from whichever tab holds it. */
  takeOver(): void;
  /** Give the lock back and stop listening (the page goes away). */
  dispose(): void;
}

const LOCK_NAME = "seams:autosave-writer";
const CHANNEL_NAME = "seams:tabs";

/** Start coordinating: `onRole` hears every role this tab gets, `onPeerOpened` when a follower opens. */
export function coordinateTabs(options: {
  onRole: (role: TabRole, cause: RoleCause) => void;
  onPeerOpened?: () => void;
  locks?: LockRequester | undefined;
  channel?: Channel | undefined;
}): TabCoordination {
  const locks = options.locks ?? defaultLocks();
  const channel = options.channel ?? defaultChannel();
  let current: TabRole | undefined;
  let release: (() => void) | undefined;
  let queued: AbortController | undefined;
  let holding: object | undefined;
  let disposed = false;

  const setRole = (role: TabRole, cause: RoleCause) => {
    if (disposed) return;
    current = role;
    options.onRole(role, cause);
  };
  /** Ask for the lock; the request's own token tells a stolen lock from an aborted queue place. */
  const ask = (mode: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal }, cause: RoleCause) => {
    if (!locks || disposed) return;
    const token = {};
    const granted = (lock: unknown) => {
      if (disposed) return undefined;
      if (!lock) {
        // held elsewhere (ifAvailable): follow, and wait in the queue
        setRole("follower", cause);
        channel?.postMessage({ type: "follower-opened" });
        wait();
        return undefined;
      }
      queued = undefined;
      holding = token;
      setRole("writer", cause);
      return new Promise<void>((resolve) => {
        release = resolve;
      });
    };
    locks.request(LOCK_NAME, mode, granted).catch(() => {
      // only the lock this tab held matters: another tab stole it (AbortError)
      if (disposed || holding !== token) return;
      holding = undefined;
      release = undefined;
      setRole("follower", "taken");
      wait();
    });
  };
  const wait = () => {
    queued = new AbortController();
    ask({ signal: queued.signal }, "handed-on");
  };

  if (channel) {
    channel.onmessage = (event) => {
      const data = event.data as { type?: unknown } | null;
      if (data?.type === "follower-opened" && current === "writer") options.onPeerOpened?.();
    };
  }
  if (locks) ask({ ifAvailable: true }, "opened");
  else setRole("writer", "opened");

  return {
    role: () => current,
    takeOver() {
      if (!locks || disposed || current === "writer") return;
      queued?.abort();
      queued = undefined;
      ask({ steal: true }, "took-over");
    },
    dispose() {
      disposed = true;
      queued?.abort();
      release?.();
      release = undefined;
      channel?.close();
    },
  };
}

function defaultLocks(): LockRequester | undefined {
  const nav = globalThis.navigator as { locks?: LockRequester } | undefined;
  return nav?.locks;
}

function defaultChannel(): Channel | undefined {
  if (typeof BroadcastChannel !== "function") return undefined;
  // the DOM types `onmessage` with a `this` parameter; the handler here does not use it
  return new BroadcastChannel(CHANNEL_NAME) as unknown as Channel;
}
