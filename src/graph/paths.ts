/**
 * Attack paths: the most likely path from each entry point to each crown jewel, de-duplicated and ranked.
 * One search per entry point (stolen credentials of many identities share one multi-source search), so the work is
 * a fixed number of Dijkstra runs whatever the number of jewels.
 */
import type { AttackGraph } from './graph.js';
import { search, pathTo, SearchScratch } from './search.js';
import type { EntryKind, GraphNode } from './types.js';
import { SUCCESS_PROBABILITY, difficultyRank } from './types.js';

const GIVEN = difficultyRank('given');

/** How likely an attacker is to hold the entry point at all: the internet is given, a stolen credential is not. */
export const ENTRY_WEIGHT: Readonly<Record<EntryKind, number>> = {
  internet: 1,
  anonymous: 1,
  authenticated: 0.7,
  credentials: 0.5,
  'compromised-workload': 0.4,
};

/** Above this many identities with credentials to steal, one search covers them all. */
const SEPARATE_CREDENTIAL_SEARCHES = 40;

export interface FoundPath {
  entry: number;
  target: number;
  /** Edge indices, entry first. */
  edges: number[];
  likelihood: number;
  score: number;
}

export interface PathQuery {
  /** Node indices to start from; default: every entry point. */
  from?: readonly number[];
  /** Node indices to reach; default: every crown jewel. */
  to?: readonly number[];
  /** How many paths to return (default 10). */
  max?: number;
}

export function findPaths(graph: AttackGraph, query: PathQuery = {}): FoundPath[] {
  const targets = query.to ?? graph.jewels().map((node) => node.index);
  const targetSet = new Set(targets);
  const neighbourhood = new JewelNeighbourhood(graph);
  const found: FoundPath[] = [];
  const scratch = new SearchScratch(graph.nodes.length);
  for (const sources of sourceGroups(graph, query.from)) {
    const result = search(graph, sources, false, undefined, undefined, scratch);
    const sourceSet = new Set(sources);
    for (const target of targets) {
      if (sourceSet.has(target)) continue;
      const edges = pathTo(graph, result, target);
      if (!edges || edges.length === 0) continue;
      const entry = graph.edgeFrom[edges[0]];
      if (edges.every((edge) => graph.edgeDifficulty[edge] === GIVEN) && graph.nodes[entry].entry === 'credentials') continue;
      if (passesBetterJewel(graph, neighbourhood, edges, target, targetSet, query.to !== undefined)) continue;
      const likelihood = Math.exp(-result.cost[target]);
      found.push({ entry, target, edges, likelihood, score: scoreOf(graph.nodes[entry], graph.nodes[target], likelihood) });
    }
  }
  return rank(graph, found).slice(0, query.max ?? 10);
}

/** Entry points searched one by one; many credential entries are searched together. */
function sourceGroups(graph: AttackGraph, from: readonly number[] | undefined): number[][] {
  if (from) return from.map((node) => [node]);
  const entries = graph.entries();
  const credentials = entries.filter((node) => node.entry === 'credentials').map((node) => node.index);
  const groups = entries.filter((node) => node.entry !== 'credentials').map((node) => [node.index]);
  if (credentials.length > SEPARATE_CREDENTIAL_SEARCHES) groups.push(credentials);
  else for (const node of credentials) groups.push([node]);
  return groups;
}

/**
 * The crown jewels one edge away from a position, summarised once per position: the best one held outright (a
 * `given` edge), and per jewel category the best one reachable at each difficulty or easier. Keeps the
 * de-duplication below linear in the path's length, however many edges its positions have.
 */
class JewelNeighbourhood {
  private readonly given = new Map<number, number>();
  private readonly byCategory = new Map<number, Map<string, number[]>>();

  constructor(private readonly graph: AttackGraph) {}

  bestGiven(node: number): number {
    let best = this.given.get(node);
    if (best === undefined) {
      best = 0;
      const { graph } = this;
      for (let i = graph.outStart[node]; i < graph.outStart[node + 1]; i++) {
        const edge = graph.outEdges[i];
        const to = graph.nodes[graph.edgeTo[edge]];
        if (graph.edgeDifficulty[edge] === GIVEN && !to.hub && to.jewel) best = Math.max(best, to.jewel.value);
      }
      this.given.set(node, best);
    }
    return best;
  }

