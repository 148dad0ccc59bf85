/** Test support: the attack graph of YAML text, built the way the paths command builds it. */
import { parseManifestText } from '../load/parse-text.js';
import { SourceLocator } from '../load/locate.js';
import type { AnalysisOptions } from '../engine/options.js';
import type { Locate } from '../engine/run-rules.js';
import { attackGraphOfObjects } from './index.js';
import type { AttackGraph } from './graph.js';

export interface TextGraph {
  graph: AttackGraph;
  locate: Locate;
}

export function graphOfText(text: string, options: Partial<AnalysisOptions> = {}, file = 'test.yaml'): TextGraph {
  const parsed = parseManifestText(text, file);
  const locator = new SourceLocator(new Map([[file, text]]));
  const locate: Locate = (source, path) => locator.locate(source, path);
  return { graph: attackGraphOfObjects(parsed.objects, options, new Date('2026-01-01T00:00:00Z'), locate), locate };
}

/** `from -> to [TECHNIQUE]` for every edge, for readable assertions. */
export function edgeList(graph: AttackGraph): string[] {
  return graph.edges.map((edge) => `${graph.nodes[edge.from].id} -> ${graph.nodes[edge.to].id} [${edge.technique}]`);
}

export function hasEdge(graph: AttackGraph, from: string, to: string, technique: string): boolean {
  const source = graph.nodeById(from);
  const target = graph.nodeById(to);
  return source !== undefined && target !== undefined && graph.outgoing(source.index).some((edge) => edge.to === target.index && edge.technique === technique);
}
