import { definePssControlRule } from '../pss-control-rule.js';
import { privilegedFalseFix } from '../../fix/container-fixes.js';

// Ephemeral containers count: `kubectl debug --profile=sysadmin` adds privileged ones, and PSA judges them too.
export default definePssControlRule({
  id: 'privileged-container',
  title: 'Container runs privileged',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'tampering'],
  severity: 'critical',
  references: {
    attack: ['T1611', 'T1610'],
    microsoft: ['Privileged container'],
    cis: ['5.2.2'],
    peers: [
      'kubescape:C-0057',
      'kube-linter:privileged-container',
      'polaris:runAsPrivileged',
      'checkov:CKV_K8S_16',
      'trivy:KSV-0017',
      'kubeaudit:privileged',
      'kube-score:container-security-context-privileged',
      'kubesec:Privileged',
    ],
  },
  rationale:
    'A privileged container has every capability, sees every device of the node and is not confined by seccomp or AppArmor. Whoever runs code in it can mount the node\'s disk, load kernel modules or write a cgroup release_agent: leaving the node boundary takes one command.',
  remediation:
    'Remove securityContext.privileged (or set it to false) and grant only the capabilities the process needs, e.g. capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }.',
  messages: {
    privileged: 'Container {{container}} of {{workload}} runs privileged (securityContext.privileged: true).',
  },
  // A suggestion: a container made privileged usually uses some of it, and nothing in the manifest says which part.
  fix: 'suggestion',
  controls: ['privileged'],
  findingPer: 'owner',
  describe: ({ container }) => ({ messageId: 'privileged', ...(container ? { fix: () => privilegedFalseFix(container) } : {}) }),
});
