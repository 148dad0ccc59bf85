import { definePssControlRule, quotedValues } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'sysctls-unsafe',
  title: 'Pod sets sysctls outside the safe set',
  boundary: 'pod',
  stride: ['denial-of-service', 'tampering'],
  severity: 'medium',
  references: {
    attack: ['T1499'],
    peers: ['kubescape:C-0211', 'kube-linter:unsafe-sysctls', 'trivy:KSV-0026'],
  },
  rationale:
    'Only a few namespaced sysctls are known to stay inside the pod. The others tune kernel state shared with other pods or the whole node (memory, IPC limits, networking): once a node allows them (kubelet --allowed-unsafe-sysctls), one pod can starve or reconfigure its neighbours.',
  remediation:
    'Remove the sysctl from spec.securityContext.sysctls, or keep only the safe ones (kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.ip_unprivileged_port_start, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range and, by policy version, the newer net.ipv4 ones). Run a workload that truly needs more on dedicated nodes.',
  messages: {
    unsafe: '{{workload}} sets sysctls outside the safe set: {{sysctls}}.',
  },
  controls: ['sysctls'],
  findingPer: 'owner',
  describe: ({ violations }) => ({ messageId: 'unsafe', data: { sysctls: quotedValues(violations) } }),
});
