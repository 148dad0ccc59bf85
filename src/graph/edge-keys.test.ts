import { describe, expect, it } from 'vitest';
import { EdgeKeys } from './edge-keys.js';
import { GraphBuilder, WEIGHT_OF_RANK } from './graph.js';
import { DIFFICULTIES, SUCCESS_PROBABILITY, type Difficulty, type Evidence } from './types.js';

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('edge keys', () => {
  it('finds every key added and no other, as a Map keyed by the triple does', () => {
    for (const seed of [1, 2, 3]) {
      const next = random(seed);
      const keys = new EdgeKeys();
      const expected = new Map<string, number>();
      // Few nodes and techniques: many repeated keys, and tables grown several times.
      const disagreements: string[] = [];
      for (let step = 0; step < 20_000; step++) {
        const from = Math.floor(next() * 300);
        const to = Math.floor(next() * 300);
        const technique = Math.floor(next() * 5);
        const text = `${from} ${to} ${technique}`;
        const found = keys.indexOf(from, to, technique);
        if (found !== (expected.get(text) ?? -1)) disagreements.push(`${text}: ${found}`);
        if (found === -1) expected.set(text, keys.append(from, to, technique));
      }
      expect(disagreements).toEqual([]);
      expect(keys.count).toBe(expected.size);
      const stored = [...expected.values()].map((index) => `${keys.fromOf(index)} ${keys.toOf(index)} ${keys.techniqueOf(index)}`);
      expect(stored).toEqual([...expected.keys()]);
    }
  });
});

describe('edge keys, found or added in one step', () => {
  it('gives the index of a known key, and adds a new one with the next index, as a Map keyed by the triple does', () => {
    for (const seed of [4, 5]) {
      const next = random(seed);
      const keys = new EdgeKeys();
      const expected = new Map<string, number>();
      const disagreements: string[] = [];
      // Enough keys to grow the table several times, with hashes that collide in its low bits.
      for (let step = 0; step < 60_000; step++) {
        const from = Math.floor(next() * 2000);
        const to = Math.floor(next() * 40);
        const technique = Math.floor(next() * 3);
        const text = `${from} ${to} ${technique}`;
        const known = expected.get(text);
        const found = keys.indexOrAdd(from, to, technique);
        if (known === undefined) {
          if (found !== -expected.size - 1) disagreements.push(`${text}: added as ${found}`);
          expected.set(text, expected.size);
        } else if (found !== known) disagreements.push(`${text}: ${found}, not ${known}`);
      }
      expect(disagreements).toEqual([]);
      expect(keys.count).toBe(expected.size);
      for (const [text, index] of expected) expect(keys.indexOf(...(text.split(' ').map(Number) as [number, number, number]))).toBe(index);
    }
  });
});

describe('edge key columns', () => {
  it('hold every key and rank in edge order, past the first chunks, as plain arrays of them do', () => {
    const next = random(6);
    const keys = new EdgeKeys();
    const expected: Array<[number, number, number, number]> = [];
    // More than two chunks of 65,536 edges, with the first chunk grown from its small start.
    for (let step = 0; step < 150_000; step++) {
      const from = Math.floor(next() * 100_000);
      const to = Math.floor(next() * 100_000);
      const technique = Math.floor(next() * 40);
      const index = keys.indexOrAdd(from, to, technique);
      if (index >= 0) continue;
      const rank = Math.floor(next() * 5);
      keys.setRank(-index - 1, rank);
      expected.push([from, to, technique, rank]);
    }
    const { from, to, technique, rank } = keys.columns();
    expect(expected.length).toBeGreaterThan(2 * 65_536);
    expect([from.length, to.length, technique.length, rank.length]).toEqual(Array(4).fill(expected.length));
    const columns = expected.map((_, index) => [from[index], to[index], technique[index], rank[index]]);
    expect(columns).toEqual(expected);
    expect(expected.map((_, index) => [keys.fromOf(index), keys.toOf(index), keys.techniqueOf(index), keys.rankOf(index)])).toEqual(expected);
  });
});

