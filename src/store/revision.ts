/**
 * Results keyed by model revision. A result is computed for the revision it was asked on; it lands
 * in the store only while that revision is the model's current one, and is shown only for its own
 * revision. Every revision check of the store goes through these three functions.
 */
import { type SeamsState, type SliceKey, setSlice, useSeamsStore } from "./store.ts";

/** Whether `revision` is still the model's current revision. */
export function isCurrent(revision: number): boolean {
  return useSeamsStore.getState().revision === revision;
}

/** Merge `patch` into the slice under `key` if `revision` is still current; returns whether it landed. */
export function setIfCurrent<K extends SliceKey>(
  revision: number,
  key: K,
  patch: Partial<SeamsState[K]>,
): boolean {
  if (!isCurrent(revision)) return false;
  setSlice(key, patch);
  return true;
}

/** `entry` if it was computed for `revision`, else undefined (a result is never shown for another revision). */
export function resultFor<T extends { revision: number }>(
  entry: T | undefined,
  revision: number,
): T | undefined {
  return entry?.revision === revision ? entry : undefined;
}
