import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

export default defineRbacPermissionRule({
  id: 'rbac-impersonate',
  title: 'RBAC lets subjects impersonate users, groups or service accounts',
  boundary: 'cluster',
  stride: ['spoofing', 'elevation-of-privilege', 'repudiation'],
  persistence: true,
  references: {
    attack: ['T1078'],
    microsoft: ['Cluster-admin binding'],
    peers: ['kubescape:C-0065', 'checkov:CKV2_K8S_3', 'trivy:KSV-0043'],
  },
  rationale:
    'With impersonate on users or groups a subject sends requests as anyone, including a member of system:masters, which RBAC cannot limit: the cluster is theirs, and the audit log records the impersonated identity. impersonate on serviceaccounts takes over every service account of the scope.',
  remediation:
    'Remove impersonate from the role. Where a proxy or tool must impersonate, restrict it with resourceNames to the exact users, groups or service accounts it acts for, and never to system:masters.',
  messages: {
    binding: '{{binding}} lets {{subjects}} act as other identities {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows acting as other identities {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [
    { verbs: ['impersonate'], group: '', resource: 'users' },
    { verbs: ['impersonate'], group: '', resource: 'groups' },
    { verbs: ['impersonate'], group: '', resource: 'serviceaccounts' },
  ],
});