describe('graph builder evidence', () => {
  const evidence = (detail: string): Evidence => ({ object: { apiVersion: 'v1', kind: 'Pod', name: detail }, detail });

  it('keeps an evidence list shared by several edges intact when one of them gains more', () => {
    const builder = new GraphBuilder();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => builder.node({ id, kind: 'workload', label: id }));
    const shared = [evidence('grant')];
    builder.edge(a, b, 'T', 'easy', shared);
    builder.edge(a, c, 'T', 'easy', shared);
    builder.edge(a, b, 'T', 'easy', [evidence('second')]);
    builder.edge(a, c, 'T', 'trivial', [evidence('easier')]);
    const graph = builder.seal([]);
    expect(shared.map((item) => item.detail)).toEqual(['grant']);
    expect(graph.edges.map((edge) => [edge.difficulty, edge.evidence.map((item) => item.detail)])).toEqual([
      ['easy', ['grant', 'second']],
      ['trivial', ['easier', 'grant']],
    ]);
  });

  it('gives edges merged with the same evidence the evidence merging each anew gives, the same slot when they shared one', () => {
    const builder = new GraphBuilder();
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((id) => builder.node({ id, kind: 'workload', label: id }));
    const grant = [evidence('grant')];
    const other = [evidence('other')];
    for (const to of [b, c]) builder.edge(a, to, 'T', 'easy', grant);
    builder.edge(a, d, 'T', 'easy', other);
    const second = [evidence('second')];
    // Appended after the known evidence: b and c share theirs, d's differs (the last merge must not be reused for it).
    for (const to of [b, c, d]) builder.edge(a, to, 'T', 'easy', second);
    const easier = [evidence('easier')];
    // An easier way: its evidence first, into slots that again are shared by b and c and not by d.
    for (const to of [b, c, d]) builder.edge(a, to, 'T', 'trivial', easier);
    const graph = builder.seal([]);
    expect(graph.edges.map((edge) => [edge.difficulty, edge.evidence.map((item) => item.detail)])).toEqual([
      ['trivial', ['easier', 'grant', 'second']],
      ['trivial', ['easier', 'grant', 'second']],
      ['trivial', ['easier', 'other', 'second']],
    ]);
    expect(graph.evidenceSlots[0]).toBe(graph.evidenceSlots[1]);
    expect([grant, other, second, easier].map((list) => list.length)).toEqual([1, 1, 1, 1]);
  });

  it('keeps at most four pieces of evidence per edge', () => {
    const builder = new GraphBuilder();
    const [a, b] = ['a', 'b'].map((id) => builder.node({ id, kind: 'workload', label: id }));
    builder.edge(a, b, 'T', 'easy', ['1', '2', '3', '4', '5'].map(evidence));
    builder.edge(a, b, 'T', 'easy', [evidence('6')]);
    expect(builder.seal([]).edges[0].evidence.map((item) => item.detail)).toEqual(['1', '2', '3', '4']);
  });
});

describe('sealed graph', () => {
  it('has the edges, adjacency and weights that merging every added edge by hand gives', () => {
    const next = random(9);
    const builder = new GraphBuilder();
    const nodes = Array.from({ length: 40 }, (_, index) => builder.node({ id: `n${index}`, kind: 'workload', label: `n${index}` }));
    // The straightforward model: one entry per (from, to, technique), the easiest difficulty and its evidence first.
    const model = new Map<string, { from: number; to: number; technique: string; difficulty: Difficulty; evidence: string[] }>();
    // Repeated keys with other difficulties and evidence: merged edges whose difficulty changes after they were made.
    for (let step = 0; step < 600; step++) {
      const [from, to] = [nodes[Math.floor(next() * 40)], nodes[Math.floor(next() * 40)]];
      const technique = `T${Math.floor(next() * 2)}`;
      const difficulty = DIFFICULTIES[Math.floor(next() * 5)];
      const evidence = Array.from({ length: Math.floor(next() * 3) }, (_, item) => `${step}.${item}`);
      builder.edge(from, to, technique, difficulty, evidence.map((detail) => ({ object: { apiVersion: 'v1', kind: 'Pod', name: detail }, detail })));
      if (from === to) continue;
      const key = `${from} ${to} ${technique}`;
      const known = model.get(key);
      if (!known) model.set(key, { from, to, technique, difficulty, evidence: evidence.slice(0, 4) });
      else if (DIFFICULTIES.indexOf(difficulty) < DIFFICULTIES.indexOf(known.difficulty)) Object.assign(known, { difficulty, evidence: [...evidence, ...known.evidence].slice(0, 4) });
      else known.evidence = [...known.evidence, ...evidence].slice(0, 4);
    }
    const graph = builder.seal([]);
    const expected = [...model.values()];
    expect(graph.edges.map((edge) => ({ from: edge.from, to: edge.to, technique: edge.technique, difficulty: edge.difficulty, evidence: edge.evidence.map((item) => item.detail) }))).toEqual(expected);
    const weight = (index: number): number => -Math.log(SUCCESS_PROBABILITY[expected[index].difficulty]);
    for (let node = 0; node < nodes.length; node++) {
      const [outFrom, outTo] = [graph.outStart[node], graph.outStart[node + 1]];
      const [inFrom, inTo] = [graph.inStart[node], graph.inStart[node + 1]];
      const out = expected.flatMap((edge, index) => (edge.from === node ? [index] : []));
      const into = expected.flatMap((edge, index) => (edge.to === node ? [index] : []));
      expect([node, [...graph.outEdges.subarray(outFrom, outTo)], [...graph.outTo.subarray(outFrom, outTo)], [...graph.outRank.subarray(outFrom, outTo)].map((rank) => WEIGHT_OF_RANK[rank])]).toEqual([node, out, out.map((index) => expected[index].to), out.map(weight)]);
      expect([node, [...graph.inEdges.subarray(inFrom, inTo)], [...graph.inFrom.subarray(inFrom, inTo)], [...graph.inRank.subarray(inFrom, inTo)].map((rank) => WEIGHT_OF_RANK[rank])]).toEqual([node, into, into.map((index) => expected[index].from), into.map(weight)]);
    }
  });
});
