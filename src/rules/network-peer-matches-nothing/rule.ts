import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import { matchesLabels, selectorKey, type LabelSelector } from '../../network/label-selector.js';
import { networkOfEstate } from '../../network/estate-network.js';
import { defineRule } from '../define-rule.js';
import { policyLabel, policyModel, policyObject } from '../network-helpers.js';

/**
 * A peer (`from`/`to` entry) whose selectors match nothing: usually a typo in a label. Judged only where the input
 * shows enough to be sure: a namespaceSelector is judged when the input declares its Namespace objects (otherwise
 * namespace labels are unknown), a podSelector when every namespace it looks in has pods in the input and is not
 * kube-system (whose CoreDNS and add-ons are part of the cluster, rarely of the manifests).
 */
export default defineRule({
  id: 'network-peer-matches-nothing',
  title: 'NetworkPolicy peer matches nothing',
  boundary: 'pod',
  stride: ['denial-of-service'],
  severity: 'low',
  references: {
    attack: ['T1210'],
    peers: ['kube-linter:dangling-networkpolicypeer-podselector', 'kubescape:C-0299', 'popeye:POP-1206'],
  },
  rationale:
    'A peer that matches nothing allows nothing: the flow its author meant to allow is blocked. It fails closed, but a broken flow is usually fixed in a hurry by widening the policy (an empty selector, a rule without peers) far beyond what was meant; and the typo hides which clients were intended.',
  remediation: 'Make the peer\'s podSelector and namespaceSelector match the labels the clients really carry (namespaces: kubernetes.io/metadata.name), or remove the peer.',
  messages: {
    noNamespace: '{{path}} of {{policy}} selects no namespace: no Namespace in the input carries {{selector}}.',
    noPod: '{{path}} of {{policy}} matches no pod in {{namespaces}}.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    const populated = new Set(network.groups.map((group) => group.namespace));
    // Generated policies repeat a few namespace selectors thousands of times: each is matched against the namespaces once.
    const selected = new Map<string, string[]>();
    const namespacesSelectedBy = (selector: LabelSelector): string[] => {
      const key = selectorKey(selector);
      let names = selected.get(key);
      if (names === undefined) selected.set(key, (names = [...estate.namespaces.values()].filter((info) => matchesLabels(selector, info.labels)).map((info) => info.name)));
      return names;
    };
    for (const found of network.peersMatchingNothing()) {
      const object = policyObject(estate, found.policy);
      const peer = policyModel(network, found.policy)?.rules[found.direction][found.ruleIndex]?.peers;
      const entry = peer === undefined || peer === 'any' ? undefined : peer[found.peerIndex];
      if (object === undefined || entry === undefined || entry.kind !== 'pods') continue;
      const path = `spec.${found.direction}[${found.ruleIndex}].${found.direction === 'ingress' ? 'from' : 'to'}[${found.peerIndex}]`;
      const policyNamespace = found.policy.ref.namespace ?? estate.defaultNamespace;
      if (found.reason === 'no-namespace') {
        if (!network.namespaceObjectsPresent || entry.namespaceSelector === undefined) continue;
        const selector = [
          ...Object.entries(entry.namespaceSelector.matchLabels).map(([key, value]) => `${key}=${value}`),
          ...entry.namespaceSelector.matchExpressions.map((requirement) => `${requirement.key} ${requirement.operator} ${(requirement.values ?? []).join(',')}`.trim()),
        ].join(', ');
        report({ messageId: 'noNamespace', data: { path, policy: policyLabel(found.policy), selector }, object, path: [...found.path, 'namespaceSelector'] });
        continue;
      }
      const namespaces =
        entry.namespaceSelector === undefined
          ? [policyNamespace]
          : namespacesSelectedBy(entry.namespaceSelector);
      if (namespaces.length === 0 || !namespaces.every((namespace) => populated.has(namespace) && !SYSTEM_NAMESPACES.has(namespace))) continue;
      report({
        messageId: 'noPod',
        data: { path, policy: policyLabel(found.policy), namespaces: namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${namespaces.join(', ')}` },
        object,
        path: [...found.path, entry.podSelector !== undefined ? 'podSelector' : 'namespaceSelector'],
      });
    }
  },
});
