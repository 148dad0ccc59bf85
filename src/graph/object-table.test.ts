import { describe, expect, it } from 'vitest';
import { objectKey, type ObjectRef } from '../model/object.js';
import { ObjectTable } from './object-table.js';

describe('object table', () => {
  it('answers as a Map keyed by objectKey() does, for refs with and without namespace and cluster', () => {
    let state = 7;
    const pick = <T>(options: readonly T[]): T => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return options[state % options.length];
    };
    const refOf = (): ObjectRef => {
      const ref: ObjectRef = { apiVersion: 'v1', kind: pick(['Secret', 'Role', 'Node']), name: pick(['a', 'b', 'c']) };
      const namespace = pick([undefined, 'default', 'shop']);
      if (namespace !== undefined) ref.namespace = namespace;
      const cluster = pick([undefined, undefined, 'east']);
      if (cluster !== undefined) ref.cluster = cluster;
      return ref;
    };
    const table = new ObjectTable<number>();
    const expected = new Map<string, number>();
    for (let step = 0; step < 500; step++) {
      const ref = refOf();
      // Fresh objects each time: the table must match by content, not by identity.
      expect(table.get({ ...ref })).toBe(expected.get(objectKey(ref)));
      table.set(ref, step);
      expected.set(objectKey(ref), step);
    }
    expect(expected.size).toBeGreaterThan(30);
  });
});
