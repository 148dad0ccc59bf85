/**
 * Which namespaces reach one namespace: the namespaces with a pod class that can open a connection, on some port,
 * to some pod class of it. The answer of one column of the namespace matrix, without building the matrix (which is
 * namespaces × namespaces: 100 million cells for the 10,000 namespaces of a large cluster).
 */
import { BitSet } from './bitset.js';
import type { ReachabilityEdge } from './edge-model.js';
import type { PodClassIndex } from './pod-classes.js';

/** Source lists longer than this are added as a (cached) bit set rather than id by id. */
const LONG_LIST = 256;

/** Answers kept at most: at 3,000 namespaces, 64 answers of every namespace are 1.5 MB. */
const REMEMBERED_ANSWERS = 64;

export class NamespaceSources {
  private readonly longLists = new WeakMap<readonly number[], BitSet>();
  private readonly edgeNumbers = new Map<ReachabilityEdge, number>();
  private readonly answers = new Map<string, readonly string[]>();
  private readonly populated: Array<{ namespace: string; first: number; count: number }>;

  constructor(
    private readonly index: PodClassIndex,
    private readonly edgesTo: (classId: number) => readonly ReachabilityEdge[],
  ) {
    this.populated = [];
    for (const namespace of index.namespaces.keys()) {
      const { first, count } = index.namespaceRange(namespace);
      if (count > 0) this.populated.push({ namespace, first, count });
    }
  }

  /**
   * The namespaces (sorted) with pods that reach pods of `namespace`; itself included when its pods reach each other.
   * The answer depends only on which edges reach the namespace, and most namespaces share those with others (the
   * 1,100 production namespaces of 3,300 are reached by the same few edges): answers are remembered per edge set,
   * a bounded number of them (each can name every namespace).
   */
  namespacesReaching(namespace: string): readonly string[] {
    const target = this.index.namespaceRange(namespace);
    if (target.count === 0) return NO_NAMESPACES;
    const reaching = new Set<ReachabilityEdge>();
    for (let id = target.first; id < target.first + target.count; id++) for (const edge of this.edgesTo(id)) if (edge.from.kind === 'classes') reaching.add(edge);
    const key = Array.from(reaching, (edge) => this.numberOf(edge))
      .sort((a, b) => a - b)
      .join(',');
    let answer = this.answers.get(key);
    if (answer === undefined) {
      if (this.answers.size >= REMEMBERED_ANSWERS) this.answers.clear();
      answer = this.namespacesWithSourcesOf(reaching);
      this.answers.set(key, answer);
    }
    return answer;
  }

  private numberOf(edge: ReachabilityEdge): number {
    let number = this.edgeNumbers.get(edge);
    if (number === undefined) this.edgeNumbers.set(edge, (number = this.edgeNumbers.size));
    return number;
  }

  private namespacesWithSourcesOf(edges: ReadonlySet<ReachabilityEdge>): readonly string[] {
    const size = this.index.classes.length;
    const sources = new BitSet(size);
    for (const edge of edges) {
      if (edge.from.kind !== 'classes') continue;
      const ids = edge.from.classIds;
      if (ids.length <= LONG_LIST) for (const source of ids) sources.add(source);
      else {
        let set = this.longLists.get(ids);
        if (set === undefined) this.longLists.set(ids, (set = BitSet.of(size, ids)));
        sources.unionWith(set);
      }
    }
    const reaching: string[] = [];
    for (const entry of this.populated) {
      for (let id = entry.first; id < entry.first + entry.count; id++) {
        if (sources.has(id)) {
          reaching.push(entry.namespace);
          break;
        }
      }
    }
    return reaching;
  }
}

const NO_NAMESPACES: readonly string[] = [];
