import { describe, expect, it } from 'vitest';
import { sortedByRank } from './run-rules.js';

/** A small deterministic generator, so that a failure can be replayed. */
function numbers(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('sortedByRank (the order of findings)', () => {
  it('gives the order of a plain comparator sort by rank, then by the tie-breaker, on random inputs', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = numbers(seed);
      const length = Math.floor(next() * 300);
      const distinct = 1 + Math.floor(next() * 40); // few distinct ranks: many ties
      const ranks = Float64Array.from({ length }, () => Math.floor(next() * distinct) * 1000 + Math.floor(next() * 3));
      const labels = Array.from({ length }, () => String.fromCharCode(97 + Math.floor(next() * 5)));
      const byTies = (a: number, b: number) => (labels[a] < labels[b] ? -1 : labels[a] > labels[b] ? 1 : 0) || a - b;
      const expected = Array.from({ length }, (_, index) => index).sort((a, b) => ranks[a] - ranks[b] || byTies(a, b));
      expect(sortedByRank(ranks, byTies), `seed ${seed}`).toEqual(expected);
    }
  });

  it('still sorts exactly when ranks are too large to pack with their index', () => {
    const ranks = Float64Array.from([2 ** 50, 3, 2 ** 50, 1]);
    expect(sortedByRank(ranks, (a, b) => b - a)).toEqual([3, 1, 2, 0]);
  });
});
