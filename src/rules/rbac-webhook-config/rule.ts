import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

const ADMISSION = 'admissionregistration.k8s.io';
const WEBHOOKS = new Set(['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'mutatingadmissionpolicies', 'mutatingadmissionpolicybindings']);

// All cluster-scoped: only ClusterRoleBindings grant them. Deleting counts: it switches a policy engine off.
export default defineRbacPermissionRule({
  id: 'rbac-webhook-config',
  title: 'RBAC lets subjects change admission webhooks and policies',
  boundary: 'cluster',
  stride: ['tampering', 'information-disclosure', 'elevation-of-privilege'],
  persistence: true,
  references: {
    attack: ['T1546', 'T1562.001'],
    microsoft: ['Malicious admission controller'],
    peers: ['kubescape:C-0281', 'checkov:CKV_K8S_155', 'trivy:KSV-0114'],
  },
  rationale:
    'A mutating webhook or mutating admission policy the subject registers rewrites every object the API server admits: it can inject a privileged sidecar into every new pod. A validating webhook receives every admitted object, Secrets included. Changing or deleting the configurations of Kyverno, Gatekeeper or validating admission policies switches the cluster\'s policy enforcement off. Such a backdoor survives the removal of the identity that installed it.',
  remediation:
    'Give create/update/patch/delete on mutating and validating webhook configurations and admission policies only to the installer of the policy engine or service mesh that owns them, bound to its service account; people get read access.',
  messages: {
    binding: '{{binding}} lets {{subjects}} change admission control {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows changing admission control {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'critical' },
  probes: [
    'mutatingwebhookconfigurations',
    'validatingwebhookconfigurations',
    'mutatingadmissionpolicies',
    'mutatingadmissionpolicybindings',
    'validatingadmissionpolicies',
    'validatingadmissionpolicybindings',
  ].map((resource) => ({ verbs: ['create', 'update', 'patch', 'delete'], group: ADMISSION, resource })),
  // Validating admission policies can deny (and so disable nothing but availability) but see no webhook traffic.
  adjust: (severity, matches) => (matches.some((match) => WEBHOOKS.has(match.probe.resource)) || severity !== 'critical' ? severity : 'high'),
});
