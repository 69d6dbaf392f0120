/**
 * The pool run from a thread of its own, as the browser runs it (workers/pool.worker.ts), over a
 * real message channel with comlink: the page gets the same JSON as the engine makes, reports as a
 * growing prefix, and the pool's run semantics (a newer run ends the current one, dispose ends all).
 * And the transport alone: pieces and packed columns rebuild the very result, keys and all.
 */
import { readFileSync } from "node:fs";
import { expose, type Remote, wrap } from "comlink";
import { afterEach, describe, expect, it } from "vitest";
import { simulateReliability } from "../../src/engine/index.ts";
import { type SecurityResult, simulateSecurity } from "../../src/engine/security/index.ts";
import { BATCH_TRIALS, type ReliabilityResult } from "../../src/engine/types.ts";
import type { Model } from "../../src/model/index.ts";
import { createInlinePool } from "../../workers/inline-pool.ts";
import type { ModelOnWire } from "../../workers/model-wire.ts";
import { createPoolHost, type PoolHostApi, RemotePool } from "../../workers/remote-pool.ts";
import {
  type Piece,
  piecesOf,
  RELIABILITY_TRANSPORT,
  ReportAssembler,
  SECURITY_TRANSPORT,
} from "../../workers/result-transport.ts";
import type { Progress, RunOptions } from "../../workers/schedule.ts";
import { generateSyntheticModel } from "../fixtures/synthetic.ts";

const reference = JSON.parse(readFileSync("public/templates/reference.seams.json", "utf8")) as Model;
const horizonDays = reference.settings.horizonDays;

const opened: RemotePool[] = [];
afterEach(() => {
  for (const pool of opened.splice(0)) pool.dispose();
});

/** A pool of `size` in-process workers behind a message channel, as the page sees the pool's worker. */
function remotePool(size: number): RemotePool {
  const { port1, port2 } = new MessageChannel();
  expose(createPoolHost(createInlinePool), port1);
  const pool = new RemotePool(wrap<PoolHostApi>(port2), size, () => {
    port1.close();
    port2.close();
  });
  opened.push(pool);
  return pool;
}

