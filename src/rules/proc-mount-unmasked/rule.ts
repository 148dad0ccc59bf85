import { runsInUserNamespace } from '../../model/workload.js';
import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'proc-mount-unmasked',
  title: 'Container mounts /proc unmasked',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'high',
  references: {
    attack: ['T1611'],
    peers: ['kubescape:C-0211', 'kube-linter:unsafe-proc-mount', 'polaris:procMount', 'trivy:KSV-0027'],
  },
  rationale:
    "The runtime hides or makes read-only the parts of /proc that reach the node's kernel (/proc/sys, /proc/sysrq-trigger, /proc/kcore, …). procMount: Unmasked removes that: root in a container sharing the node's user namespace can then change kernel settings that apply to the whole node, a known path to the host. In a user namespace (hostUsers: false) root is not the node's root, so what remains is a weaker pod boundary, which the restricted level still refuses.",
  remediation: 'Remove securityContext.procMount or set it to Default.',
  messages: {
    unmasked: "Container {{container}} of {{workload}} mounts /proc unmasked (procMount: {{procMount}}) in the node's user namespace.",
    unmaskedInUserNamespace:
      'Container {{container}} of {{workload}} mounts /proc unmasked (procMount: {{procMount}}); the pod has its own user namespace (hostUsers: false), so this weakens the pod, not the node.',
  },
  // The baseline control exempts user-namespace pods from policy v1.35; its restricted variant does not.
  controls: ['procMount', 'procMount_restricted'],
  findingPer: 'owner',
  describe: ({ workload, violations: [violation], kubernetesVersion }) => {
    const procMount = String(violation.value);
    if (runsInUserNamespace(workload, kubernetesVersion)) return { messageId: 'unmaskedInUserNamespace', data: { procMount }, severity: 'low' };
    return { messageId: 'unmasked', data: { procMount } };
  },
});
