/**
 * The RBAC index of an estate, built once per analysis and shared by every rule that asks for it: a lazily built
 * index cached per Estate in a WeakMap, so rules stay independent of each other and the index dies with the estate.
 *
 * Clusters do not share RBAC: when the estate holds several clusters (inputs named per cluster), each gets an index
 * of its own, built from its objects only.
 */
import type { Estate } from '../model/estate.js';
import type { K8sObject } from '../model/object.js';
import { isPlatformComponent } from '../model/platform.js';
import { isInventoryKind, objectOfRef } from './inventory.js';
import { buildRbacIndex, type RbacIndex } from './rbac-index.js';
import type { RbacObjectRef } from './types.js';

export interface ClusterRbac {
  /** The cluster's name, when the inputs are named per cluster. */
  cluster: string | undefined;
  index: RbacIndex;
  /** The estate's objects of this cluster. */
  objects: readonly K8sObject[];
  /** The object a role or binding was read from: an input object, or one of the default policy. */
  objectOf(ref: RbacObjectRef): K8sObject | undefined;
  /**
   * The role or binding belongs to the cluster itself: the bootstrap policy (in the input or not), or a platform
   * component's (see src/model/platform.ts). Its grants are analysed, and its findings are grouped apart.
   */
  isPlatform(ref: RbacObjectRef): boolean;
  /** The role or binding is in the input (the default policy the engine adds is not: findings never point at it). */
  isInInput(ref: RbacObjectRef): boolean;
}

const cache = new WeakMap<Estate, Map<string, ClusterRbac[]>>();

/** One RBAC index per cluster of the estate (one for an estate whose inputs name no cluster). */
export function rbacOfEstate(estate: Estate, kubernetesVersion?: string): ClusterRbac[] {
  let byVersion = cache.get(estate);
  if (byVersion === undefined) {
    byVersion = new Map();
    cache.set(estate, byVersion);
  }
  const key = kubernetesVersion ?? '';
  let clusters = byVersion.get(key);
  if (clusters === undefined) {
    clusters = buildClusters(estate, kubernetesVersion);
    byVersion.set(key, clusters);
  }
  return clusters;
}

/** The RBAC of the cluster an object belongs to. */
export function rbacOfObject(estate: Estate, object: K8sObject, kubernetesVersion?: string): ClusterRbac {
  const clusters = rbacOfEstate(estate, kubernetesVersion);
  return clusters.find((entry) => entry.cluster === object.source.cluster) ?? clusters[0];
}

interface ClusterObjects {
  all: K8sObject[];
  /** The roles, bindings, service accounts and namespaces, in input order: 30,000 of 140,000 objects at 50,000 pods. */
  rbac: K8sObject[];
}

function buildClusters(estate: Estate, kubernetesVersion: string | undefined): ClusterRbac[] {
  const byCluster = new Map<string | undefined, ClusterObjects>();
  for (const object of estate.objects) {
    let entry = byCluster.get(object.source.cluster);
    if (entry === undefined) byCluster.set(object.source.cluster, (entry = { all: [], rbac: [] }));
    if (isInventoryKind(object.kind)) entry.rbac.push(object);
  }
  if (byCluster.size === 0) byCluster.set(undefined, { all: [], rbac: [] });
  // One cluster's objects are the estate's: listed again only when the estate holds several.
  if (byCluster.size > 1) for (const object of estate.objects) byCluster.get(object.source.cluster)?.all.push(object);
  const names = [...byCluster.keys()].sort((a, b) => compareText(a ?? '', b ?? ''));
  return names.map((cluster) => {
    const entry = byCluster.get(cluster) ?? { all: [], rbac: [] };
    return clusterRbac(cluster, byCluster.size === 1 ? estate.objects : entry.all, entry.rbac, estate.defaultNamespace, kubernetesVersion);
  });
}

function clusterRbac(
  cluster: string | undefined,
  objects: readonly K8sObject[],
  rbacObjects: readonly K8sObject[],
  defaultNamespace: string,
  kubernetesVersion: string | undefined,
): ClusterRbac {
  const index = buildRbacIndex(rbacObjects, { defaultNamespace, ...(kubernetesVersion !== undefined ? { kubernetesVersion } : {}) });
  // Each of ~20 rules asks about each of 17,000 bindings: the object is found by the reference itself (see
  // objectOfRef), where a key string per question cost more than the rest of their work.
  const objectOf = (ref: RbacObjectRef): K8sObject | undefined => objectOfRef(ref);
  const platform = new WeakMap<RbacObjectRef, boolean>();
  return {
    cluster,
    index,
    objects,
    objectOf,
    isPlatform(ref) {
      let answer = platform.get(ref);
      if (answer === undefined) {
        const object = ref.isDefault ? undefined : objectOf(ref);
        answer = ref.isDefault || (object !== undefined && isPlatformComponent(object));
        platform.set(ref, answer);
      }
      return answer;
    },
    // A reference to the input resolves to an input object; the default policy's never does.
    isInInput: (ref) => !ref.isDefault && objectOf(ref) !== undefined,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
