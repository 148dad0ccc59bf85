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

export class NamespaceSources {
  private readonly longLists = new WeakMap<readonly number[], BitSet>();
  private readonly populated: Array<{ namespace: string; first: number; count: number }>;

  constructor(
    private readonly index: PodClassIndex,
    private readonly edgesTo: (classId: number) => readonly ReachabilityEdge[],
  ) {
    this.populated = [...index.namespaces.keys()].map((namespace) => ({ namespace, ...index.namespaceRange(namespace) })).filter((entry) => entry.count > 0);
  }

  /** The namespaces (sorted) with pods that reach pods of `namespace`; itself included when its pods reach each other. */
  namespacesReaching(namespace: string): string[] {
    const target = this.index.namespaceRange(namespace);
    if (target.count === 0) return [];
    const size = this.index.classes.length;
    const sources = new BitSet(size);
    const seen = new Set<ReachabilityEdge>();
    for (let id = target.first; id < target.first + target.count; id++) {
      for (const edge of this.edgesTo(id)) {
        if (seen.has(edge) || edge.from.kind !== 'classes') continue;
        seen.add(edge);
        const ids = edge.from.classIds;
        if (ids.length <= LONG_LIST) for (const source of ids) sources.add(source);
        else {
          let set = this.longLists.get(ids);
          if (set === undefined) this.longLists.set(ids, (set = BitSet.of(size, ids)));
          sources.unionWith(set);
        }
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
