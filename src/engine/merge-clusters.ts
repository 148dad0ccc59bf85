/**
 * Several clusters in one threat model. Clusters share nothing (namespaces, service accounts, NetworkPolicies,
 * nodes, RBAC, what is deployed cluster-wide): the objects are split by the cluster they name, each cluster is
 * analysed as an estate of its own (analyze.ts), and the per-cluster analyses are merged here into one. Whatever a
 * cluster's analysis names without saying which cluster (a namespace, a node pool, "the internet", "cluster-admin")
 * is named after its cluster in the merge.
 */
import type { K8sObject } from '../model/object.js';
import type { InputProblem } from '../load/problems.js';
import type { Finding } from './finding.js';
import { compareFindings, compareText } from './run-rules.js';
import { sortByObjectKey } from './workload-summaries.js';
import type { AttackGraphSummary, AttackPath, BoundaryControls, NetworkSummary, NodePool, WorkloadSummary } from './threat-model.js';
import { MATRIX_MAX_NAMESPACES } from '../network/estate-network.js';

type NamespaceMatrix = NetworkSummary['namespaceMatrix'];

/** What the analysis of one estate (one cluster, or an input that names none) gives, before the team's decisions apply. */
export interface EstateAnalysis {
  /** The cluster its objects name; undefined when they name none. */
  cluster: string | undefined;
  objects: readonly K8sObject[];
  namespaces: string[];
  /** The estate's own problems (duplicates, unknown kinds); not the loader's. */
  problems: readonly InputProblem[];
  /** The findings to report, in compareFindings order, each with its risk from this estate's attack graph. */
  reported: Finding[];
  /** Findings on the platform's own components, left out of the report. */
  hidden: Finding[];
  /** In objectKey order. */
  workloads: WorkloadSummary[];
  /** By name. */
  pools: NodePool[];
  controls: BoundaryControls[];
  attack?: { attackPaths: AttackPath[]; summary: AttackGraphSummary };
  namespaceMatrix?: NamespaceMatrix;
}

export interface ClusterObjects {
  cluster: string | undefined;
  objects: readonly K8sObject[];
}

/**
 * The objects of each cluster, in input order, clusters by name (objects that name none first, as the RBAC of an
 * estate orders them). Input that names at most one cluster is one group: the input list itself, not a copy.
 */
export function objectsByCluster(objects: readonly K8sObject[]): ClusterObjects[] {
  const first = objects[0]?.source.cluster;
  if (objects.every((object) => object.source.cluster === first)) return [{ cluster: first, objects }];
  const groups = new Map<string | undefined, K8sObject[]>();
  for (const object of objects) {
    const group = groups.get(object.source.cluster);
    if (group) group.push(object);
    else groups.set(object.source.cluster, [object]);
  }
  return [...groups]
    .sort(([a], [b]) => compareText(a ?? '', b ?? ''))
    .map(([cluster, list]) => ({ cluster, objects: list }));
}

/** How a merged model names a cluster: objects that name none belong to "(unnamed)", as `kubethreat can` says. */
export function clusterLabel(cluster: string | undefined): string {
  return cluster ?? '(unnamed)';
}

/** How a merged model names a namespace (or any scope) of one of its clusters: `a:shop`. */
export function clusterNamespace(cluster: string | undefined, namespace: string): string {
  return `${clusterLabel(cluster)}:${namespace}`;
}

/** One analysis of several clusters' analyses (at least two), in the order objectsByCluster gives them. */
export function mergeClusterAnalyses(analyses: readonly EstateAnalysis[], maxPaths: number): EstateAnalysis {
  const merged: EstateAnalysis = {
    cluster: undefined,
    objects: analyses.flatMap((analysis) => analysis.objects),
    namespaces: analyses.flatMap((analysis) => analysis.namespaces.map((namespace) => clusterNamespace(analysis.cluster, namespace))),
    problems: analyses.flatMap((analysis) => analysis.problems),
    reported: mergeSorted(analyses.map((analysis) => analysis.reported), compareFindings),
    hidden: analyses.flatMap((analysis) => analysis.hidden),
    workloads: sortByObjectKey(analyses.flatMap((analysis) => analysis.workloads)),
    pools: analyses
      .flatMap((analysis) => analysis.pools.map((pool) => ({ ...pool, name: `${clusterLabel(analysis.cluster)}: ${pool.name}` })))
      .sort((a, b) => compareText(a.name, b.name)),
    controls: mergeControls(analyses),
  };
  const attacks = analyses.flatMap((analysis) => (analysis.attack ? [{ cluster: clusterLabel(analysis.cluster), ...analysis.attack }] : []));
  if (attacks.length > 0) merged.attack = { attackPaths: mergePaths(attacks, maxPaths), summary: mergeGraphSummaries(attacks) };
  const matrix = mergeNamespaceMatrices(analyses);
  if (matrix) merged.namespaceMatrix = matrix;
  return merged;
}

/** Lists each sorted by `compare`, merged into one in the order a single sort gives, with n·log(lists) comparisons. */
function mergeSorted<T>(lists: readonly T[][], compare: (a: T, b: T) => number): T[] {
  let runs = [...lists];
  while (runs.length > 1) {
    const next: T[][] = [];
    for (let index = 0; index < runs.length; index += 2) next.push(index + 1 < runs.length ? mergeTwo(runs[index], runs[index + 1], compare) : runs[index]);
    runs = next;
  }
  return runs[0] ?? [];
}

