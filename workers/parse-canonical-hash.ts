/** The hash Recent models tell models apart by, whole or a slice at a time (the page keeps answering). */

/** FNV-1a's offset basis and prime (32-bit). */
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of the UTF-16 code units, as hex, with the length (collisions need both). */
export function fnv1a(text: string): string {
  return `${(fnvRange(text, 0, text.length, FNV_OFFSET) >>> 0).toString(16)}-${text.length}`;
}

/** FNV-1a carried from `hash` over code units [start, end) of `text`. */
function fnvRange(text: string, start: number, end: number, hash: number): number {
  let h = hash;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** Code units hashed between two pauses (~2–10 ms). */
const HASH_SLICE_CHARS = 1 << 20;

/**
 * `fnv1a(text)` with `pause` after every `sliceChars` code units: sending a 13 M-character text to
 * a worker held the page ~100 ms (a string is copied), longer than hashing it here in slices.
 */
export async function fnv1aInSlices(
  text: string,
  pause: () => Promise<void>,
  sliceChars: number = HASH_SLICE_CHARS,
): Promise<string> {
  let hash = FNV_OFFSET;
  for (let start = 0; start < text.length; start += sliceChars) {
    if (start > 0) await pause();
    hash = fnvRange(text, start, Math.min(text.length, start + sliceChars), hash);
  }
  return `${(hash >>> 0).toString(16)}-${text.length}`;
}
