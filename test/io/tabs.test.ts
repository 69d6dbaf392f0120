import { describe, expect, it } from "vitest";
import {
  type Channel,
  coordinateTabs,
  type LockRequester,
  type RoleCause,
  type TabRole,
} from "../../src/io/tabs.ts";

type Callback = (lock: unknown) => unknown;
interface Request {
  callback: Callback;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** One lock with the Web Locks rules that matter here: a queue, ifAvailable, steal, abort by signal. */
class FakeLocks implements LockRequester {
  private holder: Request | undefined;
  private readonly queue: Request[] = [];

  request(
    _name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: Callback,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const request: Request = { callback, resolve, reject };
      if (options.steal) {
        const stolen = this.holder;
        this.holder = undefined;
        stolen?.reject(new Error("AbortError: the lock was stolen"));
        this.grant(request);
      } else if (this.holder || this.queue.length > 0) {
        if (options.ifAvailable) {
          Promise.resolve(callback(null)).then(resolve, reject);
          return;
        }
        this.queue.push(request);
        options.signal?.addEventListener("abort", () => {
          const at = this.queue.indexOf(request);
          if (at >= 0) this.queue.splice(at, 1);
          reject(new Error("AbortError: aborted"));
        });
      } else this.grant(request);
    });
  }

  private grant(request: Request): void {
    this.holder = request;
    Promise.resolve(request.callback({ name: "lock" })).then(
      (value) => this.done(request, () => request.resolve(value)),
      (error) => this.done(request, () => request.reject(error)),
    );
  }

  private done(request: Request, settle: () => void): void {
    if (this.holder !== request) return;
    this.holder = undefined;
    settle();
    const next = this.queue.shift();
    if (next) this.grant(next);
  }
}

/** BroadcastChannels of one origin: a message reaches every other channel. */
function channels(): () => Channel {
  const all: Channel[] = [];
  return () => {
    const channel: Channel = {
      onmessage: null,
      postMessage: (message) => {
        for (const other of all)
          if (other !== channel) setTimeout(() => other.onmessage?.({ data: message }), 0);
      },
      close: () => all.splice(all.indexOf(channel), 1),
    };
    all.push(channel);
    return channel;
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function tab(locks: LockRequester, channel: Channel) {
  const roles: [TabRole, RoleCause][] = [];
  let peers = 0;
  const coordination = coordinateTabs({
    locks,
    channel,
    onRole: (role, cause) => roles.push([role, cause]),
    onPeerOpened: () => peers++,
  });
  return { coordination, roles, peers: () => peers };
}

describe("tabs coordinate through one writer's lock", () => {
  it("the first tab writes; a second follows and the first hears of it", async () => {
    const locks = new FakeLocks();
    const channel = channels();
    const a = tab(locks, channel());
    await settle();
    const b = tab(locks, channel());
    await settle();
    expect(a.roles).toEqual([["writer", "opened"]]);
    expect(b.roles).toEqual([["follower", "opened"]]);
    expect(a.coordination.role()).toBe("writer");
    expect(b.coordination.role()).toBe("follower");
    expect(a.peers()).toBe(1);
    expect(b.peers()).toBe(0);
  });

  it("take over: the follower writes and the writer is told it follows now", async () => {
    const locks = new FakeLocks();
    const channel = channels();
    const a = tab(locks, channel());
    await settle();
    const b = tab(locks, channel());
    await settle();
    b.coordination.takeOver();
    await settle();
    expect(b.roles).toEqual([
      ["follower", "opened"],
      ["writer", "took-over"],
    ]);
    expect(a.roles).toEqual([
      ["writer", "opened"],
      ["follower", "taken"],
    ]);
    // and back: the queue place the first tab took after losing the lock does not confuse it
    a.coordination.takeOver();
    await settle();
    expect(a.coordination.role()).toBe("writer");
    expect(b.coordination.role()).toBe("follower");
    expect(b.roles.at(-1)).toEqual(["follower", "taken"]);
  });

  it("when the writer closes, the follower is handed the lock", async () => {
    const locks = new FakeLocks();
    const channel = channels();
    const a = tab(locks, channel());
    await settle();
    const b = tab(locks, channel());
    await settle();
    a.coordination.dispose();
    await settle();
    expect(b.roles).toEqual([
      ["follower", "opened"],
      ["writer", "handed-on"],
    ]);
    expect(a.roles).toEqual([["writer", "opened"]]);
  });

  it("without Web Locks every tab writes (the autosave's guard keeps the other's model)", () => {
    const a = coordinateTabs({ locks: undefined, channel: undefined, onRole: () => undefined });
    expect(a.role()).toBe("writer");
  });
});
