/**
 * What a person types for --from and --to, resolved to graph nodes: a node id (workload:Deployment/shop/api),
 * an object key (Deployment/shop/api, ServiceAccount/shop/api), an entry point or jewel category name (internet,
 * anonymous, authenticated, credentials, any-workload; cluster-admin, kube-system, node, secrets, cloud), or a
 * label (case-insensitive); failing those, every node whose id or label contains the text.
 */
import type { AttackGraph } from './graph.js';
import type { GraphNode } from './types.js';

const ENTRY_ALIASES: Readonly<Record<string, string>> = { 'any-workload': 'compromised-workload', workload: 'compromised-workload', 'compromised-workload': 'compromised-workload' };

export function resolveNodes(graph: AttackGraph, text: string): number[] {
  const wanted = text.trim();
  const exact = graph.nodeById(wanted) ?? graph.nodeById(`workload:${wanted}`) ?? byObjectKey(graph, wanted);
  if (exact) return [exact.index];
  const entryKind = ENTRY_ALIASES[wanted] ?? wanted;
  const entries = graph.nodes.filter((node) => node.entry === entryKind);
  if (entries.length > 0) return entries.map((node) => node.index);
  const lower = wanted.toLowerCase();
  const labelled = graph.nodes.filter((node) => !node.hub && node.label.toLowerCase() === lower);
  if (labelled.length > 0) return labelled.map((node) => node.index);
  return graph.nodes.filter((node) => !node.hub && (node.id.toLowerCase().includes(lower) || node.label.toLowerCase().includes(lower))).map((node) => node.index);
}

/** Like resolveNodes, but a crown-jewel category (node, secrets, cloud, …) names every jewel of it. */
export function resolveTargets(graph: AttackGraph, text: string): number[] {
  const wanted = text.trim();
  const category = wanted === 'nodes' ? 'node' : wanted;
  const jewels = graph.nodes.filter((node) => node.jewel?.category === category || (category === 'node' && node.jewel?.category === 'every-node'));
  if (jewels.length > 0 && !graph.nodeById(wanted)) return jewels.map((node) => node.index);
  return resolveNodes(graph, wanted);
}

function byObjectKey(graph: AttackGraph, text: string): GraphNode | undefined {
  const parts = text.split('/');
  if (parts.length === 3 && parts[0] === 'ServiceAccount') return graph.nodeById(`sa:${parts[1]}/${parts[2]}`);
  if (parts.length === 3 && parts[0] === 'Secret') return graph.nodeById(`secret:${parts[1]}/${parts[2]}`);
  if (parts.length === 2 && parts[0] === 'Namespace') return graph.nodeById(`namespace:${parts[1]}`);
  if (parts.length === 2 && parts[0] === 'Node') return graph.nodeById(`node:${parts[1]}`);
  return undefined;
}
