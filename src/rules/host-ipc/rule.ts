import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'host-ipc',
  title: "Pod shares the node's IPC namespace",
  boundary: 'node',
  stride: ['information-disclosure', 'tampering'],
  severity: 'high',
  references: {
    cis: ['5.2.4'],
    peers: ['kubescape:C-0038', 'kube-linter:host-ipc', 'polaris:hostIPCSet', 'checkov:CKV_K8S_18', 'trivy:KSV-0008', 'kubeaudit:hostns', 'kubesec:HostIPC'],
  },
  rationale:
    "With hostIPC the pod shares System V IPC and POSIX shared memory (/dev/shm) with every process of the node: an attacker reads and alters the shared memory segments and message queues of host processes and of other hostIPC pods.",
  remediation: 'Remove spec.hostIPC (or set it to false); containers of one pod already share an IPC namespace with each other.',
  messages: {
    hostIpc: "{{workload}} shares the node's IPC namespace (hostIPC: true).",
  },
  controls: ['hostNamespaces'],
  select: (violation) => violation.path[1] === 'hostIPC',
  findingPer: 'violation',
  describe: () => ({ messageId: 'hostIpc' }),
});
