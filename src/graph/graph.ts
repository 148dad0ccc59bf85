/**
 * The attack graph as plain arrays: nodes by index, edges by index, and compact forward and reverse adjacency
 * (CSR) built once when the builder is sealed. Adding is idempotent: the same node id is one node, and the same
 * (from, to, technique) is one edge whose evidence accumulates (up to a few items: one is proof, ten are noise).
 */
import type { CrownJewel, Difficulty, EntryKind, Evidence, GraphEdge, GraphNode } from './types.js';
import { DIFFICULTIES, SUCCESS_PROBABILITY, difficultyRank } from './types.js';
import { EdgeKeys } from './edge-keys.js';

const MAX_EVIDENCE = 4;
/** For the many edges that need none (structural steps, facts of every cluster): one shared, frozen list. */
export const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

/** A node before it is added: everything but its index. */
export type NodeSpec = Omit<GraphNode, 'index'>;

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  private readonly nodeIndex = new Map<string, number>();
  private readonly keys = new EdgeKeys();
  private readonly techniqueIndex = new Map<string, number>();
  /** The difficulty rank of each edge, kept beside the keys: sealing reads these columns, not 1.2 million objects. */
  private difficultyRanks = new Uint8Array(1024);

  /** The node with this id, created from the spec the first time. */
  node(spec: NodeSpec): number {
    const existing = this.nodeIndex.get(spec.id);
    if (existing !== undefined) return existing;
    return this.create(spec);
  }

  /** Like node(), with the spec built only when the node is new (labels are strings worth not building twice). */
  nodeWith(id: string, spec: () => Omit<NodeSpec, 'id'>): number {
    const existing = this.nodeIndex.get(id);
    return existing !== undefined ? existing : this.create({ id, ...spec() });
  }

  private create(spec: NodeSpec): number {
    const index = this.nodes.length;
    const node: GraphNode = { index, id: spec.id, kind: spec.kind, label: spec.label };
    if (spec.entry) node.entry = spec.entry;
    if (spec.jewel) node.jewel = spec.jewel;
    if (spec.hub) node.hub = true;
    if (spec.object) node.object = spec.object;
    if (spec.namespace !== undefined) node.namespace = spec.namespace;
    this.nodes.push(node);
    this.nodeIndex.set(spec.id, index);
    return index;
  }

  find(id: string): number | undefined {
    return this.nodeIndex.get(id);
  }

  /** Marks an existing node as a crown jewel, keeping the more valuable of two markings. */
  markJewel(index: number, jewel: CrownJewel): void {
    const node = this.nodes[index];
    if (!node.jewel || node.jewel.value < jewel.value) node.jewel = jewel;
  }

  markEntry(index: number, entry: EntryKind): void {
    this.nodes[index].entry ??= entry;
  }

  /**
   * Adds the edge, or merges into the one with the same (from, to, technique). The evidence array is kept as given,
   * never changed (a merge makes a new one): one RBAC grant's evidence is shared by the thousands of edges it gives.
   */
  edge(from: number, to: number, technique: string, difficulty: Difficulty, evidence: readonly Evidence[] = NO_EVIDENCE): void {
    if (from === to) return;
    let techniqueNumber = this.techniqueIndex.get(technique);
    if (techniqueNumber === undefined) this.techniqueIndex.set(technique, (techniqueNumber = this.techniqueIndex.size));
    const existing = this.keys.indexOf(from, to, techniqueNumber);
    if (existing >= 0) {
      const edge = this.edges[existing];
      // Keep the easiest way the technique applies, and its evidence first.
      if (difficultyRank(difficulty) < difficultyRank(edge.difficulty)) {
        edge.difficulty = difficulty;
        this.difficultyRanks[existing] = difficultyRank(difficulty);
        edge.evidence = [...evidence, ...edge.evidence].slice(0, MAX_EVIDENCE);
      } else if (edge.evidence.length < MAX_EVIDENCE && evidence.length > 0) edge.evidence = [...edge.evidence, ...evidence.slice(0, MAX_EVIDENCE - edge.evidence.length)];
      return;
    }
    const index = this.keys.append(from, to, techniqueNumber);
    if (index === this.difficultyRanks.length) {
      const larger = new Uint8Array(index * 2);
      larger.set(this.difficultyRanks);
      this.difficultyRanks = larger;
    }
    this.difficultyRanks[index] = difficultyRank(difficulty);
    this.edges.push({ index, from, to, technique, difficulty, evidence: evidence.length <= MAX_EVIDENCE ? evidence : evidence.slice(0, MAX_EVIDENCE) });
  }

  seal(notes: readonly string[]): AttackGraph {
    const count = this.edges.length;
    const columns = { from: this.keys.from.slice(0, count), to: this.keys.to.slice(0, count), difficulty: this.difficultyRanks.subarray(0, count) };
    return new AttackGraph(this.nodes, this.edges, this.nodeIndex, notes, columns);
  }
}

