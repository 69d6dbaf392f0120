/** Small helpers shared by the bench's parts: the machine's load beside each figure, numbers. */
import { loadavg } from "node:os";

/** The 1-, 5- and 15-minute load averages, as the bench prints them beside each figure. */
export function loadText(): string {
  return `load ${loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ")}`;
}

/** A whole number with thousands separators. */
export const fmt = (x: number): string => Math.round(x).toLocaleString("en-US");

/** The q-quantile of an ascending list (NaN when empty). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * `promise`'s value, or undefined once `seconds` have passed; a promise left behind may fail later
 * (its page closed) without ending the bench.
 */
export async function within<T>(seconds: number, promise: Promise<T>): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), seconds * 1000);
  });
  const settled = promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  try {
    const outcome = await Promise.race([settled, cap]);
    if (outcome === undefined) return undefined;
    if ("error" in outcome) throw outcome.error;
    return outcome.value;
  } finally {
    clearTimeout(timer);
  }
}
