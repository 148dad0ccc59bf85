import { describe, expect, it } from 'vitest';
import { valueNestsDeeperThan } from './nesting.js';

/** The depth the obvious way: 1 for an empty object or array, 1 + the deepest child otherwise. */
function depthOf(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
}

function randomValue(next: () => number, budget: number): unknown {
  if (budget <= 0 || next() < 0.25) return next() < 0.5 ? 'leaf' : null;
  const size = Math.floor(next() * 4);
  const children = Array.from({ length: size }, () => randomValue(next, budget - 1 - Math.floor(next() * 3)));
  return next() < 0.5 ? children : Object.fromEntries(children.map((child, index) => [`k${index}`, child]));
}

describe('valueNestsDeeperThan', () => {
  it('agrees with the depth computed the obvious way, for random values and limits', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const next = random(seed);
      const value = randomValue(next, 12);
      const limit = Math.floor(next() * 10);
      expect(valueNestsDeeperThan(value, limit), `seed ${seed}`).toBe(depthOf(value) > limit);
    }
  });

  it('accepts 200 levels and refuses 201, without overflowing the stack on 100,000', () => {
    const nest = (levels: number): unknown => {
      let value: unknown = {};
      for (let level = 1; level < levels; level++) value = level % 2 === 0 ? [value] : { next: value };
      return value;
    };
    expect(valueNestsDeeperThan(nest(200), 200)).toBe(false);
    expect(valueNestsDeeperThan(nest(201), 200)).toBe(true);
    expect(valueNestsDeeperThan(nest(100_000), 200)).toBe(true);
  });
});
