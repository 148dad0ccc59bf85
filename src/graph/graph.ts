/**
 * The attack graph as columns: nodes by index, and for edges typed arrays of endpoints, technique and difficulty plus
 * one evidence slot each, with compact forward and reverse adjacency (CSR) built once when the builder is sealed.
 * Adding is idempotent: the same node id is one node, and the same (from, to, technique) is one edge whose evidence
 * accumulates (up to a few items: one is proof, ten are noise). No object per edge: 1.2 million edges at 150,000
 * pods were 90 MB of GraphEdge objects; an edge object is made only when asked for (edge(i), outgoing()).
 */
import type { CrownJewel, Difficulty, EntryKind, Evidence, GraphEdge, GraphNode } from './types.js';
import { DIFFICULTIES, SUCCESS_PROBABILITY, difficultyRank } from './types.js';
import { EdgeKeys } from './edge-keys.js';

const MAX_EVIDENCE = 4;
/** For the many edges that need none (structural steps, facts of every cluster): one shared, frozen list. */
export const NO_EVIDENCE: readonly Evidence[] = Object.freeze([]);

/**
 * An edge's evidence as stored: its one piece itself (most edges have one, and an array each was 16 MB at 50,000
 * pods), or a list, never changed and often shared by the edges of one grant.
 */
export type EvidenceSlot = Evidence | readonly Evidence[];

function slotOf(evidence: readonly Evidence[]): EvidenceSlot {
  if (evidence.length === 1) return evidence[0];
  if (evidence.length === 0) return NO_EVIDENCE;
  return evidence.length <= MAX_EVIDENCE ? evidence : evidence.slice(0, MAX_EVIDENCE);
}

function listOf(slot: EvidenceSlot): readonly Evidence[] {
  return isList(slot) ? slot : [slot];
}

export function isList(slot: EvidenceSlot): slot is readonly Evidence[] {
  return Array.isArray(slot);
}

/** A node before it is added: everything but its index. */
export type NodeSpec = Omit<GraphNode, 'index'>;

