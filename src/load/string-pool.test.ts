/** The string pool shares copies of strings and doubles as the nesting guard: neither may change what was read. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { valueNestsDeeperThan } from './nesting.js';
import { StringPool } from './string-pool.js';

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.3) return ['app', 'shop', 'v1', 'x'.repeat(300), 42, true, null][Math.floor(random() * 7)];
  const size = Math.floor(random() * 4);
  if (roll < 0.6) return Array.from({ length: size }, () => randomValue(random, depth - 1));
  return Object.fromEntries(Array.from({ length: size }, (_, index) => [`k${index}`, randomValue(random, depth - 1)]));
}

describe('StringPool', () => {
  it('leaves every value as it was and judges nesting exactly as valueNestsDeeperThan', () => {
    const random = seededRandom(11);
    const pool = new StringPool();
    for (let round = 0; round < 500; round++) {
      const value = randomValue(random, 1 + Math.floor(random() * 8));
      const before = structuredClone(value);
      const maxDepth = Math.floor(random() * 6);
      const tooDeep = pool.internValues(value, maxDepth);
      expect(tooDeep, `round ${round}`).toBe(valueNestsDeeperThan(before, maxDepth));
      expect(value, `round ${round}`).toEqual(before);
    }
  });

  it('keeps a key named __proto__ a key, and the prototype untouched', () => {
    const value = JSON.parse('{"metadata": {"__proto__": "x", "name": "n"}}') as { metadata: Record<string, unknown> };
    new StringPool().internValues(value, 10);
    expect(Object.getPrototypeOf(value.metadata)).toBe(Object.prototype);
    expect(Object.keys(value.metadata)).toEqual(['__proto__', 'name']);
    expect(value.metadata.name).toBe('n');
  });
});
