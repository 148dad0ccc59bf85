/**
 * The allowed pod-to-pod and pod-to-outside relation as a compact list of edges for the attack graph.
 * Each edge is a product: every class of `from` reaches every class of `to` on `ports`. The union of the edges is
 * exactly what canReach allows. Edges are built per policy rule, split four ways by whether the source's egress and
 * the destination's ingress are isolated, so open pods are covered by one edge instead of every pair.
 */
import type { CompiledPolicies } from './compiled-policies.js';
import { classesEnd, edgeOf, portsByDestination, ruleRef, type ReachabilityEdge } from './edge-model.js';
import { isolatedPairEdges } from './edges-isolated-pairs.js';
import { outsideEdges } from './edges-outside.js';
import type { PodClassIndex } from './pod-classes.js';
import { allPorts } from './ports.js';

export type { EdgeEnd, ReachabilityEdge, RuleRef } from './edge-model.js';

export function reachabilityEdges(index: PodClassIndex, compiled: CompiledPolicies): ReachabilityEdge[] {
  const { open, policies, hostNetwork } = compiled;
  const edges: ReachabilityEdge[] = [];

  // Open source, open destination: one edge for all of them.
  if (!open.egress.isEmpty() && !open.ingress.isEmpty())
    edges.push(edgeOf(classesEnd(open.egress.members()), classesEnd(open.ingress.members()), allPorts, [], []));

  for (const entry of policies) {
    if (entry.selected.length === 0) continue;
    // Isolated destination, open source: the ingress rule alone decides.
    for (const rule of entry.rules.ingress) {
      const sources = rule.podSources.intersection(open.egress);
      if (rule.admitsNodeAddresses) sources.unionWith(hostNetwork);
      if (sources.isEmpty()) continue;
      const from = classesEnd(sources.members());
      for (const { ports, ids } of portsByDestination(rule, entry.selected, index)) edges.push(edgeOf(from, classesEnd(ids), ports, [ruleRef(entry, rule)], []));
    }
    // Isolated source, open destination: the egress rule alone decides.
    for (const rule of entry.rules.egress) {
      const destinations = rule.podSources.intersection(open.ingress);
      if (rule.admitsNodeAddresses) destinations.unionWith(hostNetwork);
      for (const { ports, ids } of portsByDestination(rule, destinations.members(), index))
        edges.push(edgeOf(classesEnd(entry.selected), classesEnd(ids), ports, [], [ruleRef(entry, rule)]));
    }
  }
  return edges.concat(isolatedPairEdges(index, compiled), outsideEdges(index, compiled));
}
