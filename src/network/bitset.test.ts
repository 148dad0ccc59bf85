import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { BitSet } from './bitset.js';

/** A random set the way the engine fills them: a few runs (one namespace's classes), or scattered ids. */
function randomMembers(random: () => number, size: number): number[] {
  const members: number[] = [];
  const runs = Math.floor(random() * 4);
  for (let run = 0; run < runs; run++) {
    const from = Math.floor(random() * size);
    const length = Math.floor(random() * 70);
    for (let id = from; id < Math.min(size, from + length); id++) if (random() < 0.7) members.push(id);
  }
  if (random() < 0.5) members.reverse();
  return members;
}

describe('BitSet', () => {
  it('answers as a plain set of numbers, whatever the order and spread of its members', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const size = 1 + Math.floor(random() * 700);
      const a = randomMembers(random, size);
      const b = randomMembers(random, size);
      const setA = BitSet.of(size, a);
      const setB = BitSet.of(size, b);
      const plainA = new Set(a);
      const plainB = new Set(b);
      const sorted = (values: Iterable<number>) => [...values].sort((x, y) => x - y);
      expect(setA.toArray(), `seed ${seed}`).toEqual(sorted(plainA));
      expect(setA.count()).toBe(plainA.size);
      expect(setA.isEmpty()).toBe(plainA.size === 0);
      for (let id = -3; id < size + 40; id++) expect(setA.has(id), `seed ${seed} id ${id}`).toBe(plainA.has(id));
      expect(setA.intersection(setB).toArray(), `seed ${seed}`).toEqual(sorted([...plainA].filter((id) => plainB.has(id))));
      expect(setA.difference(setB).toArray(), `seed ${seed}`).toEqual(sorted([...plainA].filter((id) => !plainB.has(id))));
      const from = Math.floor(random() * size);
      const count = Math.floor(random() * (size - from + 1));
      expect(setA.countRange(from, count), `seed ${seed}`).toBe([...plainA].filter((id) => id >= from && id < from + count).length);
      const union = BitSet.of(size, a);
      union.unionWith(setB);
      expect(union.toArray(), `seed ${seed}`).toEqual(sorted(new Set([...a, ...b])));
      union.addRange(from, count);
      expect(union.count(), `seed ${seed}`).toBe(new Set([...a, ...b, ...Array.from({ length: count }, (_, offset) => from + offset)]).size);
    }
  });

  it('ignores members beyond its size', () => {
    const set = new BitSet(40);
    set.add(40 + 64);
    set.add(-1);
    expect(set.toArray()).toEqual([]);
    set.add(3);
    expect(set.toArray()).toEqual([3]);
  });
});
