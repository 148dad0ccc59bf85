/** Secret nodes by name within a scope: for grants limited by resourceNames. */
import type { BuildContext } from './context.js';
import { secretId } from './nodes.js';
import { CLUSTER_SCOPE } from './permissions.js';

/** In namespace order, then in the order of `names`: what looking each (namespace, name) up in turn gives. */
export function namedSecretNodes(context: BuildContext, scope: string, names: readonly string[]): number[] {
  if (scope !== CLUSTER_SCOPE) {
    const out: number[] = [];
    for (const name of names) {
      const node = context.graph.find(secretId(scope, name));
      if (node !== undefined) out.push(node);
    }
    return out;
  }
  // Cluster-wide: the Secrets of these names, wherever they are, rather than every namespace times every name (a
  // cluster-wide grant on a few named Secrets, held by thousands of accounts, over thousands of namespaces).
  const namespaces = context.namespaces();
  const rank = namespaceRanks(namespaces);
  const found: Array<{ namespaceRank: number; nameIndex: number; node: number }> = [];
  const byName = secretsByName(context);
  names.forEach((name, nameIndex) => {
    for (const { namespace, node } of byName.get(name) ?? []) {
      const namespaceRank = rank.get(namespace);
      if (namespaceRank !== undefined) found.push({ namespaceRank, nameIndex, node });
    }
  });
  found.sort((a, b) => a.namespaceRank - b.namespaceRank || a.nameIndex - b.nameIndex);
  // A name listed twice is looked up twice, as it was.
  return found.map((entry) => entry.node);
}

interface SecretsByName {
  /** How many graph nodes have been read. */
  read: number;
  byName: Map<string, Array<{ namespace: string; node: number }>>;
}

const secretIndexes = new WeakMap<BuildContext, SecretsByName>();

/** Secret nodes by name, kept up to date by reading the nodes added since the last call (nodes are only appended). */
function secretsByName(context: BuildContext): Map<string, Array<{ namespace: string; node: number }>> {
  let index = secretIndexes.get(context);
  if (index === undefined) secretIndexes.set(context, (index = { read: 0, byName: new Map() }));
  const nodes = context.graph.nodes;
  for (; index.read < nodes.length; index.read++) {
    const node = nodes[index.read];
    if (!node.id.startsWith('secret:')) continue;
    const slash = node.id.indexOf('/');
    const namespace = node.id.slice('secret:'.length, slash);
    const name = node.id.slice(slash + 1);
    const list = index.byName.get(name);
    if (list) list.push({ namespace, node: node.index });
    else index.byName.set(name, [{ namespace, node: node.index }]);
  }
  return index.byName;
}

const ranks = new WeakMap<readonly string[], Map<string, number>>();

function namespaceRanks(namespaces: readonly string[]): Map<string, number> {
  let rank = ranks.get(namespaces);
  if (rank === undefined) ranks.set(namespaces, (rank = new Map(namespaces.map((namespace, index) => [namespace, index]))));
  return rank;
}
