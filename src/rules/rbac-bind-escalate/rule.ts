import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

export default defineRbacPermissionRule({
  id: 'rbac-bind-escalate',
  title: 'RBAC lets subjects bind or escalate roles',
  boundary: 'cluster',
  stride: ['elevation-of-privilege'],
  persistence: true,
  references: {
    attack: ['T1098.006'],
    microsoft: ['Cluster-admin binding'],
    peers: ['kubescape:C-0191', 'checkov:CKV_K8S_157', 'checkov:CKV_K8S_158', 'trivy:KSV-0050'],
  },
  rationale:
    'RBAC stops a subject from granting permissions it does not hold, unless it has `bind` (create bindings to roles whose permissions it lacks) or `escalate` (write roles beyond its own permissions). With either on clusterroles, cluster-admin is one request away; on roles in a namespace, every permission of that namespace. The new binding outlives the compromise that created it.',
  remediation:
    'Remove bind and escalate from the role. Where a controller must create bindings, give it bind only on the named roles it hands out (resourceNames) and only in its namespaces.',
  messages: {
    binding: '{{binding}} lets {{subjects}} grant permissions they do not hold {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows granting permissions one does not hold {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [
    { verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource: 'clusterroles' },
    { verbs: ['bind', 'escalate'], group: 'rbac.authorization.k8s.io', resource: 'roles' },
  ],
});
