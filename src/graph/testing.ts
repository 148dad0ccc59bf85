/** Test support: the attack graph of YAML text, built the way analyze() builds it. */
import { parseManifestText } from '../load/parse-text.js';
import { SourceLocator } from '../load/locate.js';
import { buildEstate } from '../model/estate.js';
import { runRules } from '../engine/run-rules.js';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../engine/options.js';
import { findRule } from '../rules/index.js';
import type { Rule } from '../rules/define-rule.js';
import type { Locate } from '../engine/run-rules.js';
import { buildAttackGraph, GRAPH_RULE_IDS } from './index.js';
import type { AttackGraph } from './graph.js';

export interface TextGraph {
  graph: AttackGraph;
  locate: Locate;
}

export function graphOfText(text: string, options: Partial<AnalysisOptions> = {}, file = 'test.yaml'): TextGraph {
  const parsed = parseManifestText(text, file);
  const locator = new SourceLocator(new Map([[file, text]]));
  const locate: Locate = (source, path) => locator.locate(source, path);
  const merged = { ...DEFAULT_OPTIONS, ...options };
  const estate = buildEstate(parsed.objects, { defaultNamespace: merged.defaultNamespace });
  const rules = GRAPH_RULE_IDS.map(findRule).filter((rule): rule is Rule => rule !== undefined);
  const findings = runRules(estate, rules, merged, locate, new Date('2026-01-01T00:00:00Z'));
  const graph = buildAttackGraph({ estate, findings, options: { defaultNamespace: merged.defaultNamespace, ...(merged.crownJewels ? { crownJewels: merged.crownJewels } : {}) } });
  return { graph, locate };
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
