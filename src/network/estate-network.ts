/**
 * The NetworkPolicy analysis of an estate, built once per analysis and shared by every rule and the attack graph:
 * lazily built and cached per Estate in a WeakMap, so rules stay independent of each other and the analysis dies
 * with the estate.
 */
import type { Estate } from '../model/estate.js';
import { objectKey, type K8sObject } from '../model/object.js';
import type { Workload } from '../model/workload.js';
import { analyzeNetwork, type NetworkAnalysis, type PodGroup } from './index.js';
import { namespaceLabelsFromObjects, podGroupsWithObjects } from './pod-groups.js';

interface EstateNetwork {
  analysis: NetworkAnalysis;
  /** The input object of each pod group. */
  groupOfObject: Map<K8sObject, PodGroup>;
  /** Some owner was read twice (its copies' group ids end in `#2`, …). */
  ownerCopies: boolean;
  /** `Kind/namespace/name` of the owner → its pod group; built when a workload is not found by its object. */
  groupsByOwner?: Map<string, PodGroup>;
}

const cache = new WeakMap<Estate, EstateNetwork>();

function estateNetwork(estate: Estate): EstateNetwork {
  let entry = cache.get(estate);
  if (entry === undefined) {
    // The pod groups are read here, so that each workload finds its group by its object: a key string per workload
    // (30,000 asking at 50,000 pods) cost more than the lookup.
    const namespaceLabels = namespaceLabelsFromObjects(estate.objects);
    const read = podGroupsWithObjects(estate.objects, estate.defaultNamespace, namespaceLabels, estate.byKind);
    const analysis = analyzeNetwork(estate.objects, { defaultNamespace: estate.defaultNamespace, podGroups: read.groups, namespaceLabels });
    const groupOfObject = new Map<K8sObject, PodGroup>();
    let ownerCopies = false;
    for (let position = 0; position < read.groups.length; position++) {
      const group = read.groups[position];
      groupOfObject.set(read.objects[position], group);
      if (group.id.includes('#')) ownerCopies = true;
    }
    entry = { analysis, groupOfObject, ownerCopies };
    cache.set(estate, entry);
  }
  return entry;
}

/** The estate's NetworkPolicy analysis (one per Estate). */
export function networkOfEstate(estate: Estate): NetworkAnalysis {
  return estateNetwork(estate).analysis;
}

/**
 * The pod group that stands for a workload's pods, when the engine analysed it (it has a pod template): the group of
 * the owner with the workload's key; the last one read when the input holds copies of the owner.
 */
export function podGroupOfWorkload(estate: Estate, workload: Workload): PodGroup | undefined {
  const entry = estateNetwork(estate);
  // The group of the workload's own object has its key, and is the only one that does unless an owner was copied.
  const own = entry.groupOfObject.get(workload.object);
  if (own !== undefined && !entry.ownerCopies) return own;
  return groupsByOwnerOf(entry).get(objectKey({ ...workload.ref, namespace: workload.namespace }));
}

function groupsByOwnerOf(entry: EstateNetwork): Map<string, PodGroup> {
  if (entry.groupsByOwner === undefined) {
    // A group's id is its owner's key, unless a copy of the same owner came first (then `key#2`, …): the id itself
    // serves as the key, rather than one more string per group. The last group of an owner is the one found.
    const groupsByOwner = new Map<string, PodGroup>();
    for (const group of entry.analysis.groups) groupsByOwner.set(group.id.includes('#') ? objectKey(group.owner) : group.id, group);
    entry.groupsByOwner = groupsByOwner;
  }
  return entry.groupsByOwner;
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
