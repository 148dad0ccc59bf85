/**
 * What kubethreat lists from a live cluster: every kind the model, the rules, the RBAC and network engines read.
 * Data, not code: the list order is the order objects enter the model, and each entry says what goes unanalysed
 * when the kind cannot be listed (that sentence is the coverage gap every report shows).
 */

export interface LiveKind {
  /** API group; '' for the core group. */
  group: string;
  version: string;
  /** The plural resource name in the URL, as RBAC names it. */
  resource: string;
  kind: string;
  namespaced: boolean;
  /** Read as PartialObjectMetadata: names, labels and annotations only, never the payload. */
  metadataOnly?: boolean;
  /** A custom resource of an add-on: a 404 only means the add-on is not installed, and is not worth a notice. */
  addOn?: boolean;
  /** What the threat model lacks without this kind, completing "cannot list X: …". */
  withoutIt: string;
}

const core = (resource: string, kind: string, namespaced: boolean, withoutIt: string, extra: Partial<LiveKind> = {}): LiveKind => ({
  group: '',
  version: 'v1',
  resource,
  kind,
  namespaced,
  withoutIt,
  ...extra,
});

const grouped = (group: string, version: string, resource: string, kind: string, namespaced: boolean, withoutIt: string, extra: Partial<LiveKind> = {}): LiveKind => ({
  group,
  version,
  resource,
  kind,
  namespaced,
  withoutIt,
  ...extra,
});

const workloads = (kind: string): string => `${kind} pod templates are not analysed`;

