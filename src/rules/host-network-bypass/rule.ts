import { matchesLabels } from '../../network/label-selector.js';
import { networkOfEstate } from '../../network/estate-network.js';
import { defineRule } from '../define-rule.js';
import { workloadLabel, listNames } from '../helpers.js';
import { networkedWorkloads, policyLabel, policyObject } from '../network-helpers.js';

/**
 * The host-network rule reports the setting itself. This one says something it cannot: a NetworkPolicy selects the
 * hostNetwork pods, so its author believes them isolated, and they are not (NetworkPolicies apply to pod network
 * interfaces; a hostNetwork pod has none of its own). Pods that no policy selects are left to host-network.
 */
export default defineRule({
  id: 'host-network-bypass',
  title: 'NetworkPolicy selects hostNetwork pods it cannot restrict',
  boundary: 'pod',
  stride: ['information-disclosure', 'tampering'],
  severity: 'medium',
  references: {
    attack: ['T1210', 'T1599'],
    microsoft: ['Cluster internal networking'],
    peers: ['kubescape:C-0041', 'kube-linter:host-network'],
    links: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#what-you-can-t-do-with-network-policies-at-least-not-yet'],
  },
  rationale:
    'NetworkPolicies act on pod network interfaces; a hostNetwork pod uses the node\'s, so no ingress or egress rule applies to it (what the CNI does with such traffic varies). A policy that selects it gives reviewers a false sense of isolation: the pod accepts connections on every port it listens on and connects anywhere, the cloud metadata endpoint included.',
  remediation: 'Remove spec.hostNetwork and expose the pod through a Service; if it must stay on the host network, restrict its ports with the node firewall or security groups, and do not rely on the NetworkPolicy.',
  messages: {
    bypass: '{{workload}} uses the node network (hostNetwork: true), so {{policies}} that select{{s}} it cannot restrict its traffic.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    for (const { workload, group } of networkedWorkloads(estate)) {
      if (!group.hostNetwork) continue;
      const selecting = network.policies.filter((policy) => policy.namespace === group.namespace && matchesLabels(policy.podSelector, group.podLabels)).map((policy) => policy.origin);
      if (selecting.length === 0) continue;
      report({
        messageId: 'bypass',
        data: { workload: workloadLabel(workload), policies: listNames(selecting.map(policyLabel), 3), s: selecting.length === 1 ? 's' : '' },
        object: workload.object,
        path: [...workload.specPath, 'hostNetwork'],
        related: selecting.map((origin) => policyObject(estate, origin) ?? origin.ref),
      });
    }
  },
});
