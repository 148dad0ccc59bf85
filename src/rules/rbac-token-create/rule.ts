import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

export default defineRbacPermissionRule({
  id: 'rbac-token-create',
  title: 'RBAC lets subjects mint service-account tokens',
  boundary: 'namespace',
  stride: ['spoofing', 'elevation-of-privilege'],
  persistence: true,
  references: {
    attack: ['T1528'],
    microsoft: ['Container service account'],
    peers: ['kubescape:C-0282'],
  },
  rationale:
    'create on serviceaccounts/token (the TokenRequest API) issues a token for any service account of the scope, with an expiry the requester chooses: every identity of the namespace, usable from outside the cluster, and still valid after the access that minted it is revoked. In kube-system that includes the controllers\' own accounts.',
  remediation:
    'Remove serviceaccounts/token from the role (the built-in edit and admin roles include it); where a component must mint tokens, limit it with resourceNames to the service accounts it serves.',
  messages: {
    binding: '{{binding}} lets {{subjects}} mint service-account tokens {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows minting service-account tokens {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [{ verbs: ['create'], group: '', resource: 'serviceaccounts', subresource: 'token' }],
});
