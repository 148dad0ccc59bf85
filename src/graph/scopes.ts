/** The position a grant's scope gives: one namespace's, or, for a cluster-wide grant, the junction over all of them. */
import type { BuildContext } from './context.js';
import { everyNamespaceNode, everySecretNode, everyWorkloadNode, namespaceNode, secretsOfNode, workloadsInNode } from './nodes.js';
import { CLUSTER_SCOPE } from './permissions.js';

export function runPodsIn(context: BuildContext, scope: string): number {
  return scope === CLUSTER_SCOPE ? everyNamespaceNode(context.graph) : namespaceNode(context.graph, scope);
}

export function workloadsOf(context: BuildContext, scope: string): number {
  return scope === CLUSTER_SCOPE ? everyWorkloadNode(context.graph) : workloadsInNode(context.graph, scope);
}

export function secretsOf(context: BuildContext, scope: string): number {
  return scope === CLUSTER_SCOPE ? everySecretNode(context.graph) : secretsOfNode(context.graph, scope);
}

export function scopeText(scope: string): string {
  return scope === CLUSTER_SCOPE ? 'in every namespace' : `in namespace ${scope}`;
}
