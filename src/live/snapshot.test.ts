import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/object.js';
import { snapshotChunks } from './snapshot.js';

const header = { tool: 'kubethreat 0.0.0', createdAt: new Date('2026-01-01T00:00:00Z'), contexts: ['kind-dev'] };

const pod: K8sObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop', labels: {}, annotations: { team: 'a' } },
  raw: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', annotations: { team: 'a' } }, spec: { containers: [] } },
  source: { file: '<cluster kind-dev>', line: 0, column: 0, document: 0, pathInDocument: [], cluster: 'kind-dev' },
};

const parse = (chunks: Iterable<string>): { kind: string; metadata: { annotations: Record<string, string> }; items: Array<Record<string, unknown>> } =>
  JSON.parse([...chunks].join('')) as never;

describe('snapshotChunks', () => {
  it('writes an empty List when nothing was read', () => {
    const list = parse(snapshotChunks([], [], header));
    expect(list.kind).toBe('List');
    expect(list.items).toEqual([]);
    expect(list.metadata.annotations).toEqual({ 'kubethreat.io/snapshot-of': 'kind-dev', 'kubethreat.io/created-at': '2026-01-01T00:00:00.000Z', 'kubethreat.io/created-by': 'kubethreat 0.0.0' });
  });

  it('records each object with its cluster, leaving the object itself as it was', () => {
    const list = parse(snapshotChunks([pod], [{ severity: 'warning', file: '<cluster kind-dev>', message: 'cannot list pods', hint: 'grant it' }], header));
    expect(list.items).toEqual([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', annotations: { team: 'a', 'kubethreat.io/cluster': 'kind-dev' } }, spec: { containers: [] } },
      { apiVersion: 'kubethreat.io/v1', kind: 'InputProblem', metadata: { name: 'problem-1' }, problem: { severity: 'warning', file: '<cluster kind-dev>', message: 'cannot list pods', hint: 'grant it' } },
    ]);
    expect(pod.raw.metadata).toEqual({ name: 'web', namespace: 'shop', annotations: { team: 'a' } });
  });
});