describe("the pool in a thread of its own", () => {
  it("reliability: reports a growing prefix and ends with the engine's JSON, charger viewers included", async () => {
    const trials = 3 * BATCH_TRIALS + 100;
    const seen: Progress<ReliabilityResult>[] = [];
    const final = await remotePool(2).runReliability(reference, { revision: 4, trials, seed: 9 }, (p) =>
      seen.push(p),
    );
    if (!final) throw new Error("the run ended without a result");
    expect(final.done).toBe(true);
    expect(final.revision).toBe(4);
    expect(seen.at(-1)).toBe(final);
    for (let i = 1; i < seen.length; i++) expect(seen[i].trialsDone).toBeGreaterThan(seen[i - 1].trialsDone);
    const engine = simulateReliability(reference, trials, 9);
    expect(JSON.stringify(final.result)).toBe(JSON.stringify(engine));
    const site = Object.keys(engine.chargers).find(
      (id) => Object.keys(engine.chargers[id].phantom).length > 0,
    );
    expect(site).toBeDefined();
    expect(final.result.chargers[site as string].phantom).toEqual(engine.chargers[site as string].phantom);
    // keyed records have no prototype, as the engine makes them
    expect(Object.getPrototypeOf(final.result.components)).toBeNull();
    expect(final.result.chargers.constructor).toBeUndefined();
  });

  it("security: the same JSON as simulateSecurity for the trials it ran", async () => {
    const final = await remotePool(1).runSecurity(
      reference,
      { revision: 1, trials: 2 * BATCH_TRIALS, seed: 3, horizonDays },
      () => undefined,
    );
    if (!final) throw new Error("the run ended without a result");
    const engine: SecurityResult = simulateSecurity(reference, final.trialsDone, 3, { horizonDays });
    expect(JSON.stringify(final.result)).toBe(JSON.stringify(engine));
  });

  it("a newer reliability run ends the current one: it resolves undefined and reports nothing more", async () => {
    const pool = remotePool(2);
    const older: number[] = [];
    const first = pool.runReliability(reference, { revision: 1, trials: 40 * BATCH_TRIALS, seed: 1 }, (p) =>
      older.push(p.trialsDone),
    );
    const second = pool.runReliability(reference, { revision: 2, trials: BATCH_TRIALS, seed: 2 }, (p) =>
      expect(p.revision).toBe(2),
    );
    await expect(first).resolves.toBeUndefined();
    const countAtEnd = older.length;
    const final = await second;
    expect(final?.revision).toBe(2);
    expect(JSON.stringify(final?.result)).toBe(
      JSON.stringify(simulateReliability(reference, BATCH_TRIALS, 2)),
    );
    expect(older.length).toBe(countAtEnd);
  });

  it("models cross as their text; a run replaced while its text is built never reaches the pool", async () => {
    const calls: { revision: number; canonical: string }[] = [];
    const host = {
      start: async () => undefined,
      runReliability: async (wire: ModelOnWire, options: RunOptions) => {
        calls.push({ revision: options.revision, canonical: wire.canonical });
        return false;
      },
    } as unknown as Remote<PoolHostApi>;
    const pool = new RemotePool(host, 1, () => undefined);
    const older = structuredClone(reference); // new objects: their texts are still to build
    const newer = { ...structuredClone(reference), name: "newer" };
    const first = pool.runReliability(older, { revision: 1, trials: BATCH_TRIALS, seed: 1 }, () => undefined);
    const second = pool.runReliability(
      newer,
      { revision: 2, trials: BATCH_TRIALS, seed: 1 },
      () => undefined,
    );
    await expect(first).resolves.toBeUndefined();
    await second;
    expect(calls.map((c) => c.revision)).toEqual([2]);
    expect(JSON.parse(calls[0].canonical)).toEqual(JSON.parse(JSON.stringify(newer)));
    pool.dispose();
  });

  it("cancelSecurity ends the attack run (undefined), a reliability run goes on to its end", async () => {
    const pool = remotePool(1);
    const security = pool.runSecurity(
      reference,
      { revision: 1, trials: 40 * BATCH_TRIALS, seed: 1, horizonDays },
      () => undefined,
    );
    const reliability = pool.runReliability(
      reference,
      { revision: 1, trials: BATCH_TRIALS, seed: 5 },
      () => undefined,
    );
    pool.cancelSecurity();
    await expect(security).resolves.toBeUndefined();
    const final = await reliability;
    expect(JSON.stringify(final?.result)).toBe(
      JSON.stringify(simulateReliability(reference, BATCH_TRIALS, 5)),
    );
  });

  it("dispose ends the current runs (undefined) and refuses later ones", async () => {
    const pool = remotePool(1);
    const run = pool.runReliability(
      reference,
      { revision: 1, trials: 40 * BATCH_TRIALS, seed: 1 },
      () => undefined,
    );
    pool.dispose();
    await expect(run).resolves.toBeUndefined();
    await expect(
      pool.runReliability(reference, { revision: 2, trials: BATCH_TRIALS, seed: 1 }, () => undefined),
    ).rejects.toThrow(/disposed/);
  });

  it("a run with bad options rejects with the pool's reason", async () => {
    await expect(
      remotePool(1).runReliability(reference, { revision: 1, trials: 0, seed: 1 }, () => undefined),
    ).rejects.toThrow(/trials must be a whole number/);
  });
});

