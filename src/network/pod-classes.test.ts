import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { matchesLabels, type LabelSelector, type Labels } from './label-selector.js';
import { classKey, PodClassIndex } from './pod-classes.js';
import type { PodGroup } from './pod-groups.js';

const KEYS = ['app', 'tier', 'team'];
const VALUES = ['a', 'b', 'c'];

function randomGroups(random: () => number): PodGroup[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: 5 + Math.floor(random() * 80) }, (_, index) => {
    const namespace = pick(['big', 'small', 'other']);
    const podLabels: Record<string, string> = {};
    for (const key of KEYS) if (random() < 0.6) podLabels[key] = pick(VALUES);
    return {
      kind: 'pod-group',
      id: `Pod/${namespace}/pod-${index}`,
      namespace,
      namespaceLabels: { 'kubernetes.io/metadata.name': namespace },
      podLabels,
      ports: [],
      hostNetwork: false,
      owner: { apiVersion: 'v1', kind: 'Pod', namespace, name: `pod-${index}` },
      source: { file: 'test.yaml', line: index + 1, column: 1, document: index, pathInDocument: [] },
    };
  });
}

function randomSelector(random: () => number): LabelSelector {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const roll = random();
  if (roll < 0.15) return { matchLabels: {}, matchExpressions: [] };
  if (roll < 0.5) return { matchLabels: { [pick(KEYS)]: pick(VALUES) }, matchExpressions: [] };
  if (roll < 0.7) return { matchLabels: {}, matchExpressions: [{ key: pick(KEYS), operator: 'In', values: [pick(VALUES), pick(VALUES)] }] };
  if (roll < 0.85) return { matchLabels: {}, matchExpressions: [{ key: pick(KEYS), operator: pick(['Exists', 'DoesNotExist'] as const), values: [] }] };
  return { matchLabels: { [pick(KEYS)]: pick(VALUES) }, matchExpressions: [{ key: pick(KEYS), operator: 'NotIn', values: [pick(VALUES)] }] };
}

describe('PodClassIndex.selectInNamespace', () => {
  it('selects the same classes with a label index, without one, and by checking every class', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const random = seededRandom(seed);
      const groups = randomGroups(random);
      const indexed = new PodClassIndex(groups, new Map(), 0);
      const scanned = new PodClassIndex(groups, new Map(), Number.POSITIVE_INFINITY);
      const standard = new PodClassIndex(groups, new Map());
      for (let query = 0; query < 20; query++) {
        const selector = randomSelector(random);
        for (const namespace of ['big', 'small', 'other', 'missing']) {
          const expected = indexed.classes
            .filter((podClass) => podClass.namespace === namespace && matchesLabels(selector, podClass.podLabels as Labels))
            .map((podClass) => podClass.id);
          expect(indexed.selectInNamespace(selector, namespace), `seed ${seed}`).toEqual(expected);
          expect(scanned.selectInNamespace(selector, namespace), `seed ${seed}`).toEqual(expected);
          expect(standard.selectInNamespace(selector, namespace), `seed ${seed}`).toEqual(expected);
        }
      }
    }
  });
});

describe('classKey', () => {
  it('is the JSON of namespace, sorted labels, sorted distinct ports and host networking', () => {
    const random = seededRandom(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const texts = ['a', 'b-1', 'Z', 'é', 'with "quotes"', 'back\\slash', 'tab\t', '☃', ''];
    for (let round = 0; round < 300; round++) {
      const podLabels: Record<string, string> = {};
      for (let count = Math.floor(random() * 4); count > 0; count--) podLabels[pick(texts)] = pick(texts);
      const ports = Array.from({ length: Math.floor(random() * 4) }, () => {
        const name = pick([undefined, 'http', 'dns']);
        return { ...(name === undefined ? {} : { name }), port: pick([53, 80, 8080]), protocol: pick(['TCP', 'UDP'] as const) };
      });
      const group = { ...randomGroups(random)[0], namespace: pick(texts), podLabels, ports, hostNetwork: random() < 0.3 };
      const labels = Object.entries(podLabels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const portTexts = [...new Set(ports.map((port) => `${port.name ?? ''}/${port.port}/${port.protocol}`).sort())];
      expect(classKey(group)).toBe(JSON.stringify([group.namespace, labels, portTexts, group.hostNetwork]));
    }
  });
});