/** Each edge's endpoints and difficulty rank (edges[i].from, .to, difficultyRank(.difficulty)). */
interface EdgeColumns {
  from: Int32Array;
  to: Int32Array;
  difficulty: Uint8Array;
}

function columnsOf(edges: readonly GraphEdge[]): EdgeColumns {
  const columns = { from: new Int32Array(edges.length), to: new Int32Array(edges.length), difficulty: new Uint8Array(edges.length) };
  edges.forEach((edge, index) => {
    columns.from[index] = edge.from;
    columns.to[index] = edge.to;
    columns.difficulty[index] = difficultyRank(edge.difficulty);
  });
  return columns;
}

/** -ln(success probability) by difficulty rank. */
const WEIGHT_OF_RANK = DIFFICULTIES.map((difficulty) => -Math.log(SUCCESS_PROBABILITY[difficulty]));

export class AttackGraph {
  /** Edge indices leaving node i: outEdges[outStart[i] .. outStart[i+1]). */
  readonly outStart: Uint32Array;
  readonly outEdges: Uint32Array;
  readonly inStart: Uint32Array;
  readonly inEdges: Uint32Array;
  /** -ln(success probability) of each edge: the path search's weight. */
  readonly weight: Float64Array;
  /** edges[i].from and edges[i].to, for the path search to read without touching the edge objects. */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;

  constructor(
    readonly nodes: readonly GraphNode[],
    readonly edges: readonly GraphEdge[],
    private readonly ids: ReadonlyMap<string, number>,
    /** Assumptions the graph rests on, in words (no NetworkPolicy in the input, …). */
    readonly notes: readonly string[],
    /** The edges' endpoints and difficulty ranks, when the builder has them: then no edge object is read here. */
    columns?: EdgeColumns,
  ) {
    const nodeCount = nodes.length;
    const { from, to, difficulty } = columns ?? columnsOf(edges);
    this.edgeFrom = from;
    this.edgeTo = to;
    this.outStart = new Uint32Array(nodeCount + 1);
    this.inStart = new Uint32Array(nodeCount + 1);
    // Typed columns, not the edge objects: 1.2 million of them at 150,000 pods, scattered over a 3 GB heap.
    for (let index = 0; index < from.length; index++) {
      this.outStart[from[index] + 1]++;
      this.inStart[to[index] + 1]++;
    }
    for (let i = 0; i < nodeCount; i++) {
      this.outStart[i + 1] += this.outStart[i];
      this.inStart[i + 1] += this.inStart[i];
    }
    this.outEdges = new Uint32Array(from.length);
    this.inEdges = new Uint32Array(from.length);
    const outFill = this.outStart.slice(0, nodeCount);
    const inFill = this.inStart.slice(0, nodeCount);
    this.weight = new Float64Array(from.length);
    for (let index = 0; index < from.length; index++) {
      this.outEdges[outFill[from[index]]++] = index;
      this.inEdges[inFill[to[index]]++] = index;
      this.weight[index] = WEIGHT_OF_RANK[difficulty[index]];
    }
  }

  nodeById(id: string): GraphNode | undefined {
    const index = this.ids.get(id);
    return index === undefined ? undefined : this.nodes[index];
  }

  outgoing(node: number): GraphEdge[] {
    const out: GraphEdge[] = [];
    for (let i = this.outStart[node]; i < this.outStart[node + 1]; i++) out.push(this.edges[this.outEdges[i]]);
    return out;
  }

  incoming(node: number): GraphEdge[] {
    const out: GraphEdge[] = [];
    for (let i = this.inStart[node]; i < this.inStart[node + 1]; i++) out.push(this.edges[this.inEdges[i]]);
    return out;
  }

  entries(): GraphNode[] {
    return this.nodes.filter((node) => node.entry !== undefined);
  }

  jewels(): GraphNode[] {
    return this.nodes.filter((node) => node.jewel !== undefined);
  }
}
