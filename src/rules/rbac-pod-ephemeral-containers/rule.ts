import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

export default defineRbacPermissionRule({
  id: 'rbac-pod-ephemeral-containers',
  title: 'RBAC lets subjects add ephemeral containers to running pods',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'tampering'],
  references: {
    attack: ['T1609', 'T1611'],
    microsoft: ['Sidecar injection', 'Exec into container'],
    peers: ['kubescape:C-0188'],
  },
  rationale:
    'update or patch on pods/ephemeralcontainers (what kubectl debug uses) adds a container of the subject\'s choice to a running pod: it shares the pod\'s network, volumes and service-account token, can target another container\'s process namespace, and carries its own securityContext, so it can be privileged wherever Pod Security Admission allows. Running pods of every workload become the subject\'s.',
  remediation:
    'Remove pods/ephemeralcontainers from the role; grant it for debugging through a short-lived RoleBinding in the namespace concerned, and keep that namespace at Pod Security Admission enforce: baseline or restricted.',
  messages: {
    binding: '{{binding}} lets {{subjects}} inject containers into running pods {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows injecting containers into running pods {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [{ verbs: ['update', 'patch'], group: '', resource: 'pods', subresource: 'ephemeralcontainers' }],
});
