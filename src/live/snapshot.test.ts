import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../model/object.js';
import { snapshotChunks } from './snapshot.js';
import { readSnapshotConventions } from './snapshot-format.js';
import { parseManifestText } from '../load/parse-text.js';
import type { InputProblem } from '../load/problems.js';

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

describe('reading back what a snapshot adds', () => {
  const loaded = (text: string) => {
    const parsed = parseManifestText(text, 'snapshot.json');
    const result: { objects: K8sObject[]; problems: InputProblem[]; kubernetesVersions?: Map<string, string> } = { objects: parsed.objects, problems: parsed.problems };
    readSnapshotConventions(result);
    return result;
  };

  it("takes each cluster's version and the problems of the reading, as the live read had them", () => {
    const text = [...snapshotChunks([pod], [{ severity: 'notice', file: '<cluster kind-dev>', message: 'only some namespaces were read', partlyListed: ['pods', 'namespaces'], cluster: 'kind-dev' }], header, new Map([['kind-dev', 'v1.33.4']]))].join('');
    const result = loaded(text);
    expect(result.objects.map((object) => [object.kind, object.source.cluster])).toEqual([['Pod', 'kind-dev']]);
    expect(result.kubernetesVersions).toEqual(new Map([['kind-dev', 'v1.33.4']]));
    expect(result.problems).toEqual([{ severity: 'notice', file: '<cluster kind-dev>', message: 'only some namespaces were read', partlyListed: ['pods', 'namespaces'], cluster: 'kind-dev' }]);
  });

  it('says which ClusterVersion item is no such thing, at its line, and reads the rest', () => {
    const result = loaded(`{"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "kubethreat.io/v1", "kind": "ClusterVersion", "metadata": {"name": "cluster-1"}, "cluster": "prod", "kubernetesVersion": "latest"},
  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}
]}`);
    expect(result.kubernetesVersions).toBeUndefined();
    expect(result.objects.map((object) => object.kind)).toEqual(['Namespace']);
    expect(result.problems).toEqual([
      expect.objectContaining({ severity: 'error', file: 'snapshot.json', line: 2, message: 'a kubethreat ClusterVersion item without a cluster and a Kubernetes version like v1.31.2', hint: 'the snapshot was edited: take a new one' }),
    ]);
  });
});