export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  private readonly nodeIndex = new Map<string, number>();
  private readonly keys = new EdgeKeys();
  private readonly techniqueIndex = new Map<string, number>();
  private readonly techniques: string[] = [];
  private readonly evidence: EvidenceSlot[] = [];
  private lastTechnique: string | undefined;
  private lastTechniqueNumber = 0;
  private lastMergedInto: EvidenceSlot | undefined;
  private lastMergedEvidence: readonly Evidence[] | undefined;
  private lastMergedFirst = false;
  private lastMerged: EvidenceSlot | undefined;

  get edgeCount(): number {
    return this.keys.count;
  }

  /** The node with this id, created from the spec the first time. */
  node(spec: NodeSpec): number {
    const existing = this.nodeIndex.get(spec.id);
    if (existing !== undefined) return existing;
    return this.create(spec.id, spec);
  }

  /** Like node(), with the spec built only when the node is new (labels are strings worth not building twice). */
  nodeWith(id: string, spec: () => Omit<NodeSpec, 'id'>): number {
    const existing = this.nodeIndex.get(id);
    return existing !== undefined ? existing : this.create(id, spec());
  }

  /**
   * Every field in one literal, those a node lacks undefined: one shape for all 50,000 nodes, with no properties
   * added afterwards (which gave most nodes a second, out-of-object property store).
   */
  private create(id: string, spec: Omit<NodeSpec, 'id'>): number {
    const index = this.nodes.length;
    this.nodes.push({
      index,
      id,
      kind: spec.kind,
      label: spec.label,
      entry: spec.entry || undefined,
      jewel: spec.jewel || undefined,
      hub: spec.hub ? true : undefined,
      object: spec.object || undefined,
      namespace: spec.namespace,
    });
    this.nodeIndex.set(id, index);
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
    // Modules add their edges one technique at a time: the last one's number is at hand without a lookup.
    let techniqueNumber = technique === this.lastTechnique ? this.lastTechniqueNumber : this.techniqueIndex.get(technique);
    if (techniqueNumber === undefined) {
      techniqueNumber = this.techniques.length;
      // Technique numbers are kept in 16 bits (EdgeKeys): far more than the catalogue will ever have.
      if (techniqueNumber > 0xffff) throw new Error('more than 65,536 techniques in one attack graph');
      this.techniqueIndex.set(technique, techniqueNumber);
      this.techniques.push(technique);
    }
    this.lastTechnique = technique;
    this.lastTechniqueNumber = techniqueNumber;
    const rank = difficultyRank(difficulty);
    const found = this.keys.indexOrAdd(from, to, techniqueNumber);
    if (found >= 0) {
      const known = this.evidence[found];
      // Keep the easiest way the technique applies, and its evidence first.
      if (rank < this.keys.rankOf(found)) {
        this.keys.setRank(found, rank);
        this.evidence[found] = this.merged(known, evidence, true);
      } else if ((isList(known) ? known.length : 1) < MAX_EVIDENCE && evidence.length > 0) this.evidence[found] = this.merged(known, evidence, false);
      return;
    }
    this.keys.setRank(-found - 1, rank);
    this.evidence.push(slotOf(evidence));
  }

  /**
   * The evidence of a merged edge: `evidence` before the known (`first`) or after it. The last merge's slot is reused
   * when the same evidence merges into the same slot again, as one grant's edges to every service account of a scope
   * do when another grant reaches them too (18,000 merges of RBAC-IMPERSONATE at 50,000 pods): the edges keep sharing
   * one slot, as the risk pass reads them, rather than getting a new array each.
   */
  private merged(known: EvidenceSlot, evidence: readonly Evidence[], first: boolean): EvidenceSlot {
    if (known === this.lastMergedInto && evidence === this.lastMergedEvidence && first === this.lastMergedFirst) return this.lastMerged!;
    const list = listOf(known);
    const slot = first ? slotOf([...evidence, ...list]) : slotOf([...list, ...evidence.slice(0, MAX_EVIDENCE - list.length)]);
    this.lastMergedInto = known;
    this.lastMergedEvidence = evidence;
    this.lastMergedFirst = first;
    this.lastMerged = slot;
    return slot;
  }

  seal(notes: readonly string[]): AttackGraph {
    const { from, to, technique, rank } = this.keys.columns();
    return new AttackGraph(this.nodes, this.nodeIndex, notes, { from, to, technique, difficulty: rank, evidence: this.evidence, techniques: this.techniques });
  }
}

/** The edges as columns: edge i goes from from[i] to to[i] by techniques[technique[i]], at DIFFICULTIES[difficulty[i]]. */
export interface EdgeColumns {
  from: Int32Array;
  to: Int32Array;
  technique: Uint16Array;
  difficulty: Uint8Array;
  evidence: readonly EvidenceSlot[];
  techniques: readonly string[];
}

/** -ln(success probability) by difficulty rank: the path search's weight of an edge. */
export const WEIGHT_OF_RANK: readonly number[] = DIFFICULTIES.map((difficulty) => -Math.log(SUCCESS_PROBABILITY[difficulty]));

export class AttackGraph {
  readonly edgeCount: number;
  /** Edge indices leaving node i: outEdges[outStart[i] .. outStart[i+1]). */
  readonly outStart: Uint32Array;
  readonly outEdges: Uint32Array;
  readonly inStart: Uint32Array;
  readonly inEdges: Uint32Array;
  /**
   * In the order of outEdges (inEdges): the node at the far end and the difficulty rank, whose weight is
   * WEIGHT_OF_RANK[rank]. The search reads them in sequence rather than through the edge index (two reads from
   * anywhere per step). A rank, not the weight itself: 8 bytes less per edge and direction (17 MB of array buffers at
   * 150,000 pods, which count towards the external memory that starts a full collection).
   */
  readonly outTo: Int32Array;
  readonly outRank: Uint8Array;
  readonly inFrom: Int32Array;
  readonly inRank: Uint8Array;
  /** Each edge's endpoints, technique number (techniques[n] is its id) and difficulty rank (DIFFICULTIES[r]). */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeTechnique: Uint16Array;
  readonly edgeDifficulty: Uint8Array;
  readonly techniques: readonly string[];
  /** Each edge's evidence slot: the same slot on two edges is the same evidence. */
  readonly evidenceSlots: readonly EvidenceSlot[];
  private edgeObjects: readonly GraphEdge[] | undefined;
  private techniqueNumbers: Map<string, number> | undefined;

