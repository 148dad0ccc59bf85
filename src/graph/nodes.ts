/**
 * Node ids and labels in one place, so that every edge module names the same position the same way.
 * Crown-jewel values (1–10) live here too: they rank paths and decide the impact of findings.
 */
import type { Subject } from '../rbac/index.js';
import type { ObjectRef } from '../model/object.js';
import { objectKey } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import type { GraphBuilder } from './graph.js';

export const JEWEL_VALUES = {
  clusterAdmin: 10,
  kubeSystem: 9,
  userNamed: 9,
  everyNode: 8,
  node: 7,
  everySecret: 7,
  kubeSystemSecrets: 7,
  nodeCloudIdentity: 7,
  workloadCloudIdentity: 6,
  namespaceSecrets: 5,
  credentialsInConfigMap: 5,
} as const;

export const KUBE_SYSTEM = 'kube-system';
export const CLUSTER_ADMIN_ID = 'cluster-admin';
export const INTERNET_ID = 'internet';
export const ANY_WORKLOAD_ID = 'any-workload';

export function internetNode(graph: GraphBuilder): number {
  return graph.nodeWith(INTERNET_ID, () => ({ kind: 'internet', label: 'the internet', entry: 'internet' }));
}

export function anyWorkloadNode(graph: GraphBuilder): number {
  return graph.nodeWith(ANY_WORKLOAD_ID, () => ({ kind: 'any-workload', label: 'a compromised container (any workload)', entry: 'compromised-workload' }));
}

export function clusterAdminNode(graph: GraphBuilder): number {
  return graph.nodeWith(CLUSTER_ADMIN_ID, () => ({ kind: 'cluster-admin', label: 'cluster-admin', jewel: { category: 'cluster-admin', value: JEWEL_VALUES.clusterAdmin } }));
}

export function everyNodeNode(graph: GraphBuilder): number {
  return graph.nodeWith('every-node', () => ({ kind: 'all-nodes', label: 'every node (a pod on any node it chooses)', jewel: { category: 'every-node', value: JEWEL_VALUES.everyNode } }));
}

export function everySecretNode(graph: GraphBuilder): number {
  return graph.nodeWith('every-secret', () => ({ kind: 'all-secrets', label: 'every Secret of the cluster', jewel: { category: 'secrets', value: JEWEL_VALUES.everySecret } }));
}

export function everyNamespaceNode(graph: GraphBuilder): number {
  return graph.nodeWith('every-namespace', () => ({ kind: 'all-namespaces', label: 'run pods in any namespace', hub: true }));
}

export function everyWorkloadNode(graph: GraphBuilder): number {
  return graph.nodeWith('every-workload', () => ({ kind: 'all-workloads', label: 'any workload of the cluster', hub: true }));
}

export function workloadId(ref: ObjectRef): string {
  return `workload:${objectKey(ref)}`;
}

export function workloadNode(graph: GraphBuilder, workload: Workload): number {
  return graph.nodeWith(workloadId(workload.ref), () => ({
    kind: 'workload',
    label: `${workload.kind} ${workload.namespace}/${workload.name}`,
    object: workload.ref,
    namespace: workload.namespace,
  }));
}

export function subjectId(subject: Subject): string {
  switch (subject.kind) {
    case 'ServiceAccount':
      return `sa:${subject.namespace}/${subject.name}`;
    case 'User':
      return `user:${subject.name}`;
    case 'Group':
      return `group:${subject.name}`;
  }
}

export function identityNode(graph: GraphBuilder, subject: Subject): number {
  if (subject.kind === 'ServiceAccount') {
    return graph.nodeWith(subjectId(subject), () => ({
      kind: 'identity',
      label: `ServiceAccount ${subject.namespace}/${subject.name}`,
      object: { apiVersion: 'v1', kind: 'ServiceAccount', namespace: subject.namespace, name: subject.name },
      namespace: subject.namespace,
    }));
  }
  return graph.nodeWith(subjectId(subject), () => ({ kind: 'identity', label: `${subject.kind} ${subject.name}` }));
}

export function namespaceId(namespace: string): string {
  return `namespace:${namespace}`;
}

/**
 * A namespace's node of one kind, its id built once: modules ask for a namespace's nodes once per holder of a grant
 * there (90,000 times at 50,000 pods). The node is still created when first asked for, as before.
 */
const namespaceNodes = new WeakMap<GraphBuilder, Map<string, Map<string, number>>>();

