import { networkOfEstate } from '../../network/estate-network.js';
import { defineRule } from '../define-rule.js';
import { policyLabel, policyObject } from '../network-helpers.js';

const WHAT = {
  ingress: { everything: 'every source, in the cluster or not', 'all-pods': 'every pod of every namespace', 'all-addresses': 'every address' },
  egress: { everything: 'every destination, the internet and the cloud metadata endpoint included', 'all-pods': 'every pod of every namespace', 'all-addresses': 'every address, the cloud metadata endpoint included' },
} as const;

/**
 * A rule that allows everything on every port: `- {}`, a peer `namespaceSelector: {}` (every pod of every
 * namespace), or an ipBlock 0.0.0.0/0 or ::/0 without exceptions. The pods it selects are isolated in name only.
 */
export default defineRule({
  id: 'network-policy-allow-all',
  title: 'NetworkPolicy rule allows everything',
  boundary: 'pod',
  stride: ['information-disclosure', 'tampering'],
  severity: 'low',
  references: {
    attack: ['T1210'],
    microsoft: ['Cluster internal networking'],
    peers: ['kubeaudit:netpols (AllowAllIngressNetworkPolicyExists, AllowAllEgressNetworkPolicyExists)'],
  },
  rationale:
    'An allow-all rule cancels the isolation of every pod the policy selects, and under a default deny it silently re-opens what the default closed. Reviewers see a NetworkPolicy and assume a restriction that does not exist.',
  remediation: 'Replace the rule by peers (podSelector, namespaceSelector on kubernetes.io/metadata.name, ipBlock with except) and ports for the flows that are really needed.',
  messages: {
    allowAll: '{{path}} of {{policy}} allows {{direction}} {{what}} on every port.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    for (const rule of network.allowAllRules()) {
      const object = policyObject(estate, rule.policy);
      if (object === undefined) continue;
      report({
        messageId: 'allowAll',
        data: {
          path: `spec.${rule.direction}[${rule.ruleIndex}]`,
          policy: policyLabel(rule.policy),
          direction: rule.direction === 'ingress' ? 'ingress from' : 'egress to',
          what: WHAT[rule.direction][rule.scope],
        },
        object,
        path: rule.path,
      });
    }
  },
});
