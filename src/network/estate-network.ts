/**
 * The NetworkPolicy analysis of an estate, built once per analysis and shared by every rule and the attack graph:
 * lazily built and cached per Estate in a WeakMap, so rules stay independent of each other and the analysis dies
 * with the estate.
 */
import type { Estate } from '../model/estate.js';
import { objectKey } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { analyzeNetwork, type NetworkAnalysis, type PodGroup } from './index.js';

interface EstateNetwork {
  analysis: NetworkAnalysis;
  /** `Kind/namespace/name` of the owner → its pod group. */
  groupsByOwner: Map<string, PodGroup>;
}

const cache = new WeakMap<Estate, EstateNetwork>();

function estateNetwork(estate: Estate): EstateNetwork {
  let entry = cache.get(estate);
  if (entry === undefined) {
    const analysis = analyzeNetwork(estate.objects, { defaultNamespace: estate.defaultNamespace });
    // A group's id is its owner's key, unless a copy of the same owner came first (then `key#2`, …): the id itself
    // serves as the key, rather than one more string per group. The last group of an owner is the one found.
    const groupsByOwner = new Map<string, PodGroup>();
    for (const group of analysis.groups) groupsByOwner.set(group.id.includes('#') ? objectKey(group.owner) : group.id, group);
    entry = { analysis, groupsByOwner };
    cache.set(estate, entry);
  }
  return entry;
}

/** The estate's NetworkPolicy analysis (one per Estate). */
export function networkOfEstate(estate: Estate): NetworkAnalysis {
  return estateNetwork(estate).analysis;
}

/** The pod group that stands for a workload's pods, when the engine analysed it (it has a pod template). */
export function podGroupOfWorkload(estate: Estate, workload: Workload): PodGroup | undefined {
  return estateNetwork(estate).groupsByOwner.get(objectKey({ ...workload.ref, namespace: workload.namespace }));
}

/** Beyond this many namespaces with pods a namespace × namespace table is unreadable (and quadratic to build). */
export const MATRIX_MAX_NAMESPACES = 100;

/**
 * The namespace-to-namespace reachability of the namespaces that run pods in the input (a namespace without pods
 * neither reaches nor is reached); undefined when no namespace runs pods, or more than MATRIX_MAX_NAMESPACES do
 * (`kubethreat reach` answers for any pair).
 */
export function populatedNamespaceMatrix(estate: Estate): { namespaces: string[]; cells: Array<Array<'all' | 'some' | 'none'>> } | undefined {
  const network = networkOfEstate(estate);
  const populated = new Set(network.groups.map((group) => group.namespace));
  if (populated.size === 0 || populated.size > MATRIX_MAX_NAMESPACES) return undefined;
  const matrix = network.namespaceMatrix();
  const kept = matrix.namespaces.map((namespace, index) => ({ namespace, index })).filter(({ namespace }) => populated.has(namespace));
  return { namespaces: kept.map(({ namespace }) => namespace), cells: kept.map(({ index: row }) => kept.map(({ index: column }) => matrix.cells[row][column])) };
}
