/**
 * risk.ts leaves out of a search the positions an earlier search shows cannot be on the paths it reads; on random
 * graphs, the answers it reads must be those of the full search, path and origin included.
 */
import { describe, expect, it } from 'vitest';
import { GraphBuilder, type AttackGraph } from './graph.js';
import { passedThrough, search, type SearchResult } from './search.js';
import { DIFFICULTIES } from './types.js';

function randomGraph(seed: number, size: number, edges: number): { graph: AttackGraph; next: (limit: number) => number } {
  let state = seed;
  const next = (limit: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % limit;
  };
  const builder = new GraphBuilder();
  const nodes = Array.from({ length: size }, (_, index) => builder.node({ id: `n${index}`, kind: 'workload', label: `n${index}` }));
  for (let step = 0; step < edges; step++) builder.edge(nodes[next(size)], nodes[next(size)], `T${next(3)}`, DIFFICULTIES[next(DIFFICULTIES.length)]);
  return { graph: builder.seal([]), next };
}

const pick = (next: (limit: number) => number, size: number, count: number): number[] => Array.from({ length: count }, () => next(size));

function answersAt(result: SearchResult, node: number): unknown[] {
  return [result.cost[node], result.via[node], result.origin[node]];
}

describe('searches that leave positions out', () => {
  it('go on from a settled position the earlier search stopped at, when it is one of their sources', () => {
    const builder = new GraphBuilder();
    const [entry, admin, beyond] = ['entry', 'admin', 'beyond'].map((id) => builder.node({ id, kind: 'workload', label: id }));
    builder.edge(entry, admin, 'T', 'easy');
    builder.edge(admin, beyond, 'T', 'easy');
    const graph = builder.seal([]);
    const settled = new Uint8Array(3);
    settled[admin] = 1;
    const first = search(graph, [entry], false, settled);
    expect(Number.isFinite(first.cost[beyond])).toBe(false);
    const pruned = search(graph, [admin], false, settled, passedThrough(first, settled));
    expect(answersAt(pruned, beyond)).toEqual(answersAt(search(graph, [admin], false, settled), beyond));
  });

  it('answer as the full search where the earlier search did not reach (forward, with settled positions)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const { graph, next } = randomGraph(seed, 60, 150);
      const settled = new Uint8Array(60);
      const settledNodes = pick(next, 60, 6);
      for (const node of settledNodes) settled[node] = 1;
      const first = search(graph, pick(next, 60, 2), false, settled);
      // Settled positions among the sources too: the second search goes on from them, the first stopped there.
      const sources = [...pick(next, 60, 3), ...settledNodes.slice(0, 2)];
      const full = search(graph, sources, false, settled);
      const pruned = search(graph, sources, false, settled, passedThrough(first, settled));
      for (let node = 0; node < 60; node++) {
        if (Number.isFinite(first.cost[node])) continue;
        compared++;
        expect(answersAt(pruned, node)).toEqual(answersAt(full, node));
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('answer as the full search where no earlier level reached (reverse, level after level)', () => {
    let compared = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { graph, next } = randomGraph(seed, 60, 80);
      const reached = new Uint8Array(60);
      for (let level = 0; level < 3; level++) {
        const sources = pick(next, 60, 3);
        const full = search(graph, sources, true);
        const pruned = search(graph, sources, true, undefined, reached);
        for (let node = 0; node < 60; node++) {
          if (reached[node]) continue;
          compared++;
          expect(answersAt(pruned, node)).toEqual(answersAt(full, node));
        }
        for (let node = 0; node < 60; node++) if (Number.isFinite(full.cost[node])) reached[node] = 1;
      }
    }
    expect(compared).toBeGreaterThan(200);
  });
});
