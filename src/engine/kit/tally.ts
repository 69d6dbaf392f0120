/**
 * Tallies: counts and sums of one or more batches, as named Float64Arrays plus the trial count —
 * plain data a worker sends back with its buffers transferred, merged in batch order by the caller.
 * A tally is defined once by the lengths of its arrays; create, reset, merge and the transferable
 * buffers follow from that definition.
 */

/** A tally with arrays named K. */
export type Counts<K extends string> = { trials: number } & { [name in K]: Float64Array };

export interface TallyDefinition<K extends string, Context> {
  /** A zeroed tally sized for `context` (a compiled model). */
  create(context: Context): Counts<K>;
  /** Zero every count. */
  reset(t: Counts<K>): void;
  /** Add `from` into `into` (in batch order, for bit-identical float sums). */
  merge(into: Counts<K>, from: Counts<K>): void;
}

/** A tally from its arrays' lengths for a context, in the order the arrays are listed. */
export function defineTally<K extends string, Context>(
  lengths: (context: Context) => { [name in K]: number },
): TallyDefinition<K, Context> {
  const names = (t: Counts<K>): K[] => Object.keys(t).filter((key) => key !== "trials") as K[];
  return {
    create(context) {
      // one object built at once: adding two dozen keys one by one would leave it in V8's slow
      // dictionary mode, and the hot loop reads these arrays on every word
      const arrays = Object.entries<number>(lengths(context)).map(([name, length]) => [
        name,
        new Float64Array(length),
      ]);
      return Object.fromEntries([["trials", 0], ...arrays]) as Counts<K>;
    },
    reset(t) {
      t.trials = 0;
      for (const name of names(t)) t[name].fill(0);
    },
    merge(into, from) {
      into.trials += from.trials;
      for (const name of names(into)) {
        const a = into[name];
        const b = from[name];
        for (let i = 0; i < a.length; i++) a[i] += b[i];
      }
    },
  };
}

/** The distinct ArrayBuffers under the typed arrays of some tallies (a buffer listed twice cannot be transferred). */
export function tallyBuffers(tallies: readonly object[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const t of tallies) {
    for (const value of Object.values(t)) {
      if (ArrayBuffer.isView(value) && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
    }
  }
  return [...buffers];
}