  /** The most valuable jewel of the category one edge away, at the difficulty (a rank) or easier. */
  bestOfCategory(node: number, category: string, difficulty: number): number {
    let categories = this.byCategory.get(node);
    if (categories === undefined) {
      categories = new Map();
      const { graph } = this;
      for (let i = graph.outStart[node]; i < graph.outStart[node + 1]; i++) {
        const edge = graph.outEdges[i];
        const jewel = graph.nodes[graph.edgeTo[edge]].jewel;
        if (!jewel) continue;
        let best = categories.get(jewel.category);
        if (!best) categories.set(jewel.category, (best = [0, 0, 0, 0, 0]));
        for (let rank = graph.edgeDifficulty[edge]; rank < best.length; rank++) best[rank] = Math.max(best[rank], jewel.value);
      }
      this.byCategory.set(node, categories);
    }
    return categories.get(category)?.[difficulty] ?? 0;
  }
}

/**
 * A path through a crown jewel worth as much as its end, or more, is told by the path to that jewel: past
 * cluster-admin, "and then every Secret" adds nothing; so is a path through a position that holds a better jewel
 * outright (a cluster-admin service account), and one whose last step has an equally easy sibling to a bigger jewel
 * of the same kind (every Secret, besides one namespace's). With explicit targets, only other targets count.
 */
function passesBetterJewel(graph: AttackGraph, neighbourhood: JewelNeighbourhood, edges: readonly number[], target: number, targets: ReadonlySet<number>, explicit: boolean): boolean {
  const jewel = graph.nodes[target].jewel;
  const value = jewel?.value ?? 0;
  for (let i = 1; i < edges.length; i++) {
    const node = graph.nodes[graph.edgeFrom[edges[i]]];
    if (explicit ? targets.has(node.index) : node.jewel !== undefined && node.jewel.value >= value) return true;
    if (!explicit && neighbourhood.bestGiven(node.index) > value) return true;
  }
  const last = edges[edges.length - 1];
  return !explicit && jewel !== undefined && neighbourhood.bestOfCategory(graph.edgeFrom[last], jewel.category, graph.edgeDifficulty[last]) > value;
}

function scoreOf(entry: GraphNode, target: GraphNode, likelihood: number): number {
  const weight = entry.entry ? ENTRY_WEIGHT[entry.entry] : 1;
  return weight * likelihood * ((target.jewel?.value ?? 5) / 10);
}

/** Best first; of two paths through the same positions after their entry, only the better one stays. */
function rank(graph: AttackGraph, paths: FoundPath[]): FoundPath[] {
  paths.sort(
    (a, b) =>
      b.score - a.score ||
      (graph.nodes[b.target].jewel?.value ?? 0) - (graph.nodes[a.target].jewel?.value ?? 0) ||
      a.edges.length - b.edges.length ||
      compare(graph.nodes[a.entry].id, graph.nodes[b.entry].id) ||
      compare(graph.nodes[a.target].id, graph.nodes[b.target].id),
  );
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = path.edges.slice(1).map((edge) => graph.edgeTo[edge]).join('>') || `${path.entry}>${path.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A step as people read it: junctions (every namespace, a network flow) and "includes" folded into the step that
 * enters them, so "lists every Secret, which includes Secret ci/token" reads as one step to the Secret.
 */
export interface CompactStep {
  from: number;
  to: number;
  edges: number[];
  technique: string;
  probability: number;
}

export function compactSteps(graph: AttackGraph, edges: readonly number[]): CompactStep[] {
  const steps: CompactStep[] = [];
  let current: CompactStep | undefined;
  for (const index of edges) {
    const technique = graph.techniqueOf(index);
    const to = graph.edgeTo[index];
    // "includes" continues the step before it: listing every Secret reaches this Secret.
    if (!current && technique === 'CONTAINS' && steps.length > 0) current = steps.pop();
    if (!current) current = { from: graph.edgeFrom[index], to, edges: [], technique, probability: 1 };
    current.edges.push(index);
    current.to = to;
    current.probability *= SUCCESS_PROBABILITY[graph.difficultyOf(index)];
    // The technique of a folded step is the one that is an attack, not the structural "includes".
    if (current.technique === 'CONTAINS') current.technique = technique;
    if (!graph.nodes[to].hub) {
      steps.push(current);
      current = undefined;
    }
  }
  if (current) steps.push(current);
  return steps;
}

/** compactSteps(graph, edges).length, without building the steps. */
export function compactStepCount(graph: AttackGraph, edges: readonly number[]): number {
  const contains = graph.techniqueNumber('CONTAINS');
  let count = 0;
  let open = false;
  for (let i = 0; i < edges.length; i++) {
    if (!open && graph.edgeTechnique[edges[i]] === contains && count > 0) count--;
    open = true;
    if (!graph.nodes[graph.edgeTo[edges[i]]].hub) {
      count++;
      open = false;
    }
  }
  return open ? count + 1 : count;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
