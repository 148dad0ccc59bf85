import { definePssControlRule } from '../pss-control-rule.js';
import { allowPrivilegeEscalationFix } from '../../fix/container-fixes.js';

export default definePssControlRule({
  id: 'privilege-escalation-allowed',
  title: 'Privilege escalation allowed',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1548.001'],
    cis: ['5.2.6'],
    peers: [
      'kubescape:C-0016',
      'kube-linter:privilege-escalation-container',
      'polaris:privilegeEscalationAllowed',
      'checkov:CKV_K8S_20',
      'trivy:KSV-0001',
      'kubeaudit:privesc',
      'kubesec:AllowPrivilegeEscalation',
    ],
  },
  rationale:
    'Unless allowPrivilegeEscalation is false, the no_new_privs flag is off: a setuid binary or a file capability in the image raises the process above the user and capabilities the pod was given, which turns a foothold as a non-root user into root in the container.',
  remediation: 'Set securityContext.allowPrivilegeEscalation: false on every container (Linux pods; Windows ignores the field).',
  messages: {
    unset: 'Container {{container}} of {{workload}} does not set allowPrivilegeEscalation: false, and it defaults to true.',
    allowed: 'Container {{container}} of {{workload}} sets allowPrivilegeEscalation: true.',
  },
  fix: 'safe',
  controls: ['allowPrivilegeEscalation'],
  findingPer: 'owner',
  describe: ({ container, violations: [violation] }) => ({
    messageId: violation.reason === 'missing' ? 'unset' : 'allowed',
    ...(container ? { fix: () => allowPrivilegeEscalationFix(container) } : {}),
  }),
});
