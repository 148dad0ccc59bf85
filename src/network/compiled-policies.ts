/**
 * Policies compiled against the pod classes once: which classes each policy selects, which classes each pod peer
 * matches, and for every class the policies that isolate it per direction. Queries then never re-match labels.
 *
 * Following the most common CNI behaviour (Kubernetes documents hostNetwork behaviour as undefined), hostNetwork
 * pods are never isolated and never matched by podSelector/namespaceSelector peers: their traffic carries the
 * node's IP, so only rules without peers or ipBlocks that may contain a node address admit them.
 */
import { intersectAddresses, isEmptyAddressSet, type AddressSet } from './addresses.js';
import { BitSet } from './bitset.js';
import { selectorKey, selectEverything } from './label-selector.js';
import type { PodClassIndex } from './pod-classes.js';
import type { Direction, NetworkPolicyModel, Peer, PodPeer, PolicyRule } from './policy.js';
import { nodeAddresses } from './well-known-addresses.js';

export interface CompiledPeer {
  peer: Peer;
  /** Pod peers: the (non-hostNetwork) classes matched. */
  classes?: BitSet;
  /** Pod peers: the namespaces considered (the policy's own, or those matched by namespaceSelector). */
  namespaces?: readonly string[];
}

export interface CompiledRule {
  rule: PolicyRule;
  peers: readonly CompiledPeer[] | 'any';
  /** Union of the pod peers' classes; every class when peers is 'any'. */
  podSources: BitSet;
  /** Union of the ipBlock peers' addresses (everything when peers is 'any' is handled by callers). */
  addresses: readonly { peerIndex: number; addresses: AddressSet }[];
  /** Whether some ipBlock of this rule may contain a node address (hence admit hostNetwork pods). */
  admitsNodeAddresses: boolean;
}

export interface CompiledPolicy {
  index: number;
  policy: NetworkPolicyModel;
  /** Classes whose pods the policy selects and isolates (hostNetwork classes excluded). */
  selected: readonly number[];
  /** hostNetwork classes the podSelector matches, on which the policy has no effect. */
  selectedHostNetwork: readonly number[];
  rules: Readonly<Record<Direction, readonly CompiledRule[]>>;
}

export interface CompiledPolicies {
  policies: readonly CompiledPolicy[];
  /** class id → indexes of the policies that isolate it, per direction. */
  isolating: Readonly<Record<Direction, readonly (readonly number[])[]>>;
  /** Classes not isolated for the direction (including every hostNetwork class). */
  open: Readonly<Record<Direction, BitSet>>;
  /** All hostNetwork classes, and all other classes. */
  hostNetwork: BitSet;
  podNetwork: BitSet;
}

export function compilePolicies(policies: readonly NetworkPolicyModel[], index: PodClassIndex): CompiledPolicies {
  const size = index.classes.length;
  const hostNetwork = BitSet.of(size, index.classes.filter((podClass) => podClass.hostNetwork).map((podClass) => podClass.id));
  const podNetwork = BitSet.of(size, index.classes.filter((podClass) => !podClass.hostNetwork).map((podClass) => podClass.id));
  const peerMemo = new Map<string, { classes: BitSet; namespaces: readonly string[] }>();

  const compilePodPeer = (peer: PodPeer, policyNamespace: string): CompiledPeer => {
    const memoKey = JSON.stringify([
      peer.namespaceSelector === undefined ? policyNamespace : selectorKey(peer.namespaceSelector),
      peer.namespaceSelector === undefined,
      peer.podSelector === undefined ? null : selectorKey(peer.podSelector),
    ]);
    let compiled = peerMemo.get(memoKey);
    if (compiled === undefined) {
      const namespaces = peer.namespaceSelector === undefined ? [policyNamespace] : index.namespacesMatching(peer.namespaceSelector);
      const podSelector = peer.podSelector ?? selectEverything;
      const classes = new BitSet(size);
      for (const namespace of namespaces) for (const id of index.selectInNamespace(podSelector, namespace)) if (!hostNetwork.has(id)) classes.add(id);
      compiled = { classes, namespaces };
      peerMemo.set(memoKey, compiled);
    }
    return { peer, ...compiled };
  };

  const compileRule = (rule: PolicyRule, policyNamespace: string): CompiledRule => {
    if (rule.peers === 'any') return { rule, peers: 'any', podSources: podNetwork, addresses: [], admitsNodeAddresses: true };
    const peers = rule.peers.map((peer) => (peer.kind === 'pods' ? compilePodPeer(peer, policyNamespace) : { peer }));
    const podSources = new BitSet(size);
    for (const peer of peers) if (peer.classes !== undefined) podSources.unionWith(peer.classes);
    const addresses = rule.peers.flatMap((peer) => (peer.kind === 'ip-block' ? [{ peerIndex: peer.index, addresses: peer.addresses }] : []));
    const admitsNodeAddresses = addresses.some((block) => !isEmptyAddressSet(intersectAddresses(block.addresses, nodeAddresses)));
    return { rule, peers, podSources, addresses, admitsNodeAddresses };
  };

  const isolating: Record<Direction, number[][]> = { ingress: index.classes.map(() => []), egress: index.classes.map(() => []) };
  const compiled = policies.map((policy, policyIndex): CompiledPolicy => {
    const matched = index.selectInNamespace(policy.podSelector, policy.namespace);
    const selected = matched.filter((id) => !hostNetwork.has(id));
    for (const direction of ['ingress', 'egress'] as const)
      if (policy.isolates[direction]) for (const id of selected) isolating[direction][id].push(policyIndex);
    const rulesOf = (direction: Direction): CompiledRule[] =>
      policy.isolates[direction] ? policy.rules[direction].map((rule) => compileRule(rule, policy.namespace)) : [];
    return {
      index: policyIndex,
      policy,
      selected,
      selectedHostNetwork: matched.filter((id) => hostNetwork.has(id)),
      rules: { ingress: rulesOf('ingress'), egress: rulesOf('egress') },
    };
  });
  const openFor = (direction: Direction): BitSet => BitSet.of(size, index.classes.filter((podClass) => isolating[direction][podClass.id].length === 0).map((podClass) => podClass.id));
  return { policies: compiled, isolating, open: { ingress: openFor('ingress'), egress: openFor('egress') }, hostNetwork, podNetwork };
}