describe("the transport of a report", () => {
  /** Through pieces of `entries` entries and back, as the page rebuilds it. */
  const roundTrip = <R, W extends object>(
    transport: typeof RELIABILITY_TRANSPORT | typeof SECURITY_TRANSPORT,
    result: R,
    entries: number,
  ): { result: R; pieces: Piece[] } => {
    const t = transport as unknown as import("../../workers/result-transport.ts").ResultTransport<R, W>;
    const report: Progress<R> = {
      revision: 1,
      trialsDone: 10,
      trialsTarget: 10,
      converged: false,
      done: true,
      result,
    };
    const perField = Object.fromEntries(t.records.map((field) => [field, entries]));
    const pieces = piecesOf({ ...report, result: t.pack(result) }, t.records, perField);
    const assembler = new ReportAssembler(t);
    const rebuilt = pieces.map((piece) => assembler.add(structuredClone(piece))).at(-1);
    if (!rebuilt) throw new Error("no report");
    return { result: rebuilt.result, pieces };
  };

  it("slices large records and rebuilds the same JSON, ids such as __proto__ and constructor kept", () => {
    const engine = simulateReliability(reference, BATCH_TRIALS, 4);
    // ids an ordinary object would not keep as keys
    for (const id of ["__proto__", "constructor"]) {
      engine.components[id] = engine.components[Object.keys(engine.components)[0]];
    }
    const { result, pieces } = roundTrip(RELIABILITY_TRANSPORT, engine, 3);
    expect(pieces.filter((p) => p.kind === "entries").length).toBeGreaterThan(3);
    expect(Object.keys(result.components)).toEqual(Object.keys(engine.components));
    expect(JSON.stringify(result)).toBe(JSON.stringify(engine));
  });

  it("the driver's view crosses ten populations a piece, and reads back the same", () => {
    const model = generateSyntheticModel(1000, 1);
    const engine = simulateReliability(model, 256, 5);
    const populations = Object.keys(engine.drivers ?? {});
    expect(populations.length).toBeGreaterThan(20);
    const pieces = piecesOf(
      {
        revision: 1,
        trialsDone: 256,
        trialsTarget: 256,
        converged: false,
        done: true,
        result: RELIABILITY_TRANSPORT.pack(engine),
      },
      RELIABILITY_TRANSPORT.records,
      RELIABILITY_TRANSPORT.pieceEntries,
    );
    const driverPieces = pieces.filter((p) => p.kind === "entries" && p.field === "drivers");
    expect(driverPieces.length).toBe(Math.ceil(populations.length / 10));
    for (const p of driverPieces)
      if (p.kind === "entries") expect(Object.keys(p.entries).length).toBeLessThanOrEqual(10);
    const head = pieces[0];
    expect(head.kind === "head" && Object.keys(head.fields.drivers as object)).toEqual([]);
    const assembler = new ReportAssembler(RELIABILITY_TRANSPORT);
    const rebuilt = pieces.map((piece) => assembler.add(structuredClone(piece))).at(-1);
    expect(JSON.stringify(rebuilt?.result)).toBe(JSON.stringify(engine));
  });

  it("an attack run's chokepoints cross as columns and read back equal, none included", () => {
    const engine = simulateSecurity(reference, 500, 3, { horizonDays });
    expect(engine.chokepoints.length).toBeGreaterThan(1);
    const packed = SECURITY_TRANSPORT.pack(engine) as unknown as { chokepoints: unknown };
    expect(Array.isArray(packed.chokepoints)).toBe(false);
    const { result } = roundTrip(SECURITY_TRANSPORT, engine, 3);
    expect(JSON.stringify(result)).toBe(JSON.stringify(engine));
    expect(result.chokepoints).toEqual(engine.chokepoints);
    const none = roundTrip(SECURITY_TRANSPORT, { ...engine, chokepoints: [] }, 3).result;
    expect(none.chokepoints).toEqual([]);
  });

  it("charger viewer estimates cross as columns and read back equal, empty maps included", () => {
    const engine = simulateReliability(reference, BATCH_TRIALS, 6);
    const some = Object.values(engine.chargers)[0];
    engine.chargers["no-viewers"] = {
      ...some,
      phantom: {},
      hidden: {},
      staleTariff: {},
      incorrectTariff: {},
    };
    const packed = RELIABILITY_TRANSPORT.pack(engine) as unknown as { chargers: object; pairs: object };
    expect(JSON.stringify(packed.chargers)).not.toContain("phantom");
    const { result } = roundTrip(RELIABILITY_TRANSPORT, engine, 1000);
    for (const [id, charger] of Object.entries(engine.chargers)) {
      expect({ ...result.chargers[id] }).toEqual({ ...charger });
    }
    expect(result.chargers["no-viewers"].phantom).toEqual({});
  });
});
