/** The string pool shares copies of strings and doubles as the nesting guard: neither may change what was read. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.js';
import { valueNestsDeeperThan } from './nesting.js';
import { StringPool, unpooledMetadata } from './string-pool.js';

function randomValue(random: () => number, depth: number): unknown {
  const roll = random();
  if (depth <= 0 || roll < 0.3) return ['app', 'shop', 'v1', 'x'.repeat(300), 42, true, null][Math.floor(random() * 7)];
  const size = Math.floor(random() * 4);
  if (roll < 0.6) return Array.from({ length: size }, () => randomValue(random, depth - 1));
  return Object.fromEntries(Array.from({ length: size }, (_, index) => [`k${index}`, randomValue(random, depth - 1)]));
}

describe('StringPool', () => {
  it('is one pool with its view for JSON values: what one shares, the other finds, and every string reads the same', () => {
    const pool = new StringPool();
    const json = pool.forJsonValues();
    expect(pool.forJsonValues()).toBe(json);
    const owner = () => [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-5d8f9c7b6d', uid: 'u-1', controller: true }];
    const first = pool.ownerList(owner());
    expect(json.ownerList(owner())).toBe(first);
    const labels = json.podLabels('u-1', { app: 'web', 'pod-template-hash': '5d8f9c7b6d' });
    expect(pool.podLabels('u-1', { app: 'web', 'pod-template-hash': '5d8f9c7b6d' })).toBe(labels);
    for (const text of ['', 'v1', 'kube-syst', 'kube-system', 'x'.repeat(300)]) {
      expect(json.intern(text)).toBe(text);
      expect(pool.intern(text)).toBe(text);
    }
  });

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

  it('leaves every object as it was and judges nesting exactly as valueNestsDeeperThan, whether its identity is pooled or not', () => {
    const random = seededRandom(12);
    const pool = new StringPool();
    for (let round = 0; round < 500; round++) {
      const depth = () => 1 + Math.floor(random() * 6);
      const owners = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true, extra: randomValue(random, depth()) }];
      const metadata = { name: 'pod-a', uid: 'uid-a', namespace: 'shop', labels: randomValue(random, depth()), ownerReferences: owners };
      const object = { apiVersion: 'v1', kind: 'Pod', metadata, spec: randomValue(random, depth()) } as Record<string, unknown>;
      const before = structuredClone(object);
      const maxDepth = Math.floor(random() * 8);
      const tooDeep = pool.internObject(object, maxDepth, unpooledMetadata(['Pod', 'Deployment', 'ConfigMap'][Math.floor(random() * 3)]));
      expect(tooDeep, `round ${round}`).toBe(valueNestsDeeperThan(before, maxDepth));
      expect(object, `round ${round}`).toEqual(before);
    }
  });

  it('shares one-owner lists by owner, only when the model could not tell them apart', () => {
    const pool = new StringPool();
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true };
    const first = [owner];
    expect(pool.ownerList(first)).toBe(first);
    expect(pool.ownerList([{ ...owner, blockOwnerDeletion: true } as typeof owner])).toBe(first);
    for (const other of [{ ...owner, name: 'rs2' }, { ...owner, kind: 'Job' }, { ...owner, apiVersion: 'v1' }, { ...owner, controller: false }, { ...owner, uid: undefined }]) {
      const list = [other];
      expect(pool.ownerList(list)).toBe(list);
    }
    const two = [owner, { ...owner, uid: 'rs-2' }];
    expect(pool.ownerList(two)).toBe(two);
  });

  it('shares the labels of Pods of one owner only when they are the same keys and values in the same order', () => {
    const pool = new StringPool();
    const first = { app: 'api', tier: 'web' };
    expect(pool.podLabels('rs-1', first)).toBe(first);
    expect(pool.podLabels('rs-1', { app: 'api', tier: 'web' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const others: Array<Record<string, string>> = [{ tier: 'web', app: 'api' }, { app: 'api' }, { app: 'api', tier: 'db' }, { app: 'api', tier: 'web', x: 'y' }];
    for (const other of others) {
      expect(pool.podLabels('rs-1', other)).toBe(other);
    }
    const elsewhere = { app: 'api', tier: 'web' };
    expect(pool.podLabels('rs-2', elsewhere)).toBe(elsewhere);
  });

  it('keeps one frozen spec per node for the Pods read without theirs', () => {
    const pool = new StringPool();
    const spec = pool.partialPodSpec('node-1');
    expect(spec).toEqual({ nodeName: 'node-1' });
    expect(pool.partialPodSpec('node-1')).toBe(spec);
    expect(pool.partialPodSpec('node-2')).toEqual({ nodeName: 'node-2' });
    expect(() => Object.assign(spec, { nodeName: 'x' })).toThrow(TypeError);
  });

  it('leaves the values it shares (frozen) as they are when it walks the Pod that holds them', () => {
    const pool = new StringPool();
    const labels = JSON.parse('{"app": "api", "__proto__": "x"}') as Record<string, string>;
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-1', namespace: 'shop', labels: pool.podLabels('rs-1', labels) }, spec: pool.partialPodSpec('node-1') };
    const before = structuredClone(pod);
    expect(pool.internObject(pod, 10, unpooledMetadata('Pod'))).toBe(false);
    expect(pod).toEqual(before);
    expect(Object.getPrototypeOf(labels)).toBe(Object.prototype);
    expect(Object.keys(labels)).toEqual(['app', '__proto__']);
  });

  it('keeps a key named __proto__ a key, and the prototype untouched', () => {
    const value = JSON.parse('{"metadata": {"__proto__": "x", "name": "n"}}') as { metadata: Record<string, unknown> };
    new StringPool().internValues(value, 10);
    expect(Object.getPrototypeOf(value.metadata)).toBe(Object.prototype);
    expect(Object.keys(value.metadata)).toEqual(['__proto__', 'name']);
    expect(value.metadata.name).toBe('n');
  });
});
