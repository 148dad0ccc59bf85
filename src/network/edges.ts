/**
 * The allowed pod-to-pod and pod-to-outside relation as a compact list of edges for the attack graph.
 * Each edge is a product: every class of `from` reaches every class of `to` on `ports`. The union of the edges is
 * exactly what canReach allows. Edges are built per policy rule, split four ways by whether the source's egress and
 * the destination's ingress are isolated, so open pods are covered by one edge instead of every pair.
 */
import type { FieldPath } from '../model/object.js';
import { intersectAddresses, isEmptyAddressSet, type AddressSet } from './addresses.js';
import { BitSet } from './bitset.js';
import type { CompiledPolicies, CompiledPolicy, CompiledRule } from './compiled-policies.js';
import { rulePorts } from './evaluate-direction.js';
import type { PodClassIndex } from './pod-classes.js';
import { allPorts, intersectPorts, isEmptyPortSet, portSetKey, type PortSet } from './ports.js';
import type { Direction, PolicyOrigin } from './policy.js';
import { cloudMetadataAddresses, internetAddresses } from './well-known-addresses.js';

export type EdgeEnd = { kind: 'classes'; classIds: readonly number[] } | { kind: 'internet' } | { kind: 'cloud-metadata' };

export interface RuleRef {
  policy: PolicyOrigin;
  direction: Direction;
  ruleIndex: number;
  path: FieldPath;
}

export interface ReachabilityEdge {
  from: EdgeEnd;
  to: EdgeEnd;
  ports: PortSet;
  /** The rule admitting the traffic at the destination; absent when the destination is not isolated for ingress. */
  ingressRule?: RuleRef;
  /** The rule admitting the traffic at the source; absent when the source is not isolated for egress. */
  egressRule?: RuleRef;
}

const ruleRef = (entry: CompiledPolicy, rule: CompiledRule): RuleRef => ({
  policy: entry.policy.origin,
  direction: rule.rule.direction,
  ruleIndex: rule.rule.index,
  path: rule.rule.path,
});

const classesEnd = (ids: Iterable<number>): EdgeEnd => ({ kind: 'classes', classIds: [...ids] });

/** Splits destinations by the ports a rule gives them (named ports resolve differently per class). */
function byPorts(ids: Iterable<number>, portsOf: (id: number) => PortSet): Map<string, { ports: PortSet; ids: number[] }> {
  const groups = new Map<string, { ports: PortSet; ids: number[] }>();
  for (const id of ids) {
    const ports = portsOf(id);
    if (isEmptyPortSet(ports)) continue;
    const key = portSetKey(ports);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ports, ids: [id] });
    else group.ids.push(id);
  }
  return groups;
}

const admitsAddresses = (rule: CompiledRule, addresses: AddressSet): boolean =>
  rule.peers === 'any' || rule.addresses.some((block) => !isEmptyAddressSet(intersectAddresses(block.addresses, addresses)));

