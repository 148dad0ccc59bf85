import { defineRbacPermissionRule } from '../rbac-permission-rule.js';

// nodes/proxy is cluster-scoped: only a ClusterRoleBinding grants it. `get` is enough: the kubelet authorises its
// own /exec and /run endpoints, reached over a WebSocket GET, as `get nodes/proxy` (unless the cluster enables the
// fine-grained kubelet authorisation of v1.32+).
export default defineRbacPermissionRule({
  id: 'rbac-nodes-proxy',
  title: 'RBAC lets subjects proxy to kubelets, pods or services',
  boundary: 'cluster',
  stride: ['elevation-of-privilege', 'repudiation'],
  persistence: true,
  references: {
    attack: ['T1609', 'T1613'],
    microsoft: ['Access Kubelet API', 'Exec into container'],
    peers: ['kubescape:C-0279', 'checkov:CKV2_K8S_2', 'trivy:KSV-0047'],
  },
  rationale:
    'nodes/proxy passes requests through the API server to the kubelet API of any node: /exec and /run execute commands in every pod on every node, bypassing admission control and leaving no trace in the API audit log beyond the proxy call. pods/proxy and services/proxy reach pod and service ports past every NetworkPolicy.',
  remediation:
    'Grant nodes/proxy to no one but the monitoring agents that scrape kubelet metrics, and give those get on nodes/metrics and nodes/stats instead where their version allows; remove pods/proxy and services/proxy from roles that do not need them.',
  messages: {
    binding: '{{binding}} lets {{subjects}} proxy through the API server {{scope}} ({{permissions}}) through {{role}}.',
    unboundRole: '{{role}} allows proxying through the API server {{scope}} ({{permissions}}); no binding uses it yet.',
  },
  levels: { cluster: 'critical', namespace: 'medium' },
  probes: [
    { verbs: ['get', 'create'], group: '', resource: 'nodes', subresource: 'proxy' },
    { verbs: ['get', 'create'], group: '', resource: 'pods', subresource: 'proxy' },
    { verbs: ['get', 'create'], group: '', resource: 'services', subresource: 'proxy' },
  ],
  // Proxying to pods and services reaches ports, not shells: high at most.
  adjust: (severity, matches) => (matches.some((match) => match.probe.resource === 'nodes') || severity !== 'critical' ? severity : 'high'),
});
