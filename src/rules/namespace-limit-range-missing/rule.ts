import { defineRule } from '../define-rule.js';
import { userNamespaces, workloadsByNamespace } from '../helpers.js';

export default defineRule({
  id: 'namespace-limit-range-missing',
  title: 'Namespace with workloads has no LimitRange',
  boundary: 'namespace',
  stride: ['denial-of-service'],
  severity: 'low',
  absenceOf: ['limitranges'],
  absenceWithinNamespace: true,
  references: {
    attack: ['T1499'],
    peers: ['trivy:KSV-0039'],
  },
  rationale:
    'A LimitRange gives every container default requests and limits and bounds what one container may ask for. Without one, a container that names no limits may take a whole node\'s memory and CPU from its neighbours.',
  remediation: 'Add a LimitRange of type Container with default, defaultRequest and max for cpu and memory.',
  messages: {
    missing: 'Namespace {{namespace}} runs {{count}} workloads and has no LimitRange.',
  },
  check({ estate, report }) {
    const byNamespace = workloadsByNamespace(estate);
    const withLimits = new Set((estate.byKind.get('LimitRange') ?? []).map((range) => range.metadata.namespace));
    for (const namespace of userNamespaces(estate)) {
      const count = byNamespace.get(namespace.metadata.name)?.length ?? 0;
      if (count === 0 || withLimits.has(namespace.metadata.name)) continue;
      report({ messageId: 'missing', data: { namespace: namespace.metadata.name, count }, object: namespace, path: [] });
    }
  },
});
