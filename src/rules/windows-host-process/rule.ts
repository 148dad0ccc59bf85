import { definePssControlRule } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'windows-host-process',
  title: 'Windows HostProcess container',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'tampering'],
  severity: 'critical',
  references: {
    attack: ['T1611'],
    microsoft: ['Privileged container'],
    cis: ['5.2.11'],
    peers: ['kubescape:C-0202', 'polaris:hostProcess', 'trivy:KSV-0103'],
  },
  rationale:
    "A Windows HostProcess container is not isolated: it is a process on the node, in the node's network namespace and with access to its filesystem, running as a node account that can be SYSTEM. It is the Windows equivalent of a privileged container.",
  remediation: 'Remove windowsOptions.hostProcess (or set it to false) at pod and container level; keep node agents that need it in a dedicated namespace that only administrators can deploy to.',
  messages: {
    pod: '{{workload}} makes its containers Windows HostProcess containers (securityContext.windowsOptions.hostProcess: true): they run as processes on the node.',
    container: 'Container {{container}} of {{workload}} is a Windows HostProcess container: it runs as a process on the node.',
  },
  controls: ['windowsHostProcess'],
  findingPer: 'owner',
  describe: ({ container }) => ({ messageId: container ? 'container' : 'pod' }),
});
