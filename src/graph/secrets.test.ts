import { describe, expect, it } from 'vitest';
import { BuildContext } from './context.js';
import { buildEstate } from '../model/estate.js';
import { parseManifestText } from '../load/parse-text.js';
import { secretId, secretNode } from './nodes.js';
import { CLUSTER_SCOPE } from './permissions.js';
import { namedSecretNodes } from './secrets.js';

function secretsText(seed: number): string {
  let state = seed;
  const next = (limit: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % limit;
  };
  return Array.from({ length: 30 }, () => `apiVersion: v1\nkind: Secret\nmetadata: { name: s${next(5)}, namespace: ns${next(6)} }`).join('\n---\n');
}

/** What the lookup gave before: every namespace in order, every name in turn. */
function straightforward(context: BuildContext, names: readonly string[]): number[] {
  const out: number[] = [];
  for (const namespace of context.namespaces()) {
    for (const name of names) {
      const node = context.graph.find(secretId(namespace, name));
      if (node !== undefined) out.push(node);
    }
  }
  return out;
}

describe('named Secrets of a cluster-wide grant', () => {
  it('are those every namespace gives for each name, in the same order, Secrets added later included', () => {
    for (const seed of [1, 2, 3]) {
      const estate = buildEstate(parseManifestText(secretsText(seed), 'test.yaml').objects, { defaultNamespace: 'default' });
      const context = new BuildContext({ estate, findings: [], options: { defaultNamespace: 'default' } });
      for (const secret of estate.byKind.get('Secret') ?? []) secretNode(context.graph, { apiVersion: 'v1', kind: 'Secret', namespace: secret.metadata.namespace, name: secret.metadata.name });
      for (const names of [['s0'], ['s1', 's0'], ['s2', 's2', 's9'], ['s0', 's1', 's2', 's3', 's4']]) {
        expect(namedSecretNodes(context, CLUSTER_SCOPE, names)).toEqual(straightforward(context, names));
      }
      // A Secret node made after the first answer, in a namespace the context knows.
      context.addServiceAccount('zz', 'default');
      secretNode(context.graph, { apiVersion: 'v1', kind: 'Secret', namespace: 'zz', name: 's0' });
      expect(namedSecretNodes(context, CLUSTER_SCOPE, ['s0', 's1'])).toEqual(straightforward(context, ['s0', 's1']));
      expect(namedSecretNodes(context, 'ns1', ['s1', 's0'])).toEqual(['s1', 's0'].map((name) => context.graph.find(secretId('ns1', name))).filter((node) => node !== undefined));
    }
  });
});
