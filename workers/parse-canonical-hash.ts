/** The hash Recent models tell models apart by (own module: the hash worker bundles it alone). */

/** 32-bit FNV-1a of the UTF-16 code units, as hex, with the length (collisions need both). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `${(hash >>> 0).toString(16)}-${text.length}`;
}
