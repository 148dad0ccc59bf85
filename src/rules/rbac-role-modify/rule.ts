import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

// Without bind or escalate the API server only lets a subject grant what it already holds; the threat here is
// persistence (a second, hidden grant that survives the removal of the first) and reach (the subject can hand its
// permissions to any other identity, e.g. system:authenticated).
export default defineRbacPermissionRule({
  id: 'rbac-role-modify',
  title: 'RBAC lets subjects create or change roles and bindings',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'repudiation'],
  persistence: true,
  references: {
    attack: ['T1098.006'],
    microsoft: ['Cluster-admin binding'],
    peers: ['kubescape:C-0191', 'checkov:CKV2_K8S_1', 'trivy:KSV-0051', 'trivy:KSV-0052', 'trivy:KSV-0055'],
  },
  rationale:
    'Whoever can create or change roles and bindings can copy their own permissions to any identity, including a service account they control or system:authenticated, and keep them after their own binding is removed: RBAC\'s escalation check only limits what they can hand out, not to whom. Changing a ClusterRole that carries an aggregation label also changes admin, edit or view everywhere they are bound.',
  remediation:
    'Give create/update/patch on roles, rolebindings, clusterroles and clusterrolebindings only to the deployment pipeline or the RBAC manager that owns them; people and workloads get read access to RBAC at most.',
  messages: {
    binding: '{{binding}} lets {{subjects}} write RBAC roles or bindings {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows writing RBAC roles or bindings {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'high', namespace: 'medium' },
  probes: ['clusterrolebindings', 'clusterroles', 'rolebindings', 'roles'].map((resource) => ({
    verbs: ['create', 'update', 'patch'],
    group: 'rbac.authorization.k8s.io',
    resource,
  })),
});
