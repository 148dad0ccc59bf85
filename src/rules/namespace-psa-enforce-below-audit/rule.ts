import { comparePssLevels } from '../../admission/pss/index.js';
import { namespacePsa } from '../../admission/psa-labels.js';
import { defineRule } from '../define-rule.js';
import { userNamespaces } from '../helpers.js';

export default defineRule({
  id: 'namespace-psa-enforce-below-audit',
  title: 'Namespace audits or warns at a stricter level than it enforces',
  boundary: 'namespace',
  stride: ['elevation-of-privilege'],
  severity: 'low',
  references: {
    pss: 'pod-security-admission',
    links: ['https://kubernetes.io/docs/tasks/configure-pod-container/enforce-standards-namespace-labels/'],
  },
  rationale:
    'audit and warn only record or print violations; the pods are admitted. A namespace that warns at restricted but enforces baseline is a migration left half-way: the stricter level is known to be wanted and is not applied.',
  remediation: 'Fix the workloads the audit log and the warnings name, then raise pod-security.kubernetes.io/enforce to the audited level.',
  messages: {
    below: 'Namespace {{namespace}} enforces {{enforce}} but {{mode}}s at {{level}}: pods that break {{level}} are still admitted.',
  },
  check({ estate, report }) {
    for (const namespace of userNamespaces(estate)) {
      const psa = namespacePsa(namespace.metadata.labels);
      const enforce = psa.modes.enforce;
      if (!enforce) continue; // namespace-psa-missing covers namespaces that enforce nothing
      for (const mode of ['audit', 'warn'] as const) {
        const policy = psa.modes[mode];
        if (!policy || comparePssLevels(policy.level, enforce.level) <= 0) continue;
        report({
          messageId: 'below',
          data: { namespace: namespace.metadata.name, enforce: enforce.level, mode, level: policy.level },
          object: namespace,
          path: ['metadata', 'labels', enforce.levelLabel],
        });
        break; // one finding per namespace: the remedy is the same
      }
    }
  },
});
