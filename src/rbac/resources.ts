/**
 * Facts about built-in API resources the engine needs: which group serves a resource by default (so that
 * `who-can create deployments` means apps/deployments, as kubectl resolves it) and which resources are
 * cluster-scoped (a RoleBinding can never grant those, whatever its role says).
 */

const GROUP_OF: Readonly<Record<string, string>> = {
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  controllerrevisions: 'apps',
  jobs: 'batch',
  cronjobs: 'batch',
  horizontalpodautoscalers: 'autoscaling',
  poddisruptionbudgets: 'policy',
  ingresses: 'networking.k8s.io',
  ingressclasses: 'networking.k8s.io',
  networkpolicies: 'networking.k8s.io',
  ipaddresses: 'networking.k8s.io',
  servicecidrs: 'networking.k8s.io',
  endpointslices: 'discovery.k8s.io',
  roles: 'rbac.authorization.k8s.io',
  rolebindings: 'rbac.authorization.k8s.io',
  clusterroles: 'rbac.authorization.k8s.io',
  clusterrolebindings: 'rbac.authorization.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io',
  signers: 'certificates.k8s.io',
  clustertrustbundles: 'certificates.k8s.io',
  validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingadmissionpolicies: 'admissionregistration.k8s.io',
  validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  mutatingadmissionpolicies: 'admissionregistration.k8s.io',
  mutatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io',
  apiservices: 'apiregistration.k8s.io',
  storageclasses: 'storage.k8s.io',
  csidrivers: 'storage.k8s.io',
  csinodes: 'storage.k8s.io',
  csistoragecapacities: 'storage.k8s.io',
  volumeattachments: 'storage.k8s.io',
  volumeattributesclasses: 'storage.k8s.io',
  priorityclasses: 'scheduling.k8s.io',
  runtimeclasses: 'node.k8s.io',
  leases: 'coordination.k8s.io',
  flowschemas: 'flowcontrol.apiserver.k8s.io',
  prioritylevelconfigurations: 'flowcontrol.apiserver.k8s.io',
  tokenreviews: 'authentication.k8s.io',
  selfsubjectreviews: 'authentication.k8s.io',
  uids: 'authentication.k8s.io',
  userextras: 'authentication.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io',
  selfsubjectaccessreviews: 'authorization.k8s.io',
  selfsubjectrulesreviews: 'authorization.k8s.io',
  localsubjectaccessreviews: 'authorization.k8s.io',
  resourceclaims: 'resource.k8s.io',
  resourceclaimtemplates: 'resource.k8s.io',
  resourceslices: 'resource.k8s.io',
  deviceclasses: 'resource.k8s.io',
};

/** The group kubectl would pick for a bare resource name; the core group ('') for anything not listed. */
export function defaultGroupOf(resource: string): string {
  return GROUP_OF[resource] ?? '';
}

/** Cluster-scoped built-in resources, as `group/resource` (core group: `/resource`). */
const CLUSTER_SCOPED = new Set([
  '/nodes',
  '/namespaces',
  '/persistentvolumes',
  '/componentstatuses',
  // Virtual resources of impersonation: users and groups are not namespaced.
  '/users',
  '/groups',
  'authentication.k8s.io/uids',
  'authentication.k8s.io/userextras',
  'authentication.k8s.io/tokenreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'rbac.authorization.k8s.io/clusterroles',
  'rbac.authorization.k8s.io/clusterrolebindings',
  'certificates.k8s.io/certificatesigningrequests',
  'certificates.k8s.io/signers',
  'certificates.k8s.io/clustertrustbundles',
  'admissionregistration.k8s.io/validatingwebhookconfigurations',
  'admissionregistration.k8s.io/mutatingwebhookconfigurations',
  'admissionregistration.k8s.io/validatingadmissionpolicies',
  'admissionregistration.k8s.io/validatingadmissionpolicybindings',
  'admissionregistration.k8s.io/mutatingadmissionpolicies',
  'admissionregistration.k8s.io/mutatingadmissionpolicybindings',
  'apiextensions.k8s.io/customresourcedefinitions',
  'apiregistration.k8s.io/apiservices',
  'storage.k8s.io/storageclasses',
  'storage.k8s.io/csidrivers',
  'storage.k8s.io/csinodes',
  'storage.k8s.io/volumeattachments',
  'storage.k8s.io/volumeattributesclasses',
  'scheduling.k8s.io/priorityclasses',
  'node.k8s.io/runtimeclasses',
  'networking.k8s.io/ingressclasses',
  'networking.k8s.io/ipaddresses',
  'networking.k8s.io/servicecidrs',
  'flowcontrol.apiserver.k8s.io/flowschemas',
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations',
  'metrics.k8s.io/nodes',
  'resource.k8s.io/resourceslices',
  'resource.k8s.io/deviceclasses',
  'internal.apiserver.k8s.io/storageversions',
  'storagemigration.k8s.io/storageversionmigrations',
  'policy/podsecuritypolicies',
  'extensions/podsecuritypolicies',
]);

/** True when the resource (without subresource) is a built-in cluster-scoped one in that group. */
export function isClusterScoped(group: string, resource: string): boolean {
  return CLUSTER_SCOPED.has(`${group}/${resource}`);
}

/**
 * A request for a named Namespace carries that namespace: GET /api/v1/namespaces/shop is authorised with
 * namespace "shop", so a RoleBinding in shop that grants `patch namespaces` lets its subjects relabel shop itself.
 */
export function isNamespaceObjectRequest(group: string, resource: string): boolean {
  return group === '' && resource === 'namespaces';
}

/**
 * True when a rule naming this resource can never take effect inside a namespace: every group the rule names
 * serves it cluster-scoped. `namespaces` stays, as a namespaced binding reaches its own Namespace object.
 */
export function isInertInNamespace(apiGroups: readonly string[], resource: string): boolean {
  if (resource.includes('*') || apiGroups.length === 0 || apiGroups.includes('*')) return false;
  const base = resource.split('/')[0];
  return apiGroups.every((group) => isClusterScoped(group, base) && !isNamespaceObjectRequest(group, base));
}