export const LIVE_KINDS: readonly LiveKind[] = [
  core('namespaces', 'Namespace', false, 'namespace boundaries (Pod Security Admission labels, environments) are not analysed'),
  core('nodes', 'Node', false, 'node pools and the control-plane boundary are not analysed'),
  core('pods', 'Pod', true, 'running pods are not analysed (bare pods and pods of unlisted controllers are missed)'),
  core('podtemplates', 'PodTemplate', true, workloads('PodTemplate')),
  core('replicationcontrollers', 'ReplicationController', true, workloads('ReplicationController')),
  grouped('apps', 'v1', 'deployments', 'Deployment', true, workloads('Deployment')),
  grouped('apps', 'v1', 'replicasets', 'ReplicaSet', true, workloads('ReplicaSet')),
  grouped('apps', 'v1', 'statefulsets', 'StatefulSet', true, workloads('StatefulSet')),
  grouped('apps', 'v1', 'daemonsets', 'DaemonSet', true, 'DaemonSet pod templates and node-wide agents (log shipping, runtime detection) are not analysed'),
  grouped('batch', 'v1', 'jobs', 'Job', true, workloads('Job')),
  grouped('batch', 'v1', 'cronjobs', 'CronJob', true, workloads('CronJob')),
  // Workload kinds of add-ons: without them, their pod templates are analysed through the ReplicaSets (or
  // ReplicationControllers) they run, and the findings name those rather than the object people edit.
  grouped('argoproj.io', 'v1alpha1', 'rollouts', 'Rollout', true, 'Argo Rollouts are analysed through their ReplicaSets', { addOn: true }),
  grouped('apps.openshift.io', 'v1', 'deploymentconfigs', 'DeploymentConfig', true, 'DeploymentConfigs are analysed through their ReplicationControllers', { addOn: true }),
  core('services', 'Service', true, 'service exposure (NodePort, LoadBalancer, external IPs) is not analysed'),
  core('serviceaccounts', 'ServiceAccount', true, 'service accounts and their token mounting are not analysed'),
  core('secrets', 'Secret', true, 'which Secrets exist and who mounts them is not analysed', { metadataOnly: true }),
  core('configmaps', 'ConfigMap', true, 'credentials kept in ConfigMaps are not detected'),
  core('resourcequotas', 'ResourceQuota', true, 'quotas are not analysed, and namespaces may be reported as lacking one'),
  core('limitranges', 'LimitRange', true, 'limit ranges are not analysed, and namespaces may be reported as lacking one'),
  core('persistentvolumes', 'PersistentVolume', false, 'persistent volumes (hostPath and local volumes) are not analysed'),
  core('persistentvolumeclaims', 'PersistentVolumeClaim', true, 'volume claims are not analysed'),
  grouped('networking.k8s.io', 'v1', 'ingresses', 'Ingress', true, 'ingress exposure is not analysed'),
  grouped('networking.k8s.io', 'v1', 'ingressclasses', 'IngressClass', false, 'ingress controllers are not matched to ingresses'),
  grouped('networking.k8s.io', 'v1', 'networkpolicies', 'NetworkPolicy', true, 'network boundaries are not analysed'),
  grouped('rbac.authorization.k8s.io', 'v1', 'roles', 'Role', true, 'namespaced permissions are not analysed'),
  grouped('rbac.authorization.k8s.io', 'v1', 'clusterroles', 'ClusterRole', false, 'cluster-wide permissions are not analysed'),
  grouped('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'RoleBinding', true, 'who holds namespaced permissions is not analysed'),
  grouped('rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', false, 'who holds cluster-wide permissions is not analysed'),
  grouped('policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, 'disruption budgets are not analysed'),
  grouped('admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false, 'validating admission webhooks are not analysed'),
  grouped('admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false, 'mutating admission webhooks are not analysed'),
  grouped('admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false, 'admission policies are not analysed'),
  grouped('admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false, 'admission policy bindings are not analysed'),
  grouped('storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', false, 'storage classes are not analysed'),
  grouped('storage.k8s.io', 'v1', 'csidrivers', 'CSIDriver', false, 'CSI drivers are not analysed'),
  grouped('node.k8s.io', 'v1', 'runtimeclasses', 'RuntimeClass', false, 'sandboxed runtimes (RuntimeClass) are not analysed'),
  grouped('apiregistration.k8s.io', 'v1', 'apiservices', 'APIService', false, 'aggregated API servers are not analysed'),
  grouped('cilium.io', 'v2', 'ciliumnetworkpolicies', 'CiliumNetworkPolicy', true, 'Cilium network policies are not taken into account', { addOn: true }),
  grouped('cilium.io', 'v2', 'ciliumclusterwidenetworkpolicies', 'CiliumClusterwideNetworkPolicy', false, 'Cilium cluster-wide policies are not taken into account', { addOn: true }),
  grouped('crd.projectcalico.org', 'v1', 'networkpolicies', 'NetworkPolicy', true, 'Calico network policies are not taken into account', { addOn: true }),
  grouped('crd.projectcalico.org', 'v1', 'globalnetworkpolicies', 'GlobalNetworkPolicy', false, 'Calico global network policies are not taken into account', { addOn: true }),
  grouped('policy.networking.k8s.io', 'v1alpha1', 'adminnetworkpolicies', 'AdminNetworkPolicy', false, 'admin network policies are not taken into account', { addOn: true }),
  grouped('monitoring.coreos.com', 'v1', 'prometheuses', 'Prometheus', true, 'Prometheus instances are not detected', { addOn: true }),
];

export function apiVersionOf(kind: LiveKind): string {
  return kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
}

/** The collection path: /api/v1/pods, /apis/apps/v1/deployments; in one namespace, /api/v1/namespaces/shop/pods. */
export function collectionPath(kind: LiveKind, namespace?: string): string {
  const base = kind.group === '' ? `/api/${kind.version}` : `/apis/${kind.group}/${kind.version}`;
  return namespace === undefined ? `${base}/${kind.resource}` : `${base}/namespaces/${encodeURIComponent(namespace)}/${kind.resource}`;
}

/** How people and RBAC name a resource: pods, networkpolicies.networking.k8s.io. */
export function resourceName(kind: LiveKind): string {
  return kind.group === '' ? kind.resource : `${kind.resource}.${kind.group}`;
}
