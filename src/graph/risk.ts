/**
 * Risk of every finding from the attack graph (docs/risk.md): likelihood from how the attacker reaches the step the
 * finding enables (or the object it is about), impact from the most valuable crown jewel reachable past that step,
 * and the level from the likelihood × impact matrix. Five searches in all, then constant work per finding.
 */
import type { Finding, FindingRisk } from '../engine/finding.js';
import type { ObjectRef } from '../model/object.js';
import { SEVERITIES, type Severity } from '../taxonomy/index.js';
import type { AttackGraph } from './graph.js';
import { compactStepCount } from './paths.js';
import { passedThrough, pathsOf, reached, search, pathTo, SearchScratch, type SearchPaths, type SearchResult } from './search.js';
import { techniqueTitle } from './materialize.js';
import { subjectId, namespaceId, secretId } from './nodes.js';
import { enabledEdges, rulesOf, WORKLOAD_KINDS } from './risk-evidence.js';
import { ObjectTable } from './object-table.js';
import { difficultyRank } from './types.js';

type Level = 1 | 2 | 3 | 4;

const GIVEN = difficultyRank('given');

/** Rows: impact 1–4; columns: likelihood 1–4. */
export const RISK_MATRIX: Readonly<Record<Level, readonly [Severity, Severity, Severity, Severity]>> = {
  1: ['info', 'info', 'low', 'low'],
  2: ['low', 'low', 'medium', 'medium'],
  3: ['low', 'medium', 'high', 'high'],
  4: ['medium', 'high', 'critical', 'critical'],
};

const SEVERITY_IMPACT: Readonly<Record<Severity, Level>> = { info: 1, low: 1, medium: 2, high: 3, critical: 4 };
const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((severity, rank) => [severity, rank])) as Readonly<Record<Severity, number>>;

export function impactOfJewelValue(value: number): Level {
  return value >= 9 ? 4 : value >= 7 ? 3 : value >= 4 ? 2 : 1;
}

