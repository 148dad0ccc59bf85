import { BASELINE_ADDABLE_CAPABILITIES } from '../../admission/pss/controls/capabilities_baseline.js';
import { normalizeCapability } from '../../model/security-context.js';
import { definePssControlRule, quotedValues } from '../pss-control-rule.js';

/**
 * PSA compares capability names exactly, so it also refuses `chown` or `CAP_CHOWN`. Those name CHOWN, which the
 * baseline allows: such a finding is about a pod that admission refuses, not about a dangerous grant.
 */
function isBaselineCapabilityMisspelled(value: unknown): boolean {
  return typeof value === 'string' && BASELINE_ADDABLE_CAPABILITIES.has(normalizeCapability(value));
}

/**
 * Capabilities that reach the node's network (spoofing and sniffing its traffic) but not the node itself: added alone,
 * they are rated medium, as an added NET_RAW is (capability-net-raw), and are no node escape (boundaries/node-escapes.ts).
 * A service mesh's init container adds both to program the pod's iptables.
 */
const NETWORK_CAPABILITIES: ReadonlySet<string> = new Set(['NET_ADMIN', 'NET_RAW']);

export default definePssControlRule({
  id: 'capabilities-dangerous',
  title: 'Container adds a capability outside the baseline set',
  boundary: 'node',
  stride: ['elevation-of-privilege', 'tampering'],
  severity: 'high',
  references: {
    attack: ['T1611', 'T1557'],
    microsoft: ['Privileged container', 'ARP poisoning and IP spoofing'],
    cis: ['5.2.8', '5.2.9'],
    peers: ['kubescape:C-0046', 'polaris:dangerousCapabilities', 'checkov:CKV_K8S_25', 'checkov:CKV_K8S_39', 'trivy:KSV-0005', 'trivy:KSV-0022', 'kubeaudit:capabilities', 'kubesec:CapSysAdmin'],
  },
  rationale:
    'Capabilities beyond the ones a container runtime grants by default are the building blocks of container escapes: SYS_ADMIN (mounts, cgroup release_agent), SYS_MODULE (kernel modules), SYS_PTRACE (other processes), DAC_READ_SEARCH (host files by handle), NET_ADMIN and NET_RAW (spoofing and sniffing on the node network; added without any of the others, they do not reach the node itself, and the finding is medium).',
  remediation:
    'Remove the capability from securityContext.capabilities.add; start from capabilities: { drop: ["ALL"] } and add back only what the process needs from the baseline set (usually only NET_BIND_SERVICE).',
  messages: {
    dangerous: 'Container {{container}} of {{workload}} adds {{capabilities}}, outside the capabilities a container runtime grants by default.',
    misspelled:
      'Container {{container}} of {{workload}} adds {{capabilities}}, spelled unlike the baseline capability it names: Pod Security Admission compares names exactly and refuses the pod; write the name in capitals, without CAP_.',
  },
  controls: ['capabilities_baseline'],
  findingPer: 'owner',
  describe: ({ violations }) => {
    const dangerous = violations.filter((violation) => !isBaselineCapabilityMisspelled(violation.value));
    if (dangerous.length > 0) {
      const path = dangerous.length === 1 ? dangerous[0].path : undefined;
      const networkOnly = dangerous.every((violation) => typeof violation.value === 'string' && NETWORK_CAPABILITIES.has(normalizeCapability(violation.value)));
      return { messageId: 'dangerous', data: { capabilities: quotedValues(dangerous) }, ...(path ? { path } : {}), ...(networkOnly ? { severity: 'medium' as const } : {}) };
    }
    return { messageId: 'misspelled', data: { capabilities: quotedValues(violations) }, severity: 'low' };
  },
});
