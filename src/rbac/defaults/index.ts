/**
 * The RBAC objects every cluster has from its first start (the API server's bootstrap policy), as K8sObjects so
 * they go through the same reading as the user's manifests and an object of the same kind and name overrides them.
 * Their source file is `<kubernetes default policy v1.N>`.
 */
import type { K8sObject, SourceRef } from '../../model/object.js';
import { kubernetesMinorOf } from '../../model/kubernetes-version.js';
import { CLUSTER_ROLE_BINDINGS, NAMESPACE_ROLES, NAMESPACE_ROLE_BINDINGS, controllerBindings } from './bindings.js';
import { COMPONENT_ROLES } from './component-roles.js';
import { CONTROLLER_ROLES } from './controller-roles.js';
import { presentIn, type DefaultBinding, type DefaultClusterRole, type DefaultRole, type VersionedRule } from './policy-data.js';
import { USER_FACING_ROLES } from './user-facing-roles.js';

/** The oldest minor version the data describes; older versions are treated as this one. */
export const OLDEST_MODELLED_MINOR = 30;
/**
 * The newest minor version whose changes the data carries; newer versions are treated as this one. Not modelled:
 * roles behind feature gates that are off by default, and the Dynamic Resource Allocation rules that became
 * default in v1.34.
 */
export const NEWEST_MODELLED_MINOR = 33;

const RBAC_API_VERSION = 'rbac.authorization.k8s.io/v1';
export const BOOTSTRAPPING_LABEL = 'kubernetes.io/bootstrapping';
const AUTOUPDATE_ANNOTATION = 'rbac.authorization.kubernetes.io/autoupdate';

/**
 * The modelled minor version for `v1.31.2`, `1.31`, `v1.31.0-eks-abc`, `1.31+` (31), clamped to the modelled range;
 * anything unreadable → the oldest modelled minor.
 */
export function kubernetesMinor(kubernetesVersion: string | undefined): number {
  const minor = kubernetesMinorOf(kubernetesVersion) ?? OLDEST_MODELLED_MINOR;
  return Math.min(Math.max(minor, OLDEST_MODELLED_MINOR), NEWEST_MODELLED_MINOR);
}

export function defaultPolicyFile(minor: number): string {
  return `<kubernetes default policy v1.${minor}>`;
}

export function isDefaultPolicyFile(file: string): boolean {
  return file.startsWith('<kubernetes default policy ');
}

export function defaultPolicyObjects(kubernetesVersion?: string): K8sObject[] {
  const minor = kubernetesMinor(kubernetesVersion);
  const file = defaultPolicyFile(minor);
  const objects: K8sObject[] = [];
  const add = (kind: string, name: string, namespace: string | undefined, labels: Record<string, string>, body: Record<string, unknown>) => {
    const source: SourceRef = { file, line: 1, column: 1, document: objects.length, pathInDocument: [] };
    const allLabels = { ...labels, [BOOTSTRAPPING_LABEL]: 'rbac-defaults' };
    const annotations = { [AUTOUPDATE_ANNOTATION]: 'true' };
    const metadata = { name, ...(namespace !== undefined ? { namespace } : {}), labels: allLabels, annotations };
    objects.push({
      apiVersion: RBAC_API_VERSION,
      kind,
      metadata: { ...metadata },
      raw: { apiVersion: RBAC_API_VERSION, kind, metadata, ...body },
      source,
    });
  };
  const clusterRoles = [...USER_FACING_ROLES, ...COMPONENT_ROLES, ...CONTROLLER_ROLES].filter((role) => presentIn(minor, role));
  for (const role of clusterRoles) add('ClusterRole', role.name, undefined, { ...role.labels }, clusterRoleBody(role, minor));
  for (const role of NAMESPACE_ROLES) add('Role', role.name, role.namespace, {}, roleBody(role, minor));
  const bindings = [...CLUSTER_ROLE_BINDINGS, ...controllerBindings(CONTROLLER_ROLES), ...NAMESPACE_ROLE_BINDINGS];
  for (const binding of bindings.filter((entry) => presentIn(minor, entry))) {
    const kind = binding.namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding';
    add(kind, binding.name, binding.namespace, {}, bindingBody(binding));
  }
  return objects;
}

function rulesFor(rules: readonly VersionedRule[], minor: number): Record<string, unknown>[] {
  return rules
    .filter((entry) => presentIn(minor, entry))
    .map((entry) => ({
      verbs: [...entry.verbs],
      ...(entry.apiGroups.length > 0 || entry.resources.length > 0 ? { apiGroups: [...entry.apiGroups] } : {}),
      ...(entry.resources.length > 0 ? { resources: [...entry.resources] } : {}),
      ...(entry.resourceNames.length > 0 ? { resourceNames: [...entry.resourceNames] } : {}),
      ...(entry.nonResourceURLs.length > 0 ? { nonResourceURLs: [...entry.nonResourceURLs] } : {}),
    }));
}

function clusterRoleBody(role: DefaultClusterRole, minor: number): Record<string, unknown> {
  const body: Record<string, unknown> = { rules: rulesFor(role.rules, minor) };
  if (role.aggregateLabels !== undefined) {
    body.aggregationRule = { clusterRoleSelectors: role.aggregateLabels.map((labels) => ({ matchLabels: { ...labels } })) };
  }
  return body;
}

function roleBody(role: DefaultRole, minor: number): Record<string, unknown> {
  return { rules: rulesFor(role.rules, minor) };
}

function bindingBody(binding: DefaultBinding): Record<string, unknown> {
  return {
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: binding.roleRef.kind, name: binding.roleRef.name },
    subjects: binding.subjects.map((subject) =>
      subject.kind === 'ServiceAccount'
        ? { kind: 'ServiceAccount', name: subject.name, namespace: subject.namespace }
        : { kind: subject.kind, apiGroup: 'rbac.authorization.k8s.io', name: subject.name },
    ),
  };
}