function ofNamespace(graph: GraphBuilder, kind: string, namespace: string, create: () => number): number {
  let byKind = namespaceNodes.get(graph);
  if (byKind === undefined) namespaceNodes.set(graph, (byKind = new Map()));
  let known = byKind.get(kind);
  if (known === undefined) byKind.set(kind, (known = new Map()));
  let node = known.get(namespace);
  if (node === undefined) known.set(namespace, (node = create()));
  return node;
}

/** "Run any pod in namespace N": kube-system is a crown jewel in itself. */
export function namespaceNode(graph: GraphBuilder, namespace: string): number {
  return ofNamespace(graph, 'namespace', namespace, () => namespaceNodeOf(graph, namespace));
}

function namespaceNodeOf(graph: GraphBuilder, namespace: string): number {
  return graph.nodeWith(namespaceId(namespace), () => ({
    kind: 'namespace',
    label: `run pods in namespace ${namespace}`,
    namespace,
    ...(namespace === KUBE_SYSTEM ? { jewel: { category: 'kube-system' as const, value: JEWEL_VALUES.kubeSystem } } : {}),
  }));
}

export function workloadsInNode(graph: GraphBuilder, namespace: string): number {
  return ofNamespace(graph, 'workloads-in', namespace, () =>
    graph.nodeWith(`workloads-in:${namespace}`, () => ({ kind: 'workloads-in', label: `any workload of namespace ${namespace}`, namespace, hub: true })),
  );
}

export function secretsOfNode(graph: GraphBuilder, namespace: string): number {
  return ofNamespace(graph, 'secrets', namespace, () => {
    const value = namespace === KUBE_SYSTEM ? JEWEL_VALUES.kubeSystemSecrets : JEWEL_VALUES.namespaceSecrets;
    return graph.nodeWith(`secrets:${namespace}`, () => ({ kind: 'secrets', label: `every Secret of namespace ${namespace}`, namespace, jewel: { category: 'secrets', value } }));
  });
}

export function secretId(namespace: string, name: string): string {
  return `secret:${namespace}/${name}`;
}

export function secretNode(graph: GraphBuilder, ref: ObjectRef): number {
  return graph.nodeWith(secretId(ref.namespace ?? '', ref.name), () => ({ kind: 'secret', label: `Secret ${ref.namespace}/${ref.name}`, object: ref, namespace: ref.namespace }));
}

export function configMapCredentialsNode(graph: GraphBuilder, ref: ObjectRef): number {
  return graph.nodeWith(`configmap-credentials:${ref.namespace}/${ref.name}`, () => ({
    kind: 'secret',
    label: `credentials in ConfigMap ${ref.namespace}/${ref.name}`,
    object: ref,
    namespace: ref.namespace,
    jewel: { category: 'secrets', value: JEWEL_VALUES.credentialsInConfigMap },
  }));
}

/** A control-plane node is worth a node: what it adds is its edge to cluster-admin (NODE-CONTROL-PLANE). */
export function nodeObjectNode(graph: GraphBuilder, name: string, controlPlane: boolean): number {
  return graph.nodeWith(`node:${name}`, () => ({
    kind: 'node',
    label: `Node ${name}${controlPlane ? ' (control plane)' : ''}`,
    object: { apiVersion: 'v1', kind: 'Node', name },
    jewel: { category: 'node', value: JEWEL_VALUES.node },
  }));
}

/** A pool that may include control-plane nodes is worth a node: what it adds is its edge to cluster-admin. */
export function nodePoolNode(graph: GraphBuilder, pool: string): number {
  return graph.nodeWith(`node-pool:${pool}`, () => ({ kind: 'node', label: `a node of pool "${pool}"`, jewel: { category: 'node', value: JEWEL_VALUES.node } }));
}

export function nodeCloudIdentityNode(graph: GraphBuilder): number {
  return graph.nodeWith('cloud:node-instance-identity', () => ({
    kind: 'cloud',
    label: "the nodes' cloud credentials (instance metadata)",
    jewel: { category: 'cloud', value: JEWEL_VALUES.nodeCloudIdentity },
  }));
}

export function workloadCloudIdentityNode(graph: GraphBuilder, provider: string, identity: string): number {
  return graph.nodeWith(`cloud:${provider}:${identity}`, () => ({
    kind: 'cloud',
    label: `${provider} identity ${identity}`,
    jewel: { category: 'cloud', value: JEWEL_VALUES.workloadCloudIdentity },
  }));
}
