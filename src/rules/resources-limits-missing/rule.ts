import { defineRule } from '../define-rule.js';
import { checkResourceGaps } from '../container-resources.js';

export default defineRule({
  id: 'resources-limits-missing',
  title: 'Container has no CPU or memory limit',
  boundary: 'node',
  stride: ['denial-of-service'],
  severity: 'low',
  references: {
    attack: ['T1496', 'T1499'],
    microsoft: ['Resource hijacking', 'Denial of service'],
    peers: [
      'kubescape:C-0270',
      'kubescape:C-0271',
      'kubescape:C-0009',
      'kube-linter:unset-cpu-requirements',
      'kube-linter:unset-memory-requirements',
      'polaris:cpuLimitsMissing',
      'polaris:memoryLimitsMissing',
      'checkov:CKV_K8S_11',
      'checkov:CKV_K8S_13',
      'trivy:KSV-0011',
      'trivy:KSV-0018',
      'kubeaudit:limits',
      'kube-score:container-resources',
    ],
  },
  rationale:
    'Without a memory limit a compromised or runaway container (a leak, a crypto miner) can take all of its node\'s memory: the node comes under memory pressure and the evictions that follow take other workloads down first. Without a CPU limit it can take all idle CPU and starve the neighbours that request none. A missing CPU limit on a container that requests CPU is reported as info: CPU is shared out by requests, so it cannot take its neighbours\' requested share.',
  remediation:
    'Set resources.limits.cpu and resources.limits.memory on every container (for example cpu: "500m", memory: "256Mi"), or give the namespace a LimitRange of type Container with default limits so that admission fills them in.',
  messages: {
    missing: '{{kind}} {{container}} of {{workload}} has no {{resources}} limit.',
    missingPartlyDefaulted: '{{kind}} {{container}} of {{workload}} has no {{resources}} limit ({{defaulted}} is filled in by LimitRange {{limitRange}}).',
  },
  check(context) {
    checkResourceGaps('limits', context);
  },
});
