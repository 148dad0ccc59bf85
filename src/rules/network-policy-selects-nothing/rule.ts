import { SYSTEM_NAMESPACES } from '../../model/platform.js';
import { networkOfEstate } from '../../network/estate-network.js';
import type { NetworkAnalysis } from '../../network/index.js';
import { defineRule } from '../define-rule.js';
import { policyLabel, policyModel, policyObject } from '../network-helpers.js';

/** For each matchLabels pair that no pod of the namespace carries: the values its pods do carry for that key. */
function nearMisses(network: NetworkAnalysis, namespace: string, matchLabels: Readonly<Record<string, string>>): string {
  const hints: string[] = [];
  const podLabels = network.classesInNamespace(namespace).map((podClass) => podClass.podLabels);
  for (const [key, value] of Object.entries(matchLabels)) {
    if (podLabels.some((labels) => labels[key] === value)) continue;
    const carried = [...new Set(podLabels.map((labels) => labels[key]).filter((found): found is string => found !== undefined))].sort();
    hints.push(carried.length > 0 ? `no pod has ${key}=${value} (pods carry ${carried.slice(0, 3).map((found) => `${key}=${found}`).join(', ')})` : `no pod has the label ${key}`);
  }
  return hints.length > 0 ? `: ${hints.join('; ')}` : '';
}

/**
 * A NetworkPolicy whose podSelector matches no pod of its namespace protects nothing: usually a label typo, and the
 * author believes the pods are isolated (or allowed) when they are not. Only namespaces with pods in the input are
 * judged, kube-system excepted (its add-ons are rarely in the manifests): a policy shipped without its workloads
 * selects pods the input does not show.
 */
export default defineRule({
  id: 'network-policy-selects-nothing',
  title: 'NetworkPolicy selects no pod',
  boundary: 'pod',
  stride: ['information-disclosure', 'tampering'],
  severity: 'medium',
  references: {
    attack: ['T1210'],
    microsoft: ['Cluster internal networking'],
    peers: ['kubescape:C-0299', 'kube-linter:dangling-networkpolicy', 'popeye:POP-1200', 'kube-score:networkpolicy-targets-pod'],
  },
  rationale:
    'A policy that selects no pod has no effect: the isolation or the allowed flow its author wrote does not exist. When it was meant to isolate pods, they stay open to the whole cluster; when it was meant to allow a flow under a default deny, that flow is silently broken and someone will soon open far more to fix it.',
  remediation: "Make spec.podSelector match the pod template labels of the workloads it is written for (compare key and value exactly), or delete the policy.",
  messages: {
    nothing: '{{policy}} selects no pod of namespace {{namespace}}{{hint}}.',
    onlyHostNetwork: '{{policy}} selects only hostNetwork pods, which NetworkPolicies do not affect: it isolates nothing.',
  },
  check({ estate, report }) {
    const network = networkOfEstate(estate);
    const populated = new Set(network.groups.map((group) => group.namespace));
    for (const { policy: origin, onlyHostNetwork } of network.policiesSelectingNoPod()) {
      const object = policyObject(estate, origin);
      const namespace = origin.ref.namespace ?? estate.defaultNamespace;
      if (object === undefined || (!onlyHostNetwork && (!populated.has(namespace) || SYSTEM_NAMESPACES.has(namespace)))) continue;
      const model = policyModel(network, origin);
      report({
        messageId: onlyHostNetwork ? 'onlyHostNetwork' : 'nothing',
        data: { policy: policyLabel(origin), namespace, hint: model === undefined ? '' : nearMisses(network, namespace, model.podSelector.matchLabels) },
        object,
        path: ['spec', 'podSelector'],
      });
    }
  },
});
