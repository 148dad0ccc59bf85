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

const RBAC_KINDS = new Set(['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding']);

/**
 * Roles and bindings of the cluster itself: `system:` names (the API server's and the controllers'), add-on manager
 * objects, and bindings whose every subject is a control-plane identity or a platform component's service account.
 * A binding that names a broad group (system:authenticated, system:serviceaccounts, …), system:anonymous or
 * system:masters is never the platform's: it is exactly what an RBAC review is for.
 */
function isPlatformRbacObject(object: K8sObject): boolean {
  const namespace = object.metadata.namespace;
  const isBinding = object.kind === 'ClusterRoleBinding' || object.kind === 'RoleBinding';
  const subjects = isBinding && Array.isArray(object.raw.subjects) ? (object.raw.subjects as unknown[]) : [];
  if (subjects.some(isUnmistakablyUserMade)) return false;
  const systemName = object.metadata.name.startsWith('system:') && (namespace === undefined || SYSTEM_NAMESPACES.has(namespace));
  if (systemName || object.metadata.labels['addonmanager.kubernetes.io/mode'] !== undefined) return true;
  return subjects.length > 0 && subjects.every((subject) => isPlatformSubject(subject, namespace));
}

function isUnmistakablyUserMade(raw: unknown): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const subject = raw as { kind?: unknown; name?: unknown };
  if (subject.kind === 'User') return subject.name === 'system:anonymous';
  if (subject.kind !== 'Group' || typeof subject.name !== 'string') return false;
  return NOT_PLATFORM_GROUPS.has(subject.name) || subject.name.startsWith('system:serviceaccounts:');
}

const NOT_PLATFORM_GROUPS = new Set(['system:authenticated', 'system:unauthenticated', 'system:serviceaccounts', 'system:masters']);

function isPlatformSubject(raw: unknown, bindingNamespace: string | undefined): boolean {
  if (typeof raw !== 'object' || raw === null) return false;
  const subject = raw as { kind?: unknown; name?: unknown; namespace?: unknown };
  const name = typeof subject.name === 'string' ? subject.name : '';
  switch (subject.kind) {
    case 'User':
      return name.startsWith('system:') && name !== 'system:anonymous' && !name.startsWith('system:serviceaccount:');
    case 'Group':
      return name.startsWith('system:') && !NOT_PLATFORM_GROUPS.has(name) && !name.startsWith('system:serviceaccounts:');
    case 'ServiceAccount': {
      const namespace = typeof subject.namespace === 'string' && subject.namespace !== '' ? subject.namespace : bindingNamespace;
      return namespace !== undefined && SYSTEM_NAMESPACES.has(namespace) && hasPlatformName(name);
    }
    default:
      return false;
  }
}

function hasPlatformName(name: string): boolean {
  return PLATFORM_WORKLOAD_PREFIXES.some((prefix) => name === prefix || name.startsWith(prefix.endsWith('-') ? prefix : `${prefix}-`));
}

const PLATFORM_PRIORITY_CLASSES = new Set(['system-node-critical', 'system-cluster-critical']);

export function isPlatformComponent(object: K8sObject): boolean {
  const labels = object.metadata.labels;
  if (labels['kubernetes.io/bootstrapping'] === 'rbac-defaults') return true;
  if (RBAC_KINDS.has(object.kind) && isPlatformRbacObject(object)) return true;
  const namespace = object.metadata.namespace;
  if (namespace === undefined || !SYSTEM_NAMESPACES.has(namespace)) return false;
  if (labels['addonmanager.kubernetes.io/mode'] !== undefined) return true;
  if (labels['tier'] === 'control-plane') return true;
  if (hasPlatformName(object.metadata.name)) return true;
  const priorityClass = priorityClassOf(object);
  return priorityClass !== undefined && PLATFORM_PRIORITY_CLASSES.has(priorityClass);
}

function priorityClassOf(object: K8sObject): string | undefined {
  const raw = object.raw as { spec?: { priorityClassName?: unknown; template?: { spec?: { priorityClassName?: unknown } } } };
  const value = raw.spec?.template?.spec?.priorityClassName ?? raw.spec?.priorityClassName;
  return typeof value === 'string' ? value : undefined;
}
