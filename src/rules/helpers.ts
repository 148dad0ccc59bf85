/** Iteration helpers shared by rules: each walks the model once, so rules stay linear in the estate. */
import type { Estate } from '../model/estate.js';
import type { Container, Workload } from '../model/workload.js';
import { asArray, asRecord, asString, isRecord, type JsonRecord } from '../model/json.js';
import type { FieldPath, K8sObject } from '../model/object.js';
import { SYSTEM_NAMESPACES } from '../model/platform.js';

const analysedCache = new WeakMap<Estate, readonly Workload[]>();
const byNamespaceCache = new WeakMap<Estate, ReadonlyMap<string, readonly Workload[]>>();

/**
 * Workloads analysed on their own: a ReplicaSet whose Deployment is in the input is analysed through the Deployment.
 * Computed once per estate (every rule asks).
 */
export function analysedWorkloads(estate: Estate): readonly Workload[] {
  let analysed = analysedCache.get(estate);
  if (analysed === undefined) {
    analysed = estate.workloads.filter((workload) => workload.managedBy === undefined);
    analysedCache.set(estate, analysed);
  }
  return analysed;
}

/** The analysed workloads of one namespace (of any cluster), without scanning the others. */
export function analysedWorkloadsIn(estate: Estate, namespace: string): readonly Workload[] {
  let byNamespace = byNamespaceCache.get(estate);
  if (byNamespace === undefined) {
    const index = new Map<string, Workload[]>();
    for (const workload of analysedWorkloads(estate)) {
      const list = index.get(workload.namespace);
      if (list === undefined) index.set(workload.namespace, [workload]);
      else list.push(workload);
    }
    byNamespace = index;
    byNamespaceCache.set(estate, byNamespace);
  }
  return byNamespace.get(namespace) ?? [];
}

/**
 * Every container of the analysed workloads: their templates' and, after them, those their Pods were given at admission
 * (Workload.admitted), whose paths are from the Pod they were read from (the engine locates the finding there).
 */
export function forEachContainer(estate: Estate, visit: (workload: Workload, container: Container) => void): void {
  for (const workload of analysedWorkloads(estate)) {
    for (const container of workload.containers) visit(workload, container);
    for (const container of workload.admitted) visit(workload, container);
  }
}

/** Several names in a message: the first few, then how many more. */
export function listNames(names: readonly string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

const labelCache = new WeakMap<Workload, string>();

/**
 * `Deployment shop/api`. Remembered per workload: findings keep it in their message data, and a workload has a
 * dozen findings or more, each of which held a string of its own (at 50,000 pods, 270,000 findings).
 */
export function workloadLabel(workload: Workload): string {
  let label = labelCache.get(workload);
  if (label === undefined) labelCache.set(workload, (label = `${workload.kind} ${workload.namespace}/${workload.name}`));
  return label;
}

export interface VolumeEntry {
  name: string;
  index: number;
  path: FieldPath;
  spec: JsonRecord;
}

export function volumes(workload: Workload): VolumeEntry[] {
  return asArray(workload.spec.volumes).flatMap((entry, index) =>
    isRecord(entry) ? [{ name: asString(entry.name) ?? `volumes[${index}]`, index, path: workload.specPath.concat('volumes', index), spec: entry }] : [],
  );
}

export interface MountEntry {
  container: Container;
  index: number;
  path: FieldPath;
  mountPath: string;
  readOnly: boolean;
}

/** The mounts of a volume in every container, with whether each is read-only. */
export function mountsOf(workload: Workload, volumeName: string): MountEntry[] {
  const mounts: MountEntry[] = [];
  for (const container of workload.containers) {
    asArray(container.spec.volumeMounts).forEach((entry, index) => {
      const mount = asRecord(entry);
      if (!mount || asString(mount.name) !== volumeName) return;
      // concat, not a spread literal: findings keep these paths, and a spread reserves ~20 slots.
      mounts.push({ container, index, path: container.path.concat('volumeMounts', index), mountPath: asString(mount.mountPath) ?? '', readOnly: mount.readOnly === true });
    });
  }
  return mounts;
}

/** Namespace objects in the input, without the cluster's own (kube-system, kube-public, kube-node-lease). */
export function userNamespaces(estate: Estate): K8sObject[] {
  return (estate.byKind.get('Namespace') ?? []).filter((namespace) => !SYSTEM_NAMESPACES.has(namespace.metadata.name));
}

/** The analysed workloads of each namespace. */
export function workloadsByNamespace(estate: Estate): Map<string, Workload[]> {
  const out = new Map<string, Workload[]>();
  for (const workload of analysedWorkloads(estate)) {
    const list = out.get(workload.namespace);
    if (list) list.push(workload);
    else out.set(workload.namespace, [workload]);
  }
  return out;
}

/**
 * The cluster itself, for findings about something the estate lacks (no log shipper, no runtime detection): such a
 * finding has no manifest to point at.
 */
export function clusterObject(estate: Estate): K8sObject {
  const cluster = estate.objects.find((object) => object.source.cluster)?.source.cluster;
  return {
    apiVersion: 'kubethreat.io/v1',
    kind: 'Cluster',
    metadata: { name: cluster ?? 'cluster', labels: {}, annotations: {} },
    raw: {},
    // A named cluster's finding names it as its objects' findings do (reports group and filter by it).
    source: { file: '(the estate as a whole)', line: 0, column: 0, document: 0, pathInDocument: [], ...(cluster !== undefined ? { cluster } : {}) },
  };
}

/**
 * Whether the input describes a whole cluster rather than one application: findings about what a cluster lacks
 * (monitoring, log shipping) would be noise on a single application's manifests.
 */
export function looksLikeWholeCluster(estate: Estate): boolean {
  if (estate.objects.some((object) => object.metadata.namespace === 'kube-system' || object.kind === 'Node')) return true;
  return workloadsByNamespace(estate).size >= 3;
}
