/**
 * Default ClusterRoles of the cluster's own components (bootstrappolicy/policy.go): kubelet, kube-proxy, scheduler,
 * controller manager, CSR approvers and add-on helpers. Roles behind alpha feature gates are left out.
 */
import {
  APPS,
  AUTHENTICATION,
  AUTHORIZATION,
  CERTIFICATES,
  COORDINATION,
  CORE,
  DISCOVERY,
  EXTENSIONS,
  NETWORKING,
  POLICY,
  READ,
  READ_UPDATE,
  STORAGE,
  eventsRule,
  rule,
  since,
  type DefaultClusterRole,
} from './policy-data.js';

const nodeRules = [
  rule(['create'], [AUTHENTICATION], ['tokenreviews']),
  rule(['create'], [AUTHORIZATION], ['subjectaccessreviews', 'localsubjectaccessreviews']),
  rule(READ, [CORE], ['services']),
  rule(['create', 'get', 'list', 'watch'], [CORE], ['nodes']),
  rule(['update', 'patch'], [CORE], ['nodes/status']),
  rule(['update', 'patch'], [CORE], ['nodes']),
  rule(['create', 'update', 'patch'], [CORE], ['events']),
  rule(READ, [CORE], ['pods']),
  rule(['create', 'delete'], [CORE], ['pods']),
  rule(['update', 'patch'], [CORE], ['pods/status']),
  rule(['create'], [CORE], ['pods/eviction']),
  rule(['get', 'list', 'watch'], [CORE], ['secrets', 'configmaps']),
  rule(['get'], [CORE], ['persistentvolumeclaims', 'persistentvolumes']),
  rule(['get'], [CORE], ['endpoints']),
  rule(['create', 'get', 'list', 'watch'], [CERTIFICATES], ['certificatesigningrequests']),
  rule(['get', 'create', 'update', 'patch', 'delete'], [COORDINATION], ['leases']),
  rule(['get'], [STORAGE], ['volumeattachments']),
  rule(['create'], [CORE], ['serviceaccounts/token']),
  rule(['get', 'update', 'patch'], [CORE], ['persistentvolumeclaims/status']),
  rule(['get', 'watch', 'list'], [STORAGE], ['csidrivers']),
  rule(['get', 'create', 'update', 'patch', 'delete'], [STORAGE], ['csinodes']),
  rule(['get', 'list', 'watch'], ['node.k8s.io'], ['runtimeclasses']),
];

function signerApprover(name: string, signer: string): DefaultClusterRole {
  return { name, rules: [rule(['approve'], [CERTIFICATES], ['signers'], [signer])] };
}

