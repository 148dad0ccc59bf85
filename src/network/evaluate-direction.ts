/**
 * One direction of one connection: do the policies isolating the subject (the destination for ingress, the source
 * for egress) admit the other side, and on which ports? A connection needs both directions to allow it.
 */
import { intersectAddresses, isEmptyAddressSet, type AddressSet } from './addresses.js';
import type { CompiledPolicies, CompiledRule } from './compiled-policies.js';
import type { Decision } from './decisions.js';
import type { PodClass } from './pod-classes.js';
import { allPorts, containsPort, emptyPortSet, isEmptyPortSet, unionPorts, type PortSet, type Protocol } from './ports.js';
import { resolveRulePorts } from './rule-ports.js';
import type { Direction } from './policy.js';
import { nodeAddresses } from './well-known-addresses.js';

/** The other end of the connection, seen from the subject. */
export type Counterpart = { kind: 'class'; podClass: PodClass } | { kind: 'addresses'; addresses: AddressSet; name: string };

export interface QueryPort {
  protocol: Protocol;
  port: number;
}

export interface DirectionVerdict {
  ports: PortSet;
  decisions: Decision[];
  notes: string[];
}

/** A rule's ports for a destination; precomputed when the rule names no port. */
export function rulePorts(rule: CompiledRule, destination: PodClass | undefined, notes?: string[]): PortSet {
  return rule.fixedPorts ?? resolveRulePorts(rule.rule, destination, notes);
}

/** Which peer of the rule admits the counterpart: 'all' for a rule without peers, undefined for none. */
export function matchingPeer(rule: CompiledRule, counterpart: Counterpart, notes?: string[]): number | 'all' | undefined {
  if (rule.peers === 'any') return 'all';
  if (counterpart.kind === 'class' && !counterpart.podClass.hostNetwork) {
    const peer = rule.peers.find((candidate) => candidate.classes?.has(counterpart.podClass.id) === true);
    return peer?.peer.index;
  }
  const addresses = counterpart.kind === 'class' ? nodeAddresses : counterpart.addresses;
  const block = rule.addresses.find((candidate) => !isEmptyAddressSet(intersectAddresses(candidate.addresses, addresses)));
  if (block !== undefined && counterpart.kind === 'class')
    notes?.push('a hostNetwork pod uses its node IP, assumed to be in a private range that this ipBlock overlaps');
  return block?.peerIndex;
}

export function evaluateDirection(
  compiled: CompiledPolicies,
  direction: Direction,
  subject: PodClass,
  counterpart: Counterpart,
  destination: PodClass | undefined,
  query?: QueryPort,
): DirectionVerdict {
  const notes: string[] = [];
  const isolating = compiled.isolating[direction][subject.id];
  if (subject.hostNetwork || isolating.length === 0) {
    const decision: Decision = { kind: 'not-isolated', direction, subjectClassId: subject.id, reason: subject.hostNetwork ? 'host-network' : 'no-policy' };
    const ignored = subject.hostNetwork ? hostNetworkIgnoredPolicies(compiled, direction, subject.id) : [];
    if (ignored.length > 0) decision.ignoredPolicies = ignored;
    return { ports: allPorts, decisions: [decision], notes };
  }
  const decisions: Decision[] = [];
  let ports: PortSet = emptyPortSet;
  for (const policyIndex of isolating) {
    const { policy, rules } = compiled.policies[policyIndex];
    decisions.push({ kind: 'isolated', direction, subjectClassId: subject.id, policy: policy.origin });
    for (const rule of rules[direction]) {
      const peer = matchingPeer(rule, counterpart, notes);
      if (peer === undefined) continue;
      const allowed = rulePorts(rule, destination, notes);
      if (isEmptyPortSet(allowed)) continue;
      const excluded = query !== undefined && !containsPort(allowed, query.protocol, query.port);
      const decision: Decision = {
        kind: excluded ? 'rule-excludes-port' : 'rule-allows',
        direction,
        subjectClassId: subject.id,
        policy: policy.origin,
        ruleIndex: rule.rule.index,
        path: peer === 'all' ? rule.rule.path : [...rule.rule.path, direction === 'ingress' ? 'from' : 'to', peer],
        ports: allowed,
      };
      if (peer !== 'all') decision.peerIndex = peer;
      decisions.push(decision);
      ports = unionPorts(ports, allowed);
    }
  }
  const allowedForQuery = query === undefined ? !isEmptyPortSet(ports) : containsPort(ports, query.protocol, query.port);
  if (!allowedForQuery) decisions.push({ kind: 'no-rule-allows', direction, subjectClassId: subject.id });
  return { ports, decisions, notes: [...new Set(notes)] };
}

function hostNetworkIgnoredPolicies(compiled: CompiledPolicies, direction: Direction, classId: number) {
  return compiled.policies
    .filter((entry) => entry.policy.isolates[direction] && entry.selectedHostNetwork.includes(classId))
    .map((entry) => entry.policy.origin);
}
