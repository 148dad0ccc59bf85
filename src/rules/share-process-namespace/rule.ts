import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';

export default defineRule({
  id: 'share-process-namespace',
  title: 'Containers of the pod share one process namespace',
  boundary: 'pod',
  stride: ['information-disclosure', 'tampering'],
  severity: 'low',
  references: {
    attack: ['T1080'],
    peers: ['kubehound:SHARE_PS_NAMESPACE'],
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/'],
  },
  rationale:
    "With shareProcessNamespace every container of the pod sees the others' processes: it can signal them, read their environment and command lines, and, as the same user or with CAP_SYS_PTRACE, reach their filesystems through /proc/<pid>/root. A compromise of the least trusted container (a sidecar, a debug container) becomes a compromise of all of them, Secrets included.",
  remediation:
    'Remove spec.shareProcessNamespace (it defaults to false). Share data between containers through a volume, and debug with an ephemeral container that targets one container (kubectl debug --target).',
  messages: {
    shared: '{{workload}} sets shareProcessNamespace: its containers see, signal and can read each other\'s processes.',
  },
  check({ estate, report }) {
    for (const workload of analysedWorkloads(estate)) {
      // Fires whatever the number of containers in the manifest: meshes and debug sessions add containers later.
      if (workload.spec.shareProcessNamespace !== true) continue;
      report({ messageId: 'shared', data: { workload: workloadLabel(workload) }, object: workload.object, path: [...workload.specPath, 'shareProcessNamespace'] });
    }
  },
});