/** The risk of each finding, in the findings' order (a Map by fingerprint cost more than the judging, at 270,000). */
export function riskOfFindings(graph: AttackGraph, findings: readonly Finding[]): FindingRisk[] {
  const entries = graph.entries();
  const adminEquivalent = clusterAdminEquivalents(graph);
  const scratch = new SearchScratch(graph.nodes.length);
  const publicSearch = search(graph, entries.filter((node) => node.entry === 'internet' || node.entry === 'anonymous').map((node) => node.index), false, adminEquivalent, undefined, scratch);
  // The inside search judges only what the public one does not reach, and no best path to that passes through a
  // position the public search went beyond (all after it is reached): it leaves those out (search-pruning.test.ts).
  // Of the other searches only the paths are kept: their costs' arrays (1.3 MB each at 150,000 pods) are freed at the
  // next collection rather than counted as external memory all through the findings.
  const insideSearch = pathsOf(search(graph, entries.filter((node) => node.entry === 'authenticated' || node.entry === 'credentials').map((node) => node.index), false, adminEquivalent, passedThrough(publicSearch, adminEquivalent), scratch));
  // Likewise each impact level judges only what no higher level reaches, and whatever reaches a position that a higher
  // level reaches reaches that level too: each search leaves out the positions the ones before it reached.
  const reachedHigher = new Uint8Array(graph.nodes.length);
  const impactSearches = ([4, 3, 2] as const).map((level) => {
    const result = pathsOf(search(graph, graph.jewels().filter((node) => impactOfJewelValue(node.jewel!.value) === level).map((node) => node.index), true, undefined, reachedHigher, scratch));
    for (let node = 0; node < reachedHigher.length; node++) if (reached(result, node)) reachedHigher[node] = 1;
    return { level, result };
  });
  const { lists, byFinding, byFindingObject, byObject } = enabledEdges(graph);
  const evidenceRules = rulesOf(byFinding.keys());

  const pathScratch: number[] = [];
  // Most reasons depend on where the path starts (or ends) and its length, not on the node: one Judgement for each,
  // which then shares its FindingRisk objects too.
  const publicReason = judgementsByOriginAndSteps((origin, steps) => {
    const { label } = graph.nodes[origin];
    return steps === 0 ? { level: 4, reason: `opens a way in from ${label}` } : { level: 3, reason: `reachable from ${label} in ${steps} steps` };
  });
  const insideReason = judgementsByOriginAndSteps((origin, steps) => {
    const entry = graph.nodes[origin];
    const who = entry.entry === 'authenticated' ? 'any authenticated user' : `whoever holds the credentials of ${entry.label}`;
    return { level: 2, reason: steps === 0 ? `in the hands of ${who}` : `reachable by ${who} in ${steps} step${steps === 1 ? '' : 's'}` };
  });
  const impactReason = impactSearches.map(({ level }) =>
    judgementsByOriginAndSteps((origin, steps) => {
      const { label } = graph.nodes[origin];
      return { level, reason: steps === 0 ? `is ${label}` : `reaches ${label} in ${steps} step${steps === 1 ? '' : 's'}` };
    }),
  );
  const likelihoodOf = memo(graph, (node: number): Judgement => {
    if (Number.isFinite(publicSearch.cost[node])) {
      const steps = stepsTo(graph, publicSearch, node, pathScratch);
      const entry = graph.nodes[publicSearch.origin[node]];
      if (steps === 0) return publicReason(entry.index, steps);
      // Directly exposed, and by an ordinary way in (a Service or an Ingress, not a hostPort on a node).
      if (steps <= 1 && Math.exp(-publicSearch.cost[node]) >= 0.5) return { level: 4, reason: `reachable from ${entry.label} directly (${exposureDetail(graph, publicSearch, node)})` };
      if (steps <= 1) return { level: 3, reason: `reachable from ${entry.label} (${exposureDetail(graph, publicSearch, node)})` };
      return publicReason(entry.index, steps);
    }
    if (reached(insideSearch, node)) {
      return insideReason(insideSearch.origin[node], stepsTo(graph, insideSearch, node, pathScratch));
    }
    if (hasIncoming(graph, node, 'LAT-POD-NETWORK')) return POD_NETWORK;
    return UNREACHED;
  });

  const impactOf = memo(graph, (node: number): Judgement => {
    for (let search = 0; search < impactSearches.length; search++) {
      const { result } = impactSearches[search];
      if (!reached(result, node)) continue;
      return impactReason[search](result.origin[node], stepsTo(graph, result, node, pathScratch));
    }
    return NO_JEWEL;
  });

  // The best likelihood of the list's edges' sources and the best impact of their targets, the first of equals kept:
  // left in judgedLikelihood and judgedReach (no object made for each of 30,000 lists).
  let judgedLikelihood: Judgement = UNREACHED;
  let judgedReach: Judgement = NO_JEWEL;
  const judgeEdges = (list: number): void => {
    let link = lists.first(list);
    let edge = lists.edgeAt(link);
    let likelihood = likelihoodOf(graph.edgeFrom[edge]);
    let reached = impactOf(graph.edgeTo[edge]);
    for (link = lists.next(link); link !== -1; link = lists.next(link)) {
      edge = lists.edgeAt(link);
      const other = likelihoodOf(graph.edgeFrom[edge]);
      if (other.level > likelihood.level) likelihood = other;
      const further = impactOf(graph.edgeTo[edge]);
      if (further.level > reached.level) reached = further;
    }
    judgedLikelihood = likelihood;
    judgedReach = reached;
  };
  // Findings share their judgements, and findings with the same judgements share one FindingRisk (never changed):
  // 270,000 findings come down to a few thousand distinct risks.
  const leadsTo = memoByKey((reached: Judgement): Judgement => ({ level: reached.level, reason: `leads to a position that ${reached.reason}` }));
  const bySeverity = memoByKey((severity: Severity): Judgement => ({ level: Math.max(1, SEVERITY_IMPACT[severity] - 1) as Level, reason: `${severity} severity` }));
  const notOnPath = memoByKey((severity: Severity): Judgement => ({ level: SEVERITY_IMPACT[severity], reason: `${severity} severity: not a step of any attack path` }));
  const riskOf = riskCache();
  const riskOfEdges = (list: number, severity: Severity): FindingRisk => {
    judgeEdges(list);
    const fromSeverity = bySeverity(severity);
    return riskOf(judgedLikelihood, judgedReach.level >= fromSeverity.level ? leadsTo(judgedReach) : fromSeverity);
  };
  // A finding no fingerprint names is judged by its object, once per object and severity (a workload has a dozen).
  // Each object gets a number: its facts sit in flat arrays, not an object and an array of five for each of 40,000.
  const objectNumbers = new Map<ObjectRef, number>();
  // The object's list of edges, or -1.
  const objectEdges: number[] = [];
  const objectNodes: number[] = [];
  const objectRisks: Array<FindingRisk | undefined> = [];
  let workloads: ObjectTable<number> | undefined;
  const numberOf = (ref: ObjectRef): number => {
    let number = objectNumbers.get(ref);
    if (number === undefined) {
      number = objectEdges.length;
      objectNumbers.set(ref, number);
      // Workloads are never keyed in byObject (their own evidence is told by their findings).
      const list = WORKLOAD_KINDS.has(ref.kind) ? undefined : byObject.get(ref);
      objectEdges.push(list ?? -1);
      objectNodes.push(list !== undefined ? -1 : (nodeOfObject(graph, (workloads ??= workloadNodes(graph)), ref) ?? -1));
      for (let rank = 0; rank < SEVERITIES.length; rank++) objectRisks.push(undefined);
    }
    return number;
  };
  const riskOfObject = (number: number, severity: Severity): FindingRisk => {
    const list = objectEdges[number];
    if (list >= 0) return riskOfEdges(list, severity);
    const node = objectNodes[number];
    return riskOf(node < 0 ? NOT_A_POSITION : likelihoodOf(node), notOnPath(severity));
  };

  // Findings come sorted by severity, rule and object: what the previous finding's rule and severity gave is at hand
  // (a comparison each, not a set and a table lookup for each of 800,000 findings).
  const risks = new Array<FindingRisk>(findings.length);
  let lastRuleId: string | undefined;
  let ruleIsEvidence = false;
  let lastRef: ObjectRef | undefined;
  let lastNumber = 0;
  let lastSeverity: Severity | undefined;
  let lastRank = 0;
  for (let index = 0; index < findings.length; index++) {
    const finding = findings[index];
    const ruleId = finding.ruleId;
    if (ruleId !== lastRuleId) {
      lastRuleId = ruleId;
      ruleIsEvidence = evidenceRules === undefined || evidenceRules.has(ruleId);
    }
    const severity = finding.severity;
    if (severity !== lastSeverity) {
      lastSeverity = severity;
      lastRank = SEVERITY_RANK[severity];
    }
    // Only the findings of a few rules are evidence. A finding that is evidence itself is found by identity; another
    // one of those rules by its fingerprint (made here, when read).
    if (ruleIsEvidence) {
      const enabled = byFindingObject.get(finding) ?? byFinding.get(finding.fingerprint);
      if (enabled !== undefined) {
        risks[index] = riskOfEdges(enabled, severity);
        continue;
      }
    }
    const ref = finding.object;
    if (ref !== lastRef) {
      lastRef = ref;
      lastNumber = numberOf(ref);
    }
    const slot = lastNumber * SEVERITIES.length + lastRank;
    let risk = objectRisks[slot];
    if (risk === undefined) objectRisks[slot] = risk = riskOfObject(lastNumber, severity);
    risks[index] = risk;
  }
  return risks;
}

