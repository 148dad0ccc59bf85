/**
 * Risk of every finding from the attack graph (docs/risk.md): likelihood from how the attacker reaches the step the
 * finding enables (or the object it is about), impact from the most valuable crown jewel reachable past that step,
 * and the level from the likelihood × impact matrix. Five searches in all, then constant work per finding.
 */
import type { Finding, FindingRisk } from '../engine/finding.js';
import { objectKey } from '../model/object.js';
import type { Severity } from '../taxonomy/index.js';
import type { AttackGraph } from './graph.js';
import { compactSteps } from './paths.js';
import { search, pathTo, type SearchResult } from './search.js';
import { techniqueTitle } from './materialize.js';
import { workloadId, subjectId, namespaceId, secretId } from './nodes.js';

type Level = 1 | 2 | 3 | 4;

/** Rows: impact 1–4; columns: likelihood 1–4. */
export const RISK_MATRIX: Readonly<Record<Level, readonly [Severity, Severity, Severity, Severity]>> = {
  1: ['info', 'info', 'low', 'low'],
  2: ['low', 'low', 'medium', 'medium'],
  3: ['low', 'medium', 'high', 'high'],
  4: ['medium', 'high', 'critical', 'critical'],
};

const SEVERITY_IMPACT: Readonly<Record<Severity, Level>> = { info: 1, low: 1, medium: 2, high: 3, critical: 4 };

export function impactOfJewelValue(value: number): Level {
  return value >= 9 ? 4 : value >= 7 ? 3 : value >= 4 ? 2 : 1;
}

interface Position {
  from: number;
  /** The position the finding's weakness leads to, when it enables an edge. */
  to?: number;
}

export function riskOfFindings(graph: AttackGraph, findings: readonly Finding[]): Map<string, FindingRisk> {
  const entries = graph.entries();
  const adminEquivalent = clusterAdminEquivalents(graph);
  const publicSearch = search(graph, entries.filter((node) => node.entry === 'internet' || node.entry === 'anonymous').map((node) => node.index), false, adminEquivalent);
  const insideSearch = search(graph, entries.filter((node) => node.entry === 'authenticated' || node.entry === 'credentials').map((node) => node.index), false, adminEquivalent);
  const impactSearches = ([4, 3, 2] as const).map((level) => ({
    level,
    result: search(graph, graph.jewels().filter((node) => impactOfJewelValue(node.jewel!.value) === level).map((node) => node.index), true),
  }));
  const byFinding = new Map<string, Position[]>();
  const byObject = new Map<string, Position[]>();
  for (const edge of graph.edges) {
    for (const evidence of edge.evidence) {
      const position = { from: edge.from, to: edge.to };
      if (evidence.finding) push(byFinding, evidence.finding, position);
      else if (!WORKLOAD_KINDS.has(evidence.object.kind)) push(byObject, objectKey(evidence.object), position);
    }
  }

  const likelihoodOf = memo((node: number): { level: Level; reason: string } => {
    if (Number.isFinite(publicSearch.cost[node])) {
      const steps = stepsTo(graph, publicSearch, node);
      const entry = graph.nodes[publicSearch.origin[node]];
      if (steps === 0) return { level: 4, reason: `opens a way in from ${entry.label}` };
      // Directly exposed, and by an ordinary way in (a Service or an Ingress, not a hostPort on a node).
      if (steps <= 1 && Math.exp(-publicSearch.cost[node]) >= 0.5) return { level: 4, reason: `reachable from ${entry.label} directly (${exposureDetail(graph, publicSearch, node)})` };
      return { level: 3, reason: steps <= 1 ? `reachable from ${entry.label} (${exposureDetail(graph, publicSearch, node)})` : `reachable from ${entry.label} in ${steps} steps` };
    }
    if (Number.isFinite(insideSearch.cost[node])) {
      const entry = graph.nodes[insideSearch.origin[node]];
      const who = entry.entry === 'authenticated' ? 'any authenticated user' : `whoever holds the credentials of ${entry.label}`;
      const steps = stepsTo(graph, insideSearch, node);
      return { level: 2, reason: steps === 0 ? `in the hands of ${who}` : `reachable by ${who} in ${steps} step${steps === 1 ? '' : 's'}` };
    }
    if (graph.incoming(node).some((edge) => edge.technique === 'LAT-POD-NETWORK')) return { level: 2, reason: 'reachable over the pod network from other workloads' };
    return { level: 1, reason: 'no entry point reaches it: only a compromise of the object itself does' };
  });

  const impactOf = memo((node: number): { level: Level; reason: string } => {
    for (const { level, result } of impactSearches) {
      if (!Number.isFinite(result.cost[node])) continue;
      const jewel = graph.nodes[result.origin[node]];
      const steps = stepsTo(graph, result, node);
      return { level, reason: steps === 0 ? `is ${jewel.label}` : `reaches ${jewel.label} in ${steps} step${steps === 1 ? '' : 's'}` };
    }
    return { level: 1, reason: 'reaches no crown jewel' };
  });

  const risks = new Map<string, FindingRisk>();
  for (const finding of findings) {
    const enabled = byFinding.get(finding.fingerprint) ?? byObject.get(objectKey(finding.object));
    let likelihood: { level: Level; reason: string };
    let impact: { level: Level; reason: string };
    if (enabled) {
      likelihood = best(enabled.map((position) => likelihoodOf(position.from)));
      const reached = best(enabled.map((position) => impactOf(position.to ?? position.from)));
      const fromSeverity = Math.max(1, SEVERITY_IMPACT[finding.severity] - 1) as Level;
      impact = reached.level >= fromSeverity ? { level: reached.level, reason: `leads to a position that ${reached.reason}` } : { level: fromSeverity, reason: `${finding.severity} severity` };
    } else {
      const node = nodeOfObject(graph, finding);
      likelihood = node === undefined ? { level: 2, reason: 'not a position of the attack graph: likelihood taken as medium' } : likelihoodOf(node);
      impact = { level: SEVERITY_IMPACT[finding.severity], reason: `${finding.severity} severity: not a step of any attack path` };
    }
    risks.set(finding.fingerprint, {
      likelihood: likelihood.level,
      impact: impact.level,
      score: likelihood.level * impact.level,
      level: RISK_MATRIX[impact.level][likelihood.level - 1],
      reasons: [likelihood.reason, impact.reason],
    });
  }
  return risks;
}

