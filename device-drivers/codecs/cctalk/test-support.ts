/** Helpers shared by the ccTalk codec's tests and benchmarks. */

/** Small deterministic PRNG (mulberry32) so a failing split can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Bytes written as decimal numbers separated by spaces, the way part 1 prints its examples. */
export function decimalBytes(text: string): Buffer {
  return Buffer.from(
    text
      .trim()
      .split(/\s+/)
      .map((n) => Number.parseInt(n, 10)),
  );
}