function mergeTwo<T>(a: readonly T[], b: readonly T[], compare: (a: T, b: T) => number): T[] {
  const out = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** Every cluster's rows, boundary by boundary; a row's scope ("cluster" or a namespace) named `cluster:scope`. */
function mergeControls(analyses: readonly EstateAnalysis[]): BoundaryControls[] {
  const boundaries = analyses[0].controls.map((entry) => entry.boundary);
  return boundaries.map((boundary) => ({
    boundary,
    controls: analyses.flatMap((analysis) =>
      (analysis.controls.find((entry) => entry.boundary === boundary)?.controls ?? []).map((row) => ({ ...row, scope: clusterNamespace(analysis.cluster, row.scope) })),
    ),
  }));
}

interface ClusterAttack {
  cluster: string;
  attackPaths: AttackPath[];
  summary: AttackGraphSummary;
}

/**
 * The best paths of all clusters, best score first, at most `maxPaths`. A path never leaves its cluster, but its
 * entry points and jewels read the same in every cluster ("the internet", "cluster-admin"): the path's ends, its
 * summary and every position id are named after its cluster. Each cluster's list is best first already: a stable
 * sort keeps its own order among equal scores.
 */
function mergePaths(attacks: readonly ClusterAttack[], maxPaths: number): AttackPath[] {
  return attacks
    .flatMap(({ cluster, attackPaths }) => attackPaths.map((path) => pathOfCluster(path, cluster)))
    .sort((a, b) => b.score - a.score)
    .slice(0, maxPaths);
}

function pathOfCluster(path: AttackPath, cluster: string): AttackPath {
  const id = (value: string): string => `${cluster}:${value}`;
  const named = (text: string): string => `${cluster}: ${text}`;
  return {
    ...path,
    id: `${id(path.fromId)}=>${id(path.toId)}`,
    from: named(path.from),
    to: named(path.to),
    fromId: id(path.fromId),
    toId: id(path.toId),
    steps: path.steps.map((step) => ({ ...step, fromId: id(step.fromId), toId: id(step.toId) })),
    summary: named(path.summary),
  };
}

/** Counts summed; a note every cluster's graph makes is said once, one only some make is named after each of them. */
function mergeGraphSummaries(attacks: readonly ClusterAttack[]): AttackGraphSummary {
  const clustersOfNote = new Map<string, string[]>();
  for (const { cluster, summary } of attacks) {
    for (const note of summary.notes) {
      const clusters = clustersOfNote.get(note);
      if (clusters === undefined) clustersOfNote.set(note, [cluster]);
      else if (!clusters.includes(cluster)) clusters.push(cluster);
    }
  }
  const notes = [...clustersOfNote].flatMap(([note, clusters]) => (clusters.length === attacks.length ? [note] : clusters.map((cluster) => `${cluster}: ${note}`)));
  const sum = (count: (summary: AttackGraphSummary) => number): number => attacks.reduce((total, attack) => total + count(attack.summary), 0);
  return {
    nodes: sum((summary) => summary.nodes),
    edges: sum((summary) => summary.edges),
    entryPoints: sum((summary) => summary.entryPoints),
    crownJewels: sum((summary) => summary.crownJewels),
    notes,
  };
}

/**
 * One matrix of every cluster's namespaces (`cluster:namespace`), each cluster's block as its own analysis gives it
 * and 'none' between namespaces of different clusters. A reader of the matrix looks for which namespace reaches
 * which: one table keeps the clusters side by side, and the analysis sees no network between clusters (each one's
 * pods and NetworkPolicies are analysed alone; a pod network routed across clusters is not modelled). Left out when
 * a cluster that runs pods has no matrix (too many namespaces: the table would silently miss that cluster), or when
 * the clusters together have more namespaces than a readable table holds, as for one cluster.
 */
function mergeNamespaceMatrices(analyses: readonly EstateAnalysis[]): NamespaceMatrix | undefined {
  // A cluster that runs pods has a matrix unless it has too many namespaces: the table would leave that cluster out.
  if (analyses.some((analysis) => analysis.namespaceMatrix === undefined && analysis.workloads.length > 0)) return undefined;
  const blocks = analyses.flatMap((analysis) => (analysis.namespaceMatrix ? [{ cluster: clusterLabel(analysis.cluster), matrix: analysis.namespaceMatrix }] : []));
  const size = blocks.reduce((total, block) => total + block.matrix.namespaces.length, 0);
  if (size === 0 || size > MATRIX_MAX_NAMESPACES) return undefined;
  const namespaces: string[] = [];
  const cells: NamespaceMatrix['cells'] = [];
  let offset = 0;
  for (const { cluster, matrix } of blocks) {
    for (let row = 0; row < matrix.namespaces.length; row++) {
      namespaces.push(`${cluster}:${matrix.namespaces[row]}`);
      const cellsOfRow: NamespaceMatrix['cells'][number] = new Array(size).fill('none');
      for (let column = 0; column < matrix.namespaces.length; column++) cellsOfRow[offset + column] = matrix.cells[row][column];
      cells.push(cellsOfRow);
    }
    offset += matrix.namespaces.length;
  }
  return { namespaces, cells };
}
