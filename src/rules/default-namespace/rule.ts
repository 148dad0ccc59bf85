import { defineRule } from '../define-rule.js';
import { getPath } from '../../model/json.js';
import { isClusterScoped } from '../../model/estate.js';
import { KNOWN_KINDS } from '../../model/kinds.js';
import { objectKey, objectRef, type K8sObject } from '../../model/object.js';

/** Objects Kubernetes itself keeps in the default namespace. */
const CREATED_BY_KUBERNETES = new Set(['Service/kubernetes', 'Endpoints/kubernetes', 'EndpointSlice/kubernetes', 'ServiceAccount/default', 'ConfigMap/kube-root-ca.crt']);
/** Records of what controllers and components do, not configuration anyone chose to put there. */
const RUNTIME_RECORDS = new Set(['Event', 'Lease', 'ControllerRevision', 'Endpoints', 'EndpointSlice']);
/** Controls that harden the default namespace itself: asking to move them would be perverse. */
const CONTROLS_OF_THE_NAMESPACE = new Set(['NetworkPolicy', 'ResourceQuota', 'LimitRange']);

export default defineRule({
  id: 'default-namespace',
  title: 'Object placed in the default namespace',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'info',
  references: {
    cis: ['5.7.4'],
    peers: ['kubescape:C-0061', 'kubescape:C-0212', 'kube-linter:use-namespace', 'checkov:CKV_K8S_21', 'trivy:KSV-0110'],
  },
  rationale:
    'The default namespace is where everything lands that names no other, so applications of different owners end up sharing it: one RoleBinding, NetworkPolicy gap or Pod Security level applies to all of them, and it is rarely given Pod Security Admission labels, quotas or default-deny policies. Workloads there have no namespace boundary between them.',
  remediation:
    'Create a namespace per application or team (with Pod Security Admission labels, a ResourceQuota and a default-deny NetworkPolicy), set metadata.namespace on the objects, and keep default empty.',
  messages: {
    explicit: '{{object}} is in the default namespace.',
    implicit: '{{object}} names no namespace and is analysed in the default namespace, where kubectl apply puts it unless told otherwise (--namespace).',
  },
  check({ estate, report }) {
    // Owners are looked up in the object's own namespace: only the default namespace's objects matter.
    const inDefault = estate.objects.filter((object) => object.metadata.namespace === 'default');
    if (inDefault.length === 0) return;
    const present = new Set(inDefault.map((object) => objectKey(objectRef(object))));
    const defaultWorkloads = estate.workloads.filter((workload) => workload.object.metadata.namespace === 'default');
    const workloads = new Set(defaultWorkloads.map((workload) => workload.object));
    const managed = new Set(defaultWorkloads.filter((workload) => workload.managedBy).map((workload) => workload.object));
    for (const object of inDefault) {
      if (!isUserConfiguration(object, workloads.has(object))) continue;
      // What a controller in the input made (a Deployment's ReplicaSet) is reported once, on the controller.
      if (managed.has(object) || ownerPresent(object, present)) continue;
      const explicit = typeof getPath(object.raw, ['metadata', 'namespace']) === 'string';
      report({
        messageId: explicit ? 'explicit' : 'implicit',
        data: { object: objectKey(objectRef(object)) },
        object,
        path: ['metadata', 'namespace'],
      });
    }
  },
});

function isUserConfiguration(object: K8sObject, isWorkload: boolean): boolean {
  if (isClusterScoped(object) || RUNTIME_RECORDS.has(object.kind) || CONTROLS_OF_THE_NAMESPACE.has(object.kind)) return false;
  if (CREATED_BY_KUBERNETES.has(`${object.kind}/${object.metadata.name}`)) return false;
  // Legacy token Secrets of the default ServiceAccount, created by the token controller on old clusters.
  if (object.kind === 'Secret' && object.raw.type === 'kubernetes.io/service-account-token' && object.metadata.annotations['kubernetes.io/service-account.name'] === 'default') return false;
  // A kind of unknown scope (a custom resource) only counts when it names the namespace itself: it may be cluster-scoped.
  return KNOWN_KINDS.has(object.kind) || isWorkload || typeof getPath(object.raw, ['metadata', 'namespace']) === 'string';
}

function ownerPresent(object: K8sObject, present: ReadonlySet<string>): boolean {
  return (object.metadata.ownerReferences ?? []).some(
    (owner) => owner.controller && owner.kind && owner.name && present.has(objectKey({ apiVersion: '', kind: owner.kind, namespace: object.metadata.namespace, name: owner.name })),
  );
}
