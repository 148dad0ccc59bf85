import { describe, expect, it } from 'vitest';
import type { K8sObject, SourceRef } from '../model/object.js';
import type { InputProblem } from './problems.js';
import { StringPool } from './string-pool.js';
import { addObject, type AddObjectOptions } from './to-object.js';
import { NO_STRINGS } from '../model/json.js';

const source: SourceRef = { file: 'dump.json', line: 3, column: 5, document: 0, pathInDocument: ['items', 0] };
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function read(value: unknown, options: AddObjectOptions = {}): K8sObject {
  const sink = { objects: [] as K8sObject[], problems: [] as InputProblem[] };
  expect(addObject(value, source, sink, 'item 0', options)).toBe(true);
  return sink.objects[0];
}

const deploymentPod = () => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'api-5d4f-x2',
    generateName: 'api-5d4f-',
    namespace: 'shop',
    uid: 'pod-uid',
    resourceVersion: '7',
    creationTimestamp: '2026-09-01T08:00:00Z',
    labels: { app: 'api' },
    annotations: { team: 'web', [LAST_APPLIED]: '{"spec":{}}' },
    managedFields: [{ manager: 'kubectl' }],
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-5d4f', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
  },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'app:1' }] },
  status: { phase: 'Running' },
});

describe('addObject', () => {
  it('drops managedFields, the last-applied copy and the status of a workload, keeping every other key in order', () => {
    const object = read(deploymentPod());
    expect(Object.keys(object.raw)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
    expect(Object.keys(object.raw.metadata as object)).toEqual(['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'labels', 'annotations', 'ownerReferences']);
    expect((object.raw.metadata as { annotations: unknown }).annotations).toEqual({ team: 'web' });
    expect(object.metadata.annotations).toEqual({ team: 'web' });
    expect(object.metadata.labels).toEqual({ app: 'api' });
  });

  it('gives every empty labels and annotations map, in raw as in the typed metadata, the one frozen empty map', () => {
    const item = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: {}, annotations: { [LAST_APPLIED]: '{}' } } };
    const object = read(item);
    const metadata = object.raw.metadata as { labels: unknown; annotations: unknown };
    expect(Object.keys(metadata)).toEqual(['name', 'labels', 'annotations']);
    expect(metadata.labels).toBe(NO_STRINGS);
    expect(metadata.annotations).toBe(NO_STRINGS);
    expect(object.metadata.labels).toBe(NO_STRINGS);
    const labelled = read({ ...item, metadata: { name: 'd', labels: { a: 'b' } } });
    expect(labelled.metadata.labels).toEqual({ a: 'b' });
    expect(Object.isFrozen(labelled.metadata.labels)).toBe(false);
  });

  it('drops the API server bookkeeping of List items when asked, and keeps it otherwise', () => {
    const item = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'u', resourceVersion: '9', creationTimestamp: 't', generation: 2, selfLink: '/c', labels: { a: 'b' } } };
    expect(Object.keys(read(structuredClone(item), { dropBookkeeping: true }).raw.metadata as object)).toEqual(['name', 'uid', 'labels']);
    expect(Object.keys(read(structuredClone(item)).raw.metadata as object)).toEqual(['name', 'uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink', 'labels']);
  });

  it('shares one owner list between Pods of the same owner, and only between those', () => {
    const strings = new StringPool();
    const pod = (name: string, owner: Record<string, unknown>) =>
      read({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop', uid: `uid-${name}`, ownerReferences: [owner] }, spec: {} }, { partialManagedPods: true, strings });
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'rs-1', controller: true };
    const [a, b] = [pod('a', owner), pod('b', { ...owner })];
    expect(b.metadata.ownerReferences).toBe(a.metadata.ownerReferences);
    for (const other of [{ ...owner, uid: 'rs-2' }, { ...owner, controller: false }, { ...owner, name: 'undefined', uid: undefined }, { ...owner, uid: undefined }]) {
      const c = pod('c', other);
      expect(c.metadata.ownerReferences).not.toBe(a.metadata.ownerReferences);
      expect(c.metadata.ownerReferences).toEqual([other]);
    }
  });

  it('shares the labels and node of Pods of one owner, as read, and only those', () => {
    const strings = new StringPool();
    const pod = (name: string, labels: Record<string, unknown>, node: string) =>
      read({ ...deploymentPod(), metadata: { ...deploymentPod().metadata, name, labels }, spec: { nodeName: node, containers: [] } }, { partialManagedPods: true, strings });
    const [a, b, c, d] = [pod('a', { app: 'api' }, 'node-1'), pod('b', { app: 'api' }, 'node-1'), pod('c', { app: 'db' }, 'node-2'), pod('d', { app: 3 }, 'node-1')];
    expect(b.metadata.labels).toBe(a.metadata.labels);
    expect((b.raw.metadata as { labels: unknown }).labels).toBe(a.metadata.labels);
    expect(b.raw.spec).toBe(a.raw.spec);
    expect([c.metadata.labels, c.raw.spec]).toEqual([{ app: 'db' }, { nodeName: 'node-2' }]);
    expect(c.metadata.labels).not.toBe(a.metadata.labels);
    expect([d.metadata.labels, (d.raw.metadata as { labels: unknown }).labels]).toEqual([{ app: '3' }, { app: 3 }]);
  });

  it('keeps of a status what says where the object is exposed, and nothing else', () => {
    const service = read({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, status: { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } } });
    expect(service.raw.status).toEqual({ loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } });
    const conditions = [{ type: 'Ready', status: 'True' }];
    const images = [{ names: ['registry.k8s.io/pause@sha256:7031c1b2', 'registry.k8s.io/pause:3.10'], sizeBytes: 320368 }];
    const addresses = [{ type: 'ExternalIP', address: '198.51.100.7' }];
    const node = read({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, status: { conditions, addresses, images, nodeInfo: { kubeletVersion: 'v1.31.2' } } });
    expect(node.raw.status).toEqual({ addresses, nodeInfo: { kubeletVersion: 'v1.31.2' } });
    const ingress = read({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, status: { loadBalancer: {}, conditions } });
    expect(ingress.raw.status).toEqual({ loadBalancer: {} });
    expect(read({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'bare' }, status: { conditions } }).raw.status).toEqual({});
  });

  it('gives labels and annotations as strings, as the API server would have them', () => {
    const object = read({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { replicas: 3, on: true, nested: { a: 1 }, app: 'x' } } });
    expect(object.metadata.labels).toEqual({ replicas: '3', on: 'true', app: 'x' });
    expect((object.raw.metadata as { labels: unknown }).labels).toEqual({ replicas: 3, on: true, nested: { a: 1 }, app: 'x' });
    expect(object.metadata.annotations).toEqual({});
  });

  it('keeps of a Pod run by a controller its identity, labels, annotations and node, and drops its spec', () => {
    const pod = read(deploymentPod(), { partialManagedPods: true });
    expect(pod.partial).toBe(true);
    expect(pod.raw).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'api-5d4f-x2', generateName: 'api-5d4f-', namespace: 'shop', labels: { app: 'api' }, annotations: { team: 'web' } },
      spec: { nodeName: 'node-1' },
    });
    expect(pod.metadata).toEqual({
      name: 'api-5d4f-x2',
      namespace: 'shop',
      uid: 'pod-uid',
      labels: { app: 'api' },
      annotations: { team: 'web' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'api-5d4f', uid: 'rs-uid', controller: true, blockOwnerDeletion: true }],
    });
  });

  it("keeps a controller's Pod's ephemeral containers with its node: only a Pod has them (kubectl debug)", () => {
    const ephemeralContainers = [{ name: 'debugger', image: 'busybox:1.36', targetContainerName: 'api', securityContext: { privileged: true } }];
    const debugged = () => ({ ...deploymentPod(), spec: { ...deploymentPod().spec, ephemeralContainers } });
    for (const strings of [undefined, new StringPool()]) {
      const pod = read(debugged(), { partialManagedPods: true, ...(strings ? { strings } : {}) });
      expect(pod.partial).toBe(true);
      expect(pod.raw.spec).toEqual({ nodeName: 'node-1', ephemeralContainers });
    }
  });

  it('types owner references as the model reads them: controller a boolean, non-string names absent', () => {
    const owned = (ownerReferences: unknown[]) =>
      read({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', ownerReferences }, spec: {} }).metadata.ownerReferences;
    expect(owned([{ kind: 'ReplicaSet', name: 'rs' }])).toEqual([{ apiVersion: undefined, kind: 'ReplicaSet', name: 'rs', uid: undefined, controller: false }]);
    expect(owned([{ kind: 'ReplicaSet', name: 7, controller: 'true' }, 'junk'])).toEqual([
      { apiVersion: undefined, kind: 'ReplicaSet', name: undefined, uid: undefined, controller: false },
    ]);
    expect(owned([{ kind: 'ReplicaSet', name: 'rs', controller: true }])).toEqual([{ kind: 'ReplicaSet', name: 'rs', controller: true }]);
  });

  it('keeps a Pod in full when asked to, or when no controller owns it', () => {
    expect(read(deploymentPod()).raw.spec).toEqual(deploymentPod().spec);
    const bare = { ...deploymentPod(), metadata: { name: 'bare', namespace: 'shop' } };
    const kept = read(bare, { partialManagedPods: true });
    expect(kept.partial).toBeUndefined();
    expect(kept.raw.spec).toEqual(deploymentPod().spec);
  });

  it('keeps a metadata key named __proto__ a key, not the prototype of the metadata', () => {
    const object = read(JSON.parse('{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "c", "managedFields": [], "__proto__": {"namespace": "kube-system"}}}'));
    const metadata = object.raw.metadata as Record<string, unknown>;
    expect(metadata.namespace).toBeUndefined();
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(Object.keys(metadata)).toEqual(['name', '__proto__']);
  });
});
