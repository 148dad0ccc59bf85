import { describe, expect, it } from 'vitest';
import { hashWords } from './fingerprint.js';
import { HashWordsSet } from './run-rules.js';

describe('HashWordsSet (the fingerprints a rule has reported)', () => {
  it('tells a hash seen before from a new one, also when hashes share their high word', () => {
    const seen = new HashWordsSet();
    const hashes = ['0123456789abcdef', '0123456789abcdee', '0123456700000000', 'ffffffff00000001', '0123456789abcdef', 'ffffffff00000001', '0123456700000000'];
    const added = hashes.map((hex) => seen.add(...hashWords(hex)));
    expect(added).toEqual(hashes.map((hex, index) => hashes.indexOf(hex) === index));
  });

  it('agrees with a Set of the hex digits on many random hashes with few distinct high words', () => {
    const seen = new HashWordsSet();
    const strings = new Set<string>();
    let state = 7;
    const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
    for (let index = 0; index < 5000; index++) {
      const hex = (next() % 16).toString(16).padStart(8, '0') + (next() % 64).toString(16).padStart(8, '0');
      expect(seen.add(...hashWords(hex))).toBe(!strings.has(hex));
      strings.add(hex);
    }
  });
});
