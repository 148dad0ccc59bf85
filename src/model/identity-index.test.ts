/** The identity index must find exactly the duplicates a key string per object found. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import type { K8sObject } from './object.js';
import { objectKey, objectRef } from './object.js';
import { apiGroup, IdentityIndex } from './identity-index.js';

function object(apiVersion: string, kind: string, namespace: string | undefined, name: string, cluster?: string): K8sObject {
  const metadata = namespace === undefined ? { name, labels: {}, annotations: {} } : { name, namespace, labels: {}, annotations: {} };
  const source = { file: 'f.yaml', line: 1, column: 1, document: 0, pathInDocument: [], ...(cluster === undefined ? {} : { cluster }) };
  return { apiVersion, kind, metadata, raw: {}, source };
}

describe('IdentityIndex', () => {
  it('finds the same first copy as a key string of group, cluster and object key, on random objects', () => {
    const random = seededRandom(7);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    for (let round = 0; round < 200; round++) {
      const index = new IdentityIndex();
      const byKey = new Map<string, K8sObject>();
      for (let step = 0; step < 40; step++) {
        const candidate = object(
          pick(['v1', 'apps/v1', 'apps/v1beta2', 'example.com/v1', 'other.io/v1']),
          pick(['Pod', 'Deployment', 'Service', 'Widget']),
          pick([undefined, 'shop', 'web']),
          pick(['a', 'b', 'default', 'api']),
          pick([undefined, undefined, 'east', 'west']),
        );
        const key = `${apiGroup(candidate.apiVersion)}|${candidate.source.cluster ?? ''}|${objectKey(objectRef(candidate))}`;
        const expected = byKey.get(key);
        if (!expected) byKey.set(key, candidate);
        expect(index.firstOrAdd(candidate), `round ${round}, step ${step}: ${key}`).toBe(expected);
      }
    }
  });

  it('tells apart names that a joined key would run together', () => {
    const index = new IdentityIndex();
    expect(index.firstOrAdd(object('v1', 'ConfigMap', 'a', 'b/c'))).toBeUndefined();
    expect(index.firstOrAdd(object('v1', 'ConfigMap', 'a/b', 'c'))).toBeUndefined();
  });
});
