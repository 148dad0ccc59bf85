import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { EdgeIndex } from './edge-index.js';
import type { EdgeEnd, ReachabilityEdge } from './edge-model.js';

describe('EdgeIndex.edgesWith', () => {
  it('finds the edges whose end holds the class, in edge order, short lists and long ones alike', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const random = seededRandom(seed);
      const end = (): EdgeEnd => {
        const roll = random();
        if (roll < 0.1) return { kind: 'internet' };
        if (roll < 0.15) return { kind: 'cloud-metadata' };
        // Some lists longer than the 64 the index files class by class.
        const length = roll < 0.35 ? 65 + Math.floor(random() * 100) : 1 + Math.floor(random() * 10);
        return { kind: 'classes', classIds: [...new Set(Array.from({ length }, () => Math.floor(random() * 200)))].sort((a, b) => a - b) };
      };
      const edges: ReachabilityEdge[] = Array.from({ length: 1 + Math.floor(random() * 40) }, () => ({ from: end(), to: end(), ports: [], ingressRules: [], egressRules: [] }));
      const index = new EdgeIndex(edges);
      for (const side of ['from', 'to'] as const)
        for (let classId = 0; classId < 200; classId++) {
          const expected = edges.filter((edge) => { const ends = edge[side]; return ends.kind === 'classes' && ends.classIds.includes(classId); });
          expect(index.edgesWith(side, classId), `seed ${seed} ${side} ${classId}`).toEqual(expected);
          expect(index.edgesWith(side, classId).every((edge, position) => edge === expected[position])).toBe(true);
        }
    }
  });
});
