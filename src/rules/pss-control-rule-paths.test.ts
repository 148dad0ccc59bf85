/** The path helpers of PSS rules, against the straightforward computations they replace. */
import { describe, expect, it } from 'vitest';
import type { PssViolation } from '../admission/pss/index.js';
import type { PathSegment } from '../model/object.js';
import { seededRandom } from '../testing/seeded-random.js';
import { commonPath, uniqueByPath } from './pss-control-rule.js';

function randomPath(random: () => number): PathSegment[] {
  const segments: PathSegment[] = ['spec', 'containers', 0, 1, 'securityContext', 'procMount', '0', 'add'];
  return Array.from({ length: Math.floor(random() * 5) }, () => segments[Math.floor(random() * segments.length)]);
}

const violation = (path: PathSegment[], detail: string): PssViolation => ({ control: 'procMount', level: 'baseline', path, reason: 'forbidden', detail });

describe('PSS rule path helpers', () => {
  it('keep the first violation of each path, in order, as a JSON-keyed set would', () => {
    const random = seededRandom(5);
    for (let round = 0; round < 300; round++) {
      const violations = Array.from({ length: Math.floor(random() * 7) }, (_, index) => violation(randomPath(random), `v${index}`));
      const seen = new Set<string>();
      const expected = violations.filter((item) => !seen.has(JSON.stringify(item.path)) && seen.add(JSON.stringify(item.path)));
      expect(uniqueByPath([...violations]).map((item) => item.detail), `round ${round}`).toEqual(expected.map((item) => item.detail));
    }
  });

  it('find the longest shared prefix of the paths (a number and its string are different segments)', () => {
    const random = seededRandom(9);
    for (let round = 0; round < 300; round++) {
      const paths = Array.from({ length: Math.floor(random() * 4) }, () => randomPath(random));
      const first = paths[0] ?? [];
      const startsWith = (path: PathSegment[], prefix: PathSegment[]) => path.length >= prefix.length && prefix.every((segment, index) => path[index] === segment);
      let length = first.length;
      while (!paths.every((path) => startsWith(path, first.slice(0, length)))) length--;
      expect(commonPath(paths), `round ${round}`).toEqual(first.slice(0, length));
    }
  });
});
