/**
 * The typed, indexed model of an estate: every object once, with its effective namespace, workloads with their
 * containers, and indexes by kind and namespace. Building it is linear in the number of objects.
 */
import type { InputProblem } from '../load/problems.js';
import type { K8sObject } from './object.js';
import { controllerOf, objectKey, objectRef } from './object.js';
import { CLUSTER_SCOPED_KINDS, KNOWN_KINDS } from './kinds.js';
import { buildWorkload, type Workload } from './workload.js';
import { IdentityIndex } from './identity-index.js';
import { attachAdmittedContainers } from './admitted-containers.js';
import { SharedValues } from './shared-values.js';

export interface NamespaceInfo {
  name: string;
  /** The Namespace object, when the input has it. */
  object: K8sObject | undefined;
  /** Its labels, including the automatic kubernetes.io/metadata.name. */
  labels: Record<string, string>;
}

export interface Estate {
  /** Every object once, the first copy of duplicates. The input list itself when that is every object as given. */
  objects: readonly K8sObject[];
  byKind: ReadonlyMap<string, readonly K8sObject[]>;
  namespaces: ReadonlyMap<string, NamespaceInfo>;
  workloads: readonly Workload[];
  /** Keyed by `namespace/name`. */
  serviceAccounts: ReadonlyMap<string, K8sObject>;
  defaultNamespace: string;
  problems: readonly InputProblem[];
}

export interface EstateOptions {
  /** Where objects without a namespace live, as kubectl decides it (default "default"). */
  defaultNamespace?: string;
}

export function isClusterScoped(object: K8sObject): boolean {
  return CLUSTER_SCOPED_KINDS.has(object.kind);
}

export function buildEstate(input: readonly K8sObject[], options: EstateOptions = {}): Estate {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const problems: InputProblem[] = [];
  const identities = new IdentityIndex();
  const shared = new SharedValues();
  // The input list itself while every object is kept as it is (no duplicate, no namespace added or dropped): a copy
  // of the 400,000 references of a 150,000-pod dump is 3 MB, 4 MB as grown by push. Copied from the first difference.
  let objects: K8sObject[] | undefined;
  const byKind = new Map<string, K8sObject[]>();
  const namespaces = new Map<string, NamespaceInfo>();
  const workloads: Workload[] = [];
  const unknownKinds = new Set<string>();
  // Said after the duplicates, as they always were.
  const notices: InputProblem[] = [];

  // One pass: 400,000 objects at 150,000 pods, where each pass over them costs (cache misses on every object).
  for (let index = 0; index < input.length; index++) {
    const original = input[index];
    const object = withNamespace(original, defaultNamespace);
    const first = identities.firstOrAdd(object);
    if (first || object !== original) objects ??= input.slice(0, index);
    if (first) {
      problems.push({
        severity: 'warning',
        file: object.source.file,
        line: object.source.line,
        column: object.source.column,
        message: `duplicate object ${objectKey(objectRef(object))}, first defined at ${first.source.file}:${first.source.line}`,
        skipped: 'this copy (the first one is analysed)',
        hint: 'remove one copy, or scan the two sets separately',
      });
      continue;
    }
    objects?.push(object);
    const list = byKind.get(object.kind);
    if (list) list.push(object);
    else byKind.set(object.kind, [object]);
    if (object.kind === 'Namespace') addNamespace(namespaces, object.metadata.name, object);
    else if (object.metadata.namespace) addNamespace(namespaces, object.metadata.namespace);
    // One notice per kind, on its first object, unless that one is a workload (a custom kind with a pod template).
    const firstOfUnknownKind = !KNOWN_KINDS.has(object.kind) && !unknownKinds.has(object.kind);
    if (firstOfUnknownKind) unknownKinds.add(object.kind);
    const workload = buildWorkload(object, object.metadata.namespace ?? defaultNamespace, shared);
    if (workload) workloads.push(workload);
    else if (firstOfUnknownKind) {
      notices.push({
        severity: 'notice',
        file: object.source.file,
        line: object.source.line,
        column: object.source.column,
        message: `kind ${object.kind} (${object.apiVersion}) is not a kind kubethreat analyses; its objects are kept in the model but no rule reads them`,
      });
    }
  }
  for (const notice of notices) problems.push(notice);
  markManagedWorkloads(workloads);

  const serviceAccounts = new Map<string, K8sObject>();
  for (const account of byKind.get('ServiceAccount') ?? []) serviceAccounts.set(`${account.metadata.namespace}/${account.metadata.name}`, account);

  return {
    objects: objects === undefined ? input : objects.slice(), // exact-size: a list grown by push has spare slots
    byKind,
    namespaces: new Map([...namespaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    workloads,
    serviceAccounts,
    defaultNamespace,
    problems,
  };
}

/** A namespace named by an object in it, or by its Namespace object (whose labels then count). */
function addNamespace(namespaces: Map<string, NamespaceInfo>, name: string, object?: K8sObject): void {
  const existing = namespaces.get(name);
  if (existing && (existing.object || !object)) return;
  const labels = { ...(object?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  namespaces.set(name, { name, object, labels });
}

function withNamespace(object: K8sObject, defaultNamespace: string): K8sObject {
  if (isClusterScoped(object)) {
    if (object.metadata.namespace === undefined) return object;
    const metadata = { ...object.metadata };
    delete metadata.namespace; // the API server ignores it on cluster-scoped kinds
    return { ...object, metadata };
  }
  if (object.metadata.namespace) return object;
  return { ...object, metadata: { ...object.metadata, namespace: defaultNamespace } };
}

/**
 * A ReplicaSet owned by a Deployment in the same input (or a Pod owned by a ReplicaSet) is analysed through its owner,
 * with the containers its Pods were given at admission (admitted-containers.ts).
 */
function markManagedWorkloads(workloads: Workload[]): void {
  const byUid = new Map<string, Workload>();
  for (const workload of workloads) if (workload.object.metadata.uid) byUid.set(workload.object.metadata.uid, workload);
  // By name only when an owner's uid is missing or unknown: kubectl writes uids, so a dump builds no name key at all.
  let byName: Map<string, Workload> | undefined;
  const ownerOf = (workload: Workload): Workload | undefined => {
    const owner = controllerOf(workload.object.metadata);
    if (!owner) return undefined;
    let found = owner.uid ? byUid.get(owner.uid) : undefined;
    if (!found) {
      byName ??= workloadsByName(workloads);
      found = byName.get(`${workload.namespace}/${owner.kind}/${owner.name}`);
    }
    return found !== workload ? found : undefined;
  };
  for (const workload of workloads) {
    const found = ownerOf(workload);
    if (found) workload.managedBy = found.ref;
  }
  attachAdmittedContainers(workloads, (workload) => (workload.managedBy === undefined ? undefined : ownerOf(workload)));
}

function workloadsByName(workloads: readonly Workload[]): Map<string, Workload> {
  const byName = new Map<string, Workload>();
  for (const workload of workloads) byName.set(`${workload.namespace}/${workload.kind}/${workload.name}`, workload);
  return byName;
}

export { apiGroup } from './identity-index.js';

export function objectsOfKind(estate: Estate, kind: string): readonly K8sObject[] {
  return estate.byKind.get(kind) ?? [];
}
