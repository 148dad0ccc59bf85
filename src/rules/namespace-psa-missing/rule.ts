import { namespacePsa, PSA_LABEL_PREFIX } from '../../admission/psa-labels.js';
import { defineRule } from '../define-rule.js';
import { userNamespaces } from '../helpers.js';

export default defineRule({
  id: 'namespace-psa-missing',
  title: 'Namespace does not enforce a Pod Security Standard',
  boundary: 'namespace',
  stride: ['elevation-of-privilege'],
  severity: 'medium',
  references: {
    attack: ['T1610', 'T1611'],
    microsoft: ['Privileged container', 'New container'],
    pss: 'pod-security-admission',
    cis: ['5.2.1'],
    peers: ['kubescape:C-0192 (pod-security-admission-applied-1)', 'kubescape:pod-security-admission-baseline-applied-1'],
  },
  rationale:
    'Without a pod-security.kubernetes.io/enforce label, Pod Security Admission admits any pod into the namespace (unless the cluster sets a default in its AdmissionConfiguration, which manifests do not show): anyone who may create a pod there may create a privileged one and take the node.',
  remediation:
    'Label the namespace with pod-security.kubernetes.io/enforce: restricted (or baseline where the workloads need it), pinned with pod-security.kubernetes.io/enforce-version.',
  messages: {
    missing: 'Namespace {{namespace}} has no Pod Security Admission labels: every pod is admitted, privileged ones included.',
    auditOnly: 'Namespace {{namespace}} only {{modes}} at {{level}}; nothing is enforced, so every pod is admitted.',
    invalid: 'Namespace {{namespace}} sets {{label}}: "{{value}}", which {{problem}}; the API server rejects the label.',
  },
  check({ estate, report }) {
    for (const namespace of userNamespaces(estate)) {
      const psa = namespacePsa(namespace.metadata.labels);
      for (const error of psa.errors) {
        report({
          messageId: 'invalid',
          data: { namespace: namespace.metadata.name, label: error.label, value: error.value, problem: error.message },
          object: namespace,
          path: ['metadata', 'labels', error.label],
        });
      }
      if (psa.modes.enforce) continue;
      const others = (['audit', 'warn'] as const).filter((mode) => psa.modes[mode]);
      if (others.length > 0) {
        const first = psa.modes[others[0]]!;
        report({
          messageId: 'auditOnly',
          data: { namespace: namespace.metadata.name, modes: others.map((mode) => (mode === 'audit' ? 'audits' : 'warns')).join(' and '), level: first.level },
          object: namespace,
          path: ['metadata', 'labels', `${PSA_LABEL_PREFIX}enforce`],
        });
      } else {
        report({ messageId: 'missing', data: { namespace: namespace.metadata.name }, object: namespace, path: ['metadata', 'labels', `${PSA_LABEL_PREFIX}enforce`] });
      }
    }
  },
});