  constructor(
    readonly nodes: readonly GraphNode[],
    private readonly ids: ReadonlyMap<string, number>,
    /** Assumptions the graph rests on, in words (no NetworkPolicy in the input, …). */
    readonly notes: readonly string[],
    columns: EdgeColumns,
  ) {
    const nodeCount = nodes.length;
    const { from, to, difficulty } = columns;
    this.edgeCount = from.length;
    this.edgeFrom = from;
    this.edgeTo = to;
    this.edgeTechnique = columns.technique;
    this.edgeDifficulty = difficulty;
    this.techniques = columns.techniques;
    this.evidenceSlots = columns.evidence;
    this.outStart = new Uint32Array(nodeCount + 1);
    this.inStart = new Uint32Array(nodeCount + 1);
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
    this.outTo = new Int32Array(from.length);
    this.outRank = new Uint8Array(from.length);
    this.inFrom = new Int32Array(from.length);
    this.inRank = new Uint8Array(from.length);
    for (let index = 0; index < from.length; index++) {
      const rank = difficulty[index];
      const out = outFill[from[index]]++;
      this.outEdges[out] = index;
      this.outTo[out] = to[index];
      this.outRank[out] = rank;
      const into = inFill[to[index]]++;
      this.inEdges[into] = index;
      this.inFrom[into] = from[index];
      this.inRank[into] = rank;
    }
  }

  nodeById(id: string): GraphNode | undefined {
    const index = this.ids.get(id);
    return index === undefined ? undefined : this.nodes[index];
  }

  techniqueOf(edge: number): string {
    return this.techniques[this.edgeTechnique[edge]];
  }

  /** The number edgeTechnique holds for a technique id; -1 when no edge uses it. */
  techniqueNumber(id: string): number {
    this.techniqueNumbers ??= new Map(this.techniques.map((technique, number) => [technique, number]));
    return this.techniqueNumbers.get(id) ?? -1;
  }

  difficultyOf(edge: number): Difficulty {
    return DIFFICULTIES[this.edgeDifficulty[edge]];
  }

  evidenceOf(edge: number): readonly Evidence[] {
    return listOf(this.evidenceSlots[edge]);
  }

  /** Edge i as an object, made when asked for. */
  edge(index: number): GraphEdge {
    return { index, from: this.edgeFrom[index], to: this.edgeTo[index], technique: this.techniqueOf(index), difficulty: this.difficultyOf(index), evidence: this.evidenceOf(index) };
  }

  /** Every edge as an object, made once when first asked for (the whole-graph diagram, tests): the analysis never does. */
  get edges(): readonly GraphEdge[] {
    this.edgeObjects ??= Array.from({ length: this.edgeCount }, (_, index) => this.edge(index));
    return this.edgeObjects;
  }

  outgoing(node: number): GraphEdge[] {
    const out: GraphEdge[] = [];
    for (let i = this.outStart[node]; i < this.outStart[node + 1]; i++) out.push(this.edge(this.outEdges[i]));
    return out;
  }

  incoming(node: number): GraphEdge[] {
    const out: GraphEdge[] = [];
    for (let i = this.inStart[node]; i < this.inStart[node + 1]; i++) out.push(this.edge(this.inEdges[i]));
    return out;
  }

  entries(): GraphNode[] {
    return this.nodes.filter((node) => node.entry !== undefined);
  }

  jewels(): GraphNode[] {
    return this.nodes.filter((node) => node.jewel !== undefined);
  }
}
