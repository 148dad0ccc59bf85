import { definePssControlRule } from '../pss-control-rule.js';
import { seccompRuntimeDefaultFix } from '../../fix/container-fixes.js';

export default definePssControlRule({
  id: 'seccomp-profile-missing',
  title: 'No RuntimeDefault or Localhost seccomp profile',
  boundary: 'pod',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1611', 'T1068'],
    cis: ['5.7.2'],
    peers: ['kubescape:C-0210', 'polaris:linuxHardening', 'checkov:CKV_K8S_31', 'trivy:KSV-0030', 'kubeaudit:seccomp', 'kube-score:container-seccomp-profile', 'kubesec:SeccompAny'],
  },
  rationale:
    'Unless the kubelet runs with --seccomp-default, a container with no seccomp profile runs Unconfined, as does one that asks for Unconfined: every system call of the kernel is open to an attacker in it, including the ones most kernel exploits and container escapes use. The restricted level wants RuntimeDefault or Localhost said explicitly.',
  remediation:
    'Set spec.securityContext.seccompProfile.type: RuntimeDefault on the pod (containers inherit it), or Localhost with a profile loaded on the node.',
  messages: {
    missing: 'Container {{container}} of {{workload}} has no seccomp profile of type RuntimeDefault or Localhost, on the container or the pod.',
  },
  fix: 'safe',
  controls: ['seccompProfile_restricted'],
  // Per container: one without a RuntimeDefault or Localhost profile of its own or from the pod, an explicit
  // Unconfined included (seccomp-unconfined reports that too). A pod-level Unconfined that every container
  // overrides leaves no container without a profile, so only seccomp-unconfined reports it.
  select: (violation) => violation.container !== undefined,
  findingPer: 'owner',
  describe: ({ workload, container }) => ({ messageId: 'missing', ...(container ? { fix: () => seccompRuntimeDefaultFix(workload, container) } : {}) }),
});
