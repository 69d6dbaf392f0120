/**
 * An engine pool in a thread of its own (SPEC §7): in the browser the whole pool — handing out
 * batches, merging tallies in batch order, summarising — runs in a worker, so the main thread only
 * receives results and never computes them. `createPoolHost` is that worker's side, `RemotePool`
 * the page's; they talk through comlink.
 *
 * Reports cross in pieces (see result-transport.ts), and the next report leaves only once the page
 * has taken in the last one: a busy page gets the latest report rather than a backlog (the final
 * report always arrives, and before the run's promise settles).
 */
import { proxy, type Remote, releaseProxy } from "comlink";
import type { SweepRow } from "../src/engine/index.ts";
import type { Model } from "../src/model/schema.ts";
import { fromWire, type ModelOnWire, toWire } from "./model-wire.ts";
import {
  type Piece,
  piecesOf,
  RELIABILITY_TRANSPORT,
  ReportAssembler,
  type ResultTransport,
  SECURITY_TRANSPORT,
} from "./result-transport.ts";
import type {
  EnginePool,
  Progress,
  RunOptions,
  RunProgress,
  SecurityProgress,
  SecurityRunOptions,
} from "./schedule.ts";

/** Receives the pieces of progress reports, in order (a comlink proxy across the thread). */
export type PieceReceiver = (piece: Piece) => void | Promise<void>;

/**
 * What the pool's thread exposes (models cross as their text: model-wire.ts). A run's promise
 * resolves true once its final report has been taken in.
 */
export interface PoolHostApi {
  /** Start the pool with `size` engine workers (once, before any run). */
  start(size: number): void;
  runReliability(model: ModelOnWire, options: RunOptions, receive: PieceReceiver): Promise<boolean>;
  runSecurity(model: ModelOnWire, options: SecurityRunOptions, receive: PieceReceiver): Promise<boolean>;
  runSweep(
    model: ModelOnWire,
    id: string,
    max: number,
    onRow: (row: SweepRow) => void,
  ): Promise<SweepRow[] | undefined>;
  cancel(): void;
  cancelSecurity(): void;
}

/**
 * Sends a run's reports one at a time: `push` keeps only the latest while one is on its way;
 * `stop` drops what has not left; `drain` waits until what has left is taken in.
 */
class ReportSender<R, W extends object> {
  private latest: Progress<R> | undefined;
  private isSending = false;
  private sending: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private isStopped = false;

  constructor(
    private readonly receive: PieceReceiver,
    private readonly transport: ResultTransport<R, W>,
  ) {}

  push(report: Progress<R>): void {
    if (this.isStopped) return;
    this.latest = report;
    if (this.isSending) return;
    this.isSending = true;
    this.sending = this.pump().catch((error: unknown) => {
      this.failure ??= { error };
    });
  }

  stop(): void {
    this.isStopped = true;
    this.latest = undefined;
  }

  /** Wait until every report that has left is taken in; throws if one could not be delivered. */
  async drain(): Promise<void> {
    while (this.isSending) await this.sending;
    if (this.failure) throw this.failure.error;
  }

  private async pump(): Promise<void> {
    try {
      for (let report = this.latest; report; report = this.latest) {
        this.latest = undefined;
        const { result, ...progress } = report;
        const pieces = piecesOf(
          { ...progress, result: this.transport.pack(result) },
          this.transport.records,
          this.transport.pieceEntries,
        );
        // one piece at a time, each once the page has taken in the last: a burst of a large
        // model's ~1,100 pieces kept the page's timers and frames waiting for seconds
        for (const piece of pieces) {
          if (this.isStopped) return;
          await this.receive(piece);
        }
      }
    } finally {
      this.isSending = false;
    }
  }
}

/** Let go of a callback the page lent (a comlink proxy; a plain function in tests). */
function release(callback: object): void {
  (callback as Partial<Remote<object>>)[releaseProxy]?.();
}

/** The pool thread's API over the pool `createPool(size)` makes on `start`. */
export function createPoolHost(createPool: (size: number) => EnginePool): PoolHostApi {
  let pool: EnginePool | undefined;
  const started = () => {
    if (!pool) throw new Error("the engine pool has not been started");
    return pool;
  };
  /** Run `start`, relaying its reports; true when it finished (its final report taken in). */
  const relay = async <R, W extends object>(
    receive: PieceReceiver,
    transport: ResultTransport<R, W>,
    start: (onProgress: (p: Progress<R>) => void) => Promise<Progress<R> | undefined>,
  ): Promise<boolean> => {
    const sender = new ReportSender(receive, transport);
    try {
      const final = await start((p) => sender.push(p));
      if (final === undefined) sender.stop();
      await sender.drain();
      return final !== undefined;
    } finally {
      sender.stop();
      release(receive);
    }
  };
  return {
    start(size) {
      pool ??= createPool(size);
    },
    runReliability(model, options, receive) {
      return relay(receive, RELIABILITY_TRANSPORT, (onProgress) =>
        started().runReliability(fromWire(model), options, onProgress),
      );
    },
    runSecurity(model, options, receive) {
      return relay(receive, SECURITY_TRANSPORT, (onProgress) =>
        started().runSecurity(fromWire(model), options, onProgress),
      );
    },
    async runSweep(model, id, max, onRow) {
      try {
        return await started().runSweep(fromWire(model), id, max, (row) => void onRow(row));
      } finally {
        release(onRow);
      }
    },
    cancel() {
      pool?.cancel();
    },
    cancelSecurity() {
      pool?.cancelSecurity();
    },
  };
}

