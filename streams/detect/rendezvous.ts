/**
 * Rendezvous (highest-random-weight) hashing: which worker owns a rule. Every worker computes the same answer
 * from the same member list, and when a member joins or leaves only its share of the rules moves.
 */

/** FNV-1a, 32 bits: small, fast, and well spread for short keys. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One more mixing round so that keys differing only at the end still spread.
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d) >>> 0;
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * The owner of a key among members.
 *
 * @param key e.g. a rule id
 * @param members live member ids
 * @returns the owner, or undefined when there are no members
 *
 * @example
 * ```ts
 * import { ownerOf } from "./rendezvous.ts";
 * ownerOf("rule-1", ["a", "b", "c"]) === ownerOf("rule-1", ["c", "b", "a"]); // true
 * ```
 */
export function ownerOf(key: string, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1;
  for (const m of members) {
    const w = fnv1a(`${m}\u0000${key}`);
    if (w > bestWeight || (w === bestWeight && best !== undefined && m < best)) {
      best = m;
      bestWeight = w;
    }
  }
  return best;
}