/** cluster-admin, and the positions that hold it outright: past them, an attacker needs no other way in. */
function clusterAdminEquivalents(graph: AttackGraph): Uint8Array {
  const settled = new Uint8Array(graph.nodes.length);
  for (const node of graph.nodes) {
    if (node.kind !== 'cluster-admin') continue;
    settled[node.index] = 1;
    for (const edge of graph.incoming(node.index)) if (edge.difficulty === 'given') settled[edge.from] = 1;
  }
  return settled;
}

const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'PodTemplate']);

function nodeOfObject(graph: AttackGraph, finding: Finding): number | undefined {
  const { kind, namespace, name } = finding.object;
  const id =
    kind === 'ServiceAccount' && namespace !== undefined
      ? subjectId({ kind: 'ServiceAccount', namespace, name })
      : kind === 'Namespace'
        ? namespaceId(name)
        : kind === 'Secret' && namespace !== undefined
          ? secretId(namespace, name)
          : workloadId(finding.object);
  return graph.nodeById(id)?.index;
}

function stepsTo(graph: AttackGraph, result: SearchResult, node: number): number {
  const edges = pathTo(graph, result, node);
  return edges ? compactSteps(graph, edges).length : 0;
}

/** What exposes a directly reachable position: the technique and its first evidence. */
function exposureDetail(graph: AttackGraph, result: SearchResult, node: number): string {
  const edges = pathTo(graph, result, node) ?? [];
  const last = edges.length > 0 ? graph.edges[edges[edges.length - 1]] : undefined;
  if (!last) return 'an entry point';
  const evidence = last.evidence[0];
  const where = evidence ? `${evidence.object.kind} ${evidence.object.namespace ? `${evidence.object.namespace}/` : ''}${evidence.object.name}${evidence.detail ? `: ${evidence.detail}` : ''}` : '';
  return [techniqueTitle(last.technique).toLowerCase(), where].filter(Boolean).join(', ');
}

/** Many findings sit on the same workload: judge each position once. */
function memo<T>(compute: (node: number) => T): (node: number) => T {
  const cache = new Map<number, T>();
  return (node) => {
    let value = cache.get(node);
    if (value === undefined) cache.set(node, (value = compute(node)));
    return value;
  };
}

function best<T extends { level: Level }>(options: T[]): T {
  return options.reduce((top, option) => (option.level > top.level ? option : top));
}

/** A few positions per finding are enough to judge it; a NetworkPolicy cited by thousands of flows keeps 32. */
const MAX_POSITIONS = 32;

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) {
    if (list.length < MAX_POSITIONS) list.push(value);
  }
  else map.set(key, [value]);
}
