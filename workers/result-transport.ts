/**
 * How progress reports cross from the pool's worker to the page (see remote-pool.ts) without a long
 * task on the page. A 1,000-component reliability result is ~3.7 MB of small objects: one message
 * takes ~40 ms to deserialise, and the page's garbage collector then copies them all. So:
 * - a report crosses in pieces — its keyed records (components, chargers, links…) in slices of at
 *   most `PIECE_ENTRIES` entries, each a message, and so a task, of its own on the page;
 * - the per-viewer estimates of every charger (phantom, hidden, stale and incorrect tariff: ~80 %
 *   of the bytes, ~70 % of the objects) cross as columns and become objects only when read (most
 *   never are).
 * The page gets the same numbers as the engine made, its records without a prototype as the engine
 * makes them (a component called "constructor" is no inherited key).
 */
import type { ChargerReliability, Estimate, ReliabilityResult, SecurityResult } from "../src/engine/index.ts";
import type { Progress } from "./schedule.ts";

/** Entries of a keyed record sent in one message. */
export const PIECE_ENTRIES = 100;

/** One message of a report: its figures and fields, then slices of its large records, then its end. */
export type Piece =
  | { kind: "head"; progress: Omit<Progress<unknown>, "result">; fields: Record<string, unknown> }
  | { kind: "entries"; field: string; entries: Record<string, unknown> }
  | { kind: "end" };

/**
 * How one kind of result crosses: the fields that are keyed records (with fewer entries a piece
 * where an entry is large), and its packed form (W).
 */
export interface ResultTransport<R, W extends object = R & object> {
  readonly records: readonly string[];
  readonly pieceEntries?: Readonly<Record<string, number>>;
  pack(result: R): W;
  unpack(packed: W): R;
}

/** A report as pieces (`result` already packed). */
export function piecesOf(
  report: Progress<object>,
  records: readonly string[],
  pieceEntriesOf: Readonly<Record<string, number>> = {},
): Piece[] {
  const { result, ...progress } = report;
  const fields: Record<string, unknown> = {};
  const slices: Piece[] = [];
  for (const [field, value] of Object.entries(result)) {
    const entries = records.includes(field) ? Object.entries(value as object) : [];
    const pieceEntries = pieceEntriesOf[field] ?? PIECE_ENTRIES;
    if (entries.length <= pieceEntries) {
      fields[field] = value;
      continue;
    }
    // an empty record keeps the field's place; the slices fill it in order
    fields[field] = {};
    for (let i = 0; i < entries.length; i += pieceEntries) {
      slices.push({
        kind: "entries",
        field,
        entries: Object.fromEntries(entries.slice(i, i + pieceEntries)),
      });
    }
  }
  return [{ kind: "head", progress, fields }, ...slices, { kind: "end" }];
}

/** A record without a prototype holding `entries` (a key "__proto__" stays a key). */
function recordOf(entries: object): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of Object.entries(entries)) out[key] = value;
  return out;
}

/** Rebuilds reports from their pieces; `add` answers a report once its last piece is in. */
export class ReportAssembler<R, W extends object> {
  private report:
    | { progress: Omit<Progress<unknown>, "result">; packed: Record<string, unknown> }
    | undefined;

  constructor(private readonly transport: ResultTransport<R, W>) {}

  add(piece: Piece): Progress<R> | undefined {
    if (piece.kind === "head") {
      const packed: Record<string, unknown> = {};
      for (const [field, value] of Object.entries(piece.fields)) {
        packed[field] = this.transport.records.includes(field) ? recordOf(value as object) : value;
      }
      this.report = { progress: piece.progress, packed };
      return undefined;
    }
    const report = this.report;
    if (!report) throw new Error(`a ${piece.kind} piece arrived before its report's head`);
    if (piece.kind === "entries") {
      const into = report.packed[piece.field] as Record<string, unknown>;
      for (const [key, value] of Object.entries(piece.entries)) into[key] = value;
      return undefined;
    }
    this.report = undefined;
    return { ...report.progress, result: this.transport.unpack(report.packed as W) };
  }
}

/**
 * A ranked list ({id, kw, share} each) as columns: the ids joined by a line break (which no id
 * contains) and kw, share side by side.
 */
interface RankedColumns {
  ids: string;
  values: Float64Array;
}

type PackedSecurity = Omit<SecurityResult, "chokepoints"> & { chokepoints: RankedColumns };

/**
 * The attack Monte Carlo's result: its records sliced, its chokepoints as columns, made objects
 * when read (every link on an attack path: 53,810 at 20,000 components, 4 MB riding in the head of
 * every report; the page reads five).
 */
