/**
 * How a slice of the one store is written (zustand's slices pattern): a creator that gets the
 * store's `set`, `get` and the store itself, typed on its own part of the state.
 */
import type { StateCreator } from "zustand";

/** A slice creator; `temporal` is zundo's undo history, which the store wraps every slice in. */
export type SliceCreator<Slice> = StateCreator<Slice, [["temporal", unknown]], [], Slice>;
