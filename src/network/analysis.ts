/** Facts about the policies themselves that later rules turn into findings (typos, gaps, over-broad rules). */
import type { FieldPath } from '../model/object.js';
import type { CompiledPolicies } from './compiled-policies.js';
import { selectsEverything } from './label-selector.js';
import type { PodClassIndex } from './pod-classes.js';
import { directions, type Direction, type NetworkPolicyModel, type PolicyOrigin } from './policy.js';

export interface DefaultDenyStatus {
  namespace: string;
  /** Policies of the namespace that select every pod (`podSelector: {}`) and allow nothing in that direction. */
  ingress: readonly PolicyOrigin[];
  egress: readonly PolicyOrigin[];
}

export interface PolicySelectingNoPod {
  policy: PolicyOrigin;
  /** The podSelector matches only hostNetwork pods, which no NetworkPolicy affects. */
  onlyHostNetwork: boolean;
}

export interface PeerMatchingNothing {
  policy: PolicyOrigin;
  direction: Direction;
  ruleIndex: number;
  peerIndex: number;
  path: FieldPath;
  /** 'no-namespace': the namespaceSelector matches no namespace; 'no-pod': namespaces match but no pod does. */
  reason: 'no-namespace' | 'no-pod';
}

export interface AllowAllRule {
  policy: PolicyOrigin;
  direction: Direction;
  ruleIndex: number;
  path: FieldPath;
  /**
   * 'everything': no peers and no ports; 'all-pods': a peer selecting every pod of every namespace, on every port;
   * 'all-addresses': an ipBlock of 0.0.0.0/0 or ::/0 without exceptions, on every port.
   */
  scope: 'everything' | 'all-pods' | 'all-addresses';
}

export interface IgnoredRuleSection {
  policy: PolicyOrigin;
  /** Rules written for a direction that policyTypes leaves out: they have no effect. */
  direction: Direction;
}

const NO_POLICIES: readonly NetworkPolicyModel[] = [];
const NO_ORIGINS: readonly PolicyOrigin[] = Object.freeze([]);

export function defaultDenyStatus(index: PodClassIndex, policies: readonly NetworkPolicyModel[]): DefaultDenyStatus[] {
  // Grouped by namespace first: 10,000 namespaces × 10,000 policies is a hundred million tests.
  const byNamespace = new Map<string, NetworkPolicyModel[]>();
  for (const policy of policies) {
    const list = byNamespace.get(policy.namespace);
    if (list === undefined) byNamespace.set(policy.namespace, [policy]);
    else list.push(policy);
  }
  // Kept per namespace for the analysis' life: most namespaces have no default deny and share one empty list.
  const denying = (namespace: string, direction: Direction): readonly PolicyOrigin[] => {
    const origins = (byNamespace.get(namespace) ?? NO_POLICIES)
      .filter((policy) => selectsEverything(policy.podSelector) && policy.isolates[direction] && policy.rules[direction].length === 0)
      .map((policy) => policy.origin);
    return origins.length === 0 ? NO_ORIGINS : origins;
  };
  const namespaces = new Set([...index.namespaces.keys(), ...policies.map((policy) => policy.namespace)]);
  return [...namespaces].sort().map((namespace) => ({ namespace, ingress: denying(namespace, 'ingress'), egress: denying(namespace, 'egress') }));
}

export function policiesSelectingNoPod(compiled: CompiledPolicies): PolicySelectingNoPod[] {
  return compiled.policies
    .filter((entry) => entry.selected.length === 0)
    .map((entry) => ({ policy: entry.policy.origin, onlyHostNetwork: entry.selectedHostNetwork.length > 0 }));
}

export function peersMatchingNothing(compiled: CompiledPolicies): PeerMatchingNothing[] {
  const out: PeerMatchingNothing[] = [];
  for (const entry of compiled.policies)
    for (const direction of directions)
      for (const rule of entry.rules[direction]) {
        if (rule.peers === 'any') continue;
        for (const { peer, classes, namespaces } of rule.peers) {
          if (peer.kind !== 'pods' || classes === undefined || !classes.isEmpty()) continue;
          out.push({
            policy: entry.policy.origin,
            direction,
            ruleIndex: rule.rule.index,
            peerIndex: peer.index,
            path: peer.path,
            reason: namespaces === undefined || namespaces.length === 0 ? 'no-namespace' : 'no-pod',
          });
        }
      }
  return out;
}

export function allowAllRules(policies: readonly NetworkPolicyModel[]): AllowAllRule[] {
  const out: AllowAllRule[] = [];
  for (const policy of policies)
    for (const direction of directions) {
      if (!policy.isolates[direction]) continue;
      for (const rule of policy.rules[direction]) {
        if (rule.ports !== 'any') continue;
        const base = { policy: policy.origin, direction, ruleIndex: rule.index, path: rule.path };
        if (rule.peers === 'any') {
          out.push({ ...base, scope: 'everything' });
          continue;
        }
        const allPods = rule.peers.some(
          (peer) =>
            peer.kind === 'pods' &&
            peer.namespaceSelector !== undefined &&
            selectsEverything(peer.namespaceSelector) &&
            (peer.podSelector === undefined || selectsEverything(peer.podSelector)),
        );
        const allAddresses = rule.peers.some((peer) => peer.kind === 'ip-block' && peer.except.length === 0 && /\/0$/.test(peer.cidr));
        if (allPods) out.push({ ...base, scope: 'all-pods' });
        if (allAddresses) out.push({ ...base, scope: 'all-addresses' });
      }
    }
  return out;
}

export function ignoredRuleSections(policies: readonly NetworkPolicyModel[]): IgnoredRuleSection[] {
  return policies.flatMap((policy) => policy.ignoredSections.map((direction) => ({ policy: policy.origin, direction })));
}
