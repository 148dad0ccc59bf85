import { checkControls } from '../../admission/pss/index.js';
import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'host-pid',
  title: "Pod shares the node's process namespace",
  boundary: 'node',
  stride: ['information-disclosure', 'elevation-of-privilege', 'denial-of-service'],
  severity: 'high',
  references: {
    attack: ['T1611', 'T1552'],
    cis: ['5.2.3'],
    peers: ['kubescape:C-0038', 'kube-linter:host-pid', 'polaris:hostPIDSet', 'checkov:CKV_K8S_17', 'trivy:KSV-0010', 'kubeaudit:hostns', 'kubesec:HostPID'],
  },
  rationale:
    "With hostPID every process of the node is visible from the pod: an attacker reads their command lines and /proc/<pid>/environ (tokens, passwords) and can signal them. Together with a privileged container, `nsenter -t 1` is a root shell on the node.",
  remediation: 'Remove spec.hostPID (or set it to false). To debug a node, use `kubectl debug node/<name>` for the time it takes instead of a standing workload.',
  messages: {
    hostPid: "{{workload}} shares the node's process namespace (hostPID: true).",
    hostPidPrivileged: "{{workload}} shares the node's process namespace (hostPID: true) and runs a privileged container: nsenter into PID 1 gives root on the node.",
  },
  controls: ['hostNamespaces'],
  select: (violation) => violation.path[1] === 'hostPID',
  findingPer: 'violation',
  describe: ({ pod, version }) =>
    checkControls(pod, ['privileged'], version).length > 0 ? { messageId: 'hostPidPrivileged', severity: 'critical' } : { messageId: 'hostPid' },
});
