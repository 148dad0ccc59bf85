import { describe, expect, it } from 'vitest';
import { objectKey, type ObjectRef } from '../model/object.js';
import { GraphBuilder, type AttackGraph } from './graph.js';
import { enabledEdges, rulesOf, WORKLOAD_KINDS } from './risk-evidence.js';
import type { Difficulty, Evidence } from './types.js';
import type { Finding } from '../engine/finding.js';
import { findingEvidence } from './evidence.js';

/** The straightforward computation enabledEdges replaces: every piece of evidence of every edge, keyed by string. */
function straightforward(graph: AttackGraph): { byFinding: Map<string, number[]>; byObject: Map<string, number[]> } {
  const byFinding = new Map<string, number[]>();
  const byObject = new Map<string, number[]>();
  const push = (map: Map<string, number[]>, key: string, edge: number): void => {
    const list = map.get(key);
    if (!list) map.set(key, [edge]);
    else if (list.length < 32) list.push(edge);
  };
  for (const edge of graph.edges) {
    for (const evidence of edge.evidence) {
      if (evidence.finding) push(byFinding, evidence.finding, edge.index);
      else if (!WORKLOAD_KINDS.has(evidence.object.kind)) push(byObject, objectKey(evidence.object), edge.index);
    }
  }
  return { byFinding, byObject };
}

function randomGraph(seed: number): { graph: AttackGraph; refs: ObjectRef[]; findings: Finding[] } {
  let state = seed;
  const next = (limit: number): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % limit;
  };
  // Fresh ref objects with repeated content: evidence made at different times about the same object.
  const refs: ObjectRef[] = [];
  const refOf = (): ObjectRef => {
    const ref: ObjectRef = { apiVersion: 'v1', kind: ['RoleBinding', 'Role', 'NetworkPolicy', 'Deployment', 'Pod'][next(5)], name: `n${next(4)}`, namespace: `ns${next(2)}` };
    refs.push(ref);
    return { ...ref };
  };
  // Findings as evidence, read through the finding; two finding objects may share a fingerprint.
  const findings = Array.from({ length: 8 }, (_, index) => ({ object: refOf(), fingerprint: `rule-${index % 3}@${index % 5}`, message: 'm' }) as unknown as Finding);
  const pieceOf = (): Evidence => {
    const kind = next(4);
    if (kind === 0) return { object: refOf(), finding: `rule-${next(3)}@${next(40)}` };
    if (kind === 1) return findingEvidence(findings[next(findings.length)]);
    return { object: refOf() };
  };
  const builder = new GraphBuilder();
  const nodes = Array.from({ length: 30 }, (_, index) => builder.node({ id: `n${index}`, kind: 'workload', label: `n${index}` }));
  // One grant's evidence on 40 edges in a row: more than the 32 positions kept.
  const grant = [pieceOf(), pieceOf()];
  for (let to = 1; to <= 40 && to < nodes.length; to++) builder.edge(nodes[0], nodes[to], 'GRANT', 'easy', grant);
  for (let to = 0; to < 12; to++) builder.edge(nodes[1], nodes[to], 'GRANT', 'easy', grant);
  let evidence: Evidence[] = [];
  for (let step = 0; step < 3000; step++) {
    // Often the previous edge's array again, as a grant's edges to every service account share one.
    if (next(3) !== 0) evidence = Array.from({ length: next(4) }, pieceOf);
    const difficulty = (['trivial', 'easy', 'hard'] as Difficulty[])[next(3)];
    builder.edge(nodes[next(30)], nodes[next(30)], `T${next(3)}`, difficulty, evidence);
  }
  return { graph: builder.seal([]), refs, findings };
}

describe('edges enabled by findings and objects', () => {
  it('lists, for every fingerprint and object, the edges the straightforward pass lists', () => {
    for (const seed of [1, 2, 3]) {
      const { graph, refs, findings } = randomGraph(seed);
      const expected = straightforward(graph);
      const found = enabledEdges(graph);
      const edgesOf = (list: number | undefined): number[] | undefined => (list === undefined ? undefined : found.lists.edgesOf(list));
      expect(new Map([...found.byFinding].map(([fingerprint, list]) => [fingerprint, edgesOf(list)] as const).sort())).toEqual(new Map([...expected.byFinding].sort()));
      const capped = [...expected.byObject.values()].some((list) => list.length === 32);
      expect(capped).toBe(true);
      for (const ref of refs) expect([objectKey(ref), edgesOf(found.byObject.get(ref))]).toEqual([objectKey(ref), expected.byObject.get(objectKey(ref))]);
      // A finding that is evidence is found by identity, with the list of its fingerprint.
      const cited = findings.filter((finding) => found.byFindingObject.has(finding));
      expect(cited.length).toBeGreaterThan(0);
      for (const finding of cited) expect(found.byFindingObject.get(finding)).toBe(found.byFinding.get(finding.fingerprint));
    }
  });

  it('names the rules of fingerprints, or none when one has no rule prefix', () => {
    expect(rulesOf(['host-pid@0123', 'host-pid@4567', 'privileged-container@89ab'])).toEqual(new Set(['host-pid', 'privileged-container']));
    expect(rulesOf(['host-pid@0123', 'legacy-fingerprint'])).toBeUndefined();
  });
});
