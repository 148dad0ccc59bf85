import { definePssControlRule, fieldName } from '../pss-control-rule.js';

export default definePssControlRule({
  id: 'apparmor-unconfined',
  title: 'AppArmor turned off',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1562.001', 'T1611'],
    peers: ['kubescape:C-0055', 'polaris:linuxHardening', 'trivy:KSV-0002', 'kubeaudit:apparmor', 'kubesec:ApparmorUnconfined'],
  },
  rationale:
    "The runtime's default AppArmor profile stops mounts, writes to /proc and /sys knobs and other steps that known container escapes need (CVE-2022-0492's cgroup escape among them). Unconfined removes that layer for the container.",
  remediation:
    'Remove the Unconfined setting so the runtime default applies, or set securityContext.appArmorProfile.type: RuntimeDefault (or Localhost with a profile loaded on the node); in the deprecated annotation use runtime/default or localhost/<profile>.',
  messages: {
    unconfined: '{{subject}} turns AppArmor off: {{settings}}.',
  },
  controls: ['appArmorProfile'],
  findingPer: 'owner',
  describe: ({ violations }) => ({
    messageId: 'unconfined',
    data: { settings: violations.map((violation) => `${fieldName(violation)}=${JSON.stringify(violation.value)}`).join(', ') },
  }),
});
