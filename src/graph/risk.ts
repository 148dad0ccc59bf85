/**
 * Risk of every finding from the attack graph (docs/risk.md): likelihood from how the attacker reaches the step the
 * finding enables (or the object it is about), impact from the most valuable crown jewel reachable past that step,
 * and the level from the likelihood × impact matrix. Five searches in all, then constant work per finding.
 */
import type { Finding, FindingRisk } from '../engine/finding.js';
import type { ObjectRef } from '../model/object.js';
import type { Severity } from '../taxonomy/index.js';
import type { AttackGraph } from './graph.js';
import { compactStepCount } from './paths.js';
import { search, pathTo, type SearchResult } from './search.js';
import { techniqueTitle } from './materialize.js';
import { workloadId, subjectId, namespaceId, secretId } from './nodes.js';
import { ObjectTable } from './object-table.js';

type Level = 1 | 2 | 3 | 4;

/** Rows: impact 1–4; columns: likelihood 1–4. */
export const RISK_MATRIX: Readonly<Record<Level, readonly [Severity, Severity, Severity, Severity]>> = {
  1: ['info', 'info', 'low', 'low'],
  2: ['low', 'low', 'medium', 'medium'],
  3: ['low', 'medium', 'high', 'high'],
  4: ['medium', 'high', 'critical', 'critical'],
};

