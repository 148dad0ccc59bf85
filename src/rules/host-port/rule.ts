import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'host-port',
  title: "Container binds a port of the node (hostPort)",
  boundary: 'pod',
  stride: ['information-disclosure', 'spoofing'],
  severity: 'medium',
  references: {
    cis: ['5.2.13'],
    peers: ['kubescape:C-0044', 'polaris:hostPortSet', 'checkov:CKV_K8S_26', 'trivy:KSV-0024'],
  },
  rationale:
    "A hostPort publishes the container on the node's own address, where NetworkPolicies on the pod network do not apply, and lets the pod take a port of the node before the service that should own it.",
  remediation: 'Remove ports[].hostPort and expose the container through a Service (ClusterIP, or NodePort/LoadBalancer when it must be reached from outside).',
  messages: {
    hostPort: "Container {{container}} of {{workload}} binds node port(s) {{ports}} (hostPort).",
  },
  controls: ['hostPorts'],
  findingPer: 'owner',
  describe: ({ violations }) => ({ messageId: 'hostPort', data: { ports: violations.map((violation) => String(violation.value)).join(', ') } }),
});
