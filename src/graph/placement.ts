/**
 * Which nodes each workload's pods run on. From a dump: the Node objects, and the nodeName of every Pod, credited
 * to the controller that owns it (Pod → ReplicaSet → Deployment). From manifests, or for a workload whose pods the
 * input does not show: the node pool its scheduling constraints imply (boundaries/node-pools.ts), one graph node per
 * pool. DaemonSets that select no pool run on every node.
 */
import { asRecord, asString } from '../model/json.js';
import type { ObjectRef } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { placementOf } from '../boundaries/node-pools.js';
import type { BuildContext } from './context.js';
import { nodeObjectNode, nodePoolNode } from './nodes.js';
import { ObjectTable } from './object-table.js';

const CONTROL_PLANE_LABELS = ['node-role.kubernetes.io/control-plane', 'node-role.kubernetes.io/master'];

export interface WorkloadNodes {
  /** Graph nodes (Node objects or pools) the workload's pods run on or may be scheduled on. */
  nodes: number[];
  /** How the placement was decided, for evidence. */
  how: 'observed' | 'pool';
  pool?: string;
}

export interface Placement {
  of(workload: Workload): WorkloadNodes;
  /** Workloads whose pods run on a graph node (DaemonSets on every node are listed in `everywhere`). */
  podsOn(node: number): readonly Workload[];
  /** DaemonSets without node constraints: one pod on every node. */
  everywhere: readonly Workload[];
  /** Every node and pool of the graph. */
  allNodes: readonly number[];
  controlPlane: ReadonlySet<number>;
  /** Whether Node objects were given (a dump) rather than inferred pools. */
  realNodes: boolean;
}

export function computePlacement(context: BuildContext): Placement {
  const { estate, graph } = context;
  const nodeIndexByName = new Map<string, number>();
  const controlPlane = new Set<number>();
  for (const node of estate.byKind.get('Node') ?? []) {
    const isControlPlane = CONTROL_PLANE_LABELS.some((label) => label in node.metadata.labels);
    const index = nodeObjectNode(graph, node.metadata.name, isControlPlane);
    nodeIndexByName.set(node.metadata.name, index);
    if (isControlPlane) controlPlane.add(index);
  }

  // Pods of a dump carry spec.nodeName; credit each to the analysed workload at the top of its owner chain.
  // Indexed loops over every pod of a dump: they run once, mostly unoptimised, where for…of allocates per element.
  const all = estate.workloads;
  // managedBy is the owner's own ref (model/estate.ts), and pods own nothing: controllers by ref object first, a
  // table by content only if some ref is not found that way.
  const controllers = new Map<ObjectRef, Workload>();
  for (let index = 0; index < all.length; index++) if (all[index].kind !== 'Pod') controllers.set(all[index].ref, all[index]);
  let byContent: ObjectTable<Workload> | undefined;
  const ownerOf = (ref: ObjectRef): Workload | undefined => {
    const owner = controllers.get(ref);
    if (owner !== undefined) return owner;
    if (byContent === undefined) {
      byContent = new ObjectTable();
      for (let index = 0; index < all.length; index++) byContent.set(all[index].ref, all[index]);
    }
    return byContent.get(ref);
  };
  const observed = new Map<Workload, number[]>();
  for (let index = 0; index < all.length; index++) {
    const workload = all[index];
    if (workload.kind !== 'Pod') continue;
    const nodeName = asString(workload.spec.nodeName);
    const node = nodeName === undefined ? undefined : nodeIndexByName.get(nodeName);
    if (node === undefined) continue;
    let root = workload;
    for (let depth = 0; root.managedBy && depth < 4; depth++) {
      const owner = ownerOf(root.managedBy);
      if (!owner) break;
      root = owner;
    }
    // A list, not a Set per workload: a workload's pods are on a handful of nodes.
    const nodes = observed.get(root);
    if (!nodes) observed.set(root, [node]);
    else if (!nodes.includes(node)) nodes.push(node);
  }

  const placements = new Map<Workload, WorkloadNodes>();
  const podsOn = new Map<number, Workload[]>();
  const everywhere: Workload[] = [];
  for (const workload of context.workloads) {
    const seen = observed.get(workload);
    let placement: WorkloadNodes;
    let onEveryNode = false;
    if (seen) placement = { nodes: sortSmall(seen), how: 'observed' };
    else {
      const pool = placementOf(withoutUbiquitousSelectors(workload));
      const index = nodePoolNode(graph, pool.pool);
      if (pool.controlPlane) controlPlane.add(index);
      placement = { nodes: [index], how: 'pool', pool: pool.pool };
      onEveryNode = pool.everyNode && pool.pool.startsWith('any node');
      if (onEveryNode) everywhere.push(workload);
    }
    placements.set(workload, placement);
    if (!onEveryNode) for (const node of placement.nodes) push(podsOn, node, workload);
  }

  const allNodes = graph.nodes.filter((node) => node.kind === 'node').map((node) => node.index);
  return {
    of: (workload) => placements.get(workload) ?? { nodes: [], how: 'pool' },
    podsOn: (node) => podsOn.get(node) ?? [],
    everywhere,
    allNodes,
    controlPlane,
    realNodes: nodeIndexByName.size > 0,
  };
}

/**
 * Sorts a workload's nodes in place: most have a handful, which Array.prototype.sort copied first (10 MB at 50,000
 * pods); a DaemonSet's hundreds go to the ordinary sort.
 */
function sortSmall(numbers: number[]): number[] {
  if (numbers.length > 16) return numbers.sort((a, b) => a - b);
  for (let i = 1; i < numbers.length; i++) {
    const value = numbers[i];
    let j = i - 1;
    for (; j >= 0 && numbers[j] > value; j--) numbers[j + 1] = numbers[j];
    numbers[j + 1] = value;
  }
  return numbers;
}

/** Labels every Linux node of an ordinary cluster carries: selecting on them does not set a pool apart. */
const UBIQUITOUS_LABELS = new Set(['kubernetes.io/os', 'kubernetes.io/arch', 'beta.kubernetes.io/os', 'beta.kubernetes.io/arch']);

/** The workload as placement sees it, with nodeSelector entries on os and architecture left out. */
function withoutUbiquitousSelectors(workload: Workload): Workload {
  const selector = asRecord(workload.spec.nodeSelector);
  if (!selector || !Object.keys(selector).some((key) => UBIQUITOUS_LABELS.has(key))) return workload;
  const kept = Object.fromEntries(Object.entries(selector).filter(([key]) => !UBIQUITOUS_LABELS.has(key)));
  return { ...workload, spec: { ...workload.spec, nodeSelector: kept } };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
