import { networkOfEstate } from '../../network/estate-network.js';
import { defineRule } from '../define-rule.js';
import { workloadLabel } from '../helpers.js';
import { networkedWorkloads, unevaluatedPoliciesFor } from '../network-helpers.js';
import { NETWORK_POLICY_RESOURCES } from '../absence.js';
import type { FieldPath } from '../../model/object.js';

/**
 * A workload whose pods no policy selects, in either direction. Both peers (kubescape C-0260, kube-linter
 * non-isolated-pod) count a policy of either direction as coverage, and so do we: a pod isolated for egress only is
 * not "without a policy" — whether its ingress is open is said by reachable-from-all-namespaces.
 */
export default defineRule({
  id: 'network-policy-missing',
  title: 'No NetworkPolicy selects the workload',
  boundary: 'pod',
  stride: ['information-disclosure', 'tampering', 'elevation-of-privilege'],
  severity: 'medium',
  absenceOf: NETWORK_POLICY_RESOURCES,
  absenceWithinNamespace: true,
  references: {
    attack: ['T1210', 'T1046'],
    microsoft: ['Cluster internal networking', 'Network mapping'],
    peers: ['kubescape:C-0260', 'kube-linter:non-isolated-pod', 'polaris:missingNetworkPolicy', 'checkov:CKV2_K8S_6', 'popeye:POP-1204'],
  },
  rationale:
    'Kubernetes allows every connection to and from a pod that no NetworkPolicy selects: once one pod of the cluster is compromised, the attacker can connect to this one on every port (databases, admin endpoints, metrics) and, from this one, to anything in the cluster, the cloud metadata endpoint and the internet.',
  remediation:
    'Add a default-deny NetworkPolicy to the namespace (podSelector: {}, policyTypes: [Ingress, Egress]) and one NetworkPolicy per allowed flow whose spec.podSelector matches the pod template labels.',
  messages: {
    missing: '{{workload}}: no NetworkPolicy selects its pods, so they accept connections from every pod and address and may connect anywhere.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    // The labels' path of each template path (shared by a kind's workloads), made once for the run, not per finding.
    const labelsPaths = new Map<FieldPath, FieldPath>();
    for (const { workload, group } of networkedWorkloads(estate)) {
      // hostNetwork pods are outside every NetworkPolicy; the host-network rule reports them.
      if (group.hostNetwork) continue;
      const isolation = network.isolationOf(group);
      if (isolation.ingress.length + isolation.egress.length + isolation.cilium.length > 0) continue;
      // A Calico or AdminNetworkPolicy may select the pods: the engine cannot say, so it does not accuse.
      if (unevaluatedPoliciesFor(network, workload.namespace).length > 0) continue;
      report({
        messageId: 'missing',
        data: { workload: workloadLabel(workload) },
        object: workload.object,
        path: pathUnder(labelsPaths, workload.templatePath, 'metadata', 'labels'),
      });
    }
  },
});

/** The path of `segments` under `base`, one per base path for the run (map): a kind's workloads share their base path. */
function pathUnder(paths: Map<FieldPath, FieldPath>, base: FieldPath, ...segments: readonly string[]): FieldPath {
  let path = paths.get(base);
  if (path === undefined) paths.set(base, (path = base.concat(segments)));
  return path;
}