type Slot = "reliability" | "security" | "sweep";

/**
 * The page's view of a pool running in another thread, with the semantics of `WorkerPool`: one run
 * per slot, a newer run or a cancel ends the slot's current one (it resolves undefined and reports
 * nothing more), the final report is the last `onProgress` and the resolved value.
 */
export class RemotePool implements EnginePool {
  private readonly active: { [S in Slot]?: (outcome: { value: undefined } | { error: unknown }) => void } =
    {};
  private broken: Error | undefined;
  private isDisposed = false;

  constructor(
    private readonly host: Remote<PoolHostApi>,
    readonly size: number,
    private readonly terminate: () => void,
  ) {
    host.start(size).catch((error: unknown) => this.fail(asError(error)));
  }

  runReliability(
    model: Model,
    options: RunOptions,
    onProgress: (p: RunProgress) => void,
  ): Promise<RunProgress | undefined> {
    return this.run("reliability", RELIABILITY_TRANSPORT, onProgress, model, (wire, receive) =>
      this.host.runReliability(wire, options, receive),
    );
  }

  runSecurity(
    model: Model,
    options: SecurityRunOptions,
    onProgress: (p: SecurityProgress) => void,
  ): Promise<SecurityProgress | undefined> {
    return this.run("security", SECURITY_TRANSPORT, onProgress, model, (wire, receive) =>
      this.host.runSecurity(wire, options, receive),
    );
  }

  runSweep(
    model: Model,
    id: string,
    max: number,
    onRow: (row: SweepRow) => void,
  ): Promise<SweepRow[] | undefined> {
    return this.begin<SweepRow[]>("sweep", (settle, isActive) => {
      const receive = proxy((row: SweepRow) => {
        if (isActive()) onRow(row);
      });
      leave(model, isActive, (wire) => this.host.runSweep(wire, id, max, receive), undefined).then(
        (rows) => settle({ value: rows }),
        (error: unknown) => settle({ error }),
      );
    });
  }

  cancel(): void {
    this.end("reliability");
    this.host.cancel().catch(() => undefined);
  }

  cancelSecurity(): void {
    this.end("security");
    this.host.cancelSecurity().catch(() => undefined);
  }

  /** End every current run with `error` and refuse later runs (the pool's thread failed). */
  fail(error: Error): void {
    this.broken ??= error;
    for (const settle of Object.values(this.active)) settle?.({ error });
  }

  dispose(): void {
    for (const slot of Object.keys(this.active) as Slot[]) this.end(slot);
    this.isDisposed = true;
    this.terminate();
  }

  private end(slot: Slot): void {
    this.active[slot]?.({ value: undefined });
  }

  /**
   * A progressive run of `model`: reports rebuilt from their pieces while the run is the slot's
   * current one. The model leaves as its text, built first; a run replaced meanwhile never leaves.
   */
  private run<R, W extends object>(
    slot: Slot,
    transport: ResultTransport<R, W>,
    onProgress: (p: Progress<R>) => void,
    model: Model,
    start: (wire: ModelOnWire, receive: PieceReceiver) => Promise<boolean>,
  ): Promise<Progress<R> | undefined> {
    return this.begin<Progress<R>>(slot, (settle, isActive) => {
      const assembler = new ReportAssembler(transport);
      let last: Progress<R> | undefined;
      const receive = proxy((piece: Piece) => {
        if (!isActive()) return;
        const report = assembler.add(piece);
        if (report) {
          last = report;
          onProgress(report);
        }
      });
      leave(model, isActive, (wire) => start(wire, receive), false).then(
        (isFinished) => settle({ value: isFinished ? last : undefined }),
        (error: unknown) => settle({ error }),
      );
    });
  }

  /** End the slot's current run, then start `body` as its new one (unless the pool cannot run). */
  private begin<V>(
    slot: Slot,
    body: (
      settle: (outcome: { value: V | undefined } | { error: unknown }) => void,
      isActive: () => boolean,
    ) => void,
  ): Promise<V | undefined> {
    this.end(slot);
    if (this.isDisposed) return Promise.reject(new Error("the engine pool has been disposed"));
    if (this.broken) return Promise.reject(this.broken);
    return new Promise<V | undefined>((resolve, reject) => {
      let isActive = true;
      const settle = (outcome: { value: V | undefined } | { error: unknown }) => {
        if (!isActive) return;
        isActive = false;
        if (this.active[slot] === settle) this.active[slot] = undefined;
        if ("error" in outcome) reject(outcome.error);
        else resolve(outcome.value);
      };
      this.active[slot] = settle as (outcome: { value: undefined } | { error: unknown }) => void;
      body(settle, () => isActive);
    });
  }
}

/**
 * Send `model` as its text (built first, model-wire.ts) with `send`, unless the run was replaced
 * meanwhile (`isActive` false): then it never leaves, and `notSent` is the answer.
 */
async function leave<V, N>(
  model: Model,
  isActive: () => boolean,
  send: (wire: ModelOnWire) => Promise<V>,
  notSent: N,
): Promise<V | N> {
  const wire = await toWire(model);
  return isActive() ? send(wire) : notSent;
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
