// The review queue's random order (issue 4): a bijective 32-bit integer hash of the prediction id
// (multiply, xor-shift, multiply, xor-shift), written in plain SQL arithmetic so it can be indexed.
// SQLite has no XOR operator: a ^ b = (a | b) - (a & b). Ids stay below 2^31, so no product
// overflows 64 bits. Migration 2 indexes this exact text: never change it, add a new key instead.

const xorShift16 = (e: string) => `((${e} | (${e} >> 16)) - (${e} & (${e} >> 16)))`;
const step1 = '((id * 2654435761) % 4294967296)';
const step2 = `((${xorShift16(step1)} * 73244475) % 4294967296)`;

/** The shuffle key of the row's `id`, as indexed. Queries must use this exact text (unqualified `id`). */
export const SHUFFLE_KEY_SQL = xorShift16(step2);

/** The same key computed in JS (tests, and the seed's starting point). */
export function shuffleKeyOf(id: number): number {
  let x = Math.imul(id, 2654435761 | 0) >>> 0;
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 73244475) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** Where a seed starts in the permutation. */
export function seedOffset(seed: number): number {
  return shuffleKeyOf((seed & 0x7fffffff) ^ 0x5bd1e995);
}

/** The position of an id in the order a seed gives: the key rotated by the seed's offset. */
export function shuffleRank(id: number, seed: number): number {
  return (shuffleKeyOf(id) - seedOffset(seed) + 0x100000000) % 0x100000000;
}
