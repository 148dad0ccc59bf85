import type { K8sObject, FieldPath } from '../../model/object.js';
import { networkOfEstate } from '../../network/estate-network.js';
import type { Direction } from '../../network/index.js';
import { defineRule } from '../define-rule.js';
import { networkedWorkloads, unevaluatedPoliciesFor, type NetworkedWorkload } from '../network-helpers.js';
import { NETWORK_POLICY_RESOURCES } from '../absence.js';

/**
 * One finding per namespace that runs pods (in the input) and lacks a default-deny NetworkPolicy for ingress, egress
 * or both: a policy with `podSelector: {}` that isolates the direction and allows nothing in it. Specific policies
 * may isolate every pod today; without the default, the next workload deployed there is open.
 */
export default defineRule({
  id: 'namespace-default-deny-missing',
  title: 'Namespace has no default-deny NetworkPolicy',
  boundary: 'namespace',
  stride: ['information-disclosure', 'tampering'],
  severity: 'medium',
  absenceOf: NETWORK_POLICY_RESOURCES,
  absenceWithinNamespace: true,
  references: {
    attack: ['T1210', 'T1046'],
    microsoft: ['Cluster internal networking', 'Network mapping'],
    cis: ['5.3.2'],
    peers: ['kubescape:C-0054', 'kubescape:C-0206', 'trivy:KSV-0038', 'kubeaudit:netpols', 'kubescape:C-0030', 'popeye:POP-1205'],
  },
  rationale:
    'Kubernetes allows all traffic by default. Without a default-deny policy for ingress, every pod of the namespace that no specific policy selects accepts connections from any pod of the cluster; without one for egress, a compromised pod can scan the cluster, reach the cloud metadata endpoint and send data anywhere. Specific policies only protect the pods they select today, not the next workload deployed.',
  remediation:
    'Add to the namespace a NetworkPolicy with spec.podSelector: {} and spec.policyTypes: [Ingress, Egress] and no rules, then one policy per allowed flow (remember egress to kube-dns on port 53).',
  messages: {
    missing: 'Namespace {{namespace}} has no default-deny NetworkPolicy for {{directions}}; {{open}}.',
    allIsolated: 'Namespace {{namespace}} has no default-deny NetworkPolicy for {{directions}}: its {{count}} workloads are isolated by their own policies, but the next one deployed there will not be.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    const byNamespace = new Map<string, NetworkedWorkload[]>();
    for (const entry of networkedWorkloads(estate)) {
      // hostNetwork pods are outside every NetworkPolicy: a namespace of only such pods has nothing to deny.
      if (entry.group.hostNetwork) continue;
      const list = byNamespace.get(entry.workload.namespace);
      if (list) list.push(entry);
      else byNamespace.set(entry.workload.namespace, [entry]);
    }
    for (const status of network.defaultDeny()) {
      const workloads = byNamespace.get(status.namespace);
      if (workloads === undefined) continue;
      if (unevaluatedPoliciesFor(network, status.namespace).length > 0) continue;
      const missing: Direction[] = (['ingress', 'egress'] as const).filter((direction) => status[direction].length === 0);
      // A Cilium policy selecting every pod of the namespace takes the place of the default (its rules are not evaluated).
      const classIds = new Set(workloads.map((entry) => entry.podClass.id));
      const cilium = network.cniPolicies.cilium.some((selection) => [...classIds].every((id) => selection.classIds.includes(id)));
      if (missing.length === 0 || cilium) continue;
      const open = missing
        .map((direction) => ({ direction, count: workloads.filter((entry) => network.isolationOf(entry.group)[direction].length === 0).length }))
        .filter(({ count }) => count > 0);
      const { object, path } = subjectOf(estate.namespaces.get(status.namespace)?.object, workloads);
      const data = { namespace: status.namespace, directions: missing.join(' and '), count: workloads.length };
      // Every pod isolated today by specific policies: the gap is the next workload, a lesser threat.
      if (open.length === 0) report({ messageId: 'allIsolated', data, object, path, severity: 'low' });
      else report({ messageId: 'missing', data: { ...data, open: open.map(({ direction, count }) => `${count} of ${workloads.length} workloads are open for ${direction}`).join(', ') }, object, path });
    }
  },
});

/** The Namespace object when the input has it, else the namespace's first workload (sorted by kind and name). */
function subjectOf(namespace: K8sObject | undefined, workloads: readonly NetworkedWorkload[]): { object: K8sObject; path: FieldPath } {
  if (namespace !== undefined) return { object: namespace, path: ['metadata', 'name'] };
  const first = [...workloads].sort((a, b) => `${a.workload.kind}/${a.workload.name}`.localeCompare(`${b.workload.kind}/${b.workload.name}`))[0];
  return { object: first.workload.object, path: ['metadata', 'namespace'] };
}