export function reachabilityEdges(index: PodClassIndex, compiled: CompiledPolicies): ReachabilityEdge[] {
  const { open, isolating, policies, hostNetwork } = compiled;
  const size = index.classes.length;
  const edges: ReachabilityEdge[] = [];
  const podClass = (id: number) => index.classes[id];

  // Open source, open destination: one edge for all of them.
  if (!open.egress.isEmpty() && !open.ingress.isEmpty())
    edges.push({ from: classesEnd(open.egress.members()), to: classesEnd(open.ingress.members()), ports: allPorts });

  for (const entry of policies) {
    if (entry.selected.length === 0) continue;
    // Isolated destination, open source: the ingress rule alone decides.
    for (const rule of entry.rules.ingress) {
      const sources = rule.podSources.intersection(open.egress);
      if (rule.admitsNodeAddresses) sources.unionWith(hostNetwork);
      if (sources.isEmpty()) continue;
      for (const { ports, ids } of byPorts(entry.selected, (id) => rulePorts(rule, podClass(id))).values())
        edges.push({ from: classesEnd(sources.members()), to: classesEnd(ids), ports, ingressRule: ruleRef(entry, rule) });
    }
    // Isolated source, open destination: the egress rule alone decides.
    for (const rule of entry.rules.egress) {
      const destinations = rule.podSources.intersection(open.ingress);
      if (rule.admitsNodeAddresses) destinations.unionWith(hostNetwork);
      for (const { ports, ids } of byPorts(destinations.members(), (id) => rulePorts(rule, podClass(id))).values())
        edges.push({ from: classesEnd(entry.selected), to: classesEnd(ids), ports, egressRule: ruleRef(entry, rule) });
    }
    // Both isolated: an egress rule of the source and an ingress rule of the destination must both admit.
    const selected = BitSet.of(size, entry.selected);
    for (const egressRule of entry.rules.egress) {
      const buckets = new Map<string, { ingress: RuleRef; ports: PortSet; sources: BitSet; ids: number[] }>();
      const sourcesMemo = new Map<string, BitSet | null>();
      for (const destination of egressRule.podSources.difference(open.ingress).members()) {
        const egressPorts = rulePorts(egressRule, podClass(destination));
        for (const policyIndex of isolating.ingress[destination]) {
          const ingressEntry = policies[policyIndex];
          for (const ingressRule of ingressEntry.rules.ingress) {
            const pairKey = `${policyIndex}:${ingressRule.rule.index}`;
            let sources = sourcesMemo.get(pairKey);
            if (sources === undefined) {
              const both = selected.intersection(ingressRule.podSources);
              sourcesMemo.set(pairKey, (sources = both.isEmpty() ? null : both));
            }
            if (sources === null) continue;
            const ports = intersectPorts(egressPorts, rulePorts(ingressRule, podClass(destination)));
            if (isEmptyPortSet(ports)) continue;
            const bucketKey = `${pairKey}|${portSetKey(ports)}`;
            const bucket = buckets.get(bucketKey);
            if (bucket === undefined) buckets.set(bucketKey, { ingress: ruleRef(ingressEntry, ingressRule), ports, sources, ids: [destination] });
            else bucket.ids.push(destination);
          }
        }
      }
      for (const bucket of buckets.values())
        edges.push({ from: classesEnd(bucket.sources.members()), to: classesEnd(bucket.ids), ports: bucket.ports, ingressRule: bucket.ingress, egressRule: ruleRef(entry, egressRule) });
    }
  }
  edges.push(...outsideEdges(index, compiled));
  return edges;
}

/** Internet → pods, pods → internet, pods → cloud metadata endpoint. */
function outsideEdges(index: PodClassIndex, compiled: CompiledPolicies): ReachabilityEdge[] {
  const { open, policies } = compiled;
  const edges: ReachabilityEdge[] = [];
  const internet: EdgeEnd = { kind: 'internet' };
  if (!open.ingress.isEmpty()) edges.push({ from: internet, to: classesEnd(open.ingress.members()), ports: allPorts });
  for (const entry of policies)
    for (const rule of entry.rules.ingress) {
      if (entry.selected.length === 0 || !admitsAddresses(rule, internetAddresses)) continue;
      for (const { ports, ids } of byPorts(entry.selected, (id) => rulePorts(rule, index.classes[id])).values())
        edges.push({ from: internet, to: classesEnd(ids), ports, ingressRule: ruleRef(entry, rule) });
    }
  const outside: Array<[EdgeEnd, AddressSet]> = [
    [internet, internetAddresses],
    [{ kind: 'cloud-metadata' }, cloudMetadataAddresses],
  ];
  for (const [end, addresses] of outside) {
    if (!open.egress.isEmpty()) edges.push({ from: classesEnd(open.egress.members()), to: end, ports: allPorts });
    for (const entry of policies)
      for (const rule of entry.rules.egress) {
        if (entry.selected.length === 0 || !admitsAddresses(rule, addresses)) continue;
        const ports = rulePorts(rule, undefined);
        if (!isEmptyPortSet(ports)) edges.push({ from: classesEnd(entry.selected), to: end, ports, egressRule: ruleRef(entry, rule) });
      }
  }
  return edges;
}

/** class id → the classes it reaches on some port: the union of the class-to-class edges. */
export function reachMatrix(size: number, edges: readonly ReachabilityEdge[]): BitSet[] {
  const rows = Array.from({ length: size }, () => new BitSet(size));
  for (const edge of edges) {
    if (edge.from.kind !== 'classes' || edge.to.kind !== 'classes') continue;
    const targets = BitSet.of(size, edge.to.classIds);
    for (const source of edge.from.classIds) rows[source].unionWith(targets);
  }
  return rows;
}
