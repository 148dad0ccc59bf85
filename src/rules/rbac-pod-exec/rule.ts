import { defineRbacPermissionRule } from '../rbac-permission-rule.js';
import { lower } from '../rbac-findings.js';

// Exec and attach are authorised as `create` on the subresource. Before v1.30 a WebSocket upgrade was authorised as
// `get`, so `get pods/exec` also opened a shell; the AuthorizePodWebsocketUpgradeCreatePermission gate (on by
// default since v1.30) closed that. `get` is reported too, at a lower severity: clusters older than v1.30 are common.
export default defineRbacPermissionRule({
  id: 'rbac-pod-exec',
  title: 'RBAC lets subjects exec into or attach to containers',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  references: {
    attack: ['T1609'],
    microsoft: ['Exec into container', 'Collecting data from pod'],
    peers: ['kubescape:C-0002', 'polaris:*PodExecAttach', 'checkov:CKV2_K8S_2', 'trivy:KSV-0053', 'trivy:KSV-0054'],
  },
  rationale:
    'pods/exec opens a shell in any running container of the scope; pods/attach takes over its stdin and stdout. The shell runs as the container\'s user with its mounted Secrets and its service-account token, so the subject acquires every workload identity of the namespace, and exec does not go through admission control, so Pod Security Admission cannot stop it.',
  remediation:
    'Remove pods/exec and pods/attach from the role (the built-in edit and admin roles include them); grant them for incidents only, through a short-lived binding, in the namespace concerned. Keep create on pods/exec out of roles bound to service accounts.',
  messages: {
    binding: '{{binding}} lets {{subjects}} run commands in containers {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows running commands in containers {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'high' },
  probes: [
    { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'exec' },
    { verbs: ['create', 'get'], group: '', resource: 'pods', subresource: 'attach' },
  ],
  adjust: (severity, matches) => (matches.some((match) => match.verbs.includes('create')) ? severity : lower(severity)),
});
