import { isPlatformComponent } from '../../model/platform.js';
import { defineRule } from '../define-rule.js';
import { analysedWorkloads, workloadLabel } from '../helpers.js';

export default defineRule({
  id: 'kube-system-workload',
  title: 'Application workload runs in kube-system',
  boundary: 'namespace',
  stride: ['elevation-of-privilege', 'information-disclosure'],
  severity: 'medium',
  references: {
    attack: ['T1078.001'],
    microsoft: ['Access cluster-admin'],
    peers: ['trivy:KSV-0037'],
  },
  rationale:
    'kube-system holds the most powerful service accounts and Secrets of the cluster and is usually exempt from Pod Security Admission. A workload that is not part of the platform shares that trust: its compromise, or the rights given to deploy it, reach the control plane\'s own identities.',
  remediation: 'Move the workload to a namespace of its own, with a dedicated service account and the Pod Security level it needs.',
  messages: {
    workload: '{{workload}} runs in kube-system but is not a known platform component.',
  },
  check({ estate, report }) {
    for (const workload of analysedWorkloads(estate)) {
      if (workload.namespace !== 'kube-system' || isPlatformComponent(workload.object)) continue;
      report({ messageId: 'workload', data: { workload: workloadLabel(workload) }, object: workload.object, path: ['metadata', 'namespace'] });
    }
  },
});
