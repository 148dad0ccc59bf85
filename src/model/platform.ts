/**
 * The cluster's own components: the control plane, the network and storage plugins, and the bootstrap RBAC policy.
 * They are analysed like everything else, but their findings are grouped apart so they do not drown the user's own
 * (they are the platform's risk, owned by whoever runs the cluster, and mostly need the privileges they have).
 */
import type { K8sObject } from './object.js';

export const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/** Workload names (prefixes) of well-known platform components that run in kube-system. */
const PLATFORM_WORKLOAD_PREFIXES = [
  'kube-proxy',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'etcd',
  'coredns',
  'kube-dns',
  'metrics-server',
  'cloud-controller-manager',
  'konnectivity-agent',
  'calico-',
  'cilium',
  'canal',
  'flannel',
  'kube-flannel',
  'weave-net',
  'kindnet',
  'aws-node',
  'aws-load-balancer-controller',
  'ebs-csi-',
  'efs-csi-',
  'pdcsi-',
  'gke-',
  'fluentbit-gke',
  'azure-',
  'csi-azure',
  'ama-',
  'local-path-provisioner',
  'cluster-autoscaler',
  'nvidia-device-plugin',
  'node-local-dns',
  'antrea-',
  'kube-router',
  'ip-masq-agent',
  'snapshot-controller',
];

const PLATFORM_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

export function isPlatformComponent(object: K8sObject): boolean {
  const labels = object.metadata.labels;
  if (labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') return true;
  if ((object.kind === 'ClusterRole' || object.kind === 'ClusterRoleBinding') && object.metadata.name.startsWith('system:')) return true;
  const namespace = object.metadata.namespace;
  if (namespace === undefined || !SYSTEM_NAMESPACES.has(namespace)) return false;
  if (labels['addonmanager.kubernetes.io/mode'] !== undefined) return true;
  if (labels['tier'] === 'control-plane') return true;
  const name = object.metadata.name;
  if (PLATFORM_WORKLOAD_PREFIXES.some((prefix) => name === prefix || name.startsWith(prefix.endsWith('-') ? prefix : `${prefix}-`))) return true;
  const priorityClass = priorityClassOf(object);
  return priorityClass !== undefined && PLATFORM_PRIORITY_CLASSES.has(priorityClass);
}

function priorityClassOf(object: K8sObject): string | undefined {
  const raw = object.raw as { spec?: { priorityClassName?: unknown; template?: { spec?: { priorityClassName?: unknown } } } };
  const value = raw.spec?.template?.spec?.priorityClassName ?? raw.spec?.priorityClassName;
  return typeof value === 'string' ? value : undefined;
}
