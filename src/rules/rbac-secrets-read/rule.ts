import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

// list and watch return whole objects, values included: they read every Secret of the scope at once.
export default defineRbacPermissionRule({
  id: 'rbac-secrets-read',
  title: 'RBAC lets subjects read Secrets',
  boundary: 'namespace',
  stride: ['information-disclosure', 'elevation-of-privilege'],
  persistence: true,
  references: {
    attack: ['T1552.007', 'T1528'],
    microsoft: ['List Kubernetes secrets'],
    cis: ['5.1.2'],
    peers: ['kubescape:C-0015', 'kubescape:C-0186', 'kube-linter:access-to-secrets', 'checkov:CKV2_K8S_5', 'trivy:KSV-0041', 'trivy:KSV-0113'],
  },
  rationale:
    'Secrets hold database passwords, API keys, registry credentials, TLS keys and, in older clusters, long-lived service-account tokens. `get` reads one, `list` and `watch` return every Secret of the scope with its values. Whoever holds the grant (or steals the token of a service account that does) takes every credential at once; cluster-wide or in kube-system that includes the tokens and cloud credentials of the control plane\'s own components.',
  remediation:
    'Remove secrets from the role\'s rules, or narrow the rule to the Secrets the subject needs with resourceNames and the verb get (no list or watch); bind it with a RoleBinding in that namespace instead of a ClusterRoleBinding. Workloads that only consume a Secret should mount it, not read it through the API.',
  messages: {
    binding: '{{binding}} lets {{subjects}} read Secrets {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows reading Secrets {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [{ verbs: ['get', 'list', 'watch'], group: '', resource: 'secrets' }],
});
