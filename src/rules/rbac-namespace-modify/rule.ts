import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

// A RoleBinding reaches its own Namespace object (GET /api/v1/namespaces/shop is authorised in namespace shop), so a
// namespaced grant of patch namespaces relabels that one namespace; a ClusterRoleBinding relabels all of them.
export default defineRbacPermissionRule({
  id: 'rbac-namespace-modify',
  title: 'RBAC lets subjects change namespaces (and their Pod Security level)',
  boundary: 'namespace',
  stride: ['tampering', 'elevation-of-privilege'],
  persistence: true,
  references: {
    attack: ['T1562'],
    peers: ['kubescape:C-0191'],
  },
  rationale:
    'Pod Security Admission reads its level from the namespace\'s labels. Whoever can patch or update a Namespace sets pod-security.kubernetes.io/enforce: privileged and then runs privileged pods wherever they can create them; they can also change the labels NetworkPolicies select namespaces by, opening paths between namespaces.',
  remediation:
    'Remove update and patch on namespaces from the role; let the platform\'s pipeline own Namespace objects and their labels, and watch changes to pod-security.kubernetes.io labels in the audit log.',
  messages: {
    binding: '{{binding}} lets {{subjects}} relabel namespaces {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows relabelling namespaces {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'high', namespace: 'medium' },
  probes: [{ verbs: ['update', 'patch'], group: '', resource: 'namespaces' }],
});
