import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { classKey, classTraits, compareJsonTexts, compareTexts, compareTraits } from './class-order.js';
import { PodClassIndex } from './pod-classes.js';
import type { PodGroup } from './pod-groups.js';

// Texts whose JSON differs from them or whose order the closing quote decides: `a` against `a!` and `a ` (quote 0x22
// sorts after ! and space), escapes, a lone surrogate and a pair, non-ASCII.
const TEXTS = ['a', 'a!', 'a ', 'a-b', 'ab', 'b', 'Z', '', 'é', '☃', 'with "quotes"', 'back\\slash', 'tab\t', 'a\n', '\ud800', 'a\ud83d\ude00', 'a~'];

function randomGroup(random: () => number, index: number): PodGroup {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const namespace = pick(['a', 'a!', 'a-b', 'ab', 'é']);
  const podLabels: Record<string, string> = {};
  for (let count = Math.floor(random() * 4); count > 0; count--) podLabels[pick(TEXTS)] = pick(TEXTS);
  const ports = Array.from({ length: Math.floor(random() * 3) }, () => {
    const name = pick([undefined, 'http', 'dns', 'a!']);
    return { ...(name === undefined ? {} : { name }), port: pick([53, 80, 8080]), protocol: pick(['TCP', 'UDP'] as const) };
  });
  return {
    kind: 'pod-group',
    id: `Pod/${namespace}/pod-${index}`,
    namespace,
    namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
    podLabels,
    ports,
    hostNetwork: random() < 0.2,
    owner: { apiVersion: 'v1', kind: 'Pod', namespace, name: `pod-${index}` },
    source: { file: 'test.yaml', line: index + 1, column: 1, document: index, pathInDocument: [] },
  };
}

const sign = (value: number): number => Math.sign(value);

describe('compareJsonTexts', () => {
  it('orders strings as their JSON texts order', () => {
    for (const a of TEXTS) for (const b of TEXTS) expect(sign(compareJsonTexts(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`).toBe(sign(compareTexts(JSON.stringify(a), JSON.stringify(b))));
  });
});

describe('compareTraits', () => {
  it('orders groups of one namespace as their class keys order', () => {
    const random = seededRandom(11);
    for (let round = 0; round < 3000; round++) {
      const a = randomGroup(random, 0);
      const b = { ...randomGroup(random, 1), namespace: a.namespace };
      expect(sign(compareTraits(classTraits(a), classTraits(b)))).toBe(sign(compareTexts(classKey(a), classKey(b))));
    }
  });
});

describe('PodClassIndex classes', () => {
  it('are the groups with one class key, in key order, each with its groups sorted by id', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = seededRandom(seed);
      // Few distinct traits, so that classes gather several groups.
      const pool = Array.from({ length: 6 }, (_, index) => randomGroup(random, index));
      const groups = Array.from({ length: 1 + Math.floor(random() * 40) }, (_, index) => ({ ...pool[Math.floor(random() * pool.length)], id: `Pod/x/pod-${(index * 7919) % 101}-${index}` }));
      const byKey = new Map<string, PodGroup[]>();
      for (const group of groups) byKey.set(classKey(group), [...(byKey.get(classKey(group)) ?? []), group]);
      const expected = [...byKey.keys()].sort().map((key) => byKey.get(key)!.map((group) => group.id).sort());
      const index = new PodClassIndex(groups, new Map());
      expect(index.classes.map((podClass) => podClass.groups.map((group) => group.id)), `seed ${seed}`).toEqual(expected);
      expect(index.classes.map((podClass) => podClass.id)).toEqual(index.classes.map((_, position) => position));
    }
  });
});
