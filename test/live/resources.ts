/**
 * The resources the test API server serves, written out here rather than taken from src/live/kinds.ts: the server
 * is the reference the client is checked against, so a wrong plural or group in the client must not be copied into
 * it. Custom resources of add-ons (Cilium, Calico, Prometheus, Argo Rollouts) are not served, as on a cluster without
 * them, unless a test installs some (ADD_ON_RESOURCES, ApiServerOptions.addOns).
 */
export interface ServedResource {
  group: string;
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

const r = (groupVersion: string, plural: string, kind: string, namespaced: boolean, shortNames?: string[]): ServedResource => {
  const [group, version] = groupVersion.includes('/') ? groupVersion.split('/') : ['', groupVersion];
  return { group, version, plural, singular: kind.toLowerCase(), kind, namespaced, ...(shortNames ? { shortNames } : {}) };
};

export const SERVED_RESOURCES: readonly ServedResource[] = [
  r('v1', 'namespaces', 'Namespace', false, ['ns']),
  r('v1', 'nodes', 'Node', false, ['no']),
  r('v1', 'pods', 'Pod', true, ['po']),
  r('v1', 'podtemplates', 'PodTemplate', true),
  r('v1', 'replicationcontrollers', 'ReplicationController', true, ['rc']),
  r('v1', 'services', 'Service', true, ['svc']),
  r('v1', 'endpoints', 'Endpoints', true, ['ep']),
  r('v1', 'serviceaccounts', 'ServiceAccount', true, ['sa']),
  r('v1', 'secrets', 'Secret', true),
  r('v1', 'configmaps', 'ConfigMap', true, ['cm']),
  r('v1', 'resourcequotas', 'ResourceQuota', true, ['quota']),
  r('v1', 'limitranges', 'LimitRange', true, ['limits']),
  r('v1', 'persistentvolumes', 'PersistentVolume', false, ['pv']),
  r('v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', true, ['pvc']),
  r('v1', 'events', 'Event', true, ['ev']),
  r('apps/v1', 'deployments', 'Deployment', true, ['deploy']),
  r('apps/v1', 'replicasets', 'ReplicaSet', true, ['rs']),
  r('apps/v1', 'statefulsets', 'StatefulSet', true, ['sts']),
  r('apps/v1', 'daemonsets', 'DaemonSet', true, ['ds']),
  r('apps/v1', 'controllerrevisions', 'ControllerRevision', true),
  r('batch/v1', 'jobs', 'Job', true),
  r('batch/v1', 'cronjobs', 'CronJob', true, ['cj']),
  r('networking.k8s.io/v1', 'ingresses', 'Ingress', true, ['ing']),
  r('networking.k8s.io/v1', 'ingressclasses', 'IngressClass', false),
  r('networking.k8s.io/v1', 'networkpolicies', 'NetworkPolicy', true, ['netpol']),
  r('rbac.authorization.k8s.io/v1', 'roles', 'Role', true),
  r('rbac.authorization.k8s.io/v1', 'clusterroles', 'ClusterRole', false),
  r('rbac.authorization.k8s.io/v1', 'rolebindings', 'RoleBinding', true),
  r('rbac.authorization.k8s.io/v1', 'clusterrolebindings', 'ClusterRoleBinding', false),
  r('policy/v1', 'poddisruptionbudgets', 'PodDisruptionBudget', true, ['pdb']),
  r('admissionregistration.k8s.io/v1', 'validatingwebhookconfigurations', 'ValidatingWebhookConfiguration', false),
  r('admissionregistration.k8s.io/v1', 'mutatingwebhookconfigurations', 'MutatingWebhookConfiguration', false),
  r('admissionregistration.k8s.io/v1', 'validatingadmissionpolicies', 'ValidatingAdmissionPolicy', false),
  r('admissionregistration.k8s.io/v1', 'validatingadmissionpolicybindings', 'ValidatingAdmissionPolicyBinding', false),
  r('storage.k8s.io/v1', 'storageclasses', 'StorageClass', false, ['sc']),
  r('storage.k8s.io/v1', 'csidrivers', 'CSIDriver', false),
  r('node.k8s.io/v1', 'runtimeclasses', 'RuntimeClass', false),
  r('scheduling.k8s.io/v1', 'priorityclasses', 'PriorityClass', false, ['pc']),
  r('apiregistration.k8s.io/v1', 'apiservices', 'APIService', false),
];

/** Custom resources a test may install on the server (ApiServerOptions.addOns), as their CRDs define them. */
export const ADD_ON_RESOURCES = {
  argoRollouts: r('argoproj.io/v1alpha1', 'rollouts', 'Rollout', true, ['ro']),
  openShiftDeploymentConfigs: r('apps.openshift.io/v1', 'deploymentconfigs', 'DeploymentConfig', true, ['dc']),
} as const;

export function groupVersionOf(resource: ServedResource): string {
  return resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
}

export function resourceForObject(apiVersion: string, kind: string, served: readonly ServedResource[] = SERVED_RESOURCES): ServedResource | undefined {
  return served.find((resource) => groupVersionOf(resource) === apiVersion && resource.kind === kind);
}
