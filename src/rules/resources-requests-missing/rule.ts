import { defineRule } from '../define-rule.js';
import { checkResourceGaps } from '../container-resources.js';

export default defineRule({
  id: 'resources-requests-missing',
  title: 'Container has no CPU or memory request',
  boundary: 'node',
  stride: ['denial-of-service'],
  severity: 'info',
  references: {
    attack: ['T1499'],
    microsoft: ['Denial of service'],
    peers: [
      'kubescape:C-0268',
      'kubescape:C-0269',
      'kube-linter:unset-cpu-requirements',
      'kube-linter:unset-memory-requirements',
      'polaris:cpuRequestsMissing',
      'polaris:memoryRequestsMissing',
      'checkov:CKV_K8S_10',
      'checkov:CKV_K8S_12',
      'trivy:KSV-0015',
      'trivy:KSV-0016',
      'kube-score:container-resources',
    ],
  },
  rationale:
    'The scheduler places pods by their requests. A container that requests nothing is counted as free, so nodes get overcommitted; under memory pressure the kubelet evicts the pods that exceed their requests first, and one noisy workload takes its neighbours down with it.',
  remediation:
    'Set resources.requests.cpu and resources.requests.memory on every container to what it needs under normal load (for example cpu: "100m", memory: "128Mi"), or give the namespace a LimitRange of type Container with defaultRequest values.',
  messages: {
    missing: '{{kind}} {{container}} of {{workload}} has no {{resources}} request.',
    missingPartlyDefaulted: '{{kind}} {{container}} of {{workload}} has no {{resources}} request ({{defaulted}} is filled in by LimitRange {{limitRange}}).',
  },
  check(context) {
    // A request left out defaults to the container's limit, so only a resource with neither is missing.
    checkResourceGaps('requests', context);
  },
});