const SEVERITY_IMPACT: Readonly<Record<Severity, Level>> = { info: 1, low: 1, medium: 2, high: 3, critical: 4 };
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

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
  const { byFinding, byObject } = enabledEdges(graph);
  const evidenceRules = rulesOf(byFinding.keys());

  const scratch: number[] = [];
  const likelihoodOf = memo(graph, (node: number): Judgement => {
    if (Number.isFinite(publicSearch.cost[node])) {
      const steps = stepsTo(graph, publicSearch, node, scratch);
      const entry = graph.nodes[publicSearch.origin[node]];
      if (steps === 0) return { level: 4, reason: `opens a way in from ${entry.label}` };
      // Directly exposed, and by an ordinary way in (a Service or an Ingress, not a hostPort on a node).
      if (steps <= 1 && Math.exp(-publicSearch.cost[node]) >= 0.5) return { level: 4, reason: `reachable from ${entry.label} directly (${exposureDetail(graph, publicSearch, node)})` };
      return { level: 3, reason: steps <= 1 ? `reachable from ${entry.label} (${exposureDetail(graph, publicSearch, node)})` : `reachable from ${entry.label} in ${steps} steps` };
    }
    if (Number.isFinite(insideSearch.cost[node])) {
      const entry = graph.nodes[insideSearch.origin[node]];
      const who = entry.entry === 'authenticated' ? 'any authenticated user' : `whoever holds the credentials of ${entry.label}`;
      const steps = stepsTo(graph, insideSearch, node, scratch);
      return { level: 2, reason: steps === 0 ? `in the hands of ${who}` : `reachable by ${who} in ${steps} step${steps === 1 ? '' : 's'}` };
    }
    if (hasIncoming(graph, node, 'LAT-POD-NETWORK')) return { level: 2, reason: 'reachable over the pod network from other workloads' };
    return { level: 1, reason: 'no entry point reaches it: only a compromise of the object itself does' };
  });

  const impactOf = memo(graph, (node: number): Judgement => {
    for (const { level, result } of impactSearches) {
      if (!Number.isFinite(result.cost[node])) continue;
      const jewel = graph.nodes[result.origin[node]];
      const steps = stepsTo(graph, result, node, scratch);
      return { level, reason: steps === 0 ? `is ${jewel.label}` : `reaches ${jewel.label} in ${steps} step${steps === 1 ? '' : 's'}` };
    }
    return { level: 1, reason: 'reaches no crown jewel' };
  });

  // Findings share their judgements, and findings with the same judgements share one FindingRisk (never changed):
  // 270,000 findings come down to a few thousand distinct risks.
  const judgedEdges = new Map<readonly number[], { likelihood: Judgement; reached: Judgement }>();
  const judgeEdges = (edges: readonly number[]): { likelihood: Judgement; reached: Judgement } => {
    let judged = judgedEdges.get(edges);
    if (judged === undefined) {
      let likelihood = likelihoodOf(graph.edgeFrom[edges[0]]);
      let reached = impactOf(graph.edgeTo[edges[0]]);
      for (let i = 1; i < edges.length; i++) {
        const other = likelihoodOf(graph.edgeFrom[edges[i]]);
        if (other.level > likelihood.level) likelihood = other;
        const further = impactOf(graph.edgeTo[edges[i]]);
        if (further.level > reached.level) reached = further;
      }
      judgedEdges.set(edges, (judged = { likelihood, reached }));
    }
    return judged;
  };
  const leadsTo = memoByObject((reached: Judgement): Judgement => ({ level: reached.level, reason: `leads to a position that ${reached.reason}` }));
  const bySeverity = memoBySeverity((severity): Judgement => ({ level: Math.max(1, SEVERITY_IMPACT[severity] - 1) as Level, reason: `${severity} severity` }));
  const notOnPath = memoBySeverity((severity): Judgement => ({ level: SEVERITY_IMPACT[severity], reason: `${severity} severity: not a step of any attack path` }));
  const riskOf = riskCache();
  const riskOfEdges = (edges: readonly number[], severity: Severity): FindingRisk => {
    const judged = judgeEdges(edges);
    const fromSeverity = bySeverity(severity);
    return riskOf(judged.likelihood, judged.reached.level >= fromSeverity.level ? leadsTo(judged.reached) : fromSeverity);
  };
  // A finding no fingerprint names is judged by its object: once per object and severity (a workload has a dozen).
  const byRef = new Map<ObjectRef, { edges: readonly number[] | undefined; node: number | undefined; risks: Array<FindingRisk | undefined> }>();
  const riskOfObject = (finding: Finding): FindingRisk => {
    let known = byRef.get(finding.object);
    if (known === undefined) {
      const edges = byObject.get(finding.object);
      byRef.set(finding.object, (known = { edges, node: edges ? undefined : nodeOfObject(graph, finding), risks: [] }));
    }
    const rank = SEVERITY_RANK[finding.severity];
    let risk = known.risks[rank];
    if (risk === undefined) {
      if (known.edges) risk = riskOfEdges(known.edges, finding.severity);
      else risk = riskOf(known.node === undefined ? NOT_A_POSITION : likelihoodOf(known.node), notOnPath(finding.severity));
      known.risks[rank] = risk;
    }
    return risk;
  };

  const risks = new Map<string, FindingRisk>();
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index];
    // Only the findings of a few rules are evidence: the others skip the lookup of their fingerprint.
    const enabled = evidenceRules === undefined || evidenceRules.has(finding.ruleId) ? byFinding.get(finding.fingerprint) : undefined;
    risks.set(finding.fingerprint, enabled ? riskOfEdges(enabled, finding.severity) : riskOfObject(finding));
  }
  return risks;
}

/**
 * The rules of some fingerprints: each starts with its rule's id and `@` (STYLE.md: one id names everything, the
 * fingerprint prefix included). Undefined when one does not, so that every finding is looked up.
 */
function rulesOf(fingerprints: Iterable<string>): Set<string> | undefined {
  const rules = new Set<string>();
  for (const fingerprint of fingerprints) {
    const at = fingerprint.indexOf('@');
    if (at <= 0) return undefined;
    rules.add(fingerprint.slice(0, at));
  }
  return rules;
}

interface Judgement {
  level: Level;
  reason: string;
}

const NOT_A_POSITION: Judgement = { level: 2, reason: 'not a position of the attack graph: likelihood taken as medium' };

