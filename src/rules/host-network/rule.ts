import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'host-network',
  title: "Pod uses the node's network namespace",
  boundary: 'node',
  stride: ['information-disclosure', 'spoofing', 'elevation-of-privilege'],
  severity: 'high',
  references: {
    attack: ['T1040', 'T1046'],
    cis: ['5.2.5'],
    peers: ['kubescape:C-0041', 'kube-linter:host-network', 'polaris:hostNetworkSet', 'checkov:CKV_K8S_19', 'trivy:KSV-0009', 'kubeaudit:hostns', 'kubesec:HostNetwork'],
  },
  rationale:
    "With hostNetwork the pod sits on the node's own interfaces: it reaches services bound to the node's localhost (kubelet, etcd on a control-plane node, the cloud metadata endpoint with the node's identity), can sniff node traffic, and is not subject to NetworkPolicy.",
  remediation: 'Remove spec.hostNetwork (or set it to false) and expose the workload through a Service; if a node port is really needed, prefer a NodePort Service.',
  messages: {
    hostNetwork: "{{workload}} uses the node's network namespace (hostNetwork: true).",
  },
  controls: ['hostNamespaces'],
  select: (violation) => violation.path[1] === 'hostNetwork',
  findingPer: 'violation',
  describe: () => ({ messageId: 'hostNetwork' }),
});
