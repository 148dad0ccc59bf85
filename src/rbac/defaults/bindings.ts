/**
 * The default bindings (bootstrappolicy/policy.go, controller_policy.go, namespace_policy.go) and the Roles the
 * API server creates in kube-system and kube-public.
 */
import {
  COORDINATION,
  CORE,
  READ,
  eventsRule,
  groupSubject,
  rule,
  serviceAccountSubject,
  userSubject,
  type DefaultBinding,
  type DefaultClusterRole,
  type DefaultRole,
} from './policy-data.js';

const KUBE_SYSTEM = 'kube-system';
const KUBE_PUBLIC = 'kube-public';

export const NAMESPACE_ROLES: readonly DefaultRole[] = [
  {
    namespace: KUBE_SYSTEM,
    name: 'extension-apiserver-authentication-reader',
    rules: [rule(READ, [CORE], ['configmaps'], ['extension-apiserver-authentication'])],
  },
  { namespace: KUBE_SYSTEM, name: 'system:controller:bootstrap-signer', rules: [rule(READ, [CORE], ['secrets'])] },
  {
    namespace: KUBE_SYSTEM,
    name: 'system:controller:cloud-provider',
    rules: [rule(['create', 'get', 'list', 'watch'], [CORE], ['configmaps'])],
  },
  {
    namespace: KUBE_SYSTEM,
    name: 'system:controller:token-cleaner',
    rules: [rule(['get', 'list', 'watch', 'delete'], [CORE], ['secrets']), eventsRule()],
  },
  {
    namespace: KUBE_SYSTEM,
    name: 'system::leader-locking-kube-controller-manager',
    rules: [
      rule(['watch'], [CORE], ['configmaps']),
      rule(['get', 'update'], [CORE], ['configmaps'], ['kube-controller-manager']),
      rule(['get', 'watch', 'list', 'create', 'update'], [COORDINATION], ['leases']),
    ],
  },
  {
    namespace: KUBE_SYSTEM,
    name: 'system::leader-locking-kube-scheduler',
    rules: [rule(['watch'], [CORE], ['configmaps']), rule(['get', 'update'], [CORE], ['configmaps'], ['kube-scheduler'])],
  },
  {
    namespace: KUBE_PUBLIC,
    name: 'system:controller:bootstrap-signer',
    rules: [rule(READ, [CORE], ['configmaps']), rule(['update'], [CORE], ['configmaps'], ['cluster-info']), eventsRule()],
  },
];

function clusterBinding(name: string, subjects: DefaultBinding['subjects'], since?: number): DefaultBinding {
  return { name, roleRef: { kind: 'ClusterRole', name }, subjects, ...(since !== undefined ? { since } : {}) };
}

function roleBinding(namespace: string, name: string, role: string, subjects: DefaultBinding['subjects']): DefaultBinding {
  return { namespace, name, roleRef: { kind: 'Role', name: role }, subjects };
}

export const CLUSTER_ROLE_BINDINGS: readonly DefaultBinding[] = [
  // system:masters skips the authorizer altogether; this binding only makes that visible to RBAC tooling.
  clusterBinding('cluster-admin', [groupSubject('system:masters')]),
  clusterBinding('system:monitoring', [groupSubject('system:monitoring')]),
  clusterBinding('system:discovery', [groupSubject('system:authenticated')]),
  clusterBinding('system:basic-user', [groupSubject('system:authenticated')]),
  clusterBinding('system:public-info-viewer', [groupSubject('system:authenticated'), groupSubject('system:unauthenticated')]),
  clusterBinding('system:node-proxier', [userSubject('system:kube-proxy')]),
  clusterBinding('system:kube-controller-manager', [userSubject('system:kube-controller-manager')]),
  clusterBinding('system:kube-dns', [serviceAccountSubject(KUBE_SYSTEM, 'kube-dns')]),
  clusterBinding('system:kube-scheduler', [userSubject('system:kube-scheduler')]),
  clusterBinding('system:volume-scheduler', [userSubject('system:kube-scheduler')]),
  // Kept with no subjects since the Node authorizer replaced it (v1.8).
  clusterBinding('system:node', []),
  clusterBinding('system:service-account-issuer-discovery', [groupSubject('system:serviceaccounts')]),
];

export const NAMESPACE_ROLE_BINDINGS: readonly DefaultBinding[] = [
  roleBinding(KUBE_SYSTEM, 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [
    userSubject('system:kube-controller-manager'),
    userSubject('system:kube-scheduler'),
  ]),
  roleBinding(KUBE_SYSTEM, 'system::leader-locking-kube-controller-manager', 'system::leader-locking-kube-controller-manager', [
    userSubject('system:kube-controller-manager'),
    serviceAccountSubject(KUBE_SYSTEM, 'kube-controller-manager'),
    serviceAccountSubject(KUBE_SYSTEM, 'leader-election-controller'),
  ]),
  roleBinding(KUBE_SYSTEM, 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [
    userSubject('system:kube-scheduler'),
    serviceAccountSubject(KUBE_SYSTEM, 'kube-scheduler'),
  ]),
  roleBinding(KUBE_SYSTEM, 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [
    serviceAccountSubject(KUBE_SYSTEM, 'bootstrap-signer'),
  ]),
  roleBinding(KUBE_SYSTEM, 'system:controller:cloud-provider', 'system:controller:cloud-provider', [
    serviceAccountSubject(KUBE_SYSTEM, 'cloud-provider'),
  ]),
  roleBinding(KUBE_SYSTEM, 'system:controller:token-cleaner', 'system:controller:token-cleaner', [
    serviceAccountSubject(KUBE_SYSTEM, 'token-cleaner'),
  ]),
  roleBinding(KUBE_PUBLIC, 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [
    serviceAccountSubject(KUBE_SYSTEM, 'bootstrap-signer'),
  ]),
];

/** Every controller role is bound, under its own name, to the service account kube-system/<controller>. */
export function controllerBindings(controllerRoles: readonly DefaultClusterRole[]): DefaultBinding[] {
  const prefix = 'system:controller:';
  return controllerRoles.map((role) => ({
    name: role.name,
    roleRef: { kind: 'ClusterRole', name: role.name },
    subjects: [serviceAccountSubject(KUBE_SYSTEM, role.name.slice(prefix.length))],
    ...(role.since !== undefined ? { since: role.since } : {}),
  }));
}
