/**
 * Most-likely paths: Dijkstra over -ln(success probability), from one or several sources at once, forward or against
 * the edges. O((V + E) log V) per run; the analysis makes a fixed number of runs, never one per pair of nodes.
 */
import { WEIGHT_OF_RANK, type AttackGraph } from './graph.js';

export interface SearchResult {
  /** -ln(probability) of the best path from a source; Infinity when unreachable. */
  cost: Float64Array;
  /** The edge the best path arrives by (or leaves by, for a reverse search); -1 at a source or when unreachable. */
  via: Int32Array;
  /** The source each node was reached from; -1 when unreachable. */
  origin: Int32Array;
  reverse: boolean;
}

/** The best paths of a search without their costs, for a caller that keeps several searches' paths at once. */
export type SearchPaths = Pick<SearchResult, 'via' | 'origin' | 'reverse'>;

/** The paths alone: the costs' array, no longer referenced, is freed at the next collection. */
export function pathsOf(result: SearchResult): SearchPaths {
  return { via: result.via, origin: result.origin, reverse: result.reverse };
}

/** Whether the search reached the node. */
export function reached(result: SearchPaths, node: number): boolean {
  return result.origin[node] !== -1;
}

/**
 * The working memory of searches over one graph, for a caller that runs several one after the other (five for the
 * risks, one per entry point for the paths): at 150,000 pods each search's own was 2.5 MB of array buffers, which
 * count towards the external memory that starts a full collection.
 */
export class SearchScratch {
  readonly done: Uint8Array;
  /** Edges on the best path so far (the structural CONTAINS steps included): ties go to the shorter path. */
  readonly hops: Uint32Array;
  readonly heap: MinHeap;

  constructor(size: number) {
    this.done = new Uint8Array(size);
    this.hops = new Uint32Array(size);
    this.heap = new MinHeap(size);
  }
}

/**
 * `settled`: positions reached but not gone beyond (for a forward search). Risk uses it for identities that already
 * are cluster-admin: once there, reaching anything else tells nothing about how exposed that thing is.
 * `excluded`: positions the search neither starts from nor enters (they stay unreachable); a caller that only reads
 * the positions whose best paths cannot pass through them saves the work.
 */
export function search(
  graph: AttackGraph,
  sources: readonly number[],
  reverse = false,
  settled?: Uint8Array,
  excluded?: Uint8Array,
  scratch: SearchScratch = new SearchScratch(graph.nodes.length),
): SearchResult {
  const size = graph.nodes.length;
  const cost = new Float64Array(size).fill(Infinity);
  const via = new Int32Array(size).fill(-1);
  const origin = new Int32Array(size).fill(-1);
  const { done, hops, heap } = scratch;
  if (excluded) done.set(excluded);
  else done.fill(0);
  hops.fill(0);
  heap.size = 0;
  for (const source of sources) {
    if (cost[source] === 0 || done[source]) continue;
    cost[source] = 0;
    origin[source] = source;
    heap.push(source, 0);
  }
  const start = reverse ? graph.inStart : graph.outStart;
  const list = reverse ? graph.inEdges : graph.outEdges;
  const far = reverse ? graph.inFrom : graph.outTo;
  const rank = reverse ? graph.inRank : graph.outRank;
  while (heap.size > 0) {
    const node = heap.pop();
    if (done[node]) continue;
    done[node] = 1;
    if (settled?.[node] && origin[node] !== node) continue;
    const here = cost[node];
    const steps = hops[node] + 1;
    for (let i = start[node]; i < start[node + 1]; i++) {
      const next = far[i];
      if (done[next]) continue;
      const candidate = here + WEIGHT_OF_RANK[rank[i]];
      // Ties go to the path with fewer steps: of two equally likely chains, the shorter one is read first.
      if (candidate < cost[next] - 1e-12 || (Math.abs(candidate - cost[next]) <= 1e-12 && steps < hops[next])) {
        cost[next] = candidate;
        hops[next] = steps;
        via[next] = list[i];
        origin[next] = origin[node];
        heap.push(next, candidate);
      }
    }
  }
  return { cost, via, origin, reverse };
}

/**
 * The edges of the best path to `target`, from its source onward (for a reverse search: from `target` onward).
 * `into` is emptied and filled, for callers that ask about thousands of positions one after the other.
 */
export function pathTo(graph: AttackGraph, result: SearchPaths, target: number, into: number[] = []): number[] | undefined {
  if (!reached(result, target)) return undefined;
  const edges = into;
  edges.length = 0;
  let node = target;
  const near = result.reverse ? graph.edgeTo : graph.edgeFrom;
  for (let guard = 0; result.via[node] !== -1 && guard <= graph.nodes.length; guard++) {
    const edge = result.via[node];
    edges.push(edge);
    node = near[edge];
  }
  return result.reverse ? edges : edges.reverse();
}

/** A binary heap of node indices keyed by cost; stale entries are skipped by the caller (lazy deletion). */
class MinHeap {
  private nodes: Int32Array;
  private keys: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.nodes = new Int32Array(Math.max(16, capacity));
    this.keys = new Float64Array(Math.max(16, capacity));
  }

  push(node: number, key: number): void {
    if (this.size === this.nodes.length) {
      const nodes = new Int32Array(this.size * 2);
      nodes.set(this.nodes);
      const keys = new Float64Array(this.size * 2);
      keys.set(this.keys);
      this.nodes = nodes;
      this.keys = keys;
    }
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, node, this.keys[parent], this.nodes[parent])) break;
      this.nodes[i] = this.nodes[parent];
      this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.nodes[i] = node;
    this.keys[i] = key;
  }

  pop(): number {
    const top = this.nodes[0];
    const lastNode = this.nodes[--this.size];
    const lastKey = this.keys[this.size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.size) break;
      if (child + 1 < this.size && this.less(this.keys[child + 1], this.nodes[child + 1], this.keys[child], this.nodes[child])) child++;
      if (!this.less(this.keys[child], this.nodes[child], lastKey, lastNode)) break;
      this.nodes[i] = this.nodes[child];
      this.keys[i] = this.keys[child];
      i = child;
    }
    this.nodes[i] = lastNode;
    this.keys[i] = lastKey;
    return top;
  }

  /** Cost first, then node index: the same graph always yields the same paths. */
  private less(keyA: number, nodeA: number, keyB: number, nodeB: number): boolean {
    return keyA < keyB || (keyA === keyB && nodeA < nodeB);
  }
}

/** Positions a forward search went beyond: reached, and not stopped at as `settled` (a source always goes on). */
export function passedThrough(result: SearchPaths, settled?: Uint8Array): Uint8Array {
  const through = new Uint8Array(result.origin.length);
  for (let node = 0; node < through.length; node++) {
    if (reached(result, node) && !(settled?.[node] && result.origin[node] !== node)) through[node] = 1;
  }
  return through;
}
