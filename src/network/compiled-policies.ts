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
const NO_RULES: readonly CompiledRule[] = [];
const NO_ADDRESSES: CompiledRule['addresses'] = [];
const DIRECTIONS: readonly Direction[] = ['ingress', 'egress'];

/** One literal per shape (fixedPorts or not), rather than a spread of the port fields. */
function compiledRule(
  rule: PolicyRule,
  peers: CompiledRule['peers'],
  podSources: BitSet,
  addresses: CompiledRule['addresses'],
  admitsNodeAddresses: boolean,
  id: number,
  portEnvelope: PortSet,
  fixedPorts: PortSet | undefined,
): CompiledRule {
  return fixedPorts === undefined
    ? { id, rule, peers, podSources, addresses, admitsNodeAddresses, portEnvelope }
    : { id, rule, peers, podSources, addresses, admitsNodeAddresses, fixedPorts, portEnvelope };
}

/** The pod peers' keys as one text, in sorted order (most rules have one peer). */
function sourcesKeyOf(keys: string[]): string {
  return keys.length === 1 ? keys[0] : keys.sort().join('\u0001');
}

export function compilePolicies(policies: readonly NetworkPolicyModel[], index: PodClassIndex): CompiledPolicies {
  const size = index.classes.length;
  const hostNetwork = new BitSet(size);
  const podNetwork = new BitSet(size);
  for (let id = 0; id < size; id++) (index.classes[id].hostNetwork ? hostNetwork : podNetwork).add(id);
  const peerMemo = new Map<string, { classes: BitSet; namespaces: readonly string[] }>();
  const sourcesMemo = new Map<string, BitSet>();
  const peerKeys = new WeakMap<CompiledPeer, string>();

  const compilePodPeer = (peer: PodPeer, policyNamespace: string): CompiledPeer => {
    const podKey = peer.podSelector === undefined ? '' : selectorKey(peer.podSelector);
    // Selector keys are JSON arrays and a namespace name is not: the parts cannot run into each other.
    const memoKey = `${peer.namespaceSelector === undefined ? policyNamespace : selectorKey(peer.namespaceSelector)}\u0000${podKey}`;
    let compiled = peerMemo.get(memoKey);
    if (compiled === undefined) {
      const namespaces = peer.namespaceSelector === undefined ? [policyNamespace] : index.namespacesMatching(peer.namespaceSelector);
      const podSelector = peer.podSelector ?? selectEverything;
      const podText = podKey === '' ? selectorKey(selectEverything) : podKey;
      const classes = new BitSet(size);
      for (let position = 0; position < namespaces.length; position++) {
        const selected = index.selectInNamespace(podSelector, namespaces[position], podText);
        for (let member = 0; member < selected.length; member++) if (!hostNetwork.has(selected[member])) classes.add(selected[member]);
      }
      compiled = { classes, namespaces };
      peerMemo.set(memoKey, compiled);
    }
    const out: CompiledPeer = { peer, classes: compiled.classes, namespaces: compiled.namespaces };
    peerKeys.set(out, memoKey);
    return out;
  };

  let ruleCount = 0;
  const compileRule = (rule: PolicyRule, policyNamespace: string): CompiledRule => {
    const id = ruleCount++;
    // Kept as long as the analysis: at their length, not with the room a list grown by push leaves.
    const portEnvelope = rulePortEnvelope(rule).slice();
    const fixedPorts = fixedRulePorts(rule)?.slice();
    if (rule.peers === 'any') return compiledRule(rule, 'any', podNetwork, NO_ADDRESSES, true, id, portEnvelope, fixedPorts);
    const peers = rule.peers.map((peer) => (peer.kind === 'pods' ? compilePodPeer(peer, policyNamespace) : { peer }));
    // Rules with the same pod peers share one (never mutated) set, which lets later stages memoise by identity.
    const sourcesKey = sourcesKeyOf(peers.map((peer) => peerKeys.get(peer) ?? '').filter((key) => key !== ''));
    let podSources = sourcesMemo.get(sourcesKey);
    if (podSources === undefined) {
      podSources = new BitSet(size);
      for (let position = 0; position < peers.length; position++) {
        const classes = peers[position].classes;
        if (classes !== undefined) podSources.unionWith(classes);
      }
      sourcesMemo.set(sourcesKey, podSources);
    }
    const blocks = rule.peers.flatMap((peer) => (peer.kind === 'ip-block' ? [{ peerIndex: peer.index, addresses: peer.addresses }] : []));
    const addresses = blocks.length === 0 ? NO_ADDRESSES : blocks;
    const admitsNodeAddresses = addresses.some((block) => !isEmptyAddressSet(intersectAddresses(block.addresses, nodeAddresses)));
    return compiledRule(rule, peers, podSources, addresses, admitsNodeAddresses, id, portEnvelope, fixedPorts);
  };

  // Filled sparsely: a class no policy isolates shares one empty list, instead of an array per class and direction.
  const isolatingLists: Record<Direction, Array<number[] | undefined>> = { ingress: new Array(size), egress: new Array(size) };
  const compiled = policies.map((policy, policyIndex): CompiledPolicy => {
    const matched = index.selectInNamespace(policy.podSelector, policy.namespace);
    const onHostNetwork = matched.filter((id) => hostNetwork.has(id));
    // Nearly always no hostNetwork class: the lists are then shared, not copied (10,000 policies at 150,000 pods).
    const selected = onHostNetwork.length === 0 ? matched : matched.filter((id) => !hostNetwork.has(id));
    for (const direction of DIRECTIONS) {
      if (!policy.isolates[direction]) continue;
      const lists = isolatingLists[direction];
      for (let position = 0; position < selected.length; position++) {
        const id = selected[position];
        const list = lists[id];
        if (list === undefined) lists[id] = [policyIndex];
        else list.push(policyIndex);
      }
    }
    const rulesOf = (direction: Direction): readonly CompiledRule[] =>
      policy.isolates[direction] && policy.rules[direction].length > 0 ? policy.rules[direction].map((rule) => compileRule(rule, policy.namespace)) : NO_RULES;
    return {
      index: policyIndex,
      policy,
      selected,
      selectedHostNetwork: onHostNetwork.length === 0 ? NO_POLICIES : onHostNetwork,
      rules: { ingress: rulesOf('ingress'), egress: rulesOf('egress') },
    };
  });
  // A list grown by push keeps room for 16 more: kept for the analysis' life, it is copied at its length.
  // Lists of one policy (most: a namespace's default deny) are shared by the classes it isolates.
  const singles = new Map<number, readonly number[]>();
  const isolatingOf = (lists: Array<number[] | undefined>): readonly (readonly number[])[] => {
    const out = new Array<readonly number[]>(size);
    for (let id = 0; id < size; id++) {
      const list = lists[id];
      if (list === undefined) out[id] = NO_POLICIES;
      else if (list.length > 1) out[id] = list.slice();
      else {
        let single = singles.get(list[0]);
        if (single === undefined) singles.set(list[0], (single = list));
        out[id] = single;
      }
    }
    return out;
  };
  const isolating: Record<Direction, readonly (readonly number[])[]> = { ingress: isolatingOf(isolatingLists.ingress), egress: isolatingOf(isolatingLists.egress) };
  const openFor = (direction: Direction): BitSet => {
    const open = new BitSet(size);
    for (let id = 0; id < size; id++) if (isolating[direction][id].length === 0) open.add(id);
    return open;
  };
  return { policies: compiled, ruleCount, isolating, open: { ingress: openFor('ingress'), egress: openFor('egress') }, hostNetwork, podNetwork };
}