interface Judgement {
  level: Level;
  reason: string;
}

const NOT_A_POSITION: Judgement = { level: 2, reason: 'not a position of the attack graph: likelihood taken as medium' };
const POD_NETWORK: Judgement = { level: 2, reason: 'reachable over the pod network from other workloads' };
const UNREACHED: Judgement = { level: 1, reason: 'no entry point reaches it: only a compromise of the object itself does' };
const NO_JEWEL: Judgement = { level: 1, reason: 'reaches no crown jewel' };

/** Judgements made once per (origin node, number of steps), by `make`. */
function judgementsByOriginAndSteps(make: (origin: number, steps: number) => Judgement): (origin: number, steps: number) => Judgement {
  const cache = new Map<number, Judgement>();
  return (origin, steps) => {
    // Paths are short; a longer one (never seen) is judged on its own rather than given a colliding key.
    if (steps >= 1024) return make(origin, steps);
    const key = origin * 1024 + steps;
    let judgement = cache.get(key);
    if (judgement === undefined) cache.set(key, (judgement = make(origin, steps)));
    return judgement;
  };
}

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

/** cluster-admin, and the positions that hold it outright: past them, an attacker needs no other way in. */
function clusterAdminEquivalents(graph: AttackGraph): Uint8Array {
  const settled = new Uint8Array(graph.nodes.length);
  for (let index = 0; index < graph.nodes.length; index++) {
    const node = graph.nodes[index];
    if (node.kind !== 'cluster-admin') continue;
    settled[node.index] = 1;
    for (let i = graph.inStart[node.index]; i < graph.inStart[node.index + 1]; i++) {
      const edge = graph.inEdges[i];
      if (graph.edgeDifficulty[edge] === GIVEN) settled[graph.edgeFrom[edge]] = 1;
    }
  }
  return settled;
}

