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
import type { PortSet } from './ports.js';
import { fixedRulePorts, rulePortEnvelope } from './rule-ports.js';
import { nodeAddresses } from './well-known-addresses.js';

export interface CompiledPeer {
  peer: Peer;
  /** Pod peers: the (non-hostNetwork) classes matched. */
  classes?: BitSet;
  /** Pod peers: the namespaces considered (the policy's own, or those matched by namespaceSelector). */
  namespaces?: readonly string[];
}

export interface CompiledRule {
  /** Dense number of the rule across all policies, for array-indexed memo tables. */
  id: number;
  rule: PolicyRule;
  peers: readonly CompiledPeer[] | 'any';
  /** Union of the pod peers' classes; every class when peers is 'any'. Shared between rules: never mutate. */
  podSources: BitSet;
  /** Union of the ipBlock peers' addresses (everything when peers is 'any' is handled by callers). */
  addresses: readonly { peerIndex: number; addresses: AddressSet }[];
  /** Whether some ipBlock of this rule may contain a node address (hence admit hostNetwork pods). */
  admitsNodeAddresses: boolean;
  /** The rule's ports when no named port makes them depend on the destination. */
  fixedPorts?: PortSet;
  /** Every port the rule could allow for some destination (a named port: every port of its protocol). */
  portEnvelope: PortSet;
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
  /** Number of compiled rules; CompiledRule.id runs from 0 to ruleCount - 1. */
  ruleCount: number;
  /** class id → indexes of the policies that isolate it, per direction. */
  isolating: Readonly<Record<Direction, readonly (readonly number[])[]>>;
  /** Classes not isolated for the direction (including every hostNetwork class). */
  open: Readonly<Record<Direction, BitSet>>;
  /** All hostNetwork classes, and all other classes. */
  hostNetwork: BitSet;
  podNetwork: BitSet;
}

const NO_POLICIES: readonly number[] = [];

export function compilePolicies(policies: readonly NetworkPolicyModel[], index: PodClassIndex): CompiledPolicies {
  const size = index.classes.length;
  const hostNetwork = BitSet.of(size, index.classes.filter((podClass) => podClass.hostNetwork).map((podClass) => podClass.id));
  const podNetwork = BitSet.of(size, index.classes.filter((podClass) => !podClass.hostNetwork).map((podClass) => podClass.id));
  const peerMemo = new Map<string, { classes: BitSet; namespaces: readonly string[] }>();
  const sourcesMemo = new Map<string, BitSet>();
  const peerKeys = new WeakMap<CompiledPeer, string>();

  const compilePodPeer = (peer: PodPeer, policyNamespace: string): CompiledPeer => {
    const podKey = peer.podSelector === undefined ? null : selectorKey(peer.podSelector);
    const memoKey = JSON.stringify([peer.namespaceSelector === undefined ? policyNamespace : selectorKey(peer.namespaceSelector), peer.namespaceSelector === undefined, podKey]);
    let compiled = peerMemo.get(memoKey);
    if (compiled === undefined) {
      const namespaces = peer.namespaceSelector === undefined ? [policyNamespace] : index.namespacesMatching(peer.namespaceSelector);
      const podSelector = peer.podSelector ?? selectEverything;
      const podText = podKey ?? selectorKey(selectEverything);
      const classes = new BitSet(size);
      for (const namespace of namespaces) for (const id of index.selectInNamespace(podSelector, namespace, podText)) if (!hostNetwork.has(id)) classes.add(id);
      compiled = { classes, namespaces };
      peerMemo.set(memoKey, compiled);
    }
    const out = { peer, ...compiled };
    peerKeys.set(out, memoKey);
    return out;
  };

  let ruleCount = 0;
  const compileRule = (rule: PolicyRule, policyNamespace: string): CompiledRule => {
    const ports: Pick<CompiledRule, 'id' | 'fixedPorts' | 'portEnvelope'> = { id: ruleCount++, portEnvelope: rulePortEnvelope(rule) };
    const fixedPorts = fixedRulePorts(rule);
    if (fixedPorts !== undefined) ports.fixedPorts = fixedPorts;
    if (rule.peers === 'any') return { rule, peers: 'any', podSources: podNetwork, addresses: [], admitsNodeAddresses: true, ...ports };
    const peers = rule.peers.map((peer) => (peer.kind === 'pods' ? compilePodPeer(peer, policyNamespace) : { peer }));
    // Rules with the same pod peers share one (never mutated) set, which lets later stages memoise by identity.
    const sourcesKey = peers.map((peer) => peerKeys.get(peer) ?? '').filter((key) => key !== '').sort().join('\u0001');
    let podSources = sourcesMemo.get(sourcesKey);
    if (podSources === undefined) {
      podSources = new BitSet(size);
      for (const peer of peers) if (peer.classes !== undefined) podSources.unionWith(peer.classes);
      sourcesMemo.set(sourcesKey, podSources);
    }
    const addresses = rule.peers.flatMap((peer) => (peer.kind === 'ip-block' ? [{ peerIndex: peer.index, addresses: peer.addresses }] : []));
    const admitsNodeAddresses = addresses.some((block) => !isEmptyAddressSet(intersectAddresses(block.addresses, nodeAddresses)));
    return { rule, peers, podSources, addresses, admitsNodeAddresses, ...ports };
  };

  // Filled sparsely: a class no policy isolates shares one empty list, instead of an array per class and direction.
  const isolatingLists: Record<Direction, Array<number[] | undefined>> = { ingress: new Array(size), egress: new Array(size) };
  const compiled = policies.map((policy, policyIndex): CompiledPolicy => {
    const matched = index.selectInNamespace(policy.podSelector, policy.namespace);
    const selected = matched.filter((id) => !hostNetwork.has(id));
    for (const direction of ['ingress', 'egress'] as const)
      if (policy.isolates[direction])
        for (const id of selected) {
          const list = isolatingLists[direction][id];
          if (list === undefined) isolatingLists[direction][id] = [policyIndex];
          else list.push(policyIndex);
        }
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
  const isolating: Record<Direction, readonly (readonly number[])[]> = {
    ingress: Array.from(isolatingLists.ingress, (list) => list ?? NO_POLICIES),
    egress: Array.from(isolatingLists.egress, (list) => list ?? NO_POLICIES),
  };
  const openFor = (direction: Direction): BitSet => BitSet.of(size, index.classes.filter((podClass) => isolating[direction][podClass.id].length === 0).map((podClass) => podClass.id));
  return { policies: compiled, ruleCount, isolating, open: { ingress: openFor('ingress'), egress: openFor('egress') }, hostNetwork, podNetwork };
}
