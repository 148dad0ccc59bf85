import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

// As for exec, `get` opened port-forward WebSockets before v1.30; it is reported with `create`.
export default defineRbacPermissionRule({
  id: 'rbac-pod-portforward',
  title: 'RBAC lets subjects port-forward to pods',
  boundary: 'namespace',
  stride: ['information-disclosure', 'elevation-of-privilege'],
  references: {
    attack: ['T1090', 'T1572'],
    microsoft: ['Cluster internal networking'],
    peers: ['kubescape:C-0063'],
  },
  rationale:
    'Port-forwarding tunnels the subject\'s own traffic through the API server and the kubelet into any pod of the scope, to ports that are not exposed and past every NetworkPolicy: admin consoles, databases, debug endpoints and metrics that were only meant to be reached from inside the namespace.',
  remediation:
    'Remove pods/portforward from the role (the built-in edit and admin roles include it); grant it through a short-lived RoleBinding in the namespace that needs it.',
  messages: {
    binding: '{{binding}} lets {{subjects}} tunnel into pods {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows tunnelling into pods {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'high', namespace: 'medium' },
  probes: [{ verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'portforward' }],
});
