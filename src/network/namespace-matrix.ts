/**
 * Namespace × namespace reachability from the edges. One source namespace at a time, so memory stays at
 * (classes of that namespace) × (all classes) bits even when labels make every pod its own class.
 */
import { BitSet } from './bitset.js';
import type { ReachabilityEdge } from './edge-model.js';
import type { PodClassIndex } from './pod-classes.js';

export type NamespaceReach = 'all' | 'some' | 'none';

export interface NamespaceMatrix {
  namespaces: readonly string[];
  /** cells[i][j]: do pods of namespaces[i] reach pods of namespaces[j] on some port: every pair, some, or none. */
  cells: readonly (readonly NamespaceReach[])[];
}

/** First index in a sorted list whose value is >= value. */
function lowerBound(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function namespaceMatrix(index: PodClassIndex, edges: readonly ReachabilityEdge[]): NamespaceMatrix {
  const size = index.classes.length;
  const wordsPerRow = Math.ceil(size / 32);
  const namespaces = [...index.namespaces.keys()];
  const classEdges = edges.flatMap((edge) =>
    edge.from.kind === 'classes' && edge.to.kind === 'classes' ? [{ from: edge.from.classIds, to: edge.to.classIds, targets: undefined as BitSet | undefined }] : [],
  );
  const cells = namespaces.map((fromNamespace) => {
    const source = index.namespaceRange(fromNamespace);
    // Sources that sit in exactly the same edges reach exactly the same classes: one row per distinct membership.
    const memberships = Array.from({ length: source.count }, (): number[] => []);
    for (const [edgeIndex, edge] of classEdges.entries()) {
      // Edge sources are sorted class ids, and a namespace is a contiguous id range.
      const first = lowerBound(edge.from, source.first);
      const last = lowerBound(edge.from, source.first + source.count);
      for (let k = first; k < last; k++) memberships[edge.from[k] - source.first].push(edgeIndex);
    }
    const rowsByMembership = new Map<string, { row: BitSet; sources: number }>();
    for (const membership of memberships) {
      const key = membership.join(',');
      const existing = rowsByMembership.get(key);
      if (existing !== undefined) {
        existing.sources++;
        continue;
      }
      const row = new BitSet(size);
      for (const edgeIndex of membership) {
        const edge = classEdges[edgeIndex];
        if (edge.to.length < wordsPerRow) for (const target of edge.to) row.add(target);
        else row.unionWith((edge.targets ??= BitSet.of(size, edge.to)));
      }
      rowsByMembership.set(key, { row, sources: 1 });
    }
    const rows = [...rowsByMembership.values()];
    return namespaces.map((toNamespace): NamespaceReach => {
      const destination = index.namespaceRange(toNamespace);
      if (source.count === 0 || destination.count === 0) return 'none';
      let reached = 0;
      for (const { row, sources } of rows) reached += sources * row.countRange(destination.first, destination.count);
      return reached === 0 ? 'none' : reached === source.count * destination.count ? 'all' : 'some';
    });
  });
  return { namespaces, cells };
}
