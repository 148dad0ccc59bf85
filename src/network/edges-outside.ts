/** Edges across the cluster edge: internet → pods, pods → internet, pods → the cloud metadata endpoint. */
import { intersectAddresses, isEmptyAddressSet, type AddressSet } from './addresses.js';
import type { CompiledPolicies, CompiledRule } from './compiled-policies.js';
import { classesEnd, edgeOf, portsByDestination, ruleRef, type EdgeEnd, type ReachabilityEdge } from './edge-model.js';
import { rulePorts } from './evaluate-direction.js';
import type { PodClassIndex } from './pod-classes.js';
import { allPorts, isEmptyPortSet } from './ports.js';
import { cloudMetadataAddresses, internetAddresses } from './well-known-addresses.js';

const admitsAddresses = (rule: CompiledRule, addresses: AddressSet): boolean =>
  rule.peers === 'any' || rule.addresses.some((block) => !isEmptyAddressSet(intersectAddresses(block.addresses, addresses)));

export function outsideEdges(index: PodClassIndex, compiled: CompiledPolicies): ReachabilityEdge[] {
  const { open, policies } = compiled;
  const edges: ReachabilityEdge[] = [];
  const internet: EdgeEnd = { kind: 'internet' };
  if (!open.ingress.isEmpty()) edges.push(edgeOf(internet, classesEnd(open.ingress.members()), allPorts, [], []));
  for (const entry of policies)
    for (const rule of entry.rules.ingress) {
      if (entry.selected.length === 0 || !admitsAddresses(rule, internetAddresses)) continue;
      for (const { ports, ids } of portsByDestination(rule, entry.selected, index)) edges.push(edgeOf(internet, classesEnd(ids), ports, [ruleRef(entry, rule)], []));
    }
  const outside: Array<[EdgeEnd, AddressSet]> = [
    [internet, internetAddresses],
    [{ kind: 'cloud-metadata' }, cloudMetadataAddresses],
  ];
  for (const [end, addresses] of outside) {
    if (!open.egress.isEmpty()) edges.push(edgeOf(classesEnd(open.egress.members()), end, allPorts, [], []));
    for (const entry of policies)
      for (const rule of entry.rules.egress) {
        if (entry.selected.length === 0 || !admitsAddresses(rule, addresses)) continue;
        const ports = rulePorts(rule, undefined);
        if (!isEmptyPortSet(ports)) edges.push(edgeOf(classesEnd(entry.selected), end, ports, [], [ruleRef(entry, rule)]));
      }
  }
  return edges;
}
