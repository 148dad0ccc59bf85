import { namespacePsa } from '../../admission/psa-labels.js';
import { defineRule } from '../define-rule.js';
import { userNamespaces } from '../helpers.js';

export default defineRule({
  id: 'namespace-psa-privileged',
  title: 'Namespace enforces the privileged Pod Security Standard',
  boundary: 'namespace',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1610', 'T1611'],
    microsoft: ['Privileged container'],
    pss: 'privileged',
    peers: ['kubescape:pod-security-admission-baseline-applied-1'],
  },
  rationale:
    'enforce: privileged is an explicit opt-out of Pod Security Admission: privileged containers, host namespaces and hostPath volumes are all admitted. It belongs only to namespaces of trusted infrastructure.',
  remediation: 'Set pod-security.kubernetes.io/enforce to baseline or restricted, and move the workloads that need host access to a dedicated infrastructure namespace.',
  messages: {
    privileged: 'Namespace {{namespace}} enforces the privileged level: any pod is admitted, privileged ones included.',
  },
  check({ estate, report }) {
    for (const namespace of userNamespaces(estate)) {
      const enforce = namespacePsa(namespace.metadata.labels).modes.enforce;
      if (enforce?.level !== 'privileged') continue;
      report({ messageId: 'privileged', data: { namespace: namespace.metadata.name }, object: namespace, path: ['metadata', 'labels', enforce.levelLabel] });
    }
  },
});
