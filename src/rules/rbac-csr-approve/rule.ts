import { defineRbacPermissionRule } from '../rbac-permission-rule.js';
import { lower } from '../rbac-findings.js';

const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

// Approving takes two grants, both cluster-scoped: update on certificatesigningrequests/approval, and approve on the
// signer (resourceNames such as kubernetes.io/kube-apiserver-client, or the domain wildcard kubernetes.io/*). One
// without the other approves nothing: the finding is then medium, one grant away from the full power.
export default defineRbacPermissionRule({
  id: 'rbac-csr-approve',
  title: 'RBAC lets subjects approve certificate signing requests',
  boundary: 'cluster',
  stride: ['spoofing', 'elevation-of-privilege'],
  persistence: true,
  references: {
    attack: ['T1098', 'T1649'],
    peers: ['kubescape:C-0280', 'checkov:CKV_K8S_156'],
  },
  rationale:
    'A subject that can approve CertificateSigningRequests for the kube-apiserver-client signer issues itself a client certificate for any user and group, system:masters included: full control of the cluster, with a credential that cannot be revoked until the cluster CA is rotated.',
  remediation:
    'Remove certificatesigningrequests/approval and approve on signers from the role; where a component must approve (a kubelet-serving approver), limit approve to its signer with resourceNames, e.g. kubernetes.io/kubelet-serving.',
  messages: {
    binding: '{{binding}} lets {{subjects}} approve certificate requests {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows approving certificate requests {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'critical' },
  probes: [
    { verbs: ['update', 'patch'], group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval' },
    // The authorizer asks for the signer's name and for its domain wildcard; other signers (kubelet-serving) are
    // reported as named objects only.
    { verbs: ['approve'], group: 'certificates.k8s.io', resource: 'signers', names: [CLIENT_SIGNER, 'kubernetes.io/*'] },
  ],
  adjust: (severity, matches) => (matches.length === 2 && matches.every((match) => !match.namedOnly) ? severity : lower(severity === 'critical' ? 'high' : severity)),
});