/**
 * The position of the object a finding is about. Any other kind can only be a workload, whose node the table of
 * workload nodes gives by the ref's identity (what workloadId(ref) names) without joining an id for each of the
 * 40,000 objects findings are about.
 */
function nodeOfObject(graph: AttackGraph, workloads: ObjectTable<number>, ref: ObjectRef): number | undefined {
  const { kind, namespace, name } = ref;
  const id =
    kind === 'ServiceAccount' && namespace !== undefined
      ? subjectId({ kind: 'ServiceAccount', namespace, name })
      : kind === 'Namespace'
        ? namespaceId(name)
        : kind === 'Secret' && namespace !== undefined
          ? secretId(namespace, name)
          : undefined;
  return id === undefined ? workloads.get(ref) : graph.nodeById(id)?.index;
}

/** The workload nodes by their object: nodes.workloadNode names each by its object (workloadId), one node per key. */
export function workloadNodes(graph: AttackGraph): ObjectTable<number> {
  const table = new ObjectTable<number>();
  for (let index = 0; index < graph.nodes.length; index++) {
    const node = graph.nodes[index];
    if (node.kind === 'workload' && node.object !== undefined) table.set(node.object, index);
  }
  return table;
}

/** Steps of the best path to the node, as a person reads them; `scratch` holds the path's edges meanwhile. */
function stepsTo(graph: AttackGraph, result: SearchPaths, node: number, scratch: number[] = []): number {
  const edges = pathTo(graph, result, node, scratch);
  return edges ? compactStepCount(graph, edges) : 0;
}

/** What exposes a directly reachable position: the technique and its first evidence. */
function exposureDetail(graph: AttackGraph, result: SearchResult, node: number): string {
  const edges = pathTo(graph, result, node) ?? [];
  if (edges.length === 0) return 'an entry point';
  const last = edges[edges.length - 1];
  const evidence = graph.evidenceOf(last)[0];
  const where = evidence ? `${evidence.object.kind} ${evidence.object.namespace ? `${evidence.object.namespace}/` : ''}${evidence.object.name}${evidence.detail ? `: ${evidence.detail}` : ''}` : '';
  return [techniqueTitle(graph.techniqueOf(last)).toLowerCase(), where].filter(Boolean).join(', ');
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

/** A function of a few distinct keys (judgements, severities), computed once per key. */
function memoByKey<K, T>(compute: (key: K) => T): (key: K) => T {
  const cache = new Map<K, T>();
  return (key) => {
    let value = cache.get(key);
    if (value === undefined) cache.set(key, (value = compute(key)));
    return value;
  };
}

function hasIncoming(graph: AttackGraph, node: number, technique: string): boolean {
  const number = graph.techniqueNumber(technique);
  for (let i = graph.inStart[node]; i < graph.inStart[node + 1]; i++) if (graph.edgeTechnique[graph.inEdges[i]] === number) return true;
  return false;
}
