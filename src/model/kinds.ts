/** Facts about built-in kinds the model needs: scope, and where each workload kind keeps its pod template. */
import type { FieldPath } from './object.js';

/** Built-in cluster-scoped kinds (objects of these kinds never get a namespace). */
export const CLUSTER_SCOPED_KINDS = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'GatewayClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
  'APIService',
  'PodSecurityPolicy',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'ClusterIssuer',
  'IPAddress',
  'ServiceCIDR',
  'DeviceClass',
]);

/** Where the pod template of each built-in workload kind sits. */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, FieldPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  ReplicationController: ['spec', 'template'],
  PodTemplate: ['template'],
};

/**
 * Well-known custom workload kinds (API group/kind): their pod template sits at spec.template, so they are workloads
 * even when the template lists no container yet. Other custom kinds count when spec.template.spec has containers.
 */
export const CUSTOM_WORKLOAD_KINDS: ReadonlySet<string> = new Set(['apps.openshift.io/DeploymentConfig', 'argoproj.io/Rollout']);

/** Kinds the rules know, beyond workloads. Others are kept in the model and reported once as not analysed. */
export const KNOWN_KINDS = new Set([
  ...Object.keys(POD_TEMPLATE_PATHS),
  ...CLUSTER_SCOPED_KINDS,
  'Service',
  'Endpoints',
  'EndpointSlice',
  'Ingress',
  'NetworkPolicy',
  'ServiceAccount',
  'Secret',
  'ConfigMap',
  'Role',
  'RoleBinding',
  'ResourceQuota',
  'LimitRange',
  'PersistentVolumeClaim',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'Lease',
  'Event',
  'ControllerRevision',
  'Gateway',
  'HTTPRoute',
  'GRPCRoute',
  'TLSRoute',
  'TCPRoute',
  'UDPRoute',
  'ServiceMonitor',
  'PodMonitor',
  'PrometheusRule',
  'Prometheus',
]);

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
export type ContainerList = (typeof CONTAINER_LISTS)[number];