export const SECURITY_TRANSPORT: ResultTransport<SecurityResult, PackedSecurity> = {
  records: ["components", "orgs"],
  pack(result) {
    const values = new Float64Array(2 * result.chokepoints.length);
    result.chokepoints.forEach((e, i) => {
      values[2 * i] = e.kw;
      values[2 * i + 1] = e.share;
    });
    return { ...result, chokepoints: { ids: result.chokepoints.map((e) => e.id).join("\n"), values } };
  },
  unpack(packed) {
    const { ids, values } = packed.chokepoints;
    const result = { ...packed } as Record<string, unknown>;
    defineOnRead(result, "chokepoints", () =>
      values.length === 0
        ? []
        : ids.split("\n").map((id, i) => ({ id, kw: values[2 * i], share: values[2 * i + 1] })),
    );
    return result as unknown as SecurityResult;
  },
};

const PAIR_MAPS = ["phantom", "hidden", "staleTariff", "incorrectTariff"] as const;

/**
 * Every charger's per-viewer estimates as columns: for charger i and map m (PAIR_MAPS order), slot
 * i·4 + m holds its viewer ids — characters [viewerStart[slot], viewerStart[slot + 1]) of
 * `viewers`, joined by a line break, which no id contains (one string: 80,000 strings at 20,000
 * components took ~70 ms to cross) — and the estimates [offsets[slot], offsets[slot + 1]) of
 * `values` (p, ci95 low, ci95 high each).
 */
interface PairColumns {
  chargers: string[];
  viewers: string;
  viewerStart: Uint32Array;
  offsets: Uint32Array;
  values: Float64Array;
}

type PackedReliability = Omit<ReliabilityResult, "chargers"> & {
  chargers: Record<string, Omit<ChargerReliability, (typeof PAIR_MAPS)[number]>>;
  pairs: PairColumns;
};

function packPairs(chargers: ReliabilityResult["chargers"]): PairColumns {
  const ids = Object.keys(chargers);
  const viewers: string[] = [];
  const offsets = new Uint32Array(ids.length * PAIR_MAPS.length + 1);
  const viewerStart = new Uint32Array(ids.length * PAIR_MAPS.length + 1);
  let chars = 0;
  let count = 0;
  for (const id of ids) for (const name of PAIR_MAPS) count += Object.keys(chargers[id][name]).length;
  const values = new Float64Array(3 * count);
  let k = 0;
  for (const id of ids) {
    for (const name of PAIR_MAPS) {
      const map = chargers[id][name];
      const keys = Object.keys(map);
      for (const key of keys) {
        const e = map[key];
        values[3 * k] = e.p;
        values[3 * k + 1] = e.ci95[0];
        values[3 * k + 2] = e.ci95[1];
        k++;
      }
      const text = keys.join("\n");
      viewers.push(text);
      chars += text.length;
      offsets[viewers.length] = k;
      viewerStart[viewers.length] = chars;
    }
  }
  return { chargers: ids, viewers: viewers.join(""), viewerStart, offsets, values };
}

function estimatesAt(pairs: PairColumns, slot: number): Record<string, Estimate> {
  const out: Record<string, Estimate> = Object.create(null);
  const first = pairs.offsets[slot];
  if (pairs.offsets[slot + 1] === first) return out;
  const { values } = pairs;
  pairs.viewers
    .slice(pairs.viewerStart[slot], pairs.viewerStart[slot + 1])
    .split("\n")
    .forEach((viewer, j) => {
      const k = 3 * (first + j);
      out[viewer] = { p: values[k], ci95: [values[k + 1], values[k + 2]] };
    });
  return out;
}

/** A property computed on first read, then kept as plain data. */
function defineOnRead(target: object, name: string, compute: () => unknown): void {
  Object.defineProperty(target, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = compute();
      Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
}

/** The reliability result, its chargers' per-viewer estimates as columns (read on demand on the page). */
export const RELIABILITY_TRANSPORT: ResultTransport<ReliabilityResult, PackedReliability> = {
  // the driver's view per population: ~4.6 KB each (1,601 populations at 20,000 components: 7.4 MB
  // in one message held the page ~2 s), so ten a piece
  records: ["components", "chargers", "links", "orgs", "chains", "drivers"],
  pieceEntries: { drivers: 10 },
  pack(result) {
    const chargers: PackedReliability["chargers"] = Object.create(null);
    for (const [id, c] of Object.entries(result.chargers)) {
      const { phantom: _p, hidden: _h, staleTariff: _s, incorrectTariff: _i, ...rest } = c;
      chargers[id] = rest;
    }
    return { ...result, chargers, pairs: packPairs(result.chargers) };
  },
  unpack(packed) {
    const { pairs } = packed;
    pairs.chargers.forEach((id, i) => {
      // the engine's field order: usable, seamFailure, the per-viewer maps, then the driver's view
      const { usable, seamFailure, ...rest } = packed.chargers[id];
      const charger: Record<string, unknown> = { usable, seamFailure };
      PAIR_MAPS.forEach((name, m) => {
        defineOnRead(charger, name, () => estimatesAt(pairs, i * PAIR_MAPS.length + m));
      });
      Object.assign(charger, rest);
      (packed.chargers as Record<string, unknown>)[id] = charger;
    });
    // the fields in their order, without the columns
    const result: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(packed)) if (field !== "pairs") result[field] = value;
    return result as unknown as ReliabilityResult;
  },
};
