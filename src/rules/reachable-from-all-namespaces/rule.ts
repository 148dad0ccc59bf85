import { networkOfEstate } from '../../network/estate-network.js';
import { selectsEverything } from '../../network/label-selector.js';
import type { NetworkAnalysis, PodGroup } from '../../network/index.js';
import type { PolicyRule } from '../../network/policy.js';
import { defineRule } from '../define-rule.js';
import { workloadLabel, listNames } from '../helpers.js';
import { networkedWorkloads, policyLabel, policyModel, policyObject, rulePathLabel, rulePortsLabel } from '../network-helpers.js';
import { NETWORK_POLICY_RESOURCES } from '../absence.js';

/**
 * A workload that some policy selects (so network-policy-missing is silent) but that still accepts connections from
 * every namespace: only egress is isolated, or an ingress rule admits every source (no `from`) or every pod of every
 * namespace (`namespaceSelector: {}` without a narrower podSelector). Namespaces that do not exist yet count too.
 */
export default defineRule({
  id: 'reachable-from-all-namespaces',
  title: 'Workload accepts connections from every namespace',
  boundary: 'namespace',
  stride: ['information-disclosure', 'tampering'],
  severity: 'medium',
  absenceOf: NETWORK_POLICY_RESOURCES,
  absenceWithinNamespace: true,
  references: {
    attack: ['T1210', 'T1046'],
    microsoft: ['Cluster internal networking'],
    peers: ['kubeaudit:netpols', 'kubescape:C-0260'],
  },
  rationale:
    'The namespace is the boundary between teams and applications; a pod that admits every namespace gives any compromised pod in the cluster (a dev tool, a CI job, a tenant\'s app) a direct line to it, past the isolation its own policies suggest.',
  remediation:
    'Isolate the pods for ingress and list the namespaces that need them: replace `namespaceSelector: {}` (or a rule without `from`) by a namespaceSelector on kubernetes.io/metadata.name and a podSelector for the clients, limited to the ports they use.',
  messages: {
    egressOnly: '{{workload}} accepts connections from every namespace: {{policies}} isolate only its egress, nothing isolates its ingress.',
    rule: '{{workload}} accepts connections from every namespace on {{ports}}: {{rules}}.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    for (const { workload, group } of networkedWorkloads(estate)) {
      if (group.hostNetwork) continue; // the host-network rule: no policy applies at all
      const isolation = network.isolationOf(group);
      // Unselected pods are network-policy-missing's; Cilium policies' rules are not evaluated.
      if (isolation.cilium.length > 0 || isolation.ingress.length + isolation.egress.length === 0) continue;
      if (isolation.ingress.length === 0) {
        report({
          messageId: 'egressOnly',
          data: { workload: workloadLabel(workload), policies: listNames(isolation.egress.map(policyLabel), 3) },
          object: workload.object,
          path: [...workload.templatePath, 'metadata', 'labels'],
          related: isolation.egress.map((origin) => origin.ref),
        });
        continue;
      }
      if (!network.ingressFrom(group).openToAllNamespaces) continue;
      const opening = openingRules(network, group);
      if (opening.length === 0) continue;
      report({
        messageId: 'rule',
        data: {
          workload: workloadLabel(workload),
          ports: [...new Set(opening.map(({ rule }) => rulePortsLabel(rule)))].join('; '),
          rules: listNames(opening.map(({ origin, rule }) => `${rulePathLabel(rule)} of ${policyLabel(origin)} admits ${rule.peers === 'any' ? 'every source' : 'every pod of every namespace'}`), 3),
        },
        object: workload.object,
        path: [...workload.templatePath, 'metadata', 'labels'],
        related: opening.map(({ origin }) => policyObject(estate, origin) ?? origin.ref),
      });
    }
  },
});

function openingRules(network: NetworkAnalysis, group: PodGroup) {
  const out: Array<{ origin: (typeof network.policies)[number]['origin']; rule: PolicyRule }> = [];
  for (const origin of network.isolationOf(group).ingress) {
    const policy = policyModel(network, origin);
    for (const rule of policy?.rules.ingress ?? []) {
      const everyNamespace =
        rule.peers === 'any' ||
        rule.peers.some((peer) => peer.kind === 'pods' && peer.namespaceSelector !== undefined && selectsEverything(peer.namespaceSelector) && (peer.podSelector === undefined || selectsEverything(peer.podSelector)));
      if (everyNamespace) out.push({ origin, rule });
    }
  }
  return out;
}
