/**
 * The attack graph: entry points, crown jewels, one module per technique (edges/), the most likely paths between
 * them, the blast radius of any position, and the risk of every finding. Pure: no I/O, no clock.
 */
import type { Estate } from '../model/estate.js';
import type { Finding, FindingRisk } from '../engine/finding.js';
import type { AttackGraphSummary, AttackPath } from '../engine/threat-model.js';
import { DEFAULT_OPTIONS, type AnalysisOptions } from '../engine/options.js';
import { buildEstate } from '../model/estate.js';
import type { K8sObject } from '../model/object.js';
import { locateObjectOnly, runRules, type Locate } from '../engine/run-rules.js';
import type { Rule } from '../rules/define-rule.js';
import { findRule } from '../rules/index.js';
import type { RbacIndex } from '../rbac/index.js';
import type { NetworkAnalysis } from '../network/index.js';
import { buildAttackGraph } from './build.js';
import type { AttackGraph } from './graph.js';
import { materializePath } from './materialize.js';
import { findPaths, type PathQuery } from './paths.js';
import { EDGE_MODULE_LIST } from './registry.js';
import { riskOfFindings } from './risk.js';
import { timed } from '../engine/timings.js';

export { buildAttackGraph, isCrownJewelSpec } from './build.js';
export type { AttackGraph } from './graph.js';
export { findPaths, compactSteps, type FoundPath, type PathQuery } from './paths.js';
export { materializePath, TECHNIQUES, techniqueTitle } from './materialize.js';
export { blastRadius, type BlastRadius } from './blast-radius.js';
export { resolveNodes, resolveTargets } from './query.js';
export { riskOfFindings, RISK_MATRIX } from './risk.js';
export { renderPathsText } from './render/text.js';
export { diagramOfGraph, diagramOfPaths, renderDot, renderMermaid } from './render/diagram.js';
export { EDGE_MODULES, EDGE_MODULE_LIST } from './registry.js';
export type * from './types.js';

/** Rules whose findings the technique modules read. */
export const GRAPH_RULE_IDS: readonly string[] = [...new Set(EDGE_MODULE_LIST.flatMap((module) => module.rules ?? []))].sort();

export interface AttackAnalysisInput {
  estate: Estate;
  /** Every finding of the run, the platform's own included. */
  findings: readonly Finding[];
  /** Findings to give a risk (those reported). */
  reported: readonly Finding[];
  options: AnalysisOptions;
  /** The rules that ran; those the graph needs but the user did not select run here, for the graph only. */
  ranRules: readonly Rule[];
  now: Date;
  locate?: Locate;
  maxPaths?: number;
  rbac?: RbacIndex;
  network?: NetworkAnalysis;
}

/**
 * What the threat model keeps of the attack graph. Not the graph itself: the analysis holds this until its report is
 * made, and the graph (50 MB at 50,000 pods) is garbage once its paths, risks and summary are read.
 */
export interface AttackAnalysis {
  attackPaths: AttackPath[];
  /** The risk of each reported finding: risks[i] is that of input.reported[i]. */
  risks: readonly FindingRisk[];
  summary: AttackGraphSummary;
}

export function analyzeAttacks(input: AttackAnalysisInput): AttackAnalysis {
  const locate = input.locate ?? locateObjectOnly;
  const ran = new Set(input.ranRules.map((rule) => rule.id));
  const missing = GRAPH_RULE_IDS.filter((id) => !ran.has(id)).map(findRule).filter((rule): rule is Rule => rule !== undefined);
  const findings = missing.length > 0 ? [...input.findings, ...runRules(input.estate, missing, input.options, locate, input.now)] : input.findings;
  const graph = timed('graph: build', () => buildAttackGraph({
    estate: input.estate,
    findings,
    options: {
      defaultNamespace: input.options.defaultNamespace,
      ...(input.options.kubernetesVersion ? { kubernetesVersion: input.options.kubernetesVersion } : {}),
      ...(input.options.crownJewels ? { crownJewels: input.options.crownJewels } : {}),
    },
    ...(input.rbac ? { rbac: input.rbac } : {}),
    ...(input.network ? { network: input.network } : {}),
  }));
  const attackPaths = timed('graph: paths', () => topPaths(graph, { max: input.maxPaths ?? 10 }, locate));
  const risks = timed('graph: risks', () => riskOfFindings(graph, input.reported));
  return {
    attackPaths,
    risks,
    summary: summarizeGraph(graph),
  };
}

/**
 * The attack graph of some objects, for questions the threat model does not ask (paths between chosen positions,
 * the blast radius of one workload): only the rules the technique modules read are run.
 */
export function attackGraphOfObjects(objects: readonly K8sObject[], options: Partial<AnalysisOptions>, now: Date, locate: Locate = locateObjectOnly): AttackGraph {
  const merged: AnalysisOptions = { ...DEFAULT_OPTIONS, ...options };
  const estate = buildEstate(objects, { defaultNamespace: merged.defaultNamespace });
  const rules = GRAPH_RULE_IDS.map(findRule).filter((rule): rule is Rule => rule !== undefined);
  return buildAttackGraph({
    estate,
    findings: runRules(estate, rules, merged, locate, now),
    options: {
      defaultNamespace: merged.defaultNamespace,
      ...(merged.kubernetesVersion ? { kubernetesVersion: merged.kubernetesVersion } : {}),
      ...(merged.crownJewels ? { crownJewels: merged.crownJewels } : {}),
    },
  });
}

export function topPaths(graph: AttackGraph, query: PathQuery, locate: Locate = locateObjectOnly): AttackPath[] {
  return findPaths(graph, query).map((path) => materializePath(graph, path, locate));
}

export function summarizeGraph(graph: AttackGraph): AttackGraphSummary {
  return {
    nodes: graph.nodes.filter((node) => !node.hub).length,
    edges: graph.edgeCount,
    entryPoints: graph.entries().length,
    crownJewels: graph.jewels().length,
    notes: [...graph.notes],
  };
}
