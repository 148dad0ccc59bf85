import { defineRule } from '../define-rule.js';
import { userNamespaces, workloadsByNamespace } from '../helpers.js';

export default defineRule({
  id: 'namespace-resource-quota-missing',
  title: 'Namespace with workloads has no ResourceQuota',
  boundary: 'namespace',
  stride: ['denial-of-service'],
  severity: 'low',
  absenceOf: ['resourcequotas'],
  absenceWithinNamespace: true,
  references: {
    attack: ['T1499'],
    microsoft: ['Resource hijacking'],
    peers: ['trivy:KSV-0040'],
  },
  rationale:
    'A ResourceQuota caps what one namespace may consume in total. Without one, a compromised or runaway workload (or whoever may create pods there) can exhaust the nodes shared with every other team, or mine cryptocurrency at the cluster\'s cost.',
  remediation: 'Add a ResourceQuota to the namespace with limits on requests.cpu, requests.memory, limits.cpu, limits.memory and pods.',
  messages: {
    missing: 'Namespace {{namespace}} runs {{count}} workloads and has no ResourceQuota.',
  },
  check({ estate, report }) {
    const byNamespace = workloadsByNamespace(estate);
    const withQuota = new Set((estate.byKind.get('ResourceQuota') ?? []).map((quota) => quota.metadata.namespace));
    for (const namespace of userNamespaces(estate)) {
      const count = byNamespace.get(namespace.metadata.name)?.length ?? 0;
      if (count === 0 || withQuota.has(namespace.metadata.name)) continue;
      report({ messageId: 'missing', data: { namespace: namespace.metadata.name, count }, object: namespace, path: [] });
    }
  },
});
