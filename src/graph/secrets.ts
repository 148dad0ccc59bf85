/** Secret nodes by name within a scope: for grants limited by resourceNames. */
import type { BuildContext } from './context.js';
import { secretId } from './nodes.js';
import { CLUSTER_SCOPE } from './permissions.js';

export function namedSecretNodes(context: BuildContext, scope: string, names: readonly string[]): number[] {
  const namespaces = scope === CLUSTER_SCOPE ? context.namespaces() : [scope];
  const out: number[] = [];
  for (const namespace of namespaces) {
    for (const name of names) {
      const node = context.graph.find(secretId(namespace, name));
      if (node !== undefined) out.push(node);
    }
  }
  return out;
}
