import { normalizeCapability } from '../../model/security-context.js';
import { definePssControlRule } from '../pss-control-rule.js';
import { dropAllCapabilitiesFix } from '../../fix/container-fixes.js';

export default definePssControlRule({
  id: 'capabilities-not-dropped',
  title: 'Container does not drop ALL capabilities',
  boundary: 'pod',
  stride: ['elevation-of-privilege', 'spoofing'],
  severity: 'low',
  references: {
    attack: ['T1557'],
    microsoft: ['ARP poisoning and IP spoofing'],
    cis: ['5.2.10'],
    peers: ['kubescape:C-0055', 'polaris:insecureCapabilities', 'checkov:CKV_K8S_37', 'trivy:KSV-0003', 'kubeaudit:capabilities', 'kubesec:CapDropAll'],
  },
  rationale:
    'Without drop: ["ALL"] a container keeps the runtime\'s default capabilities, among them NET_RAW (ARP and DNS spoofing of neighbouring pods), DAC_OVERRIDE, SETUID and MKNOD: kernel privilege that an attacker in the container gets for free.',
  remediation: 'Set securityContext.capabilities.drop: ["ALL"] on every container and add back only what the process needs (usually nothing, or NET_BIND_SERVICE).',
  messages: {
    notDropped: 'Container {{container}} of {{workload}} keeps the default capabilities: securityContext.capabilities.drop does not include ALL.',
    allMisspelled:
      'Container {{container}} of {{workload}} drops {{dropped}}: Pod Security Admission compares the name exactly and only counts "ALL", so the pod is refused at restricted.',
  },
  fix: 'safe',
  controls: ['capabilities_restricted'],
  select: (violation) => violation.reason === 'missing',
  findingPer: 'owner',
  describe: ({ container, violations: [violation] }) => {
    const fix = container ? { fix: () => dropAllCapabilitiesFix(container) } : {};
    const dropped = Array.isArray(violation.value) ? violation.value.filter((entry): entry is string => typeof entry === 'string') : [];
    const misspelledAll = dropped.filter((capability) => normalizeCapability(capability) === 'ALL');
    if (misspelledAll.length > 0) return { messageId: 'allMisspelled', data: { dropped: misspelledAll.map((capability) => JSON.stringify(capability)).join(', ') }, ...fix };
    return { messageId: 'notDropped', ...fix };
  },
});
