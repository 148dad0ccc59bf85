/** Everything the compromise of one position reaches, with the crown jewels among it: one forward search. */
import type { AttackGraph } from './graph.js';
import { compactSteps } from './paths.js';
import { pathTo, search } from './search.js';
import type { GraphNode, NodeKind } from './types.js';

export interface BlastRadius {
  from: GraphNode;
  /** Positions reachable, junctions left out, the start excluded. */
  reachable: number;
  byKind: Partial<Record<NodeKind, number>>;
  /** Crown jewels reached, most valuable first, with the likelihood and length of the best path. */
  jewels: Array<{ node: GraphNode; likelihood: number; steps: number }>;
}

export function blastRadius(graph: AttackGraph, start: number): BlastRadius {
  const result = search(graph, [start]);
  const byKind: Partial<Record<NodeKind, number>> = {};
  const jewels: BlastRadius['jewels'] = [];
  let reachable = 0;
  for (const node of graph.nodes) {
    if (node.index === start || node.hub || !Number.isFinite(result.cost[node.index])) continue;
    reachable++;
    byKind[node.kind] = (byKind[node.kind] ?? 0) + 1;
    if (node.jewel) {
      const edges = pathTo(graph, result, node.index) ?? [];
      jewels.push({ node, likelihood: Math.exp(-result.cost[node.index]), steps: compactSteps(graph, edges).length });
    }
  }
  jewels.sort((a, b) => b.node.jewel!.value - a.node.jewel!.value || b.likelihood - a.likelihood || (a.node.id < b.node.id ? -1 : 1));
  return { from: graph.nodes[start], reachable, byKind, jewels };
}