export const COMPONENT_ROLES: readonly DefaultClusterRole[] = [
  {
    name: 'system:heapster',
    rules: [rule(READ, [CORE], ['events', 'pods', 'nodes', 'namespaces']), rule(READ, [EXTENSIONS], ['deployments'])],
  },
  // Bound to nobody: the Node authorizer, not RBAC, authorises kubelets.
  { name: 'system:node', rules: nodeRules },
  {
    name: 'system:node-problem-detector',
    rules: [rule(['get'], [CORE], ['nodes']), rule(['patch'], [CORE], ['nodes/status']), eventsRule()],
  },
  {
    name: 'system:kubelet-api-admin',
    rules: [
      rule(READ, [CORE], ['nodes']),
      rule(['proxy'], [CORE], ['nodes']),
      rule(['*'], [CORE], ['nodes/proxy', 'nodes/metrics', 'nodes/stats', 'nodes/log']),
    ],
  },
  {
    name: 'system:node-bootstrapper',
    rules: [rule(['create', 'get', 'list', 'watch'], [CERTIFICATES], ['certificatesigningrequests'])],
  },
  {
    name: 'system:auth-delegator',
    rules: [rule(['create'], [AUTHENTICATION], ['tokenreviews']), rule(['create'], [AUTHORIZATION], ['subjectaccessreviews'])],
  },
  { name: 'system:kube-aggregator', rules: [rule(READ, [CORE], ['services', 'endpoints'])] },
  {
    name: 'system:kube-controller-manager',
    rules: [
      eventsRule(),
      rule(['create'], [COORDINATION], ['leases']),
      rule(['get', 'update'], [COORDINATION], ['leases'], ['kube-controller-manager']),
      rule(['create'], [CORE], ['secrets', 'serviceaccounts']),
      rule(['delete'], [CORE], ['secrets']),
      rule(['get'], [CORE], ['namespaces', 'secrets', 'serviceaccounts', 'configmaps']),
      rule(['update'], [CORE], ['secrets', 'serviceaccounts']),
      rule(['create'], [AUTHENTICATION], ['tokenreviews']),
      rule(['create'], [AUTHORIZATION], ['subjectaccessreviews']),
      // Every shared informer of every controller.
      rule(['list', 'watch'], ['*'], ['*']),
      rule(['create'], [CORE], ['serviceaccounts/token']),
    ],
  },
  { name: 'system:kube-dns', rules: [rule(['list', 'watch'], [CORE], ['endpoints', 'services'])] },
  {
    name: 'system:persistent-volume-provisioner',
    rules: [
      rule(['get', 'list', 'watch', 'create', 'delete'], [CORE], ['persistentvolumes']),
      rule(['get', 'list', 'watch', 'update'], [CORE], ['persistentvolumeclaims']),
      rule(READ, [STORAGE], ['storageclasses']),
      rule(['watch'], [CORE], ['events']),
      eventsRule(),
    ],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    rules: [rule(['create'], [CERTIFICATES], ['certificatesigningrequests/nodeclient'])],
  },
  {
    name: 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    rules: [rule(['create'], [CERTIFICATES], ['certificatesigningrequests/selfnodeclient'])],
  },
  {
    name: 'system:volume-scheduler',
    rules: [
      rule(READ_UPDATE, [CORE], ['persistentvolumes']),
      rule(READ, [STORAGE], ['storageclasses']),
      rule(READ_UPDATE, [CORE], ['persistentvolumeclaims']),
    ],
  },
  signerApprover('system:certificates.k8s.io:legacy-unknown-approver', 'kubernetes.io/legacy-unknown'),
  signerApprover('system:certificates.k8s.io:kubelet-serving-approver', 'kubernetes.io/kubelet-serving'),
  signerApprover('system:certificates.k8s.io:kube-apiserver-client-approver', 'kubernetes.io/kube-apiserver-client'),
  signerApprover(
    'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
    'kubernetes.io/kube-apiserver-client-kubelet',
  ),
  {
    name: 'system:node-proxier',
    rules: [
      rule(['list', 'watch'], [CORE], ['services', 'endpoints']),
      rule(READ, [CORE], ['nodes']),
      eventsRule(),
      since(33, rule(['list', 'watch'], [NETWORKING], ['servicecidrs'])),
      rule(['list', 'watch'], [DISCOVERY], ['endpointslices']),
    ],
  },
  {
    name: 'system:kube-scheduler',
    rules: [
      eventsRule(),
      rule(['create'], [COORDINATION], ['leases']),
      rule(['get', 'update'], [COORDINATION], ['leases'], ['kube-scheduler']),
      rule(READ, [CORE], ['nodes']),
      rule(['get', 'list', 'watch', 'delete'], [CORE], ['pods']),
      rule(['create'], [CORE], ['pods/binding', 'bindings']),
      rule(['patch', 'update'], [CORE], ['pods/status']),
      rule(READ, [CORE], ['services', 'replicationcontrollers']),
      rule(READ, [APPS, EXTENSIONS], ['replicasets']),
      rule(READ, [APPS], ['statefulsets']),
      rule(READ, [POLICY], ['poddisruptionbudgets']),
      rule(READ, [CORE], ['persistentvolumeclaims', 'persistentvolumes']),
      rule(['create'], [AUTHENTICATION], ['tokenreviews']),
      rule(['create'], [AUTHORIZATION], ['subjectaccessreviews']),
      rule(READ, [STORAGE], ['csinodes']),
      rule(READ, [CORE], ['namespaces']),
      rule(READ, [STORAGE], ['csidrivers']),
      rule(READ, [STORAGE], ['csistoragecapacities']),
    ],
  },
];
