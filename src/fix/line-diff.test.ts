import { describe, expect, it } from 'vitest';
import { diffLines, splitLines } from './line-diff.js';

/** Length of a longest common subsequence, by dynamic programming: the oracle for small inputs. */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const table = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  return table[0][0];
}

function seededLines(seed: number, length: number, alphabet: number): string[] {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return String.fromCharCode(97 + (state % alphabet));
  });
}

describe('diffLines', () => {
  it('finds a shortest edit script: the equal lines are a longest common subsequence, and the chunks rebuild both sides', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const a = seededLines(seed, seed % 17, 4);
      const b = seededLines(seed * 7 + 3, (seed * 5) % 19, 4);
      const chunks = diffLines(a, b);
      let equal = 0;
      const rebuiltA: string[] = [];
      const rebuiltB: string[] = [];
      for (const chunk of chunks) {
        rebuiltA.push(...a.slice(chunk.aStart, chunk.aEnd));
        rebuiltB.push(...b.slice(chunk.bStart, chunk.bEnd));
        if (chunk.kind === 'equal') {
          expect(a.slice(chunk.aStart, chunk.aEnd)).toEqual(b.slice(chunk.bStart, chunk.bEnd));
          equal += chunk.aEnd - chunk.aStart;
        }
      }
      expect(rebuiltA).toEqual(a);
      expect(rebuiltB).toEqual(b);
      expect(equal).toBe(lcsLength(a, b));
    }
  });

  it('reports an insertion between equal lines as one change', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'b', 'x', 'y', 'c'])).toEqual([
      { kind: 'equal', aStart: 0, aEnd: 2, bStart: 0, bEnd: 2 },
      { kind: 'change', aStart: 2, aEnd: 2, bStart: 2, bEnd: 4 },
      { kind: 'equal', aStart: 2, aEnd: 3, bStart: 4, bEnd: 5 },
    ]);
  });

  it('splits text into lines without an empty last line for the final line break', () => {
    expect(splitLines('a\nb\n')).toEqual(['a', 'b']);
    expect(splitLines('a\n\nb')).toEqual(['a', '', 'b']);
    expect(splitLines('')).toEqual([]);
  });
});
