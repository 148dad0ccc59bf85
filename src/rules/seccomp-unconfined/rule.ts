import { definePssControlRule, fieldName } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'seccomp-unconfined',
  title: 'Seccomp turned off',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1562.001', 'T1611'],
    cis: ['5.7.2'],
    peers: ['kubescape:C-0210', 'trivy:KSV-0104', 'kubeaudit:seccomp', 'kubesec:SeccompUnconfined'],
  },
  rationale:
    'Seccomp filters the system calls a container may make; the runtime default blocks the ones most kernel exploits and escapes use (unshare, keyctl, bpf, mount, …). Unconfined hands the whole kernel interface to an attacker in the container.',
  remediation:
    'Set securityContext.seccompProfile.type: RuntimeDefault (or Localhost with a profile on the node) at pod level, and remove every Unconfined setting; before policy v1.19 remove the seccomp.security.alpha.kubernetes.io annotations that say unconfined.',
  messages: {
    unconfined: '{{subject}} turns seccomp off: {{settings}}.',
  },
  controls: ['seccompProfile_baseline'],
  findingPer: 'owner',
  describe: ({ violations }) => ({
    messageId: 'unconfined',
    data: { settings: violations.map((violation) => `${fieldName(violation)}=${JSON.stringify(violation.value)}`).join(', ') },
  }),
});
