import { describe, expect, it } from 'vitest';
import { GraphBuilder, type AttackGraph } from './graph.js';
import { compactStepCount, compactSteps, findPaths } from './paths.js';
import { blastRadius } from './blast-radius.js';
import { resolveNodes, resolveTargets } from './query.js';
import type { Difficulty } from './types.js';

/** A small graph written as edges: `from -> to technique difficulty`; node kinds and flags from the id's prefix. */
function graphOf(edges: string[], setup?: (builder: GraphBuilder) => void): AttackGraph {
  const builder = new GraphBuilder();
  const node = (id: string): number => {
    if (id === 'internet') return builder.node({ id, kind: 'internet', label: 'the internet', entry: 'internet' });
    if (id === 'any') return builder.node({ id, kind: 'any-workload', label: 'any workload', entry: 'compromised-workload' });
    if (id === 'admin') return builder.node({ id, kind: 'cluster-admin', label: 'cluster-admin', jewel: { category: 'cluster-admin', value: 10 } });
    if (id.startsWith('secrets')) return builder.node({ id, kind: 'secrets', label: id, jewel: { category: 'secrets', value: id === 'secrets-all' ? 7 : 5 } });
    if (id.startsWith('node')) return builder.node({ id, kind: 'node', label: id, jewel: { category: 'node', value: 7 } });
    if (id.startsWith('hub')) return builder.node({ id, kind: 'workloads-in', label: id, hub: true });
    return builder.node({ id, kind: 'workload', label: id });
  };
  setup?.(builder);
  for (const line of edges) {
    const [from, , to, technique, difficulty] = line.split(' ');
    builder.edge(node(from), node(to), technique, difficulty as Difficulty);
  }
  return builder.seal([]);
}

const ids = (graph: AttackGraph, edges: number[]): string[] => [graph.nodes[graph.edges[edges[0]].from].id, ...edges.map((edge) => graph.nodes[graph.edges[edge].to].id)];

describe('attack paths', () => {
  it('takes the most likely path, not the shortest', () => {
    const graph = graphOf([
      'internet -> web T-EXPOSE moderate',
      'web -> admin T-DIRECT hard',
      'web -> sa T-TOKEN trivial',
      'sa -> admin T-BIND trivial',
    ]);
    const [best] = findPaths(graph, { to: [graph.nodeById('admin')!.index] });
    expect(ids(graph, best.edges)).toEqual(['internet', 'web', 'sa', 'admin']);
    expect(best.likelihood).toBeCloseTo(0.5 * 0.95 * 0.95);
  });

  it('leaves out a path that passes through a crown jewel worth as much as its end', () => {
    const graph = graphOf(['internet -> web T-EXPOSE moderate', 'web -> admin T-TOKEN trivial', 'admin -> secrets-all T-ALL given']);
    expect(findPaths(graph).map((path) => graph.nodes[path.target].id)).toEqual(['admin']);
  });

  it('leaves out a path through a position that holds a better jewel outright', () => {
    const graph = graphOf(['internet -> web T-EXPOSE moderate', 'web -> sa T-TOKEN trivial', 'sa -> admin T-ADMIN given', 'sa -> secrets-shop T-LIST trivial']);
    expect(findPaths(graph).map((path) => graph.nodes[path.target].id)).toEqual(['admin']);
  });

  it('leaves out a step to a smaller jewel of the same kind when an equally easy sibling reaches a bigger one', () => {
    const graph = graphOf(['internet -> web T-EXPOSE moderate', 'web -> secrets-all T-LIST trivial', 'web -> secrets-shop T-LIST trivial']);
    expect(findPaths(graph).map((path) => graph.nodes[path.target].id)).toEqual(['secrets-all']);
  });

  it('keeps, of two entries reaching a jewel through the same positions, only the more likely', () => {
    const graph = graphOf(['internet -> web T-EXPOSE moderate', 'any -> web T-ASSUME given', 'web -> node-a T-ESCAPE easy']);
    const paths = findPaths(graph);
    expect(paths.map((path) => graph.nodes[path.entry].id)).toEqual(['internet']);
    // The internet's weight (1) beats an assumed breach (0.4), though the breach is certain and the exploit is not.
    expect(paths[0].score).toBeCloseTo(1 * 0.5 * 0.8 * 0.7);
  });

  it('folds junctions and "includes" into the step that enters them', () => {
    const graph = graphOf(['internet -> user T-EXEC trivial', 'user -> hub-shop T-EXEC trivial', 'hub-shop -> app CONTAINS given', 'app -> node-a T-ESCAPE easy'], (builder) =>
      builder.node({ id: 'user', kind: 'identity', label: 'User dev', entry: 'credentials' }),
    );
    const [best] = findPaths(graph, { from: [graph.nodeById('user')!.index] });
    const steps = compactSteps(graph, best.edges);
    expect(steps.map((step) => [graph.nodes[step.from].id, graph.nodes[step.to].id, step.technique])).toEqual([
      ['user', 'app', 'T-EXEC'],
      ['app', 'node-a', 'T-ESCAPE'],
    ]);
  });

  it('counts the steps of any sequence of edges as compactSteps lists them', () => {
    const graph = graphOf(['a -> hub-1 T-EXEC trivial', 'hub-1 -> b CONTAINS given', 'b -> c T-TOKEN easy', 'c -> hub-2 CONTAINS given', 'hub-2 -> hub-1 T-LIST easy', 'a -> b T-EXEC hard', 'c -> a CONTAINS given']);
    let state = 3;
    const differences: string[] = [];
    for (let trial = 0; trial < 2000; trial++) {
      const edges: number[] = [];
      for (let length = trial % 9; length > 0; length--) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        edges.push(state % graph.edges.length);
      }
      if (compactStepCount(graph, edges) !== compactSteps(graph, edges).length) differences.push(edges.join(','));
    }
    expect(differences).toEqual([]);
  });

  it('measures the blast radius of one position: what it reaches, and the jewels among it', () => {
    const graph = graphOf(['web -> sa T-TOKEN trivial', 'sa -> hub-shop T-EXEC trivial', 'hub-shop -> api CONTAINS given', 'api -> node-a T-ESCAPE easy', 'other -> admin T-ADMIN given']);
    const radius = blastRadius(graph, graph.nodeById('web')!.index);
    expect(radius.reachable).toBe(3);
    expect(radius.byKind).toEqual({ workload: 2, node: 1 });
    expect(radius.jewels.map((jewel) => [jewel.node.id, jewel.steps])).toEqual([['node-a', 3]]);
  });
});

describe('positions named on the command line', () => {
  const graph = graphOf(['internet -> workload:Deployment/shop/api T-EXPOSE moderate', 'workload:Deployment/shop/api -> node-a T-ESCAPE easy', 'any -> workload:Deployment/shop/api T-ASSUME given']);

  it('resolves ids, object keys, entry kinds and text', () => {
    expect(resolveNodes(graph, 'Deployment/shop/api')).toEqual([graph.nodeById('workload:Deployment/shop/api')!.index]);
    expect(resolveNodes(graph, 'any-workload')).toEqual([graph.nodeById('any')!.index]);
    expect(resolveNodes(graph, 'shop/API')).toEqual([graph.nodeById('workload:Deployment/shop/api')!.index]);
    expect(resolveNodes(graph, 'nowhere')).toEqual([]);
  });

  it('resolves a crown-jewel category to every jewel of it', () => {
    expect(resolveTargets(graph, 'node')).toEqual([graph.nodeById('node-a')!.index]);
  });
});