/** One FindingRisk per pair of judgements. */
function riskCache(): (likelihood: Judgement, impact: Judgement) => FindingRisk {
  const cache = new Map<Judgement, Map<Judgement, FindingRisk>>();
  return (likelihood, impact) => {
    let byImpact = cache.get(likelihood);
    if (byImpact === undefined) cache.set(likelihood, (byImpact = new Map()));
    let risk = byImpact.get(impact);
    if (risk === undefined) {
      risk = {
        likelihood: likelihood.level,
        impact: impact.level,
        score: likelihood.level * impact.level,
        level: RISK_MATRIX[impact.level][likelihood.level - 1],
        reasons: [likelihood.reason, impact.reason],
      };
      byImpact.set(impact, risk);
    }
    return risk;
  };
}

/**
 * The edges each finding enables (its fingerprint is their evidence), and the edges each object other than a workload
 * is evidence of (an RBAC binding, a NetworkPolicy): at most MAX_POSITIONS of each, in edge order. Evidence objects
 * are shared between edges, so each one's ref is looked up once.
 */
function enabledEdges(graph: AttackGraph): { byFinding: Map<string, number[]>; byObject: ObjectTable<number[]> } {
  const byFinding = new Map<string, number[]>();
  const byObject = new ObjectTable<number[]>();
  const listOfRef = new Map<ObjectRef, number[]>();
  // Indexed loops: this runs once per analysis, mostly before it is optimised, and for…of allocated an iterator
  // result per edge and per piece of evidence (60 MB at 50,000 pods).
  const edges = graph.edges;
  for (let index = 0; index < edges.length; index++) {
    const edge = edges[index];
    for (let item = 0; item < edge.evidence.length; item++) {
      const evidence = edge.evidence[item];
      if (evidence.finding) {
        const list = byFinding.get(evidence.finding);
        if (list === undefined) byFinding.set(evidence.finding, [edge.index]);
        else if (list.length < MAX_POSITIONS) list.push(edge.index);
      } else if (!WORKLOAD_KINDS.has(evidence.object.kind)) {
        let list = listOfRef.get(evidence.object);
        if (list === undefined) {
          list = byObject.get(evidence.object);
          if (list === undefined) byObject.set(evidence.object, (list = []));
          listOfRef.set(evidence.object, list);
        }
        if (list.length < MAX_POSITIONS) list.push(edge.index);
      }
    }
  }
  return { byFinding, byObject };
}

/** cluster-admin, and the positions that hold it outright: past them, an attacker needs no other way in. */
function clusterAdminEquivalents(graph: AttackGraph): Uint8Array {
  const settled = new Uint8Array(graph.nodes.length);
  for (let index = 0; index < graph.nodes.length; index++) {
    const node = graph.nodes[index];
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

/** Steps of the best path to the node, as a person reads them; `scratch` holds the path's edges meanwhile. */
function stepsTo(graph: AttackGraph, result: SearchResult, node: number, scratch: number[] = []): number {
  const edges = pathTo(graph, result, node, scratch);
  return edges ? compactStepCount(graph, edges) : 0;
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
function memo<T>(graph: AttackGraph, compute: (node: number) => T): (node: number) => T {
  const cache: Array<T | undefined> = new Array(graph.nodes.length);
  return (node) => {
    let value = cache[node];
    if (value === undefined) cache[node] = value = compute(node);
    return value;
  };
}

function memoByObject<K extends object, T>(compute: (key: K) => T): (key: K) => T {
  const cache = new Map<K, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
}

function memoBySeverity<T>(compute: (severity: Severity) => T): (severity: Severity) => T {
  const cache = new Map<Severity, T>();
  return (severity) => {
    let value = cache.get(severity);
    if (value === undefined) cache.set(severity, (value = compute(severity)));
    return value;
  };
}

function hasIncoming(graph: AttackGraph, node: number, technique: string): boolean {
  for (let i = graph.inStart[node]; i < graph.inStart[node + 1]; i++) if (graph.edges[graph.inEdges[i]].technique === technique) return true;
  return false;
}

/** A few positions per finding are enough to judge it; a NetworkPolicy cited by thousands of flows keeps 32. */
const MAX_POSITIONS = 32;
