/**
 * Which edges involve a class, per side. Short class lists are indexed per class; long ones (an edge covering
 * every open pod) are searched on demand, since indexing them would cost classes × edges memory.
 */
import type { ReachabilityEdge } from './edge-model.js';

const INDEXED_LIST_LENGTH = 64;
const NO_POSITIONS: readonly number[] = [];

function includesSorted(sorted: readonly number[], value: number): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return sorted[low] === value;
}

export class EdgeIndex {
  private readonly indexed: Record<'from' | 'to', Map<number, number[]>> = { from: new Map(), to: new Map() };
  private readonly long: Record<'from' | 'to', number[]> = { from: [], to: [] };

  constructor(private readonly edges: readonly ReachabilityEdge[]) {
    for (const [position, edge] of edges.entries())
      for (const side of ['from', 'to'] as const) {
        const end = edge[side];
        if (end.kind !== 'classes') continue;
        if (end.classIds.length > INDEXED_LIST_LENGTH) this.long[side].push(position);
        else
          for (const id of end.classIds) {
            const list = this.indexed[side].get(id);
            if (list === undefined) this.indexed[side].set(id, [position]);
            else list.push(position);
          }
      }
  }

  /** Edges whose `side` end includes the class, in edge order. */
  edgesWith(side: 'from' | 'to', classId: number): ReachabilityEdge[] {
    // Both lists are in edge order already: merged, not joined and sorted (asked for each of 16,000 classes).
    const indexed = this.indexed[side].get(classId) ?? NO_POSITIONS;
    const long = this.long[side];
    const found: ReachabilityEdge[] = [];
    let next = 0;
    for (let position = 0; position < long.length; position++) {
      const end = this.edges[long[position]][side];
      if (end.kind !== 'classes' || !includesSorted(end.classIds, classId)) continue;
      while (next < indexed.length && indexed[next] < long[position]) found.push(this.edges[indexed[next++]]);
      found.push(this.edges[long[position]]);
    }
    while (next < indexed.length) found.push(this.edges[indexed[next++]]);
    return found;
  }
}
